/**
 * The exports (issue 6) in the built app in Chromium: "Download capture" gives a real pcapng with the TLS secrets
 * embedded (a Decryption Secrets Block), "Download TLS keys" an NSS key log, the "Real configuration" panel shows
 * HAProxy's SNI routing for passthrough, and axe finds nothing with the panel open. Needs `npm run build` first.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { waitForReady } from '../../scripts/lib/browser/app';
import { DEFAULT_VIEWPORT, startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { expectNoAxeViolations } from './helpers/expectations';

const captureRegion = (page: Page): Locator => page.getByRole('region', { name: 'Capture and TLS keys' });
const configRegion = (page: Page): Locator => page.getByRole('region', { name: 'Real configuration' });

async function downloaded(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** The pcapng block types in file order (little-endian, as the SHB's byte-order magic says). */
function blockTypes(bytes: Buffer): number[] {
  const types: number[] = [];
  for (let at = 0; at + 12 <= bytes.length;) {
    const type = bytes.readUInt32LE(at);
    const length = bytes.readUInt32LE(at + 4);
    if (length < 12 || at + length > bytes.length) throw new Error(`bad block length ${length} at ${at}`);
    types.push(type);
    at += length;
  }
  return types;
}

describe('exports (built app in Chromium)', () => {
  let app: AppHarness;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    app = await startApp();
    // TLS 1.1 explicitly: its key log is CLIENT_RANDOM lines (TLS 1.3 writes traffic secrets, tested below).
    ({ page, consoleErrors } = await app.openApp('?protocol=tls1.1', { viewport: DEFAULT_VIEWPORT }));
    await waitForReady(page, 'passthrough');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('"Download capture" saves a pcapng with the TLS secrets embedded', async () => {
    const button = captureRegion(page).getByRole('button', { name: 'Download capture' });
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(captureRegion(page).getByText('opens decrypted in Wireshark 3.0+; TLS keys are embedded', { exact: false }).isVisible()).resolves.toBe(true);
    const { name, bytes } = await downloaded(page, button);
    expect(name).toBe('passthrough-lab-basic-passthrough.pcapng');
    expect([...bytes.subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
    const types = blockTypes(bytes);
    expect(types).toContain(0x0000000a); // Decryption Secrets Block
    expect(types.filter((t) => t === 6).length).toBeGreaterThan(10); // Enhanced Packet Blocks
  });

  it('"Download TLS keys" saves CLIENT_RANDOM lines', async () => {
    const { name, bytes } = await downloaded(page, captureRegion(page).getByRole('button', { name: 'Download TLS keys' }));
    expect(name).toBe('passthrough-lab-basic-passthrough-keys.log');
    const lines = bytes.toString('utf8').split('\n').filter((l) => l.startsWith('CLIENT_RANDOM '));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$/);
  });

  it('under TLS 1.3 the key log holds the four traffic secrets per session, and the panel names them', async () => {
    const opened = await app.openApp('?protocol=tls1.3', { viewport: DEFAULT_VIEWPORT });
    try {
      await waitForReady(opened.page, 'passthrough');
      const region = captureRegion(opened.page);
      await region.getByRole('button', { name: 'Download TLS keys' }).waitFor({ state: 'visible', timeout: 30_000 });
      await expect(region.textContent()).resolves.toContain('CLIENT_HANDSHAKE_TRAFFIC_SECRET');
      const { bytes } = await downloaded(opened.page, region.getByRole('button', { name: 'Download TLS keys' }));
      const labels = bytes.toString('utf8').split('\n').filter(Boolean).map((l) => l.split(' ')[0]);
      for (const label of ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0']) expect(labels).toContain(label);
      expect(labels).not.toContain('CLIENT_RANDOM');
    } finally {
      await opened.context.close();
    }
  }, 90_000);

  it('the "Real configuration" panel shows HAProxy routing on req.ssl_sni for passthrough; axe clean', async () => {
    const region = configRegion(page);
    await region.scrollIntoViewIfNeeded();
    const tab = region.getByRole('tab', { name: 'HAProxy', exact: true });
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    const panel = region.getByRole('tabpanel');
    expect(await panel.locator('pre code').first().textContent()).toContain('req.ssl_sni');
    await tab.focus();
    await page.keyboard.press('ArrowRight');
    expect(await region.getByRole('tab', { name: 'nginx', exact: true }).getAttribute('aria-selected')).toBe('true');
    expect(await panel.textContent()).toContain('nginx.conf');
    await page.keyboard.press('ArrowLeft');
    await expectNoAxeViolations(page, 'real configuration panel open');
    expect(consoleErrors).toEqual([]);
  });
});
