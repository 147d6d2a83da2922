/**
 * The simulator in a real browser, built and served as it ships: every mode played to the end, the inspector's
 * "View as load balancer" (ciphertext in passthrough, the request when the LB terminates TLS), stepping back and
 * forth, the mode switch, axe-core on every view and no console errors. Screenshots of each mode at 1280x800 and
 * 834x504 land in test-results/screenshots/ for reviewers. Needs `npm run build` first (`npm test` does it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MODE_LABELS, type Mode } from '../../src/sim/index';
import {
  capabilitiesRegion, chooseMode, chooseScenario, inspector, modeRadio, playToEnd, readCounter, selectStep, stepCounter, stepList, summaryRegion, waitForReady,
} from '../../scripts/lib/browser/app';
import { DEFAULT_VIEWPORT, startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { saveScreenshot } from './helpers/pageChecks';
import { expectNoAxeViolations, expectTextSoon } from './helpers/expectations';

const EMBED_VIEWPORT = { width: 834, height: 504 } as const; // PhET's default iframe size (QUALITY.md)

interface ModeExpectation {
  readonly mode: Mode;
  /** The summary's "Load balancer read HTTP" line. */
  readonly lbReadHttp: RegExp;
  /** What "View as: Load balancer" shows for the client's first application-data record. */
  readonly lbView: 'ciphertext' | 'request';
}

const EXPECTATIONS: readonly ModeExpectation[] = [
  { mode: 'passthrough', lbReadHttp: /^no: it only saw TLS records$/, lbView: 'ciphertext' },
  { mode: 'offload', lbReadHttp: /^yes: /, lbView: 'request' },
  { mode: 'bridge', lbReadHttp: /^yes: /, lbView: 'request' },
];

/** Everything a learner sees of the current step, once the page has settled (the panels render just after the stage). */
async function viewOf(page: Page): Promise<string[]> {
  let previous = '';
  for (let i = 0; i < 50; i++) {
    const view = await snapshot(page);
    if (JSON.stringify(view) === previous) return view;
    previous = JSON.stringify(view);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  throw new Error('the view never settled');
}

async function snapshot(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    document.querySelector('[data-testid="step-counter"]')?.textContent ?? '',
    document.querySelector('.narration')?.textContent ?? '',
    document.querySelector('[aria-current="step"]')?.textContent ?? '',
    document.querySelector('.inspector')?.textContent ?? '',
    Array.from(document.querySelectorAll('.packet')).map((p) => `${p.getAttribute('data-packet')}:${getComputedStyle(p).transform}:${getComputedStyle(p).visibility}`).join('|'),
  ]);
}

describe('simulator (built app in Chromium)', () => {
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

  it('draws the topology and names the three modes in the "Termination mode" group', async () => {
    await expect(page.locator('svg.topology-svg').isVisible()).resolves.toBe(true);
    for (const { mode } of EXPECTATIONS) await expect(modeRadio(page, mode).isVisible()).resolves.toBe(true);
    expect(await modeRadio(page, 'passthrough').isChecked()).toBe(true);
    expect(await stepCounter(page).textContent()).toMatch(/^Step 1 of \d+$/);
    await expectNoAxeViolations(page, 'first view');
  });

  for (const { mode, lbReadHttp, lbView } of EXPECTATIONS) {
    it(`${MODE_LABELS[mode]}: plays to the end; "View as Load balancer" shows the ${lbView}; axe clean at both sizes`, async () => {
      await chooseMode(page, mode);
      await page.getByRole('button', { name: 'Start (jump to start)' }).click().catch(() => undefined);
      await playToEnd(page);
      const { step, of } = await readCounter(page);
      expect(step).toBe(of);

      const lbRead = summaryRegion(page).locator('dt', { hasText: 'Load balancer read HTTP' }).locator('xpath=following-sibling::dd[1]');
      expect((await lbRead.textContent())?.trim()).toMatch(lbReadHttp);

      // TLS 1.3 (the default) hides the content type: the first bare "Encrypted record" the client sends after its
      // Finished ("ChangeCipherSpec, Encrypted record") is the first request.
      await selectStep(page, 'Client to Load balancer: Encrypted record');
      await inspector(page).getByRole('combobox', { name: 'View as' }).selectOption('lb');
      if (lbView === 'ciphertext') {
        await expect(inspector(page).getByTestId('observer-ciphertext').textContent()).resolves.toMatch(/^[0-9a-f]{2}( [0-9a-f]{2})+/);
        expect(await inspector(page).getByTestId('observer-plaintext').count()).toBe(0);
      } else {
        await expectTextSoon(inspector(page).getByTestId('observer-plaintext'), /^GET \/ HTTP\/1\.1/);
      }

      await expectNoAxeViolations(page, `${mode}, ${DEFAULT_VIEWPORT.width}x${DEFAULT_VIEWPORT.height}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, `simulator-${mode}-${DEFAULT_VIEWPORT.width}x${DEFAULT_VIEWPORT.height}`);
      await page.setViewportSize(EMBED_VIEWPORT);
      try {
        await expectNoAxeViolations(page, `${mode}, ${EMBED_VIEWPORT.width}x${EMBED_VIEWPORT.height}`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await saveScreenshot(page, `simulator-${mode}-${EMBED_VIEWPORT.width}x${EMBED_VIEWPORT.height}`);
      } finally {
        await page.setViewportSize(DEFAULT_VIEWPORT);
      }
    });
  }

  it('stepping forward and back gives the same view', async () => {
    await chooseMode(page, 'bridge');
    await page.getByRole('button', { name: 'Start (jump to start)' }).click();
    const next = page.getByRole('button', { name: 'Next step' });
    for (let i = 0; i < 12; i++) await next.click();
    const before = await viewOf(page);
    await next.click();
    expect((await viewOf(page))[0]).not.toBe(before[0]);
    await page.getByRole('button', { name: 'Previous step' }).click();
    expect(await viewOf(page)).toEqual(before);
  });

  it('the inspector ties fields to bytes both ways (hover a field, hover a byte)', async () => {
    await chooseMode(page, 'passthrough');
    await selectStep(page, 'Client to Load balancer: ClientHello');
    const region = inspector(page);
    await region.getByRole('button', { name: /^Server name \(SNI\)/ }).hover();
    const marked = (await region.locator('.hexdump mark[data-kind="hex"]').allTextContents()).join('').replace(/\s+/g, ' ').trim();
    expect(marked).toBe(Buffer.from('shop.example.com').toString('hex').replace(/(..)(?!$)/g, '$1 '));
    await region.locator('.hexdump .hex-row').first().locator('[data-kind="hex"]').first().hover({ position: { x: 4, y: 6 } });
    await expect(region.locator('button.field.on').first().textContent()).resolves.toMatch(/^Content type/);
  });

  it('the mode switch keeps the step and updates the panels (the WAF badge turns to "cannot inspect")', async () => {
    await chooseMode(page, 'offload');
    await selectStep(page, 'Client: The client sends POST /login');
    const { step: before } = await readCounter(page);
    await expect(capabilitiesRegion(page).textContent()).resolves.toMatch(/inspected \d+ request/);
    // The badge follows the step: it may still show the previous step for a frame after the click.
    await expectTextSoon(page.locator('.waf-badge'), /^WAF: inspected/);
    await chooseMode(page, 'passthrough');
    await expectTextSoon(page.locator('.waf-badge'), /^WAF: cannot inspect$/);
    await expect(capabilitiesRegion(page).textContent()).resolves.toContain('cannot inspect');
    await expect(page.getByText('What changed from Offloading to Passthrough:').isVisible()).resolves.toBe(true);
    const current = await page.locator('[aria-current="step"]').textContent();
    expect(current).toContain('The client sends POST /login');
    expect((await readCounter(page)).step).not.toBe(0);
    expect(before).toBeGreaterThan(1);
    await expectNoAxeViolations(page, 'after a mode switch');
  });

  it('axe is clean with the options and the request editor open, and in the tall phone layout', async () => {
    await page.getByText('Options', { exact: false }).first().click();
    await page.locator('.request-editor summary').click();
    await expectNoAxeViolations(page, 'options and request editor open');
    await page.setViewportSize({ width: 375, height: 812 });
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expect(page.locator('svg.topology-svg.layout-tall').count()).resolves.toBe(1);
      await expectNoAxeViolations(page, '375x812');
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, 'simulator-375x812');
    } finally {
      await page.setViewportSize(DEFAULT_VIEWPORT);
      await page.locator('.request-editor summary').click();
      await page.locator('.options summary').click();
    }
  });

  it('the dark theme follows the system and stays axe clean', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await chooseMode(page, 'offload');
      await selectStep(page, 'Load balancer to backend');
      await expectNoAxeViolations(page, 'dark theme');
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, 'simulator-offload-dark-1280x800');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('a failure scenario shows the failure (expired certificate)', async () => {
    await chooseMode(page, 'passthrough');
    await chooseScenario(page, 'expired', 'passthrough');
    const failures = summaryRegion(page).locator('dt', { hasText: 'Failures' }).locator('xpath=following-sibling::dd[1]');
    await failures.waitFor({ state: 'visible' });
    expect(await failures.textContent()).toMatch(/certificate_expired|expired/i);
    await page.getByRole('button', { name: 'End (jump to end)' }).click();
    await expect(stepList(page).textContent()).resolves.toMatch(/certificate_expired|expired/i);
    await expectNoAxeViolations(page, 'expired scenario');
    await chooseScenario(page, 'basic', 'passthrough');
  });

  it('logged no console errors or uncaught exceptions', () => {
    expect(consoleErrors).toEqual([]);
  });
});
