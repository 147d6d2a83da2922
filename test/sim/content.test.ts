/**
 * The content module on real runs of the lab's TLS 1.1 (node-forge, RSA key transport), named explicitly so the
 * default protocol can change: every event of every scenario in every mode gets a narration within the limits
 * the UI relies on; the narration of a packet says what each mode really lets the load balancer read; glossary
 * links resolve; the mode guides and the protocol note cover what the lab teaches. TLS 1.2 and 1.3 narration is
 * checked in contentModern.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, MODES, SCENARIOS, generateLabPki, runScenario } from '../../src/sim/engine';
import { realConfigurations } from '../../src/sim/exports';
import type { LabPki, Mode, RunOptions, SegmentSentEvent, SimEvent, SimEventType, Timeline } from '../../src/sim/engine';
import { GLOSSARY, GLOSSARY_IDS, MODE_GUIDES, PROTOCOL_NOTE, eventText, narrate } from '../../src/sim/content/index';
import type { GlossaryId, Narration } from '../../src/sim/content/index';
import type { EventOf } from '../../src/sim/core/events';

let pki: LabPki;
/** Every scenario in every mode, plus option variants that produce packets the defaults do not. */
const runs: { label: string; mode: Mode; timeline: Timeline }[] = [];
const TLS11 = { protocol: 'tls1.1' } as const;

const VARIANTS: readonly { scenario: string; options: Partial<RunOptions> }[] = [
  { scenario: 'basic', options: { proxyProtocol: 'v1' } },
  { scenario: 'basic', options: { proxyProtocol: 'v2', backendProxyProtocol: 'off' } },
  { scenario: 'basic', options: { proxyProtocol: 'off', backendProxyProtocol: 'v1' } },
  { scenario: 'basic', options: { clientCertificate: true } },
  { scenario: 'basic', options: { eavesdroppers: false, keepAlive: false } },
];

beforeAll(async () => {
  pki = await generateLabPki();
  for (const scenario of SCENARIOS) {
    for (const mode of MODES) runs.push({ label: `${scenario.id}/${mode}`, mode, timeline: runScenario(scenario, { mode, options: TLS11 }, pki) });
  }
  for (const v of VARIANTS) {
    const scenario = SCENARIOS.find((s) => s.id === v.scenario)!;
    for (const mode of MODES) {
      runs.push({ label: `${v.scenario}/${mode}/${JSON.stringify(v.options)}`, mode, timeline: runScenario(scenario, { mode, options: { ...v.options, ...TLS11 } }, pki) });
    }
  }
});

/** Quoted outside values (“…”) removed, so the checks below judge only our own prose. */
const ownProse = (text: string): string => text.replace(/“[^”]*”/g, '“”');
/** Sentences of our own prose: ends at . ! ? followed by a space or the end. */
const sentenceCount = (text: string): number => ownProse(text).split(/[.!?](?:\s+|$)/).filter((s) => s.trim().length > 0).length;
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
/** Markup a careless renderer could act on: tags, markdown emphasis, code spans, links, headings. */
const MARKUP = /<[a-z/!]|\*\*|`|\]\(|^#|\n/i;

function checkNarration(n: Narration, where: string): void {
  expect(n.headline.trim(), where).not.toBe('');
  expect(n.headline.length, `${where}: ${n.headline}`).toBeLessThanOrEqual(80);
  expect(n.detail.trim(), where).not.toBe('');
  const count = sentenceCount(n.detail);
  expect(count, `${where}: ${n.detail}`).toBeGreaterThanOrEqual(1);
  expect(count, `${where}: ${n.detail}`).toBeLessThanOrEqual(3);
  if (n.modeNote !== undefined) expect(n.modeNote.trim(), where).not.toBe('');
  for (const text of [n.headline, n.detail, n.modeNote ?? '']) {
    expect(UNSAFE.test(text), `${where}: control character in ${JSON.stringify(text)}`).toBe(false);
    expect(MARKUP.test(ownProse(text)), `${where}: markup in ${text}`).toBe(false);
  }
  for (const id of n.glossary) expect(GLOSSARY[id], `${where}: glossary id ${id}`).toBeDefined();
}

const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent');
const run = (label: string): Timeline => runs.find((r) => r.label === label)!.timeline;

describe('narrate on real runs', () => {
  it('gives every event of every scenario in every mode a headline of at most 80 characters and 1 to 3 sentences', () => {
    let checked = 0;
    for (const r of runs) {
      r.timeline.events.forEach((e, i) => {
        checkNarration(narrate(e, r.mode, r.timeline.protocol.id), `${r.label} #${i} ${e.type}${e.type === 'tcp.segmentSent' ? ` ${e.label}` : ''}`);
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('is a pure function of the event and the mode', () => {
    const t = run('basic/offload');
    for (const e of t.events) expect(narrate(e, 'offload')).toEqual(narrate(e, 'offload'));
  });

  it('says the LB sees only ciphertext in passthrough and decrypts in offloading, for the same login request', () => {
    const login = (t: Timeline): SegmentSentEvent => segments(t).find((s) =>
      s.link === 'internet' && s.direction === 'c2s' && s.label === 'Application data' && /POST \/login/.test(s.views.client?.plaintext ?? ''))!;
    const pt = login(run('basic/passthrough'));
    const off = login(run('basic/offload'));
    // The narration follows what the visibility pass found with each observer's real keys.
    expect(pt.views.lb?.readability).toBe('encrypted');
    expect(off.views.lb?.readability).toBe('plaintext');
    const a = narrate(pt, 'passthrough');
    const b = narrate(off, 'offload');
    expect(a.headline).not.toBe(b.headline);
    expect(a.detail).not.toBe(b.detail);
    expect(a.headline).toMatch(/LB sees only ciphertext/);
    expect(a.detail).toMatch(/load balancer sees only ciphertext/);
    expect(b.headline).toMatch(/LB decrypts/);
    expect(b.detail).toMatch(/load balancer decrypts it/);
    for (const n of [a, b]) expect(n.detail).toMatch(/password/);
    expect(a.modeNote).toMatch(/WAF/);
  });

  it('warns that offloading sends the password in cleartext across the internal network', () => {
    const cleartext = segments(run('basic/offload')).find((s) => s.link === 'internal' && s.label === 'POST /login')!;
    const n = narrate(cleartext, 'offload');
    expect(n.headline).toMatch(/Cleartext/);
    expect(n.detail).toMatch(/password/);
    expect(n.detail).toMatch(/eavesdropper on the internal network/);
    expect(n.modeNote).toMatch(/internal network must be trusted/);
  });

  it('explains SNI routing, the cleartext certificate and RSA key transport in passthrough', () => {
    const t = run('basic/passthrough');
    const hello = segments(t).find((s) => s.label === 'ClientHello' && s.link === 'internet')!;
    expect(narrate(hello, 'passthrough').headline).toMatch(/SNI “shop\.example\.com”/);
    expect(narrate(hello, 'passthrough').modeNote).toMatch(/route/);
    const cert = segments(t).find((s) => s.label.startsWith('ServerHello') && s.link === 'internal')!;
    expect(narrate(cert, 'passthrough').detail).toMatch(/TLS 1\.3 encrypts it/);
    const cke = segments(t).find((s) => s.label.startsWith('ClientKeyExchange') && s.link === 'internet')!;
    const n = narrate(cke, 'passthrough');
    expect(n.modeNote).toMatch(/every backend needs a copy/);
    expect(n.modeNote).toMatch(/no forward secrecy/);
    expect(n.glossary).toContain('forward-secrecy');
  });

  it('narrates the PROXY protocol header, a tampered record and the resulting alert', () => {
    const proxy = segments(run('basic/passthrough/{"proxyProtocol":"v1"}')).find((s) => s.layers[0]?.kind === 'proxy')!;
    expect(narrate(proxy, 'passthrough').headline).toMatch(/PROXY protocol v1 header: client is 203\.0\.113\.10/);
    const tampered = segments(run('tamper/passthrough')).find((s) => s.tampered)!;
    const n = narrate(tampered, 'passthrough');
    expect(n.headline).toMatch(/Tampered/);
    expect(n.detail).toMatch(/bad_record_mac/);
    expect(n.modeNote).toMatch(/cannot check the MAC/);
    const alerts = run('wrong-host/offload').events.filter((e) => e.type === 'tls.alertSent');
    expect(alerts.length).toBeGreaterThan(0);
    expect(narrate(alerts[0]!, 'offload').modeNote).toMatch(/certificate lives on the LB/);
  });

  it('handles every event type, including ones no scenario produced', () => {
    const seen = new Set<SimEventType>(runs.flatMap((r) => r.timeline.events.map((e) => e.type)));
    for (const [type, detail] of Object.entries(NOTE_SAMPLES)) {
      const event = { type, t: 0, node: 'lb', detail } as unknown as SimEvent;
      expect(eventText(event, 'passthrough').length, type).toBeGreaterThan(10);
      checkNarration(narrate(event, 'passthrough'), `synthetic ${type}`);
      checkNarration(narrate(event, 'bridge'), `synthetic ${type}`);
      seen.add(type as SimEventType);
    }
    expect(seen.has('tcp.segmentSent')).toBe(true);
  });

  it('shows outside values plainly: quoted, clipped to one line, without control or bidi characters', () => {
    const hostile = '/search?q=<script>alert(1)</script>\r\nX-Evil: 1\u202e' + 'a'.repeat(200);
    const event: EventOf<'http.requestSent'> = {
      type: 'http.requestSent', t: 0, node: 'client', detail: { method: 'GET', target: hostile, index: 0, client: 'client', scheme: 'https', host: 'shop.example.com', purpose: 'test' },
    };
    const n = narrate(event, 'offload');
    checkNarration(n, 'hostile request');
    expect(n.headline).toMatch(/^Client sends “GET \/search\?q=<script>/);
    expect(n.detail).not.toMatch(/\r|\n|\u202e/);
    const sni: EventOf<'lb.sniRead'> = { type: 'lb.sniRead', t: 0, node: 'lb', detail: { serverName: 'x'.repeat(300), bytesBuffered: 79 } };
    checkNarration(narrate(sni, 'passthrough'), 'long SNI');
  });
});

/** One detail per non-packet event type; the mapped type makes a new event type a compile error here too. */
const NOTE_SAMPLES: { [K in Exclude<SimEventType, 'tcp.segmentSent'>]: EventOf<K>['detail'] } = {
  'dns.resolved': { name: 'shop.example.com', address: '198.51.100.1' },
  'tls.handshakeCompleted': { sessionId: 's', peer: 'backend-2', version: 'TLS 1.1', cipherSuite: 'TLS_RSA_WITH_AES_128_CBC_SHA', clientRandomHex: '00', peerCertificate: null },
  'tls.keysDerived': { sessionId: 's', version: 'TLS 1.3', stage: 'handshake', secrets: [{ name: 'client_handshake_traffic_secret', from: 'the x25519 shared secret and the transcript hash up to ServerHello' }] },
  'lb.serverHandshakeSeen': { version: 'TLS 1.3', certificateSubject: null, outcome: 'encrypted-tls13' },
  'tls.alertSent': { sessionId: 's', alert: 'handshake_failure', code: 40, reason: 'no-common-parameters', diagnostic: 'no shared cipher.' },
  'tls.alertReceived': { sessionId: 's', alert: 'unknown_ca', code: 48 },
  'lb.sniRead': { serverName: null, bytesBuffered: 40 },
  'lb.routed': { backend: 'backend-3', basis: 'least-connections', input: 'http-request', pool: { pool: 'api', by: 'path', path: '/api/items' }, pick: { algorithm: 'least-connections', open: [{ backend: 'backend-3', count: 0 }], tied: 1, backend: 'backend-3' } },
  'lb.headerAdded': { name: 'X-Forwarded-For', value: '6.6.6.6, 203.0.113.10', clientSent: { value: '6.6.6.6', kept: true }, forwardedProto: false, clientCertSubject: null },
  'lb.proxyHeaderSent': { version: 2, source: '203.0.113.10', sourcePort: 50000 },
  'lb.backendRejected': { backend: 'backend-2', failure: { code: 'connection-reset' }, status: 502 },
  'http.requestSent': { method: 'GET', target: '/', index: 0, client: 'client', scheme: 'https', host: 'shop.example.com', purpose: 'see the shop' },
  'http.requestHandled': { method: 'GET', target: '/', status: 200, clientIp: '10.0.0.1', clientIpSource: 'tcp peer', peerAddress: '10.0.0.1' },
  'http.responseReceived': { status: 503, statusText: 'Service Unavailable', servedBy: null, index: 0, bodyPreview: '', client: 'client', method: 'GET', target: '/' },
  'waf.inspected': { target: 'GET /', score: 0, threshold: 5, matches: [] },
  'waf.blocked': { target: 'GET /x', score: 5, threshold: 5, status: 403, matches: [{ ruleId: 941100, category: 'xss', message: 'XSS', location: 'body', matched: '<script>' }] },
  'waf.notInspected': { reason: 'tls-record', record: { type: 'application_data', length: 112 } },
  'waf.rateLimited': { key: '203.0.113.10 new connections', count: 6, limit: 5, scope: 'connection', clientIp: '203.0.113.10', windowSeconds: 10 },
  'lb.cacheHit': { key: 'shop.example.com/static/app.css', target: '/static/app.css' },
  'lb.cacheStored': { key: 'shop.example.com/static/app.css', target: '/static/app.css', maxAgeSeconds: 3600, cacheControl: 'public, max-age=3600' },
  'lb.compressed': { encoding: 'gzip', before: 2000, after: 700, contentType: 'text/html' },
  'lb.redirected': { location: 'https://shop.example.com/', status: 301 },
  'parse.failed': { what: 'http-request', code: 'malformed-http', diagnostic: 'bad header line' },
  'client.gaveUp': { request: 0, reason: { code: 'connection-reset' }, unsent: 2 },
  'tcp.connectionRefused': { reason: 'nothing-listening', ip: '10.0.1.11', port: 80 },
};

describe('eventText', () => {
  it('words every event of every scenario in every mode, from facts: no note event carries a text of its own', () => {
    let notes = 0;
    for (const r of runs) {
      for (const e of r.timeline.events) {
        const text = eventText(e, r.mode, r.timeline.protocol.id);
        expect(text.trim().length, `${r.label} ${e.type}`).toBeGreaterThan(10);
        expect(text, `${r.label} ${e.type}`).not.toMatch(/undefined|\[object Object\]|NaN/);
        if (e.type !== 'tcp.segmentSent') {
          notes++;
          expect('text' in e, `${r.label} ${e.type} has an engine sentence`).toBe(false);
        }
      }
    }
    expect(notes).toBeGreaterThan(100);
  });
});

describe('glossary', () => {
  it('defines every id the narration links to, in one to three sentences', () => {
    const referenced = new Set<GlossaryId>();
    for (const r of runs) for (const e of r.timeline.events) for (const id of narrate(e, r.mode, r.timeline.protocol.id).glossary) referenced.add(id);
    for (const id of referenced) expect(GLOSSARY[id], id).toBeDefined();
    for (const id of GLOSSARY_IDS) {
      const entry = GLOSSARY[id];
      expect(entry.id).toBe(id);
      expect(entry.term.trim()).not.toBe('');
      expect(sentenceCount(entry.definition), `${id}: ${entry.definition}`).toBeGreaterThanOrEqual(1);
      expect(sentenceCount(entry.definition), `${id}: ${entry.definition}`).toBeLessThanOrEqual(3);
    }
  });

  it('has the terms the lab needs', () => {
    const required: GlossaryId[] = [
      'sni', 'certificate', 'private-key', 'ca', 'client-random', 'pre-master-secret', 'master-secret', 'record', 'cipher-suite',
      'mac', 'change-cipher-spec', 'finished', 'alert', 'x-forwarded-for', 'proxy-protocol', 'mtls', 'waf', 'sticky-session',
      'layer-4', 'layer-7', 'forward-secrecy', 'tls-1-3', 'keep-alive', 'vip', 'mss',
    ];
    for (const id of required) expect(GLOSSARY_IDS).toContain(id);
    expect(Object.keys(GLOSSARY).sort()).toEqual([...GLOSSARY_IDS].sort());
  });
});

describe('mode guides', () => {
  const all = (mode: Mode, part: 'pros' | 'cons'): string => MODE_GUIDES[mode][part].join(' ');

  it('covers every mode with prose, a checklist from its facts, and generated configurations for HAProxy, nginx, Kubernetes ingress-nginx and AWS', () => {
    for (const mode of MODES) {
      const g = MODE_GUIDES[mode];
      expect(g.mode).toBe(mode);
      for (const text of [g.title, g.oneLine, g.howItWorks, g.whenToUse]) expect(text.trim()).not.toBe('');
      expect(g.pros.length).toBeGreaterThanOrEqual(3);
      expect(g.cons.length).toBeGreaterThanOrEqual(3);
      expect(g.checklist.length).toBeGreaterThanOrEqual(6);
      const products = realConfigurations(mode, DEFAULT_OPTIONS).map((c) => c.product);
      for (const p of ['HAProxy', 'nginx', 'Kubernetes ingress-nginx', 'AWS']) expect(products).toContain(p);
    }
    expect(MODE_GUIDES.passthrough.checklist.join(' ')).toMatch(/on every backend, not on the load balancer[\s\S]*PROXY protocol/);
    expect(MODE_GUIDES.offload.checklist.join(' ')).toMatch(/plain HTTP on port 80[\s\S]*X-Forwarded-Proto/);
    expect(MODE_GUIDES.bridge.checklist.join(' ')).toMatch(/certificate of its own[\s\S]*new TLS session/);
  });

  it('states the article pros and cons of passthrough', () => {
    expect(all('passthrough', 'pros')).toMatch(/end-to-end encryption/i);
    expect(all('passthrough', 'pros')).toMatch(/no private key or certificate on the load balancer/i);
    expect(all('passthrough', 'pros')).toMatch(/PROXY protocol/);
    expect(all('passthrough', 'cons')).toMatch(/WAF cannot inspect/);
    expect(all('passthrough', 'cons')).toMatch(/SQL injection/);
    expect(all('passthrough', 'cons')).toMatch(/no cookie-based sticky sessions/i);
    expect(all('passthrough', 'cons')).toMatch(/shopping cart/);
    expect(all('offload', 'pros')).toMatch(/X-Forwarded-For/);
    expect(all('offload', 'cons')).toMatch(/cleartext/);
    expect(all('bridge', 'cons')).toMatch(/man in the middle/);
    expect(MODE_GUIDES.passthrough.whenToUse).toMatch(/end-to-end encryption/);
    expect(MODE_GUIDES.passthrough.whenToUse).toMatch(/WAF/);
  });

  it('shows generated configurations that carry the real configuration keywords of MODES.md', () => {
    const text = (mode: Mode, product: string, options: Partial<RunOptions> = {}): string =>
      realConfigurations(mode, { ...DEFAULT_OPTIONS, ...options }).filter((c) => c.product === product).map((c) => c.text).join('\n');
    expect(text('passthrough', 'HAProxy', { proxyProtocol: 'v2' })).toMatch(/mode tcp[\s\S]*req\.ssl_sni[\s\S]*send-proxy-v2/);
    expect(text('passthrough', 'nginx')).toMatch(/ssl_preread on/);
    expect(text('passthrough', 'Kubernetes ingress-nginx')).toMatch(/ssl-passthrough: "true"/);
    expect(text('passthrough', 'AWS')).toMatch(/protocol += "TCP"[\s\S]*port += 443|port += 443[\s\S]*protocol += "TCP"/);
    expect(text('offload', 'HAProxy', { stickyCookie: true })).toMatch(/X-Forwarded-For[\s\S]*cookie SERVERID insert indirect nocache|cookie SERVERID insert indirect nocache[\s\S]*X-Forwarded-For/);
    expect(text('bridge', 'nginx', { verifyBackendCertificate: true })).toMatch(/proxy_ssl_verify on/);
    expect(text('bridge', 'Kubernetes ingress-nginx')).toMatch(/backend-protocol: "HTTPS"/);
  });
});

describe('protocol note', () => {
  it('says what runs and what TLS 1.2 and 1.3 change', () => {
    expect(PROTOCOL_NOTE.whatRuns).toMatch(/TLS 1\.1/);
    expect(PROTOCOL_NOTE.whatRuns).toMatch(/RSA key transport/);
    const changes = PROTOCOL_NOTE.whatTls12And13Change.join(' ');
    for (const idea of [/ECDHE/, /forward secrecy/, /certificate included/, /AEAD/, /one round trip/i, /SNI is still in the clear/, /ECH/]) {
      expect(changes).toMatch(idea);
    }
    expect(PROTOCOL_NOTE.simplifications.length).toBeGreaterThan(3);
  });
});
