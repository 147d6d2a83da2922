/**
 * A trainer's files in Chromium (issue 14): the link form (`#scenario=`, built here with the engine's own codec)
 * and the postMessage form (a parent page posts loadScenario into an embed) load the same scenario (title, step
 * count, the trainer's hostname in the run); a bad file through the file input lists its problems in the notices
 * and the lab plays on; markup in a file's body is text; "Save as scenario file" loads again to the same run; drag
 * and drop; the new controls, the notices and the editor's dialog pass axe. Needs `npm run build`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Frame, Page } from 'playwright-core';
import { encodeFileForLink } from '../../src/sim/index';
import { PROTOCOL } from '../../src/embed/messages';
import { chooseMode, inspector, readCounter, scenarioSelect, selectStep, waitForReady } from '../../scripts/lib/browser/app';
import { ENGINE_TIMEOUT_MS, REPO_ROOT, startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { startStaticServer, type StaticServer } from '../../scripts/lib/browser/staticServer';
import { expectNoAxeViolations, expectTextSoon } from './helpers/expectations';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/scenario-files/acme-login.json');
const XSS = '<img src=x onerror="window.__xss=1">';

/** Where the trainer's name shows in a run: the narration of the first step (the DNS answer) names it. */
const HOSTNAME = 'training.acme.test';

const PARENT_HTML = (simBase: string, parentOrigin: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course page</title></head><body><main><h1>Our own case</h1>
<iframe id="sim" title="Passthrough Lab" width="1100" height="900" src="${simBase}index.html?embed=1&amp;controls=full&amp;parentOrigin=${encodeURIComponent(parentOrigin)}"></iframe>
</main><script>
  window.received = [];
  var SIM_ORIGIN = ${JSON.stringify(new URL(simBase).origin)};
  window.addEventListener('message', function (event) {
    if (event.origin !== SIM_ORIGIN || event.source !== document.getElementById('sim').contentWindow) return;
    window.received.push(event.data);
  });
  window.send = function (message) { document.getElementById('sim').contentWindow.postMessage(message, SIM_ORIGIN); };
</script></body></html>`;

interface Seen { readonly title: string; readonly steps: number }

/** The picker's chosen option and the run's step count, once the current mode's run is on screen. */
async function seen(page: Page | Frame): Promise<Seen> {
  await waitForReady(page as Page, 'passthrough');
  const title = await scenarioSelect(page as Page).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
  return { title, steps: (await readCounter(page as Page)).of };
}

const fileNotice = (page: Page) => page.getByTestId('file-notice');
const fileInput = (page: Page) => page.getByTestId('scenario-file-input');

/** Picks a file in the hidden file input, as the "Open scenario or lesson file…" button lets a learner do. */
async function pick(page: Page, name: string, text: string): Promise<void> {
  await fileInput(page).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('trainer files', () => {
  let app: AppHarness;
  let parentServer: StaticServer;
  let dir: string;
  let file: Record<string, unknown>;
  let link: Seen;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    file = JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown>;
    dir = await mkdtemp(join(tmpdir(), 'ptl-course-'));
    parentServer = await startStaticServer(dir);
    await writeFile(join(dir, 'course.html'), PARENT_HTML(app.url, new URL(parentServer.url).origin));
  });
  afterAll(async () => {
    await app?.close();
    await parentServer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the link form: #scenario= opens the trainer\'s scenario, and the address bar keeps it over a reload', async () => {
    const { page, consoleErrors } = await app.openApp(`index.html#scenario=${encodeFileForLink(file)}`);
    link = await seen(page);
    expect(link.title).toBe(`${file.title as string} (from a file)`);
    expect(link.steps).toBeGreaterThan(20);
    await expectTextSoon(page.locator('.narration-headline'), HOSTNAME);
    await expect(fileNotice(page).textContent()).resolves.toContain(`Opened the scenario “${file.title as string}” from the link.`);
    // A step later the address bar names the scenario in the query and keeps the file in the fragment.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('scenario')).toBe('acme-login');
    expect(new URL(page.url()).hash).toMatch(/^#scenario=[\w-]+$/);
    await page.reload();
    expect(await seen(page)).toEqual(link);
    expect(await readCounter(page)).toMatchObject({ step: 2 });
    errors.push(...consoleErrors);
    await page.context().close();
  });

  it('the postMessage form: loadScenario from the parent page loads the same scenario, and the parent hears it', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1200, height: 1000 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(`${parentServer.url}course.html`);
    const received = (): Promise<Array<Record<string, unknown>>> => page.evaluate(() => (window as unknown as { received: Array<Record<string, unknown>> }).received);
    await expect.poll(async () => (await received()).some((m) => m.type === 'ready'), { timeout: ENGINE_TIMEOUT_MS }).toBe(true);
    await page.evaluate(([p, f]) => (window as unknown as { send(m: unknown): void }).send({ protocol: p, type: 'loadScenario', file: f }), [PROTOCOL, file] as const);
    await expect.poll(async () => (await received()).find((m) => m.type === 'scenarioLoaded' || m.type === 'fileRejected'), { timeout: ENGINE_TIMEOUT_MS })
      .toEqual({ protocol: PROTOCOL, type: 'scenarioLoaded', id: 'acme-login' });
    await expect.poll(async () => (await received()).some((m) => m.type === 'ready' && m.scenario === 'acme-login' && m.steps === link.steps), { timeout: ENGINE_TIMEOUT_MS }).toBe(true);
    const frame = (await (await page.$('#sim'))?.contentFrame())!;
    expect(await seen(frame)).toEqual(link);
    await expectTextSoon(frame.locator('.narration-headline'), HOSTNAME);

    // A bad file posted as text is answered with its problems in words; the embed keeps its scenario.
    await page.evaluate(([p]) => (window as unknown as { send(m: unknown): void }).send({ protocol: p, type: 'loadScenario', file: '{"format":"passthrough-lab/scenario@1"}' }), [PROTOCOL] as const);
    await expect.poll(async () => (await received()).find((m) => m.type === 'fileRejected'), { timeout: ENGINE_TIMEOUT_MS })
      .toMatchObject({ type: 'fileRejected', problems: expect.arrayContaining([expect.stringMatching(/^id: /)]) });
    expect(await seen(frame)).toEqual(link);
    await context.close();
  });

  describe('in the app', () => {
    let page: Page;
    let dialogs: string[];

    beforeAll(async () => {
      const opened = await app.openApp('');
      page = opened.page;
      dialogs = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      errors.push(...opened.consoleErrors);
      await waitForReady(page, 'passthrough');
    });

    it('a bad file from the file input lists its problems in the notices, and the lab plays on', async () => {
      const before = await seen(page);
      await pick(page, 'broken.json', JSON.stringify({ ...file, title: `Shop ${XSS}`, requests: [{ method: 'FETCH', path: '/' }] }));
      await expectTextSoon(fileNotice(page), /could not be opened/);
      const lines = await fileNotice(page).getByRole('listitem').allTextContents();
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^title: /), expect.stringMatching(/^requests\[0\]\.method: expected one of GET/)]));
      expect(await fileNotice(page).textContent()).toContain('broken.json');
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await seen(page)).toEqual(before);
      await page.getByRole('button', { name: 'Next step' }).click();
      expect(await readCounter(page)).toMatchObject({ step: 2 });
    });

    it('"Save as scenario file" downloads the scenario with the learner\'s changes; loaded again, it runs the same', async () => {
      await pick(page, 'acme-login.json', JSON.stringify(file));
      await expectTextSoon(fileNotice(page), 'from the file “acme-login.json”');
      const loaded = await seen(page);
      expect(loaded).toEqual(link);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Save as scenario file' }).click()]) as [Download, void];
      expect(download.suggestedFilename()).toBe('acme-login.json');
      const text = await readFile(await download.path(), 'utf8');
      expect(text).toMatch(/^\{\n {2}"format": "passthrough-lab\/scenario@1",/);
      expect(JSON.parse(text)).toMatchObject({ id: 'acme-login', hostname: HOSTNAME, requests: expect.any(Array) });
      await pick(page, 'saved-again.json', text);
      await expectTextSoon(fileNotice(page), 'from the file “saved-again.json”');
      expect(await seen(page)).toEqual(loaded);
    });

    it('a dropped file is opened like a picked one, with a visible drop hint while it is dragged', async () => {
      const text = JSON.stringify({ ...file, id: 'acme-dropped', title: 'Dropped Acme shop' });
      await page.evaluate((json) => {
        const target = document.querySelector('.stage')!;
        const data = new DataTransfer();
        data.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
        target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
        (window as unknown as { dragData: DataTransfer }).dragData = data;
      }, text);
      await page.locator('.drop-hint').waitFor();
      await expectNoAxeViolations(page, 'drop hint');
      await page.evaluate(() => {
        const data = (window as unknown as { dragData: DataTransfer }).dragData;
        document.querySelector('.stage')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      });
      await expectTextSoon(fileNotice(page), 'from the file “dropped.json”');
      expect(await page.locator('.drop-hint').count()).toBe(0);
      expect((await seen(page)).title).toBe('Dropped Acme shop (from a file)');
      // Both trainer's scenarios are listed in their own group.
      expect(await page.locator('optgroup[label="Your scenarios"] option').allTextContents()).toEqual([`${file.title as string} (from a file)`, 'Dropped Acme shop (from a file)']);
    });

    it('markup in a file\'s request body is shown as text and never runs', async () => {
      const xssFile = { ...file, id: 'acme-xss', title: 'Acme comment', requests: [{ method: 'POST', path: '/comment', body: `comment=${XSS}`, purpose: 'post a comment' }] };
      await pick(page, 'xss.json', JSON.stringify(xssFile));
      await expectTextSoon(fileNotice(page), 'from the file “xss.json”');
      await waitForReady(page, 'passthrough');
      await chooseMode(page, 'offload');
      await selectStep(page, 'Client to Load balancer: Encrypted record');
      await inspector(page).getByRole('combobox', { name: 'View as' }).selectOption('lb');
      await expectTextSoon(inspector(page).getByTestId('observer-plaintext'), XSS);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(dialogs).toEqual([]);
    });

    it('the new controls, the notices and the editor\'s dialog pass axe; closing the dialog returns the focus', async () => {
      await expectNoAxeViolations(page, 'scenario files and a file notice');
      const write = page.getByRole('button', { name: 'Write your own scenario…' });
      await write.click();
      const dialog = page.getByRole('dialog', { name: 'Write your own scenario' });
      await dialog.waitFor();
      await expectNoAxeViolations(page, 'scenario editor dialog');
      // The editor starts from the scenario on screen; its preview loads the edited scenario into the lab.
      await dialog.getByRole('textbox', { name: /^Title/ }).fill('Acme comment, edited');
      await dialog.getByRole('button', { name: 'Preview: run it' }).and(page.locator(':enabled')).click();
      await expectTextSoon(dialog.locator('.se-previewed'), 'is running in the lab');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await write.evaluate((button) => button === document.activeElement)).toBe(true);
      await expect.poll(() => scenarioSelect(page).evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Acme comment, edited (from a file)');
      await waitForReady(page, 'offload');
      // "Copy link" for a scenario that fits gives a link (or, without clipboard access here, the box to copy from).
      await page.getByRole('button', { name: 'Copy link to this scenario' }).click();
      await expectTextSoon(page.locator('.scenario-files-status'), /link to this scenario|link below/);
      await expectNoAxeViolations(page, 'copy link result');
    });
  });

  it('logged no console errors or uncaught exceptions', () => {
    expect(errors).toEqual([]);
  });
});
