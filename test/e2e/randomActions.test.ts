/**
 * Never stuck: an impatient learner's burst of seeded random actions (clicks, toggles, scenario and option
 * changes, scrubbing, keys, at most 30 ms apart) must leave the page, within 10 s of the last action, showing a
 * ready run of whatever state it ended in: the same run a fresh load of the page's own link computes. No page
 * errors, and the heap does not grow with the number of actions. Built app in Debian Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MODE_LABELS, MODES, type Mode } from '../../src/sim/index';
import { measureHeap } from '../../scripts/lib/heap';
import { waitForReady } from '../../scripts/lib/browser/app';
import { startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { runRandomActions } from './helpers/randomActions';

/**
 * One seed in every `npm test` (the suite's time budget); RANDOM_ACTION_SEEDS=11,2026,90125 runs more, as the
 * issue's three-seed check did. Each seed's figures are printed.
 */
const SEEDS: readonly number[] = (process.env.RANDOM_ACTION_SEEDS ?? '2026').split(',').map(Number).filter(Number.isInteger);
const ACTIONS = 2000;
const SETTLE_MS = 10_000;

async function checkedMode(page: Page): Promise<Mode> {
  const label = await page.getByRole('group', { name: 'Termination mode' }).locator('input:checked').evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '');
  const mode = MODES.find((m) => label.startsWith(MODE_LABELS[m]));
  if (!mode) throw new Error(`no mode radio is checked (label "${label}")`);
  return mode;
}

/** "<Mode>: N events ready." as the number of events. */
async function readyEvents(page: Page, mode: Mode): Promise<number> {
  const text = await page.getByRole('status').filter({ hasText: new RegExp(`^${MODE_LABELS[mode]}: \\d+ events ready\\.$`) }).textContent();
  return Number(/(\d+) events/.exec(text ?? '')?.[1]);
}

describe('random actions (built app in Chromium)', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: ${ACTIONS} fast actions end in a ready run of the final state, with no errors and a flat heap`, async () => {
      const { page, context, consoleErrors } = await app.openApp('');
      await waitForReady(page, 'passthrough');
      // A short warm-up loads the lazy chunks and fills the caches a long burst would find full anyway.
      await runRandomActions(page, { seed: seed + 1, actions: 200, maxGapMs: 30 });
      await page.keyboard.press('Escape');
      const before = await measureHeap(page);

      const report = await runRandomActions(page, { seed, actions: ACTIONS, maxGapMs: 30 });
      const mode = await checkedMode(page);
      await waitForReady(page, mode, SETTLE_MS).catch(async (error: Error) => {
        const seen = await page.evaluate(() => [...document.querySelectorAll('[role="status"]')].map((el) => el.textContent).join(' | '));
        throw new Error(`${error.message}\nseed ${seed}: stuck at ${page.url()}\nstatus: ${seen}`);
      });
      const events = await readyEvents(page, mode);
      const after = await measureHeap(page);
      const link = page.url();
      console.info(`random actions seed ${seed}: ${ACTIONS} actions in ${report.ms} ms (${JSON.stringify(report.kinds)}); ended at ${link.slice(link.indexOf('?'))}; `
        + `${events} events ready; page heap ${(before.pageBytes / 1e6).toFixed(1)} -> ${(after.pageBytes / 1e6).toFixed(1)} MB, `
        + `worker ${(before.workerBytes / 1e6).toFixed(1)} -> ${(after.workerBytes / 1e6).toFixed(1)} MB`);

      // The run on screen is the run of the state on screen: a fresh load of the page's own link agrees.
      const fresh = await app.openApp(link.slice(app.url.length));
      await waitForReady(fresh.page, mode);
      expect(await readyEvents(fresh.page, mode)).toBe(events);
      await fresh.context.close();

      // Flat: 2000 actions leave no more than a few megabytes behind (the runs on screen are replaced, not kept).
      expect(after.pageBytes).toBeLessThan(before.pageBytes * 1.5 + 8e6);
      expect(after.workerBytes).toBeLessThan(before.workerBytes * 1.5 + 16e6);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});
