import { describe, expect, it } from 'vitest';
import { DEFAULT_URL_STATE, parseUrlState, serializeUrlState, type UrlState } from '../../src/embed/urlState';

describe('links that carry state', () => {
  it('opens exactly where ?mode=bridge&scenario=cart&step=12 says', () => {
    const { state, notices } = parseUrlState('?mode=bridge&scenario=cart&step=12');
    expect(notices).toEqual([]);
    // The link's step is the counter's ("Step 12"): index 11 of the run.
    expect(state).toMatchObject({ mode: 'bridge', scenarioId: 'cart', step: 11 });
    expect(new URLSearchParams(serializeUrlState(state)).get('step')).toBe('12');
  });

  it('round-trips every parameter', () => {
    const full: UrlState = {
      mode: 'offload', scenarioId: 'xff-forged', step: 7, options: { protocol: 'tls1.2', waf: false, algorithm: 'least-connections', proxyProtocol: 'v2', loginRateLimit: 3 },
      requests: [{ method: 'POST', path: '/comment', headers: [['X-Note', '<b>hi</b>']], body: 'comment=<script>alert(1)</script>', purpose: 'your edited request' }],
      packet: 5, viewAs: 'eve-internal', speed: 0.25, theme: 'dark', embed: true, controls: 'minimal', autoplay: true, lockMode: true, lockProtocol: true,
      panels: ['narration', 'inspector'], parentOrigin: 'https://docs.example.com', lesson: 'who-reads-the-password', beat: 2, detail: 'packets',
    };
    const { state, notices } = parseUrlState(serializeUrlState(full));
    expect(notices).toEqual([]);
    expect(state).toEqual(full);
  });

  it('carries the TLS version and ECH: protocol=tls1.3&ech=on', () => {
    const { state, notices } = parseUrlState('?protocol=tls1.3&ech=on&lock=protocol');
    expect(notices).toEqual([]);
    expect(state.options).toEqual({ protocol: 'tls1.3', encryptedClientHello: true });
    expect(state.lockProtocol).toBe(true);
    expect(state.lockMode).toBe(false);
    const query = serializeUrlState(state);
    expect(new URLSearchParams(query).get('protocol')).toBe('tls1.3');
    expect(new URLSearchParams(query).get('ech')).toBe('on');
    expect(new URLSearchParams(query).get('lock')).toBe('protocol');
    expect(parseUrlState(query).state).toEqual(state);
    // The long option name is understood too.
    expect(parseUrlState('?encryptedClientHello=off').state.options).toEqual({ encryptedClientHello: false });
    for (const protocol of ['tls1.1', 'tls1.2', 'tls1.3'] as const) {
      expect(parseUrlState(serializeUrlState({ ...DEFAULT_URL_STATE, options: { protocol } })).state.options.protocol).toBe(protocol);
    }
  });

  it('leaves defaults out of the link', () => {
    expect(serializeUrlState(DEFAULT_URL_STATE)).toBe('');
  });

  const hostile: [string, RegExp][] = [
    ['?mode=<script>alert(1)</script>', /Ignored mode=<script>alert\(1\)<\/script>: expected/],
    ['?mode=offloading', /Ignored mode=offloading/],
    ['?scenario=../../etc/passwd', /no such scenario/],
    ['?step=99999999999999999999', /expected a whole number/],
    ['?step=-1', /expected a whole number/],
    ['?speed=1e308', /expected one of/],
    ['?view=javascript:alert(1)', /no such observer/],
    ['?parentOrigin=javascript:alert(1)', /expected an origin/],
    ['?parentOrigin=*', /expected an origin/],
    ['?onload=alert(1)', /unknown parameter/],
    ['?waf=maybe', /Ignored "waf": invalid value/],
    ['?algorithm=random', /Ignored "algorithm": invalid value/],
    ['?protocol=tls1.0', /Ignored protocol=tls1\.0: expected tls1\.3, tls1\.2, tls1\.1/],
    ['?protocol=TLS1.3', /Ignored protocol=TLS1\.3/],
    ['?ech=maybe', /Ignored "encryptedClientHello": invalid value/],
    ['?lock=everything', /Ignored lock=everything: expected mode, protocol/],
    ['?req=%%%', /not a valid encoded request list/],
    [`?x=${'A'.repeat(9000)}`, /value too long/],
  ];
  it.each(hostile)('%s falls back to the default with a notice', (search, notice) => {
    const { state, notices } = parseUrlState(search);
    expect(notices.join('\n')).toMatch(notice);
    expect(state.mode).toBe(search.startsWith('?mode') ? DEFAULT_URL_STATE.mode : state.mode);
    for (const n of notices) expect(n.length).toBeLessThan(200);
  });

  it('bounds the number of parameters and the length of the whole link', () => {
    const many = Array.from({ length: 100 }, (_, i) => `p${i}=1`).join('&');
    expect(parseUrlState(`?${many}`).notices.at(-1)).toMatch(/Only the first 60 parameters/);
    expect(parseUrlState(`?${'a'.repeat(70_000)}`).notices).toEqual(['The link was too long and was ignored.']);
  });

  it('detail= picks the beginner or the expert step list, and is written only when it is not the default', () => {
    const { state, notices } = parseUrlState('?detail=moments');
    expect(notices).toEqual([]);
    expect(serializeUrlState(state)).toBe('?detail=moments');
    expect(serializeUrlState({ ...state, lesson: 'lost-cart', beat: 0 })).toBe('?lesson=lost-cart&beat=1');
    expect(parseUrlState('?detail=everything').notices).toEqual(['Ignored detail=everything: expected moments or packets.']);
    expect(parseUrlState('?lesson=<b>&beat=0').notices).toEqual(['Ignored lesson=<b>: not a lesson id.', 'Ignored beat=0: expected a beat number from 1.']);
  });
});

