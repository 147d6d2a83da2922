/**
 * The TLS version in the app: the selector, the options that depend on it, the honest protocol note, the
 * "Compare protocols" table and the key schedule step. Every run states its protocol explicitly (never the default).
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOLS, TLS_PROTOCOLS, type Mode, type TlsProtocol } from '../../src/sim/index';
import { protocolRow } from '../../src/state/derive/protocolCompare';
import { typeOf } from '../../src/state/derive/events';
import type { ModeRun } from '../../src/state/store';
import { preloadLazyParts, renderSim } from './helpers/renderSim';
import { runAllModes } from './helpers/timelines';

const runs = {} as Record<TlsProtocol, Record<Mode, ModeRun>>;
beforeAll(async () => {
  for (const protocol of TLS_PROTOCOLS) runs[protocol] = await runAllModes('basic', { options: { protocol } });
  await preloadLazyParts();
}, 120_000);
afterEach(cleanup);

describe('the TLS version selector', () => {
  it('is a labelled radio group beside the mode switch, checked at the version that ran', () => {
    renderSim(runs['tls1.3']);
    const group = screen.getByRole('group', { name: 'TLS version' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios).toHaveLength(3);
    for (const p of TLS_PROTOCOLS) within(group).getByRole('radio', { name: new RegExp(`^${PROTOCOLS[p].label.replace(/[()]/g, '\\$&')}`) });
    expect((within(group).getByRole('radio', { name: /^TLS 1\.3/ }) as HTMLInputElement).checked).toBe(true);
    expect((within(group).getByRole('radio', { name: /^TLS 1\.1 \(node-forge\)/ }) as HTMLInputElement).checked).toBe(false);
  });

  it('choosing a version runs every mode again under it', () => {
    const { store } = renderSim(runs['tls1.1']);
    expect((screen.getByRole('radio', { name: /^TLS 1\.1 \(node-forge\)/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /^TLS 1\.2/ }));
    expect(store.getState().options.protocol).toBe('tls1.2');
    expect(store.getState().status).toBe('running');
    expect(store.getState().runs).toEqual({});
    // While the new runs are computed, the selector already shows the chosen version, and the status names it.
    expect((screen.getByRole('radio', { name: /^TLS 1\.2/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('Running real TLS 1.2 handshakes for Passthrough…')).toBeTruthy();
  });

  it('the new version\'s run opens at the comparable step (the same request), not at the same event number', () => {
    const { store } = renderSim(runs['tls1.1']);
    const notesAt = (events: readonly { type: string }[]) => events.map((e, i) => (/^http\./.test(e.type) ? i : -1)).filter((i) => i >= 0);
    const before = notesAt(runs['tls1.1'].passthrough.timeline.events);
    const after = notesAt(runs['tls1.3'].passthrough.timeline.events);
    expect(after).toHaveLength(before.length);
    // A step whose event number differs between the two versions (the handshakes differ in length).
    const k = before.findIndex((b, i) => b !== after[i]);
    expect(k).toBeGreaterThanOrEqual(0);
    act(() => store.getState().seek(before[k]!));
    act(() => store.getState().setProtocol('tls1.3'));
    act(() => store.getState().storeRun('passthrough', runs['tls1.3'].passthrough));
    expect(store.getState().cursor).toBe(after[k]);
    expect(store.getState().rerunFrom).toBeNull();
  });

  it('keeps the chosen version across a scenario change and an options reset', () => {
    const { store } = renderSim(runs['tls1.1']);
    act(() => store.getState().setProtocol('tls1.3'));
    act(() => store.getState().setOption('waf', false));
    act(() => store.getState().resetOptions());
    expect(store.getState().options).toEqual({ protocol: 'tls1.3' });
    act(() => store.getState().setScenario('cart'));
    expect(store.getState().options.protocol).toBe('tls1.3');
  });

  it('the options panel has no second protocol control, and ECH needs TLS 1.3', () => {
    renderSim(runs['tls1.1']);
    expect(document.getElementById('option-protocol')).toBeNull();
    const ech = screen.getByRole('checkbox', { name: /^Encrypted Client Hello \(ECH\)/ }) as HTMLInputElement;
    expect(ech.disabled).toBe(true);
    expect(ech.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(ech.getAttribute('aria-describedby')!)?.textContent).toMatch(/Needs TLS 1\.3 \(this run uses TLS 1\.1\)/);
    cleanup();
    const { store } = renderSim(runs['tls1.3']);
    const enabled = screen.getByRole('checkbox', { name: /^Encrypted Client Hello \(ECH\)/ }) as HTMLInputElement;
    expect(enabled.disabled).toBe(false);
    fireEvent.click(enabled);
    expect(store.getState().options.encryptedClientHello).toBe(true);
  });
});

describe('honest labels', () => {
  it('the protocol note names the version that ran, and calls TLS 1.1 obsolete', async () => {
    renderSim(runs['tls1.3']);
    const note = await screen.findByRole('region', { name: /^About the protocol/ });
    expect(within(note).getByRole('heading', { level: 2 }).textContent).toBe('About the protocol: TLS 1.3');
    expect(within(note).getByTestId('protocol-what-runs').textContent).toMatch(/TLS 1\.3/);
    expect(within(note).getByTestId('protocol-what-runs').textContent).not.toMatch(/TLS 1\.1|RSA key transport/);
    expect(note.textContent).toContain(PROTOCOLS['tls1.3'].cipherSuite);
    expect(note.textContent).not.toMatch(/obsolete/);
    // The summary names what the sessions negotiated.
    expect(screen.getByTestId('summary-protocol').textContent).toMatch(/^TLS 1\.3 /);
    cleanup();
    renderSim(runs['tls1.1']);
    const old = await screen.findByRole('region', { name: /^About the protocol/ });
    expect(old.textContent).toMatch(/TLS 1\.1 is obsolete/);
    expect(old.textContent).toContain('TLS_RSA_WITH_AES_128_CBC_SHA');
  });
});

describe('Compare protocols', () => {
  it('shows the other versions as computing until the worker sends their rows, then the differences', async () => {
    const { store } = renderSim(runs['tls1.3']);
    const panel = await screen.findByRole('region', { name: 'Compare protocols, table' });
    const headers = within(panel).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Passthrough', 'TLS 1.3 (shown)', 'TLS 1.2 (ECDHE)', 'TLS 1.1 (node-forge)']);
    const certRow = () => within(panel).getByRole('row', { name: /^Passthrough LB saw the server certificate/ });
    expect(within(certRow()).getAllByRole('cell').map((c) => c.textContent)).toEqual([' No: it was encrypted', 'computing…', 'computing…']);
    act(() => {
      for (const p of ['tls1.2', 'tls1.1'] as const) store.getState().storeProtocolRow('passthrough', p, protocolRow(runs[p].passthrough.timeline, runs[p].passthrough.summary));
    });
    const cells = within(certRow()).getAllByRole('cell').map((c) => c.textContent ?? '');
    expect(cells[0]).toMatch(/No: it was encrypted/);
    expect(cells[1]).toMatch(/Yes: .*shop\.example\.com/);
    expect(cells[2]).toMatch(/Yes: .*shop\.example\.com/);
    const trips = within(within(panel).getByRole('row', { name: /^Round trips before the request/ })).getAllByRole('cell').map((c) => c.textContent ?? '');
    expect(trips.map((t) => t.charAt(0))).toEqual(['1', '2', '2']);
    // Nobody but the ends read HTTP in passthrough, whatever the version.
    const lb = within(within(panel).getByRole('row', { name: /^Load balancer/ })).getAllByRole('cell').map((c) => c.textContent ?? '');
    for (const text of lb) expect(text).toMatch(/Read nothing/);
  });

  it('follows the mode: in offloading the LB reads HTTP and presents the certificate itself', async () => {
    const { store } = renderSim(runs['tls1.1'], 'basic', 'offload');
    act(() => store.getState().storeProtocolRow('offload', 'tls1.3', protocolRow(runs['tls1.3'].offload.timeline, runs['tls1.3'].offload.summary)));
    const panel = await screen.findByRole('region', { name: 'Compare protocols, table' });
    expect(within(panel).getAllByRole('columnheader')[0]?.textContent).toBe('Offloading');
    const cert = within(within(panel).getByRole('row', { name: /^Passthrough LB saw/ })).getAllByRole('cell').map((c) => c.textContent);
    expect(cert[0]).toMatch(/the LB ends TLS and presents it/);
    expect(cert[2]).toMatch(/the LB ends TLS and presents it/);
    const lb = within(within(panel).getByRole('row', { name: /^Load balancer/ })).getAllByRole('cell').map((c) => c.textContent ?? '');
    expect(lb[2]).toMatch(/Read HTTP/);
    // No stolen-key fault in this scenario: no such row.
    expect(within(panel).queryByRole('row', { name: /stolen site key/ })).toBeNull();
  });
});

describe('the key schedule step', () => {
  it('a tls.keysDerived event is a step whose narration lists each secret and what it comes from', async () => {
    const { store } = renderSim(runs['tls1.3'], 'basic', 'offload');
    const events = runs['tls1.3'].offload.timeline.events;
    const index = events.findIndex((e) => typeOf(e) === 'tls.keysDerived');
    expect(index).toBeGreaterThan(0);
    act(() => store.getState().seek(index));
    expect(screen.getByRole('list', { name: 'Steps' }).querySelector(`[data-step="${index}"]`)?.getAttribute('aria-current')).toBe('step');
    const table = await screen.findByRole('region', { name: 'Key schedule, table' });
    const secrets = (events[index] as unknown as { detail: { secrets: { name: string; from: string }[] } }).detail.secrets;
    expect(secrets.length).toBeGreaterThan(0);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(secrets.length);
    secrets.forEach((s, i) => {
      expect(within(rows[i]!).getByRole('rowheader').textContent).toBe(s.name);
      expect(within(rows[i]!).getByRole('cell').textContent).toBe(s.from);
    });
    // A packet step shows no such table.
    act(() => store.getState().seek(0));
    expect(screen.queryByRole('region', { name: 'Key schedule, table' })).toBeNull();
  });
});
