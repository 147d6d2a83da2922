/**
 * The beginner's view in the built app, in Chromium: "Show every packet" is there in both views; unticked, the step
 * list of basic is at most 12 key moments in every mode; Next goes to the next moment; the keyboard alone moves
 * along the moments; axe reports nothing. One page, a few waits. Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MODES } from '../../src/sim/index';
import { chooseMode, stepList, waitForReady } from '../../scripts/lib/browser/app';
import { DEFAULT_VIEWPORT, startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { expectNoAxeViolations } from './helpers/expectations';

const toggle = (page: Page) => page.getByRole('checkbox', { name: 'Show every packet' });
const rows = (page: Page) => stepList(page).getByRole('button');
const currentRow = (page: Page) => stepList(page).locator('[aria-current="step"]');

describe('beginner view (built app in Chromium)', () => {
  let app: AppHarness;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    ({ page } = await app.openApp('', { viewport: DEFAULT_VIEWPORT }));
    await waitForReady(page, 'passthrough');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the toggle is shown with every packet, and unticking it lists the key moments', async () => {
    expect(await toggle(page).isChecked()).toBe(true);
    expect(await rows(page).count()).toBeGreaterThan(12);
    await toggle(page).uncheck();
    await stepList(page).getByText('Name lookup').waitFor();
    expect(await toggle(page).isVisible()).toBe(true);
  });

  for (const mode of MODES) {
    it(`${mode}: basic is at most 12 moments`, async () => {
      await chooseMode(page, mode);
      await page.locator('[data-step-list]:not([aria-busy="true"])').waitFor();
      const count = await rows(page).count();
      expect(count).toBeGreaterThan(4);
      expect(count).toBeLessThanOrEqual(12);
    });
  }

  it('Next goes to the next moment, and the keyboard alone moves along them; axe clean', async () => {
    const start = page.getByRole('button', { name: 'Start (jump to start)' });
    if (await start.isEnabled()) await start.click();
    await expect.poll(() => currentRow(page).textContent()).toMatch(/Name lookup/);
    await page.getByRole('button', { name: 'Next moment' }).click();
    await expect.poll(() => currentRow(page).textContent()).toMatch(/Connection/);
    await currentRow(page).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => currentRow(page).textContent()).toMatch(/Hello/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('step');
    // Tab leaves the row for its own glossary links (the other rows' links are not in the Tab order).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.moment-row.current') !== null && document.activeElement?.tagName === 'A')).toBe(true);
    await page.getByRole('region', { name: 'What is happening' }).locator('.narration-moment').filter({ hasText: 'Hello' }).waitFor();
    await expectNoAxeViolations(page, 'key moments');
  });
});
