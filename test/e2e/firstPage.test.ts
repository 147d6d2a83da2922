/**
 * The first page in a real browser, built and served as it ships: the engine worker starts, every mode shows
 * its run, and the key lesson is visible (passthrough: the load balancer only sees ciphertext; offloading and
 * bridging: it reads the requests). Needs `npm run build` first (`npm test` does it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MODE_LABELS, type Mode } from '../../src/sim/index';
import { chooseMode, chooseScenario, eventLog, modeRadio, summaryRegion, waitForReady } from './helpers/app';
import { DEFAULT_VIEWPORT, ENGINE_TIMEOUT_MS, formatViolations, runAxe, saveScreenshot, startApp, type AppHarness } from './helpers/browser';

const EMBED_VIEWPORT = { width: 834, height: 504 } as const; // PhET's default iframe size (QUALITY.md)

interface ModeExpectation {
  readonly mode: Mode;
  readonly lbReadHttp: RegExp;
  /** The badge on every client → lb "Application data" row. */
  readonly lbBadge: string;
}

const EXPECTATIONS: readonly ModeExpectation[] = [
  { mode: 'passthrough', lbReadHttp: /^no: it only saw TLS records$/, lbBadge: 'Load balancer: sees ciphertext' },
  { mode: 'offload', lbReadHttp: /^yes: /, lbBadge: 'Load balancer: reads it' },
  { mode: 'bridge', lbReadHttp: /^yes: /, lbBadge: 'Load balancer: reads it' },
];

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `axe violations (${where}):\n${formatViolations(violations)}`).toEqual([]);
}

describe('first page (built app in Chromium)', () => {
  let app: AppHarness;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    app = await startApp();
    ({ page, consoleErrors } = await app.openApp('', { viewport: DEFAULT_VIEWPORT }));
    await waitForReady(page, 'passthrough');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('names the three modes in the "Termination mode" group, passthrough checked first', async () => {
    for (const { mode } of EXPECTATIONS) await expect(modeRadio(page, mode).isVisible()).resolves.toBe(true);
    expect(await modeRadio(page, 'passthrough').isChecked()).toBe(true);
  });

  for (const { mode, lbReadHttp, lbBadge } of EXPECTATIONS) {
    it(`${MODE_LABELS[mode]}: ClientHello in the log, the summary and the LB badges tell the lesson`, async () => {
      await chooseMode(page, mode);
      expect(await modeRadio(page, mode).isChecked()).toBe(true);

      const rows = eventLog(page).getByRole('listitem');
      await expect(rows.filter({ hasText: 'ClientHello' }).count()).resolves.toBeGreaterThan(0);

      const lbRead = summaryRegion(page).locator('dt', { hasText: 'Load balancer read HTTP' }).locator('xpath=following-sibling::dd[1]');
      expect((await lbRead.textContent())?.trim()).toMatch(lbReadHttp);

      const appData = rows.filter({ hasText: 'client → lb' }).filter({ hasText: 'Application data' });
      const texts = await appData.allTextContents();
      expect(texts.length, 'client → lb "Application data" rows').toBeGreaterThan(0);
      for (const text of texts) expect(text).toContain(lbBadge);

      await expectNoAxeViolations(page, `${mode}, ${DEFAULT_VIEWPORT.width}x${DEFAULT_VIEWPORT.height}`);
      await saveScreenshot(page, `first-page-${mode}-${DEFAULT_VIEWPORT.width}x${DEFAULT_VIEWPORT.height}`);
      await page.setViewportSize(EMBED_VIEWPORT);
      try {
        await expectNoAxeViolations(page, `${mode}, ${EMBED_VIEWPORT.width}x${EMBED_VIEWPORT.height}`);
        await saveScreenshot(page, `first-page-${mode}-${EMBED_VIEWPORT.width}x${EMBED_VIEWPORT.height}`);
      } finally {
        await page.setViewportSize(DEFAULT_VIEWPORT);
      }
    });
  }

  it('the "Expired certificate" scenario shows the failure', async () => {
    await chooseMode(page, 'passthrough');
    await chooseScenario(page, 'expired', 'passthrough');
    const failures = summaryRegion(page).locator('dt', { hasText: 'Failures' }).locator('xpath=following-sibling::dd[1]');
    await failures.waitFor({ state: 'visible', timeout: ENGINE_TIMEOUT_MS });
    expect(await failures.textContent()).toMatch(/certificate_expired|expired/i);
    await expectNoAxeViolations(page, 'expired scenario');
    await saveScreenshot(page, 'first-page-expired-passthrough-1280x800');
  });

  it('logged no console errors or uncaught exceptions', () => {
    expect(consoleErrors).toEqual([]);
  });
});
