/**
 * The scenario editor (issue 14) in jsdom: live validation from the file format's own validator (messages in a
 * polite live region, the field marked aria-invalid and described by its message), preview only when the file is
 * valid, with the typed names; rows added, moved and removed; typed markup stays text.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findScenario, parseScenarioFile, problemText, scenarioToFile, type Scenario, type ScenarioFile } from '../../src/sim/index';
import { PROBLEMS_DELAY_MS, ScenarioEditor } from '../../src/ui/authoring/ScenarioEditor';

const basicFile = (): ScenarioFile => scenarioToFile(findScenario('basic')!);

function renderEditor(initial: ScenarioFile = basicFile()) {
  const onPreview = vi.fn<(s: Scenario) => void>();
  const onClose = vi.fn();
  const result = render(<ScenarioEditor initial={initial} onPreview={onPreview} onClose={onClose} />);
  return { ...result, onPreview, onClose };
}

/** The problem list catches up with the form after its delay. */
const settle = (): void => act(() => { vi.advanceTimersByTime(PROBLEMS_DELAY_MS + 10); });
/*
 * Role queries over the whole form are slow in jsdom (a second each); the tests scope them to a row or use labels,
 * and the first test checks the roles and names these helpers rely on.
 */
const liveList = (): HTMLElement => document.querySelector<HTMLElement>('.se-problems [aria-live="polite"]')!;
const previewButton = (): HTMLButtonElement => document.querySelector<HTMLButtonElement>('button.se-preview')!;
const request = (n: number): HTMLElement => document.querySelectorAll<HTMLElement>('li.se-request > fieldset')[n - 1]!;
const fileText = (): string => document.querySelector('.se-file-text')!.textContent!;
const field = <T extends HTMLElement = HTMLInputElement>(label: string | RegExp, scope: HTMLElement = document.body): T =>
  within(scope).getByLabelText<T>(label);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ScenarioEditor', () => {
  it('starts from the scenario it is given, valid, with a heading, a Close button and every section', () => {
    const { onClose } = renderEditor();
    expect(screen.getByRole('heading', { name: 'Write your own scenario' })).toBeTruthy();
    const legends = [...document.querySelectorAll('fieldset.se-section > legend')].map((l) => l.textContent);
    expect(legends).toEqual(['About', 'Names', 'Clients', 'Requests', 'Options', 'Faults']);
    expect(screen.getByRole('group', { name: 'Names' }).tagName).toBe('FIELDSET');
    expect(screen.getByRole('textbox', { name: 'Id' })).toHaveProperty('value', 'my-basic');
    expect(field('Site hostname').placeholder).toBe('shop.example.com');
    expect(screen.getByRole('region', { name: 'Problems' }).contains(liveList())).toBe(true);
    expect(liveList().textContent).toMatch(/No problems/);
    expect(screen.getByRole('button', { name: 'Preview: run it' })).toBe(previewButton());
    expect(screen.getByRole('group', { name: /^Request 1\b/ })).toBe(request(1));
    expect(fileText()).toBe(fileText());
    expect(previewButton().disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('a built-in id handed over as it is starts as my-<id>', () => {
    renderEditor({ ...basicFile(), id: 'basic' });
    expect(field('Id').value).toBe('my-basic');
  });

  it('clearing a method lists its message, marks the field and disables preview; choosing one again clears both', () => {
    renderEditor();
    const method = field<HTMLSelectElement>(/^Method/, request(1));
    fireEvent.change(method, { target: { value: '' } });
    // Preview follows at once; the list waits for the typing to pause.
    expect(previewButton().disabled).toBe(true);
    expect(method.getAttribute('aria-invalid')).toBeNull();
    settle();
    const items = within(liveList()).getAllByRole('listitem');
    const message = items.find((li) => li.textContent!.includes('requests[0].method'));
    expect(message, liveList().textContent!).toBeDefined();
    expect(method.getAttribute('aria-invalid')).toBe('true');
    const described = method.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent);
    expect(described.some((t) => t!.startsWith('requests[0].method'))).toBe(true);

    fireEvent.change(method, { target: { value: 'POST' } });
    settle();
    expect(liveList().textContent).toMatch(/No problems/);
    expect(method.getAttribute('aria-invalid')).toBeNull();
    expect(method.getAttribute('aria-describedby')).toBeNull();
    expect(previewButton().disabled).toBe(false);
  });

  it('the messages are the format\'s own words (problemText) and "Go to the field" focuses the field', () => {
    renderEditor();
    const host = field('Site hostname');
    fireEvent.change(host, { target: { value: 'not a host name' } });
    settle();
    const expected = parseScenarioFile({ ...basicFile(), hostname: 'not a host name' });
    expect(expected.ok).toBe(false);
    const words = expected.ok ? [] : expected.problems.map(problemText);
    const items = within(liveList()).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('span[id^="se-problem-"]')!.textContent)).toEqual(words);
    const item = items[0]!;
    fireEvent.click(within(item).getByRole('button', { name: /^Go to the field/ }));
    expect(document.activeElement).toBe(host);
    expect(host.getAttribute('aria-describedby')).toContain('se-hostname-hint');
  });

  it('preview hands over the parsed scenario with the typed hostname and the added request', () => {
    const { onPreview } = renderEditor();
    fireEvent.change(field('Title'), { target: { value: 'ACME login' } });
    fireEvent.change(field('Site hostname'), { target: { value: 'training.acme.test' } });
    const before = findScenario('basic')!.requests.length;
    fireEvent.click(document.getElementById('se-requests-add')!);
    const added = request(before + 1);
    expect(document.activeElement).toBe(field(/^Client/, added));
    fireEvent.change(field(/^Path/, added), { target: { value: '/login' } });
    fireEvent.change(field(/^Method/, added), { target: { value: 'POST' } });
    fireEvent.change(field(/^Body/, added), { target: { value: 'user=alice&password=x' } });
    fireEvent.change(field(/^Headers/, added), { target: { value: 'Content-Type: application/x-www-form-urlencoded' } });
    expect(previewButton().disabled).toBe(false);
    fireEvent.click(previewButton());
    expect(onPreview).toHaveBeenCalledOnce();
    const scenario = onPreview.mock.calls[0]![0];
    expect(scenario.hostname).toBe('training.acme.test');
    expect(scenario.title).toBe('ACME login');
    expect(scenario.requests).toHaveLength(before + 1);
    const last = scenario.requests.at(-1)!;
    expect([last.method, last.path, last.body]).toEqual(['POST', '/login', 'user=alice&password=x']);
    expect(last.headers).toEqual([['Content-Type', 'application/x-www-form-urlencoded']]);
    expect(document.querySelector('.se-previewed')!.textContent).toMatch(/ACME login/);
  });

  it('preview stays disabled and does nothing while the file is invalid', () => {
    const { onPreview } = renderEditor();
    fireEvent.change(field('Title'), { target: { value: '' } });
    expect(previewButton().disabled).toBe(true);
    fireEvent.submit(previewButton().closest('form')!);
    expect(onPreview).not.toHaveBeenCalled();
    settle();
    expect(field('Title').getAttribute('aria-invalid')).toBe('true');
  });

  it('requests move and are removed with the focus kept on the row', () => {
    renderEditor({ ...basicFile(), requests: [{ method: 'GET', path: '/a' }, { method: 'GET', path: '/b' }, { method: 'GET', path: '/c' }] });
    fireEvent.click(within(request(3)).getByRole('button', { name: /^Move up/ }));
    expect(field(/^Path/, request(2))).toHaveProperty('value', '/c');
    expect(document.activeElement).toBe(within(request(2)).getByRole('button', { name: /^Move up/ }));
    fireEvent.click(within(request(2)).getByRole('button', { name: /^Move up/ }));
    // At the top "Move up" is disabled: its twin takes the focus.
    expect(document.activeElement).toBe(within(request(1)).getByRole('button', { name: /^Move down/ }));
    fireEvent.click(within(request(1)).getByRole('button', { name: /^Remove/ }));
    expect(document.querySelectorAll('li.se-request')).toHaveLength(2);
    expect(document.activeElement).toBe(within(request(1)).getByRole('button', { name: /^Remove/ }));
    expect(field(/^Path/, request(1)).value).toBe('/a');
  });

  it('clients: add, rename (requests follow) and remove; a request naming a removed client is a problem', () => {
    renderEditor({ ...basicFile(), clients: [{ name: 'alice', ip: '203.0.113.10' }], requests: [{ client: 'alice', method: 'GET', path: '/' }] });
    const clients = document.querySelector<HTMLElement>('fieldset.se-clients')!;
    fireEvent.click(within(clients).getByRole('button', { name: 'Add a client' }));
    expect(document.activeElement).toBe(field('Name of client 2', clients));
    fireEvent.change(field('Name of client 1', clients), { target: { value: 'anna' } });
    const client = field<HTMLSelectElement>(/^Client/, request(1));
    expect(client.value).toBe('anna');
    fireEvent.click(within(clients).getByRole('button', { name: /^Remove client 1/ }));
    settle();
    expect(client.getAttribute('aria-invalid')).toBe('true');
    expect(liveList().textContent).toContain('requests[0].client');
  });

  it('options: only what differs from the defaults is in the file view; More options is collapsed', () => {
    renderEditor({ ...basicFile(), options: {} });
        const waf = field(/^WAF at the load balancer/);
    expect(fileText()).not.toContain('"options"');
    fireEvent.click(waf);
    expect(JSON.parse(fileText()).options).toEqual({ waf: waf.checked });
    fireEvent.click(waf);
    expect(fileText()).not.toContain('"options"');
    fireEvent.change(field(/^TLS version/), { target: { value: 'tls1.2' } });
    expect(JSON.parse(fileText()).options).toEqual({ protocol: 'tls1.2' });
    const more = screen.getByText(/^More options/).closest('details')!;
    expect(more.open).toBe(false);
    expect(field(/^Cache responses/, more)).toBeTruthy();
  });

  it('faults are written as the format names them', () => {
    renderEditor({ ...basicFile(), faults: undefined });
    const direction = field<HTMLSelectElement>(/^Tamper direction/);
    expect(direction.disabled).toBe(true);
    fireEvent.change(field(/^Tamper: flip/), { target: { value: 'internet' } });
    fireEvent.change(direction, { target: { value: 's2c' } });
    fireEvent.change(field('Server certificate'), { target: { value: 'siteUntrusted' } });
    fireEvent.click(field(/^Split ClientHello/));
    const file = JSON.parse(fileText()) as ScenarioFile;
    expect(file.faults).toEqual({ serverCertificate: 'siteUntrusted', tamper: { link: 'internet', direction: 's2c' }, splitClientHello: true });
  });

  it('typed markup stays text: in the fields, the file view and the messages', () => {
    const XSS = '<img src=x onerror="window.__xss=1">';
    const { container } = renderEditor();
    fireEvent.change(field('Title'), { target: { value: XSS } });
    fireEvent.change(field(/^Headers/, request(1)), { target: { value: 'this is not a header' } });
    settle();
    expect(container.querySelector('img')).toBeNull();
    expect(fileText()).toContain('<img src=x');
    expect(field('Title').getAttribute('aria-invalid')).toBe('true');
    expect(field(/^Headers/, request(1)).getAttribute('aria-invalid')).toBe('true');
    expect(previewButton().disabled).toBe(true);
  });

  it('inputs are bounded by the format\'s limits', () => {
    renderEditor();
    expect(Number(field('Title').getAttribute('maxlength'))).toBeGreaterThan(0);
    expect(Number(field(/^Body/, request(1)).getAttribute('maxlength'))).toBeGreaterThan(0);
  });

  it('every control has a label and every id is unique', () => {
    const { container } = renderEditor();
    const ids = [...container.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const control of container.querySelectorAll('input, select, textarea')) {
      expect(container.querySelector(`label[for="${control.id}"]`), control.id).not.toBeNull();
    }
    for (const el of container.querySelectorAll('[aria-describedby]')) {
      for (const id of el.getAttribute('aria-describedby')!.split(' ')) expect(document.getElementById(id), id).not.toBeNull();
    }
  });
});
