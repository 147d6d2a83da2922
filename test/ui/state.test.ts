import { describe, expect, it } from 'vitest';
import { buildRunRequest, connectEngine } from '../../src/state/engineBridge';
import { createSimStore } from '../../src/state/store';
import { checkDraft, draftOf, sanitizeOptions } from '../../src/state/validation';
import type { RunRequest } from '../../src/worker/protocol';

const base = { method: 'POST', path: '/login', body: 'user=alice', purpose: 'log in' } as const;

interface FakeWorker {
  sent: RunRequest[];
  listeners: Array<(e: MessageEvent) => void>;
  /** Fires the worker's 'error' event (an uncaught exception inside it). */
  crash(message: string): void;
  terminated: boolean;
  worker: Worker;
}

/** A stand-in for the engine worker: records what the bridge posts and lets the test answer. */
function fakeWorker(): FakeWorker {
  const sent: RunRequest[] = [];
  const listeners: Array<(e: MessageEvent) => void> = [];
  const errorListeners: Array<(e: ErrorEvent) => void> = [];
  const fake: FakeWorker = {
    sent, listeners, terminated: false,
    crash: (message) => { for (const fn of errorListeners) fn({ message, preventDefault: () => undefined } as ErrorEvent); },
    worker: {
      postMessage: (m: RunRequest) => sent.push(m),
      addEventListener: (type: string, fn: (e: unknown) => void) => {
        if (type === 'message') listeners.push(fn);
        if (type === 'error') errorListeners.push(fn);
      },
      terminate: () => { fake.terminated = true; },
    } as unknown as Worker,
  };
  return fake;
}

/** Timers the test fires by hand. */
function manualTimers(): { setTimer: (fn: () => void, ms: number) => unknown; clearTimer: (h: unknown) => void; fire(): void; pending(): number } {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: (fn) => { timers.set(++next, fn); return next; },
    clearTimer: (h) => { timers.delete(h as number); },
    fire: () => { const all = [...timers.values()]; timers.clear(); for (const fn of all) fn(); },
    pending: () => timers.size,
  };
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

describe('engine bridge: every request ends in a result, a newer request or a visible error', () => {
  const reply = (w: FakeWorker, data: unknown): void => { for (const fn of w.listeners) fn({ data } as MessageEvent); };

  it('"Use the scenario\'s requests" on requests never edited clears the runs and asks again (it used to ask nobody)', () => {
    const { sent, worker } = fakeWorker();
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const bridge = connectEngine(store, () => worker, manualTimers());
    store.getState().setRequests(null);
    expect(store.getState().runs).toEqual({});
    expect(sent.map((r) => r.id)).toEqual([1, 2]);
    // Choosing the scenario already shown asks again too: whatever empties the runs sends a request.
    store.getState().setScenario('basic');
    expect(sent.map((r) => r.id)).toEqual([1, 2, 3]);
    bridge.dispose();
  });

  it('a worker that falls silent is replaced, the request is sent again, and the learner is told', () => {
    const workers: FakeWorker[] = [];
    const timers = manualTimers();
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const bridge = connectEngine(store, () => { const w = fakeWorker(); workers.push(w); return w.worker; }, timers);
    expect(workers).toHaveLength(1);
    timers.fire(); // 20 s of silence
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent).toEqual([expect.objectContaining({ id: 1, scenarioId: 'basic' })]);
    expect(store.getState().engineNotice).toMatch(/stopped answering: it was restarted/);
    expect(store.getState().status).not.toBe('error');
    // The fresh worker is silent too: now the learner sees an error, and "Try again" asks a third worker.
    timers.fire();
    expect(store.getState()).toMatchObject({ status: 'error', error: expect.stringMatching(/also after a restart/) });
    store.getState().retry();
    expect(workers).toHaveLength(4);
    expect(workers[3]!.sent).toEqual([expect.objectContaining({ id: 2 })]);
    expect(store.getState().status).toBe('running');
    bridge.dispose();
  });

  it('a worker that crashes is replaced and the open request answered by the new one', () => {
    const workers: FakeWorker[] = [];
    const timers = manualTimers();
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const bridge = connectEngine(store, () => { const w = fakeWorker(); workers.push(w); return w.worker; }, timers);
    workers[0]!.crash('out of memory');
    expect(workers).toHaveLength(2);
    expect(store.getState().engineNotice).toMatch(/engine worker failed \(out of memory\)/);
    // The old worker's last words are ignored; the new worker's 'done' closes the request and stops the watchdog.
    reply(workers[0]!, { type: 'failed', id: 1, message: 'late' });
    expect(store.getState().status).not.toBe('error');
    reply(workers[1]!, { type: 'done', id: 1 });
    expect(timers.pending()).toBe(0);
    bridge.dispose();
  });

  it('a failed request shows the error with a retry; replies keep the watchdog from firing while work goes on', () => {
    const workers: FakeWorker[] = [];
    const timers = manualTimers();
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const bridge = connectEngine(store, () => { const w = fakeWorker(); workers.push(w); return w.worker; }, timers);
    reply(workers[0]!, { type: 'keysReady', ms: 5 });
    expect(timers.pending()).toBe(1);
    reply(workers[0]!, { type: 'failed', id: 1, message: 'offload: boom' });
    expect(store.getState()).toMatchObject({ status: 'error', error: 'offload: boom' });
    expect(timers.pending()).toBe(0);
    store.getState().retry();
    expect(store.getState().error).toBeNull();
    expect(workers.at(-1)!.sent.at(-1)).toMatchObject({ id: 2 });
    bridge.dispose();
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
