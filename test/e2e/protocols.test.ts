/**
 * The TLS version in the built app, in Chromium: a link with protocol=tls1.3 plays every mode to the end; in
 * passthrough the load balancer's own view of the server's first flight has no certificate in TLS 1.3 and shows
 * it in TLS 1.1; the selector re-runs and names what ran; protocol=tls1.2 survives the address bar; the new
 * controls and the "Compare protocols" table are axe clean at 1280x800 and 375 px. Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MODES, MODE_LABELS } from '../../src/sim/index';
import { chooseMode, inspector, playToEnd, readCounter, selectStep, waitForReady } from '../../scripts/lib/browser/app';
import { DEFAULT_VIEWPORT, ENGINE_TIMEOUT_MS, startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { saveScreenshot } from './helpers/pageChecks';
import { expectNoAxeViolations } from './helpers/expectations';

const versionGroup = (page: Page) => page.getByRole('group', { name: 'TLS version' });

/** What "View as Load balancer" reads of the server's first flight as the LB relays it in passthrough. */
async function lbViewOfServerFlight(page: Page): Promise<string> {
  await selectStep(page, 'to Load balancer: ServerHello');
  await inspector(page).getByRole('combobox', { name: 'View as' }).selectOption('lb');
  return (await inspector(page).locator('.observer-result').textContent()) ?? '';
}

describe('TLS versions (built app in Chromium)', () => {
  let app: AppHarness;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    app = await startApp();
    ({ page, consoleErrors } = await app.openApp('?protocol=tls1.3', { viewport: DEFAULT_VIEWPORT }));
    await waitForReady(page, 'passthrough');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('protocol=tls1.3 opens with TLS 1.3 chosen, and the protocol note says so', async () => {
    expect(await versionGroup(page).getByRole('radio', { name: /^TLS 1\.3/ }).isChecked()).toBe(true);
    // The panels are a chunk of their own, loaded after the first run.
    await page.getByRole('heading', { name: 'About the protocol: TLS 1.3' }).waitFor({ timeout: ENGINE_TIMEOUT_MS });
    await expectNoAxeViolations(page, 'TLS 1.3, first view');
  });

  for (const mode of MODES) {
    it(`TLS 1.3, ${MODE_LABELS[mode]}: plays to the end`, async () => {
      await chooseMode(page, mode);
      await page.getByRole('button', { name: 'Start (jump to start)' }).click().catch(() => undefined);
      await playToEnd(page);
      const { step, of } = await readCounter(page);
      expect(step).toBe(of);
      const responses = page.getByRole('region', { name: 'What happened' }).locator('dt', { hasText: 'Responses' }).locator('xpath=following-sibling::dd[1]');
      expect((await responses.textContent())?.trim()).toMatch(/^200/);
    }, 150_000);
  }

  it('passthrough: the LB reads no certificate in TLS 1.3, and reads it in TLS 1.1', async () => {
    await chooseMode(page, 'passthrough');
    const tls13 = await lbViewOfServerFlight(page);
    expect(tls13).toMatch(/ServerHello/);
    expect(tls13).not.toMatch(/Certificate \(/);
    await versionGroup(page).getByRole('radio', { name: /^TLS 1\.1 \(node-forge\)/ }).check();
    await waitForReady(page, 'passthrough');
    await page.getByRole('heading', { name: 'About the protocol: TLS 1.1' }).waitFor({ timeout: ENGINE_TIMEOUT_MS });
    const tls11 = await lbViewOfServerFlight(page);
    expect(tls11).toMatch(/Certificate \([^)]*shop\.example\.com/);
    await expect(page.getByText('TLS 1.1 is obsolete.').isVisible()).resolves.toBe(true);
  }, 120_000);

  it('the "Compare protocols" table fills in from background runs, and the new controls are axe clean at 1280 and 375 px', async () => {
    const table = page.getByRole('region', { name: 'Compare protocols, table' });
    const cert = table.getByRole('row', { name: /^Passthrough LB saw the server certificate/ });
    await expect.poll(async () => (await cert.textContent()) ?? '', { timeout: ENGINE_TIMEOUT_MS }).not.toMatch(/computing/);
    const cells = await cert.getByRole('cell').allTextContents();
    expect(cells[0]).toMatch(/No: it was encrypted/); // TLS 1.3
    expect(cells[2]).toMatch(/Yes: .*shop\.example\.com/); // TLS 1.1, on screen
    await page.locator('.options summary').click();
    const ech = page.getByRole('checkbox', { name: /^Encrypted Client Hello \(ECH\)/ });
    expect(await ech.isDisabled()).toBe(true);
    await expect(page.getByText(/Needs TLS 1\.3 \(this run uses TLS 1\.1\)/).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'TLS version controls, 1280x800');
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'protocols-1280x800');
    await page.setViewportSize({ width: 375, height: 812 });
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, 'TLS version controls, 375x812');
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, 'protocols-375x812');
    } finally {
      await page.setViewportSize(DEFAULT_VIEWPORT);
      await page.locator('.options summary').click();
    }
  }, 120_000);

  it('the selector works from the keyboard (arrow keys move within the group, not through the steps)', async () => {
    await selectStep(page, 'Client: The client sends');
    const before = (await page.locator('[aria-current="step"]').textContent()) ?? '';
    expect(before).toContain('The client sends');
    await versionGroup(page).getByRole('radio', { name: /^TLS 1\.1/ }).focus();
    await page.keyboard.press('ArrowUp');
    expect(await versionGroup(page).getByRole('radio', { name: /^TLS 1\.2/ }).isChecked()).toBe(true);
    await waitForReady(page, 'passthrough');
    await page.getByRole('heading', { name: 'About the protocol: TLS 1.2' }).waitFor({ timeout: ENGINE_TIMEOUT_MS });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('value'))).toBe('tls1.2');
    // The learner stays at the comparable step (the same request is being sent), not at the same event number.
    expect((await page.locator('[aria-current="step"]').textContent())?.replace(/^Step \d+, [\d.]+ ms/, '')).toBe(before.replace(/^Step \d+, [\d.]+ ms/, ''));
  }, 90_000);

  it('a link with protocol=tls1.2 opens TLS 1.2 and keeps it in the address bar', async () => {
    const opened = await app.openApp('?protocol=tls1.2&mode=offload', { viewport: DEFAULT_VIEWPORT });
    try {
      await waitForReady(opened.page, 'offload');
      expect(await versionGroup(opened.page).getByRole('radio', { name: /^TLS 1\.2/ }).isChecked()).toBe(true);
      await opened.page.getByRole('heading', { name: 'About the protocol: TLS 1.2' }).waitFor({ timeout: ENGINE_TIMEOUT_MS });
      await opened.page.getByRole('button', { name: 'Next step' }).click();
      // The second step, as the counter numbers it.
      await expect.poll(() => new URL(opened.page.url()).searchParams.get('step'), { timeout: 5000 }).toBe('2');
      expect(new URL(opened.page.url()).searchParams.get('protocol')).toBe('tls1.2');
      await expect(opened.page.getByTestId('url-notices').count()).resolves.toBe(0);
      expect(opened.consoleErrors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  }, 90_000);

  it('logged no console errors or uncaught exceptions', () => {
    expect(consoleErrors).toEqual([]);
  });
});
