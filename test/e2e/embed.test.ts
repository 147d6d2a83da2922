/**
 * Embedding (issue 5): a parent page on its own origin embeds the simulator twice and drives the first through
 * postMessage; frames on other origins (and a sibling on the parent's origin) cannot drive it; links carry the
 * whole state; hostile links fall back to defaults with a notice and never execute anything; embed chrome is
 * accessible at 834x504; setTlsVersion and lock=protocol. Needs `npm run build`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { encodeRequests, parseUrlState } from '../../src/embed/urlState';
import { PROTOCOL } from '../../src/embed/messages';
import { modeGroup, modeRadio, readCounter, waitForReady } from '../../scripts/lib/browser/app';
import { ENGINE_TIMEOUT_MS, startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { saveScreenshot } from './helpers/pageChecks';
import { expectNoAxeViolations } from './helpers/expectations';
import { startStaticServer, type StaticServer } from '../../scripts/lib/browser/staticServer';

interface Received { frame: string; origin: string; data: { type?: string; mode?: string; tlsVersion?: string; step?: number; steps?: number; height?: number } }

const PARENT_HTML = (simBase: string, parentOrigin: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parent page</title></head><body>
<main><h1>Two simulators</h1>
<iframe id="sim-a" title="Simulator A" width="834" height="504" src="${simBase}index.html?embed=1&amp;scenario=basic&amp;controls=minimal&amp;parentOrigin=${encodeURIComponent(parentOrigin)}"></iframe>
<iframe id="sim-b" title="Simulator B" width="834" height="504" src="${simBase}index.html?embed=1&amp;scenario=basic&amp;controls=minimal&amp;parentOrigin=${encodeURIComponent(parentOrigin)}"></iframe>
</main>
<script>
  window.received = [];
  var SIM_ORIGIN = ${JSON.stringify(new URL(simBase).origin)};
  window.addEventListener('message', function (event) {
    var frame = Array.prototype.filter.call(document.querySelectorAll('iframe'), function (f) { return f.contentWindow === event.source; })[0];
    if (!frame || event.origin !== SIM_ORIGIN) return;
    window.received.push({ frame: frame.id, origin: event.origin, data: event.data });
  });
  window.send = function (id, message) { document.getElementById(id).contentWindow.postMessage(message, SIM_ORIGIN); };
  window.addFrame = function (src) { var f = document.createElement('iframe'); f.title = 'other'; f.src = src; document.body.appendChild(f); };
</script></body></html>`;

/** A frame that posts well-formed commands into its sibling simulator (window.parent.frames[0]). */
const HOSTILE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title></head><body><script>
  var cmds = [{ protocol: ${JSON.stringify(PROTOCOL)}, type: 'setMode', mode: 'bridge' }, { protocol: ${JSON.stringify(PROTOCOL)}, type: 'play' }, 'forge.setImmediate'];
  for (var i = 0; i < 3; i++) cmds.forEach(function (c) { window.parent.frames[0].postMessage(c, '*'); });
  window.sent = true;
</script></body></html>`;

describe('embedding', () => {
  let app: AppHarness;
  let parentServer: StaticServer;
  let otherServer: StaticServer;
  let dir: string;
  let otherDir: string;

  beforeAll(async () => {
    app = await startApp();
    dir = await mkdtemp(join(tmpdir(), 'ptl-parent-'));
    otherDir = await mkdtemp(join(tmpdir(), 'ptl-other-'));
    parentServer = await startStaticServer(dir);
    otherServer = await startStaticServer(otherDir);
    await writeFile(join(dir, 'parent.html'), PARENT_HTML(app.url, new URL(parentServer.url).origin));
    await writeFile(join(dir, 'sibling.html'), HOSTILE_HTML);
    await writeFile(join(otherDir, 'hostile.html'), HOSTILE_HTML);
  });
  afterAll(async () => {
    await app?.close();
    await parentServer?.close();
    await otherServer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    if (otherDir) await rm(otherDir, { recursive: true, force: true });
  });

  async function newPage(viewport = { width: 1280, height: 1200 }): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
    const context = await app.browser.newContext({ viewport });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, dialogs, errors };
  }

  const received = (page: Page): Promise<Received[]> => page.evaluate(() => (window as unknown as { received: Received[] }).received);
  const waitForMessage = (page: Page, frame: string, type: string, extra: Record<string, unknown> = {}): Promise<unknown> =>
    page.waitForFunction(
      ([f, t, e]) => (window as unknown as { received: Received[] }).received.some((m) => m.frame === f && m.data.type === t
        && Object.entries(e as Record<string, unknown>).every(([k, v]) => (m.data as Record<string, unknown>)[k] === v)),
      [frame, type, extra] as const, { timeout: ENGINE_TIMEOUT_MS },
    );
  const simFrame = async (page: Page, id: string): Promise<Frame> => {
    const frame = await (await page.$(`#${id}`))?.contentFrame();
    if (!frame) throw new Error(`no frame ${id}`);
    return frame;
  };

  it('a parent page drives the first of two simulators through postMessage; others cannot', async () => {
    const { page, dialogs, errors } = await newPage();
    await page.goto(`${parentServer.url}parent.html`);
    await waitForMessage(page, 'sim-a', 'ready', { mode: 'passthrough' });
    await waitForMessage(page, 'sim-b', 'ready', { mode: 'passthrough' });
    await waitForMessage(page, 'sim-a', 'resize');
    const first = await received(page);
    expect(first.every((m) => m.origin === new URL(app.url).origin)).toBe(true);
    const resize = first.find((m) => m.frame === 'sim-a' && m.data.type === 'resize');
    expect(resize?.data.height).toBeGreaterThan(100);
    const a = await simFrame(page, 'sim-a');
    const b = await simFrame(page, 'sim-b');

    // Frames that are not the parent (a sibling on the parent's own origin, a frame on a third origin) are ignored.
    await page.evaluate((src) => (window as unknown as { addFrame(s: string): void }).addFrame(src), `${parentServer.url}sibling.html`);
    await page.evaluate((src) => (window as unknown as { addFrame(s: string): void }).addFrame(src), `${otherServer.url}hostile.html`);
    await expect.poll(() => page.frames().filter((f) => /sibling|hostile/.test(f.url())).length).toBe(2);
    for (const f of page.frames().filter((x) => /sibling|hostile/.test(x.url()))) {
      await f.waitForFunction(() => (window as unknown as { sent?: boolean }).sent === true);
    }
    await page.waitForTimeout(500);
    expect(await modeRadio(a as unknown as Page, 'passthrough').isChecked()).toBe(true);
    expect((await received(page)).some((m) => m.data.type === 'mode')).toBe(false);
    expect(await a.getByRole('button', { name: 'Play', exact: true }).isVisible()).toBe(true);

    // setMode from the parent: the simulator switches and announces it; the second simulator does not move.
    await page.evaluate((p) => (window as unknown as { send(id: string, m: unknown): void }).send('sim-a', { protocol: p, type: 'setMode', mode: 'offload' }), PROTOCOL);
    await waitForMessage(page, 'sim-a', 'mode', { mode: 'offload' });
    await waitForReady(a as unknown as Page, 'offload');
    expect(await modeRadio(b as unknown as Page, 'passthrough').isChecked()).toBe(true);

    // seek, play, pause.
    await page.evaluate((p) => (window as unknown as { send(id: string, m: unknown): void }).send('sim-a', { protocol: p, type: 'seek', step: 5 }), PROTOCOL);
    await waitForMessage(page, 'sim-a', 'step', { step: 5, mode: 'offload' });
    expect((await readCounter(a as unknown as Page)).step).toBe(6);
    await page.evaluate((p) => (window as unknown as { send(id: string, m: unknown): void }).send('sim-a', { protocol: p, type: 'play' }), PROTOCOL);
    await waitForMessage(page, 'sim-a', 'step', { step: 6, mode: 'offload' });
    await page.evaluate((p) => (window as unknown as { send(id: string, m: unknown): void }).send('sim-a', { protocol: p, type: 'pause' }), PROTOCOL);
    await a.getByRole('button', { name: 'Play', exact: true }).waitFor();
    const paused = (await readCounter(a as unknown as Page)).step;
    await page.waitForTimeout(800);
    expect((await readCounter(a as unknown as Page)).step).toBe(paused);
    expect((await readCounter(b as unknown as Page)).step).toBe(1);

    // setTlsVersion: every mode runs again under TLS 1.2, and the new run is announced with its version.
    await page.evaluate((p) => (window as unknown as { send(id: string, m: unknown): void }).send('sim-a', { protocol: p, type: 'setTlsVersion', version: 'tls1.2' }), PROTOCOL);
    await waitForMessage(page, 'sim-a', 'ready', { mode: 'offload', tlsVersion: 'tls1.2' });
    expect(await a.getByRole('group', { name: 'TLS version' }).getByRole('radio', { name: /^TLS 1\.2/ }).isChecked()).toBe(true);
    await saveScreenshot(page, 'embed-parent');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a link with every parameter opens there and the URL reads back the same state', async () => {
    const req = encodeRequests([{ method: 'GET', path: '/cart', purpose: 'x' }]);
    const query = `?mode=bridge&scenario=cart&step=12&waf=off&algorithm=least-connections&keepAlive=off&req=${req}&packet=3&view=eve-internal`
      + '&speed=2&theme=dark&embed=1&controls=minimal&autoplay=0&lock=mode&panels=narration,inspector,keys&parentOrigin=https://docs.example.com';
    const expected = parseUrlState(query);
    expect(expected.notices).toEqual([]);
    const { page, dialogs } = await newPage({ width: 834, height: 504 });
    await page.goto(`${app.url}index.html${query}`);
    await waitForReady(page, 'bridge');
    await page.waitForTimeout(600);
    expect((await readCounter(page)).step).toBe(12);
    const back = parseUrlState(new URL(page.url()).search);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(expected.state);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // Reloading loses nothing.
    await page.reload();
    await waitForReady(page, 'bridge');
    await page.waitForTimeout(600);
    expect(parseUrlState(new URL(page.url()).search).state).toEqual(expected.state);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('malformed or hostile parameters show a notice and the default view; nothing is executed', async () => {
    const corpus = [
      'mode=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'mode=quantum&scenario=nope',
      'step=99999999999999999999&packet=-1&speed=1e309',
      'parentOrigin=*',
      'scenario=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&view=javascript:alert(1)',
      'req=!!!notbase64&theme=%3Cstyle%3E',
      `panels=${'x'.repeat(9000)}`,
    ];
    const { page, dialogs, errors } = await newPage();
    for (const q of corpus) {
      await page.goto(`${app.url}index.html?${q}`);
      const notice = page.getByTestId('url-notices');
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.textContent()).toMatch(/Ignored|too long/);
      expect(await modeRadio(page, 'passthrough').isChecked()).toBe(true);
      expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('basic');
      expect(await page.locator('img').count()).toBe(0);
    }
    await waitForReady(page, 'passthrough');
    await expectNoAxeViolations(page, 'notice');
    await saveScreenshot(page, 'embed-notice');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByTestId('url-notices').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the embed view at 834x504 with controls=minimal passes axe; lock=mode hides the mode switch', async () => {
    const { page, dialogs } = await newPage({ width: 834, height: 504 });
    await page.goto(`${app.url}index.html?embed=1&controls=minimal&scenario=sqli`);
    await waitForReady(page, 'passthrough');
    expect(await page.getByRole('banner').count()).toBe(0);
    expect(await modeGroup(page).isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Scenario' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'embed, controls=minimal');
    await saveScreenshot(page, 'embed-minimal-834x504');
    await page.goto(`${app.url}index.html?embed=1&controls=minimal&scenario=sqli&lock=mode&mode=offload`);
    await waitForReady(page, 'offload');
    expect(await modeGroup(page).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'TLS version' }).isVisible()).toBe(true);
    await page.goto(`${app.url}index.html?embed=1&controls=minimal&scenario=sqli&lock=mode,protocol&mode=offload&protocol=tls1.3`);
    await waitForReady(page, 'offload');
    expect(await modeGroup(page).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'TLS version' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'embed, lock=mode,protocol');
    await page.goto(`${app.url}index.html?embed=1&controls=none&scenario=sqli`);
    await waitForReady(page, 'passthrough');
    expect(await page.getByRole('button', { name: 'Play', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Speed' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'embed, controls=none');
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('autoplay=1 plays one pass and stops by itself at the end', async () => {
    const { page } = await newPage({ width: 834, height: 504 });
    await page.goto(`${app.url}index.html?embed=1&controls=minimal&autoplay=1&speed=4&scenario=sqli`);
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: ENGINE_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 110_000 });
    const { step, of } = await readCounter(page);
    expect(step).toBe(of);
    await page.waitForTimeout(1000);
    expect((await readCounter(page)).step).toBe(of);
    await page.context().close();
  });
});
