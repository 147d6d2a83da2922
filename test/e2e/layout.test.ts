/**
 * Layout rough edges a first-time visitor hit (issue 15), checked in the built app in Chromium at the sizes they
 * were seen: table headers that were clipped and hostnames broken inside a word, packets drawn on top of each other
 * and words over the eavesdroppers' tap lines, panels that were empty boxes until scrolled to, and step rows whose
 * text was cut with no way to read it. Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { stepList, waitForReady } from '../../scripts/lib/browser/app';
import { startApp, type AppHarness } from '../../scripts/lib/browser/harness';

interface Box { left: number; right: number; top: number; bottom: number }
const overlap = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Every header cell of the table that shows less than its text (clipped or cut off). */
function clippedHeaders(page: Page, panel: string): Promise<string[]> {
  return page.locator(panel).evaluate((root) => [...root.querySelectorAll('thead th')]
    .filter((th) => th.scrollWidth > th.clientWidth + 1 || th.getBoundingClientRect().right > root.getBoundingClientRect().right + 1)
    .map((th) => th.textContent ?? ''));
}

/** Hostnames in the table that the layout breaks over two lines. */
function brokenHostnames(page: Page, panel: string): Promise<string[]> {
  return page.locator(panel).evaluate((root) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(/[a-z0-9-]+(?:\.[a-z0-9-]+){2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

describe('layout (built app in Chromium)', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([[1280, 800], [375, 740]])('at %ix%i no table header is clipped and no hostname is broken inside a word', async (width, height) => {
    const { page } = await app.openApp('index.html?scenario=basic&mode=passthrough', { viewport: { width, height } });
    await waitForReady(page, 'passthrough');
    await page.getByRole('button', { name: 'End (jump to end)' }).click();
    await page.locator('.compare-protocols tbody td', { hasText: /Read/ }).first().waitFor();
    for (const panel of ['.who-can-read', '.compare-protocols']) {
      await page.locator(panel).scrollIntoViewIfNeeded();
      if (width >= 1000) expect(await clippedHeaders(page, panel), panel).toEqual([]);
      expect(await brokenHostnames(page, panel), panel).toEqual([]);
    }
    await page.context().close();
  });

  it('at 1280 px "Compare protocols" shows all three versions without scrolling sideways', async () => {
    const { page } = await app.openApp('index.html?scenario=basic&mode=passthrough');
    await waitForReady(page, 'passthrough');
    await page.locator('.compare-protocols thead th').last().waitFor();
    const heads = await page.locator('.compare-protocols thead th').allTextContents();
    expect(heads.join(' ')).toMatch(/TLS 1\.3.*TLS 1\.2.*TLS 1\.1/);
    const scroll = page.locator('.compare-protocols .table-scroll');
    expect(await scroll.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.context().close();
  });

  it('at step 5 (the ClientHello and an ACK leave together) no packet hides another and no words cover a tap line', async () => {
    const { page } = await app.openApp('index.html?scenario=basic&mode=passthrough');
    await waitForReady(page, 'passthrough');
    await stepList(page).locator('[data-step="4"]').click();
    await page.locator('.packet.current .packet-callout').waitFor();
    // The packets stand still at a step: read where they are drawn.
    const bodies: Box[] = await page.locator('.packet:visible .packet-body').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Box));
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < bodies.length; i++) for (let j = i + 1; j < bodies.length; j++) expect(overlap(bodies[i]!, bodies[j]!), `packets ${i} and ${j}`).toBe(false);
    const words = (await page.locator('.packet.current .packet-callout').boundingBox())!;
    const taps = await page.locator('.topo-tap').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Box));
    const box = { left: words.x, right: words.x + words.width, top: words.y, bottom: words.y + words.height };
    for (const tap of taps) expect(overlap(box, { ...tap, left: tap.left - 1, right: tap.right + 1 })).toBe(false);
    await page.context().close();
  });

  it('the panels below the stage are laid out before they are scrolled to, and the page does not grow while scrolling', async () => {
    const { page } = await app.openApp('index.html?scenario=basic&mode=passthrough');
    await waitForReady(page, 'passthrough');
    await page.locator('.cost.panel').waitFor();
    // The prose and the comparison rows arrive after ready: wait for the last of them before measuring.
    await page.waitForFunction(() => {
      const table = document.querySelector('.compare-protocols');
      return table !== null && !/computing/.test(table.textContent ?? '') && document.querySelector('.glossary-entry') !== null;
    }, undefined, { timeout: 60_000 });
    const skipped = await page.locator('.panels > .panel, .inspector, .mode-guide, .protocol-note, .glossary').evaluateAll((els) =>
      els.filter((el) => !(el as HTMLElement).checkVisibility({ contentVisibilityAuto: true } as CheckVisibilityOptions) && getComputedStyle(el).display !== 'none').map((el) => el.className));
    expect(skipped).toEqual([]);
    const before = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.evaluate(async () => {
      // Timers, not animation frames: a page in a background tab of the test browser gets no frames.
      for (let y = 0; y < document.documentElement.scrollHeight; y += 500) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const after = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(Math.abs(after - before)).toBeLessThan(before * 0.02);
    await page.context().close();
  });

  it('a step row that cuts its text shows the whole of it once it is the current step', async () => {
    const { page } = await app.openApp('index.html?scenario=basic&mode=passthrough', { viewport: { width: 375, height: 740 } });
    await waitForReady(page, 'passthrough');
    // The key derivation rows are the longest notes of a TLS 1.3 run.
    const row = stepList(page).getByRole('listitem').filter({ hasText: /derived its TLS 1\.3 handshake keys/ }).first();
    await row.getByRole('button').click();
    const whole = row.locator('.ladder-whole');
    await whole.waitFor();
    const text = (await whole.textContent()) ?? '';
    expect(text).toMatch(/derived its TLS 1\.3 handshake keys/);
    const box = (await whole.boundingBox())!;
    const lanes = (await row.locator('.ladder-lanes').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(lanes.x + lanes.width + 1);
    expect(await whole.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.context().close();
  });

  it('the page has a theme switch: dark at once, kept in the address, back to the system setting', async () => {
    const { page } = await app.openApp('index.html?scenario=basic&mode=passthrough', { viewport: { width: 375, height: 740 } });
    await waitForReady(page, 'passthrough');
    const theme = page.getByLabel('Theme');
    await theme.selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => new URL(page.url()).searchParams.get('theme')).toBe('dark');
    await page.reload();
    await waitForReady(page, 'passthrough');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByLabel('Theme').selectOption('auto');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    await page.context().close();
  });
});
