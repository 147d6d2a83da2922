import { describe, expect, it } from 'vitest';
import { buildRunRequest, connectEngine } from '../../src/state/engineBridge';
import { createSimStore } from '../../src/state/store';
import { checkDraft, draftOf, sanitizeOptions } from '../../src/state/validation';
import type { RunRequest } from '../../src/worker/protocol';

const base = { method: 'POST', path: '/login', body: 'user=alice', purpose: 'log in' } as const;

/** A stand-in for the engine worker: records what the bridge posts and lets the test answer. */
function fakeWorker(): { sent: RunRequest[]; listeners: Array<(e: MessageEvent) => void>; worker: Worker } {
  const sent: RunRequest[] = [];
  const listeners: Array<(e: MessageEvent) => void> = [];
  const worker = {
    postMessage: (m: RunRequest) => sent.push(m),
    addEventListener: (type: string, fn: (e: MessageEvent) => void) => { if (type === 'message') listeners.push(fn); },
    terminate: () => undefined,
  } as unknown as Worker;
  return { sent, listeners, worker };
}

describe('validation', () => {
  it('keeps only known options with values of the right type', () => {
    expect(sanitizeOptions({ waf: false, algorithm: 'source-ip-hash', bogus: 1, keepAlive: 'yes', proxyProtocol: 'v9', loginRateLimit: 3 }))
      .toEqual({ waf: false, algorithm: 'source-ip-hash', loginRateLimit: 3 });
    expect(sanitizeOptions({ loginRateLimit: -1, stickyCookie: true, __proto__: { waf: false } } as Record<string, unknown>)).toEqual({ stickyCookie: true });
  });

  it('accepts a plain request and markup in the body (it is data, shown as text)', () => {
    const checked = checkDraft({ method: 'POST', path: '/search?q=%3Cb%3E', headers: 'X-Note: <b>hi</b>', body: '<script>alert(1)</script>' }, base);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.request).toMatchObject({ method: 'POST', path: '/search?q=%3Cb%3E', headers: [['X-Note', '<b>hi</b>']], body: '<script>alert(1)</script>' });
  });

  it('refuses what would break the request line or inject headers', () => {
    const bad = (draft: Partial<ReturnType<typeof draftOf>>) => checkDraft({ ...draftOf(base), ...draft }, base).ok;
    expect(bad({ method: 'get' })).toBe(false);
    expect(bad({ path: '/a b' })).toBe(false);
    expect(bad({ path: 'login' })).toBe(false);
    expect(bad({ path: '/caf\u00e9' })).toBe(false);
    expect(bad({ headers: 'X-A: 1\rSet-Cookie: x' })).toBe(false);
    expect(bad({ headers: 'Host: evil.example' })).toBe(false);
    expect(bad({ headers: 'Bad Name: x' })).toBe(false);
    expect(bad({ body: 'x'.repeat(5000) })).toBe(false);
  });
});

describe('engine bridge', () => {
  it('sends sanitized options and requests, the mode on screen first', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'offload', seed: 1 });
    store.getState().setOption('waf', false);
    store.getState().setRequests([{ ...base, headers: [['X-Evil', 'a\r\nb']] }]);
    const withBad = buildRunRequest(store.getState(), 1);
    expect(withBad.modes).toEqual(['offload', 'passthrough', 'bridge']);
    expect(withBad.options).toEqual({ waf: false });
    expect(withBad.requests).toBeUndefined();
    store.getState().setRequests([base]);
    expect(buildRunRequest(store.getState(), 2).requests).toEqual([base]);
  });

  it('asks again when an option changes and drops stale replies', () => {
    const { sent, listeners, worker } = fakeWorker();
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const bridge = connectEngine(store, () => worker);
    expect(sent).toHaveLength(1);
    store.getState().setOption('keepAlive', false);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.options).toEqual({ keepAlive: false });
    store.getState().seek(3);
    store.getState().setMode('bridge');
    expect(sent).toHaveLength(2);
    listeners[0]!({ data: { type: 'failed', id: 1, message: 'stale' } } as MessageEvent);
    expect(store.getState().status).toBe('running');
    bridge.dispose();
  });

  it('a TLS version change asks again with the version, and files the protocol comparison of the current request only', () => {
    const { sent, listeners, worker } = fakeWorker();
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1, options: { protocol: 'tls1.1' } });
    const bridge = connectEngine(store, () => worker);
    store.getState().setProtocol('tls1.3');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ options: { protocol: 'tls1.3' }, compareProtocols: true });
    const row = { protocol: 'tls1.2', version: 'TLS 1.2', readers: ['client'], lbCertificate: 'CN=shop.example.com', lbCertificateSource: 'event', roundTrips: 2, eavesdropperRead: false };
    listeners[0]!({ data: { type: 'protocolRow', id: 1, mode: 'passthrough', protocol: 'tls1.2', row } } as MessageEvent);
    expect(store.getState().protocolRows).toEqual({});
    listeners[0]!({ data: { type: 'protocolRow', id: 2, mode: 'passthrough', protocol: 'tls1.2', row } } as MessageEvent);
    expect(store.getState().protocolRows.passthrough?.['tls1.2']).toEqual(row);
    // Any new run input makes the comparison stale.
    store.getState().setOption('waf', false);
    expect(store.getState().protocolRows).toEqual({});
    bridge.dispose();
  });

  it('a protocol outside the engine\'s list never reaches the worker', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'offload', seed: 1, options: { protocol: 'tls1.0' as never } });
    expect(buildRunRequest(store.getState(), 1).options).toEqual({});
  });
});

describe('store', () => {
  it('a switch to a mode still computing lands on the comparable step when its run arrives', async () => {
    const { runAllModes } = await import('./helpers/timelines');
    const runs = await runAllModes('basic');
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    store.getState().storeRun('passthrough', runs.passthrough);
    const sent = runs.passthrough.timeline.events.map((e, i) => (e.type === 'http.requestSent' ? i : -1)).filter((i) => i >= 0);
    store.getState().seek(sent[2]!);
    store.getState().setMode('offload');
    store.getState().storeRun('offload', runs.offload);
    const s = store.getState();
    expect(runs.offload.timeline.events[s.cursor]?.type).toBe('http.requestSent');
    expect(s.cursor).toBe(runs.offload.timeline.events.map((e, i) => (e.type === 'http.requestSent' ? i : -1)).filter((i) => i >= 0)[2]);
    expect(s.pendingSwitch).toBeNull();
  });
});
