/**
 * The ways trainers host the app: the static build under a strict Content-Security-Policy (no eval, no inline
 * script, workers only from 'self'), and the single-file build opened straight from file:// (LMS upload, email).
 * Needs `npm run build` and `npm run build:single` first (`npm test` runs both).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chooseMode, playToEnd, readCounter, waitForReady } from '../../scripts/lib/browser/app';
import { REPO_ROOT, launchChromium, startApp, type AppHarness } from '../../scripts/lib/browser/harness';

const CSP = "default-src 'self'; script-src 'self'; worker-src 'self'";
const SINGLE_FILE = join(REPO_ROOT, 'dist-single', 'index.html');

describe('under a strict Content-Security-Policy', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp({ headers: { 'Content-Security-Policy': CSP } });
  });
  afterAll(async () => app?.close());

  it('runs a scenario in two modes with no CSP violation', async () => {
    const { page, consoleErrors } = await app.openApp('?scenario=sqli');
    await waitForReady(page, 'passthrough');
    await chooseMode(page, 'offload');
    await playToEnd(page);
    const { step, of } = await readCounter(page);
    expect(step).toBe(of);
    expect(consoleErrors).toEqual([]);
  });
});

describe('the single-file build from file://', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(SINGLE_FILE)) throw new Error(`${SINGLE_FILE} is missing: run \`npm run build:single\` first (npm test does).`);
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('opens, generates keys, and plays a scenario to the end', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${pathToFileURL(SINGLE_FILE).href}?scenario=cart&mode=bridge`);
    await waitForReady(page, 'bridge');
    await playToEnd(page);
    const { step, of } = await readCounter(page);
    expect(step).toBe(of);
    expect(errors).toEqual([]);
    await context.close();
  });
});
