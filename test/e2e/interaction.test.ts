/**
 * Using the simulator the ways learners do: keyboard only, with reduced motion, and typing hostile text into the
 * request editor. Built app in Debian Chromium; needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  chooseMode, inspector, modeRadio, readCounter, selectStep, stepCounter, waitForReady,
} from '../../scripts/lib/browser/app';
import { startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { expectNoAxeViolations, expectTextSoon } from './helpers/expectations';

const XSS = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>';

/** Presses Tab until the focused element matches, and returns how many presses it took (throws after `max`). */
async function tabTo(page: Page, test: (el: { name: string; tag: string; current: boolean }) => boolean, max = 400): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { name: a?.getAttribute('aria-label') ?? a?.textContent?.trim().slice(0, 60) ?? '', tag: a?.tagName ?? '', current: a?.getAttribute('aria-current') === 'step' };
    });
    if (test(el)) return i;
  }
  throw new Error('focus never reached the target');
}

/** The focused element shows a visible focus indicator (WCAG 2.4.7). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  });
}

/** Samples (step counter, packet transforms) while playing, for `ms` milliseconds. */
async function samplePlayback(page: Page, ms: number): Promise<Array<{ step: string; packets: string }>> {
  return page.evaluate(async (duration) => {
    const out: Array<{ step: string; packets: string }> = [];
    const end = performance.now() + duration;
    while (performance.now() < end) {
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      out.push({
        step: document.querySelector('[data-testid="step-counter"]')?.textContent ?? '',
        packets: Array.from(document.querySelectorAll('.packet')).filter((p) => getComputedStyle(p).visibility === 'visible')
          .map((p) => `${p.getAttribute('data-packet')}@${getComputedStyle(p).transform}`).join('|'),
      });
    }
    return out;
  }, ms);
}

/** True when, for some step, the drawn packets moved while that step was current. */
function movedWithinAStep(samples: Array<{ step: string; packets: string }>): boolean {
  const byStep = new Map<string, Set<string>>();
  for (const s of samples) byStep.set(s.step, (byStep.get(s.step) ?? new Set()).add(s.packets));
  return [...byStep.values()].some((set) => set.size > 1);
}

describe('interaction (built app in Chromium)', () => {
  let app: AppHarness;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keyboard only: mode switch, play and pause, stepping, the step list and the inspector, with visible focus and no trap', async () => {
    const { page, consoleErrors } = await app.openApp('');
    await waitForReady(page, 'passthrough');
    // The mode radio group is one tab stop; arrows choose the mode.
    await tabTo(page, (el) => el.tag === 'INPUT');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await waitForReady(page, 'offload');
    expect(await modeRadio(page, 'offload').isChecked()).toBe(true);

    await tabTo(page, (el) => el.name === 'Play');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await page.keyboard.press('Home');
    expect((await readCounter(page)).step).toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect((await readCounter(page)).step).toBe(3);
    await page.keyboard.press('ArrowLeft');
    expect((await readCounter(page)).step).toBe(2);
    await page.keyboard.press('End');
    const { step, of } = await readCounter(page);
    expect(step).toBe(of);

    // The step list is one tab stop (the current row); Up and Down move along it and the focus follows.
    await tabTo(page, (el) => el.current);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect((await readCounter(page)).step).toBe(of - 2);
    // The list re-renders just after the stage (a deferred render); the focus then follows the current row.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-current') === 'step', undefined, { timeout: 5000 });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(`Step ${of - 2},`);

    // The inspector's "View as" select, by typing the option's first letters.
    await tabTo(page, (el) => el.tag === 'SELECT' && el.name.startsWith('Client'));
    await page.keyboard.type('Load');
    await expect(inspector(page).getByRole('combobox', { name: 'View as' }).inputValue()).resolves.toBe('lb');

    // No keyboard trap: Tab keeps moving and eventually wraps around to the start of the page.
    const visited = new Set<string>();
    let wrapped = false;
    for (let i = 0; i < 600 && !wrapped; i++) {
      await page.keyboard.press('Tab');
      const key = await page.evaluate(() => {
        const a = document.activeElement;
        return a === document.body || a === null ? 'body' : `${a.tagName}#${a.id}:${a.getAttribute('aria-label') ?? a.textContent?.slice(0, 30)}`;
      });
      if (key === 'body' || key.startsWith('SELECT#scenario-select')) wrapped = true;
      visited.add(key);
    }
    expect(wrapped).toBe(true);
    expect(visited.size).toBeGreaterThan(5);
    errors.push(...consoleErrors);
    await page.context().close();
  });

  it('reduced motion: packets jump from step to step instead of travelling', async () => {
    const reduced = await app.openApp('', { reducedMotion: 'reduce' });
    await waitForReady(reduced.page, 'passthrough');
    expect(await reduced.page.locator('.simulator').getAttribute('data-motion')).toBe('reduced');
    await reduced.page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await reduced.page.getByRole('button', { name: 'Play', exact: true }).click();
    const still = await samplePlayback(reduced.page, 4000);
    expect(new Set(still.map((s) => s.step)).size).toBeGreaterThan(3);
    expect(movedWithinAStep(still)).toBe(false);
    await expectNoAxeViolations(reduced.page, 'reduced motion');
    errors.push(...reduced.consoleErrors);
    await reduced.context.close();

    const full = await app.openApp('');
    await waitForReady(full.page, 'passthrough');
    expect(await full.page.locator('.simulator').getAttribute('data-motion')).toBe('full');
    await full.page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await full.page.getByRole('button', { name: 'Play', exact: true }).click();
    expect(movedWithinAStep(await samplePlayback(full.page, 4000))).toBe(true);
    errors.push(...full.consoleErrors);
    await full.context.close();
  });

  it('an XSS payload typed into the request editor is shown as text and never runs', async () => {
    const { page, consoleErrors } = await app.openApp('');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await waitForReady(page, 'passthrough');
    await page.locator('.request-editor summary').click();
    await page.getByRole('textbox', { name: /^Headers/ }).fill(`X-Note: ${XSS}`);
    await page.getByRole('textbox', { name: 'Body' }).fill(XSS);
    await page.getByRole('button', { name: 'Run with these requests' }).click();
    await page.locator('.request-editor summary', { hasText: '(edited)' }).waitFor();
    await waitForReady(page, 'passthrough');
    await chooseMode(page, 'offload');
    await selectStep(page, 'Client to Load balancer: Encrypted record'); // the request (TLS 1.3 hides the type)
    await inspector(page).getByRole('combobox', { name: 'View as' }).selectOption('lb');
    await expectTextSoon(inspector(page).getByTestId('observer-plaintext'), XSS);
    await selectStep(page, 'Load balancer to backend');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await expect(stepCounter(page).isVisible()).resolves.toBe(true);
    errors.push(...consoleErrors);
    await page.context().close();
  });

  it('logged no console errors or uncaught exceptions', () => {
    expect(errors).toEqual([]);
  });
});
