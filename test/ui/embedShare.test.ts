import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectEmbedBridge } from '../../src/embed/bridge';
import { PROTOCOL } from '../../src/embed/messages';
import { baseUrl, embedCodeFor, linkFor } from '../../src/embed/share';
import { urlStateOf } from '../../src/embed/syncUrl';
import { DEFAULT_URL_STATE, parseUrlState } from '../../src/embed/urlState';
import { createSimStore } from '../../src/state/store';

describe('links and embed code', () => {
  it('a link round-trips through parseUrlState', () => {
    const state = { ...DEFAULT_URL_STATE, mode: 'bridge' as const, scenarioId: 'cart', step: 12, viewAs: 'eve-internal' as const, speed: 2 };
    const link = linkFor('https://host/lab/', state);
    expect(link.startsWith('https://host/lab/?')).toBe(true);
    const back = parseUrlState(new URL(link).search);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(state);
  });

  it('the embed code is an escaped iframe with a title, embed=1 and 834x504', () => {
    const code = embedCodeFor('https://host/lab/', { ...DEFAULT_URL_STATE, mode: 'offload', scenarioId: 'sqli', parentOrigin: 'https://docs.example.com' });
    expect(code).toMatch(/^<iframe src="https:\/\/host\/lab\/\?[^"<>]*embed=1[^"<>]*" title="Passthrough Lab: [^"<>]+ \(Offloading\)" width="834" height="504" style="border:0;max-width:100%" loading="lazy"><\/iframe>$/);
    expect(code).toContain('&amp;');
    expect(code).not.toContain('parentOrigin');
  });

  it('baseUrl drops the query and keeps the sub-path', () => {
    expect(baseUrl('https://h.example/a/b/index.html?mode=bridge#x')).toBe('https://h.example/a/b/index.html');
  });

  it('a link with protocol=tls1.2 round-trips through the store', () => {
    const { state } = parseUrlState('?protocol=tls1.2&mode=offload');
    const store = createSimStore({ scenarioId: state.scenarioId, mode: state.mode, seed: 1, options: state.options });
    const again = urlStateOf(store.getState(), state);
    expect(new URL(linkFor('https://host/lab/', again)).searchParams.get('protocol')).toBe('tls1.2');
  });

  it('urlStateOf reads the store', () => {
    const store = createSimStore({ scenarioId: 'cart', mode: 'bridge', seed: 1 });
    store.setState({ cursor: 7, inspected: 3 });
    const s = urlStateOf(store.getState(), { ...DEFAULT_URL_STATE, embed: true });
    expect(s).toMatchObject({ scenarioId: 'cart', mode: 'bridge', step: 7, packet: 3, embed: true });
  });
});

describe('postMessage bridge', () => {
  afterEach(() => vi.restoreAllMocks());

  function fakeFrame() {
    const listeners: ((e: MessageEvent) => void)[] = [];
    const parent = { postMessage: vi.fn() };
    const win = {
      parent,
      document,
      addEventListener: (_: string, f: (e: MessageEvent) => void) => listeners.push(f),
      removeEventListener: (_: string, f: (e: MessageEvent) => void) => listeners.splice(listeners.indexOf(f), 1),
    } as unknown as Window;
    const dispatch = (data: unknown, origin: string, source: unknown) => {
      for (const f of [...listeners]) f({ data, origin, source } as MessageEvent);
    };
    return { win, parent, dispatch, listeners };
  }

  it('is inactive without a parentOrigin or outside a frame', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    expect(connectEmbedBridge(store, { parentOrigin: null, lockMode: false, win: fakeFrame().win }).active).toBe(false);
    expect(connectEmbedBridge(store, { parentOrigin: 'https://a.example', lockMode: false, win: window }).active).toBe(false);
  });

  it('accepts commands only from the parent origin and window, and posts only to that origin', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const { win, parent, dispatch, listeners } = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: 'https://a.example', lockMode: false, win });
    const setMode = { protocol: PROTOCOL, type: 'setMode', mode: 'bridge' };
    dispatch(setMode, 'https://evil.example', parent);
    dispatch(setMode, 'https://a.example', {});
    dispatch('forge.setImmediate', 'https://a.example', parent);
    dispatch({ protocol: PROTOCOL, type: 'setMode', mode: '<script>' }, 'https://a.example', parent);
    expect(store.getState().mode).toBe('passthrough');
    dispatch(setMode, 'https://a.example', parent);
    expect(store.getState().mode).toBe('bridge');
    expect(parent.postMessage).toHaveBeenCalledWith({ protocol: PROTOCOL, type: 'mode', mode: 'bridge' }, 'https://a.example');
    for (const call of parent.postMessage.mock.calls) expect(call[1]).toBe('https://a.example');
    bridge.dispose();
    expect(listeners).toHaveLength(0);
  });

  it('refuses setMode while the mode is locked', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const { win, parent, dispatch } = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: 'https://a.example', lockMode: true, win });
    dispatch({ protocol: PROTOCOL, type: 'setMode', mode: 'offload' }, 'https://a.example', parent);
    expect(store.getState().mode).toBe('passthrough');
    bridge.dispose();
  });

  it('setTlsVersion changes the run\'s TLS version, unless lock=protocol', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1, options: { protocol: 'tls1.1' } });
    const { win, parent, dispatch } = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: 'https://a.example', lockMode: false, win });
    dispatch({ protocol: PROTOCOL, type: 'setTlsVersion', version: 'tls9' }, 'https://a.example', parent);
    expect(store.getState().options.protocol).toBe('tls1.1');
    dispatch({ protocol: PROTOCOL, type: 'setTlsVersion', version: 'tls1.3' }, 'https://a.example', parent);
    expect(store.getState().options.protocol).toBe('tls1.3');
    bridge.dispose();

    const locked = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1, options: { protocol: 'tls1.1' } });
    const frame = fakeFrame();
    const lockedBridge = connectEmbedBridge(locked, { parentOrigin: 'https://a.example', lockMode: false, lockProtocol: true, win: frame.win });
    frame.dispatch({ protocol: PROTOCOL, type: 'setTlsVersion', version: 'tls1.3' }, 'https://a.example', frame.parent);
    expect(locked.getState().options.protocol).toBe('tls1.1');
    lockedBridge.dispose();
  });
});
