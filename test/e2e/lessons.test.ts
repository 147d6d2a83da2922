/**
 * Guided lessons in Chromium (issue 13): every lesson walked to its end, each question answered wrong and then
 * right, where "right" is what the engine computes for that beat's runs here in Node (so the page's answer is
 * the run's, not a key); links open a lesson at a beat, unknown ones get the usual notice; the lessons pass axe
 * at 1280x800, 834x504 (embed) and 375 px, light and dark; a question works with the keyboard alone.
 * Needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { answerQuestion, findScenario, generateLabPki, MODES, runScenario, summarize, type Beat, type LabPki, type LessonRuns, type QuestionAnswer } from '../../src/sim/engine';
import { LESSONS } from '../../src/sim/content/lessons/index';
import { waitForReady } from '../../scripts/lib/browser/app';
import { startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { expectNoAxeViolations, expectTextSoon } from './helpers/expectations';

const lessonPanel = (page: Page): Locator => page.locator('aside.lessons');
const feedback = (page: Page): Locator => lessonPanel(page).locator('.lesson-question [role="status"]');

describe('guided lessons', () => {
  let app: AppHarness;
  let pki: LabPki;
  const errors: string[] = [];
  const runCache = new Map<string, LessonRuns>();

  beforeAll(async () => {
    [app, pki] = await Promise.all([startApp(), generateLabPki()]);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The beat's three runs, computed here exactly as the page's worker computes them (seed 1, the beat's options). */
  function answerFor(beat: Beat): QuestionAnswer {
    const key = JSON.stringify([beat.setup.scenarioId, beat.setup.options ?? {}]);
    let runs = runCache.get(key);
    if (!runs) {
      runs = {};
      for (const mode of MODES) {
        const timeline = runScenario(findScenario(beat.setup.scenarioId)!, { mode, seed: 1, options: beat.setup.options ?? {} }, pki);
        runs[mode] = { timeline, summary: summarize(timeline) };
      }
      runCache.set(key, runs);
    }
    const answer = answerQuestion(beat.question!.spec, runs, beat.setup.mode);
    if (!answer) throw new Error(`question ${beat.question!.id} has no answer in its runs`);
    return answer;
  }

  /** Ticks exactly `ids` among the question's inputs, then presses Check. */
  async function answerWith(question: Locator, ids: readonly string[], multiple: boolean): Promise<void> {
    if (multiple) {
      for (const input of await question.locator('input[type="checkbox"]').all()) {
        await input.setChecked(ids.includes((await input.getAttribute('value'))!));
      }
    } else {
      await question.locator(`input[value="${ids[0]}"]`).check();
    }
    await question.getByRole('button', { name: 'Check' }).click();
  }

  it('every lesson can be walked to its end, each question answered wrong and then right', async () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(10);
    const { page, consoleErrors } = await app.openApp('');
    await waitForReady(page, 'passthrough');
    await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: LESSONS[0]!.title }).click();
    for (const [l, lesson] of LESSONS.entries()) {
      for (const [b, beat] of lesson.beats.entries()) {
        const where = `${lesson.id} beat ${b + 1}`;
        await lessonPanel(page).getByRole('heading', { name: beat.title, exact: true }).waitFor();
        await expect.poll(() => page.url(), { message: where }).toContain(`lesson=${lesson.id}&beat=${b + 1}`);
        if (beat.question) {
          const expected = answerFor(beat);
          const question = lessonPanel(page).getByRole('group', { name: beat.question.prompt });
          await question.getByRole('button', { name: 'Check' }).and(page.locator(':enabled')).waitFor();
          const shown = await question.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
          expect(shown, where).toEqual(expected.choices.map((c) => c.id));
          const wrong = expected.choices.map((c) => c.id).filter((id) => !expected.correct.includes(id));
          if (wrong.length > 0) {
            await answerWith(question, [wrong[0]!], expected.multiple);
            await expectTextSoon(feedback(page), /^Not quite\./);
          }
          await answerWith(question, expected.multiple ? expected.correct : [expected.correct[0]!], expected.multiple);
          await expectTextSoon(feedback(page), /^Correct\./);
        }
        if (b < lesson.beats.length - 1) await lessonPanel(page).getByRole('button', { name: 'Next beat' }).click();
      }
      await lessonPanel(page).getByRole('button', { name: 'Finish the lesson' }).click();
      const next = LESSONS[l + 1];
      if (next) await lessonPanel(page).getByRole('button', { name: `Next lesson: ${next.title}` }).click();
      else await lessonPanel(page).getByText(`You finished “${lesson.title}”.`).waitFor();
    }
    errors.push(...consoleErrors);
    await page.context().close();
  });

  it('a link opens a lesson at a beat; an unknown lesson gets the usual notice and the list', async () => {
    const lesson = LESSONS[0]!;
    const { page, consoleErrors } = await app.openApp(`?lesson=${lesson.id}&beat=3`);
    await lessonPanel(page).getByRole('heading', { name: lesson.beats[2]!.title, exact: true }).waitFor();
    await waitForReady(page, lesson.beats[2]!.setup.mode);
    await expect.poll(() => page.url()).toContain(`lesson=${lesson.id}&beat=3`);
    errors.push(...consoleErrors);
    await page.context().close();

    const bad = await app.openApp('?lesson=no-such-lesson&beat=2');
    await bad.page.getByTestId('url-notices').filter({ hasText: 'Ignored lesson=no-such-lesson' }).waitFor();
    await bad.page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: lesson.title }).waitFor();
    errors.push(...bad.consoleErrors);
    await bad.context.close();
  });

  it('passes axe in lessons at 1280x800, 834x504 (embed) and 375 px, light and dark, and works by keyboard', async () => {
    const lesson = LESSONS[0]!;
    const beat = lesson.beats.findIndex((b) => b.question && !b.question.predict);
    for (const [theme, viewport, embed] of [
      ['light', { width: 1280, height: 800 }, false], ['dark', { width: 1280, height: 800 }, false],
      ['light', { width: 834, height: 504 }, true], ['dark', { width: 375, height: 740 }, false],
    ] as const) {
      const where = `${theme} ${viewport.width}x${viewport.height}${embed ? ' embed' : ''}`;
      const { page, consoleErrors } = await app.openApp(`?lesson=${lesson.id}&beat=${beat + 1}&theme=${theme}${embed ? '&embed=1&panels=narration' : ''}`, { viewport });
      const question = lessonPanel(page).getByRole('group', { name: lesson.beats[beat]!.question!.prompt });
      await question.getByRole('button', { name: 'Check' }).and(page.locator(':enabled')).waitFor();
      if (theme === 'light' && !embed) {
        // Keyboard only: Tab into the first choice, Space ticks it, Tab to Check, Enter checks.
        await question.locator('input').first().focus();
        await page.keyboard.press('Space');
        const inputs = await question.locator('input').count();
        for (let i = 0; i < inputs; i++) await page.keyboard.press('Tab');
        await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Check');
        await page.keyboard.press('Enter');
        await expectTextSoon(feedback(page), /^(Correct|Not quite)\./);
      }
      await expectNoAxeViolations(page, `lesson, ${where}`);
      errors.push(...consoleErrors);
      await page.context().close();
    }
  });

  it('logged no console errors or uncaught exceptions', () => {
    expect(errors).toEqual([]);
  });
});
