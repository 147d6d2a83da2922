/**
 * The key schedule as a step of its own (issue 7): every TLS end reports, as a `tls.keysDerived` event at the
 * moment it happens, which secrets it derived and from what. TLS 1.3 derives handshake keys before application
 * keys; TLS 1.1 and 1.2 derive one master secret; a handshake that fails derives nothing after the failure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODES, SCENARIOS, generateLabPki, runScenario } from '../../src/sim/engine';
import type { LabPki, Mode, SimEvent, Timeline, TlsProtocol } from '../../src/sim/engine';
import type { EventOf } from '../../src/sim/core/events';
import { createTls13Endpoint } from '../../src/sim/tls13/endpoint13';
import type { KeyDerivationStep } from '../../src/sim/tls/endpoint';
import { certificatePem, privateKeyPem } from '../../src/sim/tls/pki';
import { SIM_DATE } from '../../src/sim/tls/pkiSpecs';
import type { TlsSessionInfo } from '../../src/sim/tls/endpoint';
import { fromHex } from '../../src/sim/core/bytes';
import { encodeKeyUpdate } from '../../src/sim/tlsShared/messages';
import { ContentType, RecordProtection } from '../../src/sim/tlsShared/record';

const PROTOCOLS: readonly TlsProtocol[] = ['tls1.1', 'tls1.2', 'tls1.3'];
let pki: LabPki;
const runs = new Map<string, Timeline>();
const key = (scenario: string, mode: Mode, protocol: TlsProtocol): string => `${scenario}/${mode}/${protocol}`;
const timeline = (scenario: string, mode: Mode, protocol: TlsProtocol): Timeline => {
  const k = key(scenario, mode, protocol);
  if (!runs.has(k)) runs.set(k, runScenario(SCENARIOS.find((s) => s.id === scenario)!, { mode, options: { protocol } }, pki));
  return runs.get(k)!;
};

type Keys = EventOf<'tls.keysDerived'>;
const isKeys = (e: SimEvent): e is Keys => e.type === 'tls.keysDerived';
/** One TLS end: a node in a session (the LB has two sessions per request in bridging). */
const endOf = (e: { node: string; detail: { sessionId: string } }): string => `${e.node} ${e.detail.sessionId}`;

beforeAll(async () => {
  pki = await generateLabPki();
});

describe('tls.keysDerived on real runs', () => {
  for (const protocol of PROTOCOLS) {
    it(`${protocol}: every end that completes a handshake derived its keys first, in order, in every mode`, () => {
      for (const mode of MODES) {
        const t = timeline('basic', mode, protocol);
        const completed = t.events.filter((e): e is EventOf<'tls.handshakeCompleted'> => e.type === 'tls.handshakeCompleted');
        expect(completed.length, `${mode}`).toBeGreaterThan(1);
        for (const done of completed) {
          const before = t.events.slice(0, t.events.indexOf(done)).filter(isKeys).filter((k) => endOf(k) === endOf(done));
          const stages = before.map((k) => k.detail.stage);
          expect(stages, `${mode} ${endOf(done)}`).toEqual(protocol === 'tls1.3' ? ['handshake', 'application'] : ['master']);
          for (const k of before) expect(k.detail.version).toBe(t.protocol.name);
        }
        // Both ends of every session derive: as many key steps as completed ends, times the stages.
        const perEnd = protocol === 'tls1.3' ? 2 : 1;
        expect(t.events.filter(isKeys).length, mode).toBe(completed.length * perEnd);
      }
    });
  }

  it('names the secrets as RFC 8446 §7.1 spells them, says where each came from, and never carries a value', () => {
    const t = timeline('basic', 'passthrough', 'tls1.3');
    const [handshake, application] = t.events.filter(isKeys).filter((k) => k.node === 'client');
    expect(handshake!.detail.secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['early_secret', 'handshake_secret', 'client_handshake_traffic_secret', 'server_handshake_traffic_secret']));
    expect(application!.detail.secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['master_secret', 'client_application_traffic_secret_0', 'server_application_traffic_secret_0']));
    expect(handshake!.detail.secrets.find((s) => s.name === 'handshake_secret')!.from).toMatch(/x25519 shared secret[\s\S]*never crossed the wire/);
    const session = t.sessions.find((s) => s.node === 'client')!;
    const secretHex = [session.masterSecretHex, ...Object.values(session.tls13Secrets ?? {})];
    expect(secretHex.length).toBe(5);
    for (const k of t.events.filter(isKeys)) {
      const text = JSON.stringify(k);
      for (const hex of secretHex) expect(text).not.toContain(hex.slice(0, 16));
    }
  });

  it('in passthrough only the client and the backend derive keys; in offload and bridge the LB does too', () => {
    for (const protocol of PROTOCOLS) {
      const nodes = (mode: Mode) => new Set(timeline('basic', mode, protocol).events.filter(isKeys).map((k) => k.node));
      expect([...nodes('passthrough')].sort(), protocol).toEqual(['backend-1', 'client']);
      expect(nodes('offload').has('lb'), protocol).toBe(true);
      expect([...nodes('offload')].some((n) => n.startsWith('backend')), protocol).toBe(false);
      expect(nodes('bridge').has('lb') && nodes('bridge').has('backend-1'), protocol).toBe(true);
    }
  });

  it('TLS 1.1 and 1.2 tell different stories: RSA-sent pre-master secret versus x25519', () => {
    const pre = (protocol: TlsProtocol) => timeline('basic', 'offload', protocol).events.filter(isKeys)[0]!.detail.secrets.find((s) => s.name === 'pre_master_secret')!.from;
    expect(pre('tls1.1')).toMatch(/encrypted to the RSA public key/);
    expect(pre('tls1.2')).toMatch(/x25519 shared secret[\s\S]*never crossed the wire/);
  });

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: a failed handshake derives nothing after the failure, and never application keys on the side that refused`, () => {
      for (const mode of MODES) {
        const t = timeline('wrong-host', mode, protocol);
        const failures = t.events.filter((e): e is EventOf<'tls.alertSent'> | EventOf<'tls.alertReceived'> => e.type === 'tls.alertSent' || e.type === 'tls.alertReceived');
        expect(failures.length, mode).toBeGreaterThan(0);
        for (const failure of failures) {
          const after = t.events.slice(t.events.indexOf(failure) + 1).filter(isKeys).filter((k) => endOf(k) === endOf(failure));
          expect(after, `${mode} ${endOf(failure)}`).toEqual([]);
        }
        const refused = failures.find((f) => f.type === 'tls.alertSent' && f.node === 'client')!;
        expect(refused, mode).toBeDefined();
        const clientStages = t.events.filter(isKeys).filter((k) => endOf(k) === endOf(refused)).map((k) => k.detail.stage);
        // The client refuses the certificate: TLS 1.3 has handshake keys by then (the certificate is encrypted), 1.1/1.2 nothing yet.
        expect(clientStages, mode).toEqual(protocol === 'tls1.3' ? ['handshake'] : []);
      }
    });
  }
});

describe('the TLS 1.3 endpoint reports its key steps through the callback', () => {
  it('server and client each report handshake then application; a KeyUpdate is reported as an update of both directions', () => {
    const steps: Record<'client' | 'server', KeyDerivationStep[]> = { client: [], server: [] };
    const wires: Record<'client' | 'server', Uint8Array[]> = { client: [], server: [] };
    let serverInfo: TlsSessionInfo | null = null;
    const callbacks = (role: 'client' | 'server') => ({
      send: (b: Uint8Array) => void wires[role].push(b), data: () => {}, failed: () => {}, closed: () => {},
      connected: (info: TlsSessionInfo) => void (role === 'server' && (serverInfo = info)),
      keysDerived: (s: KeyDerivationStep) => void steps[role].push(s),
    });
    const server = createTls13Endpoint({ role: 'server', certificateChainPem: [certificatePem(pki, 'site')], privateKeyPem: privateKeyPem(pki, 'site'), validityDate: SIM_DATE }, callbacks('server'));
    const client = createTls13Endpoint({ role: 'client', serverName: 'shop.example.com', trustedCaPem: [certificatePem(pki, 'publicRootCa')], verifyPeer: true, validityDate: SIM_DATE }, callbacks('client'));
    const pump = (): void => {
      for (let moved = true; moved; ) {
        moved = false;
        for (const [from, to] of [['client', server], ['server', client]] as const) {
          const out = wires[from].splice(0);
          for (const b of out) to.receive(b);
          moved ||= out.length > 0;
        }
      }
    };
    client.start();
    pump();
    expect(client.isConnected && server.isConnected).toBe(true);
    expect(steps.client.map((s) => s.stage)).toEqual(['handshake', 'application']);
    expect(steps.server.map((s) => s.stage)).toEqual(['handshake', 'application']);
    expect(steps.server[0]!.secrets.map((s) => s.name)).toContain('handshake_secret');
    expect(steps.client[1]!.secrets.map((s) => s.name)).toContain('client_application_traffic_secret_0');
    // A KeyUpdate(update_requested) sealed as the server's first application-key record (sequence 0), as a peer would send it.
    const sealer = new RecordProtection(fromHex(serverInfo!.tls13Secrets!.serverTrafficSecret0Hex));
    client.receive(sealer.seal(ContentType.handshake, encodeKeyUpdate(true)));
    expect(client.failure).toBeNull();
    expect(steps.client.map((s) => s.stage)).toEqual(['handshake', 'application', 'update']);
    expect(steps.client[2]!.secrets.map((s) => s.name)).toEqual(expect.arrayContaining([
      'server_application_traffic_secret_N+1', 'client_application_traffic_secret_N+1',
    ]));
    // The client answered with its own KeyUpdate under the new key: the server follows and reports an update too.
    pump();
    expect(server.failure).toBeNull();
    expect(steps.server.map((s) => s.stage)).toEqual(['handshake', 'application', 'update']);
    expect(steps.server[2]!.secrets.map((s) => s.name)).toEqual(['client_application_traffic_secret_N+1', '[sender]_write_key, [sender]_write_iv']);
  });
});
