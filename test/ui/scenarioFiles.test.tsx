/**
 * The trainer's file controls in the page (jsdom): the picker's own group for loaded scenarios, the notices for a
 * refused file (text, never HTML), "Save as scenario file" and the "too long for a link" message.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LINK_LIMIT, findScenario, parseScenarioFile, scenarioToFile, type Scenario } from '../../src/sim/index';
import { createSimStore, type SimStore } from '../../src/state/store';
import { ScenarioFiles } from '../../src/ui/authoring/ScenarioFiles';
import { SimContext } from '../../src/ui/SimContext';
import { Simulator } from '../../src/ui/Simulator';
import { ACME_FILE } from './helpers/trainerFiles';

function acme(): Scenario {
  const read = parseScenarioFile(ACME_FILE);
  if (!read.ok) throw new Error('fixture');
  return read.value;
}

function renderWithFiles(store: SimStore) {
  return render(
    <SimContext.Provider value={store}>
      <Simulator files={<ScenarioFiles scenarioLink={(value) => `https://host/lab/#scenario=${value}`} />} />
    </SimContext.Provider>,
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('trainer files in the page', () => {
  it('lists a loaded scenario in its own group, named as coming from a file', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    store.getState().loadScenario(acme());
    renderWithFiles(store);
    const picker = screen.getByRole('combobox', { name: 'Scenario' }) as HTMLSelectElement;
    expect(picker.value).toBe('acme-login');
    const group = within(picker).getByRole('group', { name: 'Your scenarios' });
    expect(within(group).getAllByRole('option').map((o) => o.textContent)).toEqual([`${ACME_FILE.title} (from a file)`]);
    expect(screen.getByText(/^From a file, not one of the lab's own scenarios\./)).toBeTruthy();
  });

  it('shows a refused file\'s problems as text in the notices area, markup and all', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    renderWithFiles(store);
    act(() => store.getState().showFileNotice({ kind: 'rejected', source: 'the file “x.json”', problems: ['title: plain text only (found "<img src=x onerror=alert(1)>")'] }));
    const notice = screen.getByTestId('file-notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(within(notice).getByRole('listitem').textContent).toBe('title: plain text only (found "<img src=x onerror=alert(1)>")');
    expect(notice.querySelector('img')).toBeNull();
    fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(store.getState().fileNotice).toBeNull();
  });

  it('opens a picked file and says so', async () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    renderWithFiles(store);
    const file = new File([JSON.stringify(ACME_FILE)], 'acme.json', { type: 'application/json' });
    fireEvent.change(screen.getByTestId('scenario-file-input'), { target: { files: [file] } });
    await waitFor(() => expect(screen.getByTestId('file-notice').textContent).toContain(`Opened the scenario “${ACME_FILE.title}” from the file “acme.json”.`));
    expect(store.getState().scenarioId).toBe('acme-login');
  });

  it('"Save as scenario file" writes the scenario with the learner\'s changes, pretty-printed, as <id>.json', async () => {
    const store = createSimStore({ scenarioId: 'cart', mode: 'passthrough', seed: 1 });
    store.getState().setOption('waf', false);
    renderWithFiles(store);
    let saved: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => { saved = blob as Blob; return 'blob:x'; });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download); });
    fireEvent.click(screen.getByRole('button', { name: 'Save as scenario file' }));
    expect(names).toEqual(['my-cart.json']);
    const text = await saved!.text();
    expect(text.startsWith('{\n  "format"')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(scenarioToFile(findScenario('cart')!, { options: { waf: false }, requests: null }))));
    expect(JSON.parse(text)).toMatchObject({ id: 'my-cart', options: { waf: false } });
    expect(screen.getByText('Saved my-cart.json.')).toBeTruthy();
  });

  it('says plainly when the scenario is too long for a link, and offers none', async () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    // Bodies that do not compress: a link cannot carry them.
    let seed = 7;
    const noise = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[(seed = (seed * 48271) % 2147483647) % 36]).join('');
    store.getState().loadScenario({ ...acme(), requests: Array.from({ length: 4 }, (_, i) => ({ method: 'POST', path: `/n${i}`, body: noise(4000), purpose: 'noise' })) });
    renderWithFiles(store);
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link to this scenario' }));
    await waitFor(() => expect(screen.getByText(new RegExp(`^This scenario is too long for a link \\(\\d+ characters, the limit is ${LINK_LIMIT}\\): save it as a file instead\\.$`))).toBeTruthy());
    expect(writeText).not.toHaveBeenCalled();
  });

  it('copies a link that carries the scenario file', async () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    store.getState().loadScenario(acme());
    renderWithFiles(store);
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link to this scenario' }));
    await waitFor(() => expect(screen.getByText('Copied the link to this scenario.')).toBeTruthy());
    expect(writeText.mock.calls[0]![0]).toMatch(/^https:\/\/host\/lab\/#scenario=[\w-]+$/);
  });
});
