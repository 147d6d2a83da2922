import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mode } from '../../src/sim/index';
import type { ModeRun } from '../../src/state/store';
import { preloadLazyParts, renderSim } from './helpers/renderSim';
import { carriesHttpInTls, runAllModes } from './helpers/timelines';

let runs: Record<Mode, ModeRun>;
beforeAll(async () => {
  runs = await runAllModes('basic');
  await preloadLazyParts();
});
afterEach(cleanup);

const counter = () => screen.getByTestId('step-counter').textContent;
const narration = () => screen.getByRole('region', { name: 'What is happening' }).textContent;
const currentRow = () => document.querySelector('[aria-current="step"]')?.textContent;
const inspectorText = async () => (await screen.findByRole('region', { name: 'Packet inspector' })).textContent;
const firstAppData = (mode: Mode) =>
  runs[mode].timeline.events.findIndex((e) => carriesHttpInTls(e) && e.from === 'client' && e.to === 'lb');

describe('Simulator (jsdom, real runs)', () => {
  it('offers the three modes in the "Termination mode" radio group', () => {
    renderSim(runs);
    const group = screen.getByRole('group', { name: 'Termination mode' });
    for (const name of ['Passthrough', 'Offloading', 'Bridging']) expect(within(group).getByRole('radio', { name: new RegExp(`^${name}`) })).toBeTruthy();
    expect((within(group).getByRole('radio', { name: /^Passthrough/ }) as HTMLInputElement).checked).toBe(true);
    expect(counter()).toBe(`Step 1 of ${runs.passthrough.timeline.events.length}`);
  });

  it('stepping forward and back gives the same view', async () => {
    renderSim(runs);
    const next = screen.getByRole('button', { name: 'Next step' });
    for (let i = 0; i < 5; i++) fireEvent.click(next);
    const before = [counter(), narration(), currentRow(), await inspectorText()];
    fireEvent.click(next);
    expect(counter()).toMatch(/^Step 7 of/);
    fireEvent.click(screen.getByRole('button', { name: 'Previous step' }));
    expect([counter(), narration(), currentRow(), await inspectorText()]).toEqual(before);
  });

  it('the keyboard steps, jumps and plays', () => {
    const { store } = renderSim(runs);
    const total = runs.passthrough.timeline.events.length;
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(counter()).toBe(`Step 3 of ${total}`);
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(counter()).toBe(`Step 2 of ${total}`);
    fireEvent.keyDown(document.body, { key: 'End' });
    expect(counter()).toBe(`Step ${total} of ${total}`);
    fireEvent.keyDown(document.body, { key: 'Home' });
    expect(counter()).toBe(`Step 1 of ${total}`);
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(store.getState().playing).toBe(true);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(store.getState().playing).toBe(false);
    // Keys typed into a field are the field's.
    const select = screen.getByRole('combobox', { name: 'Scenario' });
    fireEvent.keyDown(select, { key: 'ArrowRight' });
    expect(counter()).toBe(`Step 1 of ${total}`);
  });

  it('"View as Load balancer": ciphertext for application data in passthrough, the request in offloading', async () => {
    const { store } = renderSim(runs);
    act(() => store.getState().seek(firstAppData('passthrough')));
    const inspector = await screen.findByRole('region', { name: 'Packet inspector' });
    const viewAs = within(inspector).getByRole('combobox', { name: 'View as' }) as HTMLSelectElement;
    fireEvent.change(viewAs, { target: { value: 'lb' } });
    expect(within(inspector).getByTestId('observer-ciphertext').textContent).toMatch(/^[0-9a-f]{2}( [0-9a-f]{2})+/);
    expect(inspector.textContent).toContain('sees ciphertext');
    fireEvent.click(screen.getByRole('radio', { name: /^Offloading/ }));
    expect(store.getState().cursor).toBe(firstAppData('offload'));
    const plaintext = within(await screen.findByRole('region', { name: 'Packet inspector' })).getByTestId('observer-plaintext').textContent;
    expect(plaintext).toMatch(/^GET \/ HTTP\/1\.1/);
  });

  it('switching mode keeps the comparable step and updates the panels', async () => {
    const { store } = renderSim(runs);
    const caps = await screen.findByRole('region', { name: 'What the load balancer can do' });
    expect(caps.textContent).toContain('cannot inspect');
    const requests = runs.passthrough.timeline.events.map((e, i) => (e.type === 'http.requestSent' ? i : -1)).filter((i) => i >= 0);
    act(() => store.getState().seek(requests[1]!));
    fireEvent.click(screen.getByRole('radio', { name: /^Offloading/ }));
    const now = store.getState();
    expect(runs.offload.timeline.events[now.cursor]?.type).toBe('http.requestSent');
    expect(screen.getByText(/What changed from Passthrough to Offloading/)).toBeTruthy();
    const after = screen.getByRole('region', { name: 'What the load balancer can do' });
    expect(after.textContent).toMatch(/inspected \d+ request/);
    expect(after.textContent).not.toContain('cannot inspect');
  });

  it('"Who can read what" comes from the run, up to the current step', async () => {
    const { store } = renderSim(runs, 'basic', 'offload');
    act(() => store.getState().toEnd());
    const table = within(await screen.findByRole('region', { name: 'Who can read what' })).getByRole('table');
    const row = within(table).getByRole('row', { name: /Eavesdropper on the internal network/ });
    expect(row.textContent).toContain('password=correct-horse');
    act(() => store.getState().setMode('bridge'));
    const bridged = within(screen.getByRole('region', { name: 'Who can read what' })).getByRole('row', { name: /Eavesdropper on the internal network/ });
    expect(bridged.textContent).not.toContain('password');
    expect(bridged.textContent).toContain('Encrypted');
  });

  it('narrates each step in a polite live region', async () => {
    renderSim(runs);
    const region = screen.getByRole('region', { name: 'What is happening' });
    const live = region.querySelector('[aria-live="polite"]');
    expect(live).not.toBeNull();
    await waitFor(() => expect(live!.textContent).toMatch(/DNS|shop\.example\.com/));
  });

  it('the ladder is the step list: selecting a row moves to that step', () => {
    renderSim(runs);
    const list = screen.getByRole('list', { name: 'Steps' });
    const rows = within(list).getAllByRole('button');
    expect(rows).toHaveLength(runs.passthrough.timeline.events.length);
    fireEvent.click(rows[4]!);
    expect(counter()).toMatch(/^Step 5 of/);
    expect(rows[4]!.getAttribute('aria-current')).toBe('step');
    expect(rows[4]!.tabIndex).toBe(0);
  });
});
