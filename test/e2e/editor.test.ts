/**
 * The scenario editor in Chromium (issue 14): "Write your own scenario…" opens it in its dialog; a trainer renames
 * the site to training.acme.test, adds a request and previews, and the lab runs it (its title in the picker, the
 * hostname in the ClientHello's SNI, the new request in the step list). Keyboard only: Tab reaches the fields and
 * Enter previews. axe reports nothing with the dialog open at 1280x800, at 375 px (rows stacked, nothing wider than
 * the screen) and in the dark theme. Needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { inspector, scenarioSelect, selectStep, stepList, waitForReady } from '../../scripts/lib/browser/app';
import { startApp, type AppHarness } from '../../scripts/lib/browser/harness';
import { expectNoAxeViolations, expectTextSoon } from './helpers/expectations';

const HOSTNAME = 'training.acme.test';
const TITLE = 'Acme training shop';
const NEW_PATH = '/training/welcome';

const writeButton = (page: Page): Locator => page.getByRole('button', { name: 'Write your own scenario…' });
const editorDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Write your own scenario' });
const problems = (dialog: Locator): Locator => dialog.getByRole('region', { name: 'Problems' });

async function openEditor(page: Page): Promise<Locator> {
  await writeButton(page).click();
  const dialog = editorDialog(page);
  await dialog.getByRole('heading', { name: 'Write your own scenario' }).waitFor();
  return dialog;
}

/** The picker's chosen option, once the current mode's run is on screen. */
async function pickedTitle(page: Page): Promise<string> {
  await waitForReady(page, 'passthrough');
  return scenarioSelect(page).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
}

/** Nothing in the page is wider than the viewport (the dialog's rows stack on a phone). */
async function widestOverflow(page: Page): Promise<{ width: number; widest: number; what: string }> {
  return page.evaluate(() => {
    let widest = 0;
    let what = '';
    for (const el of document.querySelectorAll('dialog[open] *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > widest) {
        widest = r.right;
        what = `${el.tagName.toLowerCase()}#${el.id}.${el.className}`;
      }
    }
    return { width: document.documentElement.clientWidth, widest: Math.ceil(widest), what };
  });
}

describe('scenario editor', () => {
  let app: AppHarness;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a trainer renames the site, adds a request and previews: the lab runs it with their names (axe clean at 1280x800)', async () => {
    const { page, consoleErrors } = await app.openApp('');
    await waitForReady(page, 'passthrough');
    const dialog = await openEditor(page);
    await expectNoAxeViolations(page, 'scenario editor, 1280x800');

    await dialog.getByLabel('Title', { exact: true }).fill(TITLE);
    await dialog.getByLabel('Site hostname', { exact: true }).fill(HOSTNAME);
    // A wrong name first: its message appears in the list and the field says it is invalid.
    await dialog.getByLabel('API hostname', { exact: true }).fill(HOSTNAME);
    await expectTextSoon(problems(dialog).locator('li'), /^apiHostname: /);
    await expect(dialog.getByLabel('API hostname', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(dialog.getByRole('button', { name: 'Preview: run it' }).isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('API hostname', { exact: true }).fill('api.acme.test');

    const rows = dialog.locator('li.se-request');
    const before = await rows.count();
    await dialog.getByRole('button', { name: 'Add a request' }).click();
    await expect.poll(() => rows.count()).toBe(before + 1);
    const added = rows.nth(before);
    // The new row's first field has the focus.
    await expect(added.getByLabel(/^Client/).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await added.getByLabel(/^Path/).fill(NEW_PATH);
    await expectTextSoon(problems(dialog), /No problems/);
    await expect(dialog.locator('.se-file-text').textContent()).resolves.toContain(`"hostname": "${HOSTNAME}"`);

    await dialog.getByRole('button', { name: 'Preview: run it' }).click();
    await expectTextSoon(dialog.locator('.se-previewed'), TITLE);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await writeButton(page).evaluate((b) => b === document.activeElement)).toBe(true);

    expect(await pickedTitle(page)).toContain(TITLE);
    await expect(stepList(page).textContent()).resolves.toContain(`GET ${NEW_PATH}`);
    await selectStep(page, 'Client to Load balancer: ClientHello');
    await expectTextSoon(inspector(page).getByRole('button', { name: /^Server name \(SNI\)/ }), HOSTNAME);
    errors.push(...consoleErrors);
    await page.context().close();
  });

  it('keyboard only: Tab reaches the site hostname inside the dialog, Enter previews', async () => {
    const { page, consoleErrors } = await app.openApp('');
    await waitForReady(page, 'passthrough');
    await writeButton(page).focus();
    await page.keyboard.press('Enter');
    const dialog = editorDialog(page);
    await dialog.getByRole('heading', { name: 'Write your own scenario' }).waitFor();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => ({ id: document.activeElement?.id ?? '', inDialog: !!document.activeElement?.closest('dialog[open]') }));
      expect(focus.inDialog, 'the focus stays in the dialog').toBe(true);
      reached = focus.id === 'se-hostname';
    }
    expect(reached, 'Tab reaches the site hostname').toBe(true);
    await page.keyboard.type(HOSTNAME);
    // Enter submits the form once the problem-free file is there (a fresh built-in copy is valid).
    await expect.poll(() => dialog.getByRole('button', { name: 'Preview: run it' }).isEnabled()).toBe(true);
    await page.keyboard.press('Enter');
    await expectTextSoon(dialog.locator('.se-previewed'), /is running in the lab/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await pickedTitle(page)).toMatch(/from a file/);
    await selectStep(page, 'Client to Load balancer: ClientHello');
    await expectTextSoon(inspector(page).getByRole('button', { name: /^Server name \(SNI\)/ }), HOSTNAME);
    errors.push(...consoleErrors);
    await page.context().close();
  });

  it('axe clean with the dialog open at 375 px (rows stacked, nothing wider than the screen) and in the dark theme', async () => {
    const { page, consoleErrors } = await app.openApp('', { viewport: { width: 375, height: 740 } });
    await waitForReady(page, 'passthrough');
    const dialog = await openEditor(page);
    // Every part open: More options, a request's own details, the file view, and a problem in the list.
    for (const summary of await dialog.locator('summary').all()) await summary.click();
    await dialog.getByRole('button', { name: 'Add a client' }).click();
    await dialog.getByLabel('Title', { exact: true }).fill('');
    await expectTextSoon(problems(dialog).locator('li'), /^title: /);
    const { width, widest, what } = await widestOverflow(page);
    expect(widest, `widest element ${what}`).toBeLessThanOrEqual(width);
    const name = dialog.locator('li.se-client-row').first().getByLabel(/^Name/);
    const ip = dialog.locator('li.se-client-row').first().getByLabel(/^Public IPv4/);
    const [nameBox, ipBox] = [await name.boundingBox(), await ip.boundingBox()];
    expect(ipBox!.y, 'the address sits under the name').toBeGreaterThan(nameBox!.y + nameBox!.height - 1);
    await expectNoAxeViolations(page, 'scenario editor, 375 px');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, 'scenario editor, 375 px, dark');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoAxeViolations(page, 'scenario editor, 1280x800, dark');
    errors.push(...consoleErrors);
    await page.context().close();
  });

  it('logged no console errors or uncaught exceptions', () => {
    expect(errors).toEqual([]);
  });
});
