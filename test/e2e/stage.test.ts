/**
 * The stage follows the playhead (issue 13), in the built app in Chromium: at the first step the topology says
 * nothing the run has not done yet, mid-run the WAF's count is the requests sent so far, and at the end of the
 * lost-cart scenario a banner says in words what happened. One page, opened by the URLs users share. Needs
 * `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readCounter, stepList, waitForReady } from '../../scripts/lib/browser/app';
import { DEFAULT_VIEWPORT, startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { expectNoAxeViolations, expectTextSoon } from './helpers/expectations';

describe('the stage follows the playhead (built app in Chromium)', () => {
  let app: AppHarness;
  let page: Page;
  let consoleErrors: string[];
  const badge = () => page.locator('.waf-badge');
  const captions = () => page.locator('.link-captions');
  const open = async (query: string, mode: 'passthrough' | 'offload'): Promise<void> => {
    await page.goto(new URL(`index.html?${query}`, page.url()).href);
    await waitForReady(page, mode);
  };

  beforeAll(async () => {
    app = await startApp();
    ({ page, consoleErrors } = await app.openApp('index.html?scenario=sqli&mode=passthrough&step=0', { viewport: DEFAULT_VIEWPORT }));
    await waitForReady(page, 'passthrough');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('at step 1 of sqli in passthrough the topology shows no WAF verdict and no later traffic', async () => {
    expect(await readCounter(page)).toMatchObject({ step: 1 });
    await expectTextSoon(badge(), /^WAF: nothing to inspect yet$/);
    const text = (await captions().textContent()) ?? '';
    expect(text).toContain('Internal network: nothing sent yet');
    expect(text).not.toMatch(/cannot inspect|application_data|inspected \d|blocked/);
    expect(text).toContain('Session keys so far: none yet');
    await expect(page.locator('.outcome').count()).resolves.toBe(0);
  });

  it('mid-run in offload, the WAF has inspected exactly the requests sent so far', async () => {
    await open('scenario=basic&mode=offload&step=36', 'offload');
    const { step, of } = await readCounter(page);
    expect(step).toBeLessThan(of);
    const rows = await stepList(page).getByRole('button').allTextContents();
    const sent = rows.slice(0, step).filter((row) => /The client sends (GET|POST) /.test(row)).length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(rows.filter((row) => /The client sends (GET|POST) /.test(row)).length);
    await expectTextSoon(badge(), new RegExp(`^WAF: inspected ${sent} request${sent === 1 ? '' : 's'}$`));
  });

  it('at the end of the lost-cart scenario a banner says the cart is lost, and names the backends', async () => {
    await open('scenario=cart&mode=passthrough', 'passthrough');
    await page.getByRole('button', { name: 'End (jump to end)' }).click();
    const banner = page.getByRole('status', { name: 'How the run ended' });
    await expectTextSoon(banner, /The cart is lost\..*GET \/cart, answered by backend-1, shows an empty cart/);
    await expect(banner.textContent()).resolves.toContain('backend-2 and backend-3 refused 2 adds (401)');
    await expectTextSoon(captions(), /Backend: This connection goes to backend-1/);
    await expect(page.locator('line.branch-active').count()).resolves.toBe(1);
    await expectNoAxeViolations(page, 'cart, end, outcome banner');
    expect(consoleErrors).toEqual([]);
  });
});
