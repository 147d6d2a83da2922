/**
 * The engine's TLS 1.3 endpoint (src/sim/tls13) is real TLS 1.3: it talks to OpenSSL through Node's `tls` module
 * at Node's DEFAULT settings (no version or security-level overrides) over loopback sockets, in both directions,
 * with the lab's certificates; its secrets match the key log OpenSSL writes. Then two engine ends wired through a
 * queue show the failure contract (tampering, wrong host, untrusted CA, ...) and determinism.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_DATE, generateLabPki } from '../../src/sim/engine';
import type { LabPki } from '../../src/sim/engine';
import { createRng } from '../../src/sim/core/rng';
import { fromHex, toHex } from '../../src/sim/core/bytes';
import { withDeterministicForge } from '../../src/sim/tls/forge';
import { certificatePem, privateKeyPem, type CertName } from '../../src/sim/tls/pki';
import type { TlsFailure, TlsSessionInfo } from '../../src/sim/tls/endpoint';
import { HELLO_RETRY_RANDOM } from '../../src/sim/tlsShared/hello';
import { nextTrafficSecret } from '../../src/sim/tlsShared/keySchedule';
import { encodeKeyUpdate } from '../../src/sim/tlsShared/messages';
import { RecordProtection, takeRecords } from '../../src/sim/tlsShared/record';
import { createTls13Endpoint, type Tls13ClientConfig, type Tls13ServerConfig } from '../../src/sim/tls13/endpoint13';
import {
  bytes, clockInWindow, closeAll, engineClient, engineServer, keyLog, latin1, nodeClient, nodeServer, pair as pairWith,
  publicRootClient, REQUEST, RESPONSE, tamperFirstApplicationRecord, until, type EndLog, type Tamper,
} from './helpers/tlsInterop';

const TEST_MS = 15_000;
let pki: LabPki;

beforeAll(async () => {
  pki = await generateLabPki();
});

afterAll(closeAll);

const pair = (server: Partial<Tls13ServerConfig>, client: Partial<Tls13ClientConfig>, tamper?: Tamper) => pairWith(createTls13Endpoint, pki, server, client, tamper);
const certOf = (name: CertName) => ({ certificateChainPem: [certificatePem(pki, name)] });

describe('engine TLS 1.3 client -> OpenSSL server (Node tls.createServer, default settings)', () => {
  it('negotiates TLSv1.3 / TLS_AES_128_GCM_SHA256, verifies the site, reads the HTTP response; secrets match OpenSSL key log', async () => {
    const server = await nodeServer({ key: privateKeyPem(pki, 'site'), cert: certificatePem(pki, 'site') });
    const result = await engineClient(createTls13Endpoint, server.port, publicRootClient(pki));

    expect(result.failure).toBeNull();
    expect(server.seen).toEqual([{ protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', request: REQUEST, authorized: false, peerCn: null }]);
    expect(result.response).toBe(RESPONSE);
    const info = result.info!;
    expect(info).toMatchObject({ version: 'TLS 1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', peerCertificateCn: 'shop.example.com' });
    expect(info.sessionIdHex).toMatch(/^[0-9a-f]{64}$/);
    expect(info.masterSecretHex).toMatch(/^[0-9a-f]{64}$/);
    expect(keyLog(server.keylog, info.clientRandomHex)).toEqual({
      CLIENT_HANDSHAKE_TRAFFIC_SECRET: info.tls13Secrets!.clientHandshakeTrafficSecretHex,
      SERVER_HANDSHAKE_TRAFFIC_SECRET: info.tls13Secrets!.serverHandshakeTrafficSecretHex,
      CLIENT_TRAFFIC_SECRET_0: info.tls13Secrets!.clientTrafficSecret0Hex,
      SERVER_TRAFFIC_SECRET_0: info.tls13Secrets!.serverTrafficSecret0Hex,
      EXPORTER_SECRET: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  }, TEST_MS);

  it('answers a CertificateRequest with the client certificate (mTLS); OpenSSL verifies alice', async () => {
    const server = await nodeServer({
      key: privateKeyPem(pki, 'site'), cert: certificatePem(pki, 'site'),
      requestCert: true, rejectUnauthorized: clockInWindow, ca: certificatePem(pki, 'clientCa'),
    });
    const result = await engineClient(createTls13Endpoint, server.port, {
      ...publicRootClient(pki), clientCertificatePem: certificatePem(pki, 'clientAlice'), clientPrivateKeyPem: privateKeyPem(pki, 'client'),
    });
    expect(result.failure).toBeNull();
    expect(result.response).toBe(RESPONSE);
    expect(server.seen).toMatchObject([{ protocol: 'TLSv1.3', peerCn: 'alice', ...(clockInWindow ? { authorized: true } : {}) }]);
  }, TEST_MS);

  it('refuses a server whose certificate is for another name: bad_certificate, and OpenSSL hears the (encrypted) alert', async () => {
    const server = await nodeServer({ key: privateKeyPem(pki, 'site'), cert: certificatePem(pki, 'siteWrongHost') });
    const result = await engineClient(createTls13Endpoint, server.port, publicRootClient(pki));
    expect(result.info).toBeNull();
    expect(result.failure).toMatchObject({ alert: 'bad_certificate', code: 42, local: true });
    expect(result.failure!.message).toContain('www.other-shop.example');
    await until(() => server.errors.length > 0, 'server tlsClientError');
    expect(server.errors.join('\n')).toMatch(/bad.certificate/i);
  }, TEST_MS);
});

describe('OpenSSL client (Node tls.connect, default settings) -> engine TLS 1.3 server', () => {
  it('negotiates TLSv1.3, Node verifies the lab chain and hostname, the HTTP bytes cross intact, and the key logs agree', async () => {
    const { port, side } = await engineServer(createTls13Endpoint, pki);
    const client = await nodeClient(pki, port);
    expect(side.failure).toBeNull();
    expect(client.protocol).toBe('TLSv1.3');
    expect(client.cipher).toBe('TLS_AES_128_GCM_SHA256');
    if (clockInWindow) expect(client.authorized).toBe(true);
    else expect(client.authorizationError).toMatch(/^CERT_(HAS_EXPIRED|NOT_YET_VALID)$/);
    expect(side.request).toBe(REQUEST);
    expect(client.response).toBe(RESPONSE);
    const info = side.info!;
    expect(info).toMatchObject({ version: 'TLS 1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', peerCertificateCn: null });
    expect(keyLog(client.keylog, info.clientRandomHex)).toMatchObject({
      CLIENT_HANDSHAKE_TRAFFIC_SECRET: info.tls13Secrets!.clientHandshakeTrafficSecretHex,
      SERVER_HANDSHAKE_TRAFFIC_SECRET: info.tls13Secrets!.serverHandshakeTrafficSecretHex,
      CLIENT_TRAFFIC_SECRET_0: info.tls13Secrets!.clientTrafficSecret0Hex,
      SERVER_TRAFFIC_SECRET_0: info.tls13Secrets!.serverTrafficSecret0Hex,
    });
  }, TEST_MS);

  it('requires and verifies a client certificate (mTLS): the engine server sees alice', async () => {
    const { port, side } = await engineServer(createTls13Endpoint, pki, { clientCaPem: [certificatePem(pki, 'clientCa')] });
    const client = await nodeClient(pki, port, { cert: certificatePem(pki, 'clientAlice'), key: privateKeyPem(pki, 'client') });
    expect(side.failure).toBeNull();
    expect(client.protocol).toBe('TLSv1.3');
    expect(client.response).toBe(RESPONSE);
    expect(side.info).toMatchObject({ peerCertificateCn: 'alice' });
  }, TEST_MS);

  it('sends a HelloRetryRequest when the client leads with a P-256 share, and the retried handshake completes', async () => {
    const { port, side } = await engineServer(createTls13Endpoint, pki);
    const client = await nodeClient(pki, port, { ecdhCurve: 'P-256:X25519' });
    expect(side.failure).toBeNull();
    // The first flight is a ServerHello whose random is SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3).
    expect(toHex(side.sent[0]!.subarray(11, 43))).toBe(toHex(HELLO_RETRY_RANDOM));
    expect(client.protocol).toBe('TLSv1.3');
    expect(client.response).toBe(RESPONSE);
  }, TEST_MS);
});

describe('engine TLS 1.3 client <-> engine TLS 1.3 server through a queue', () => {
  it('completes, exchanges HTTP, and both ends agree on every secret', () => {
    const log = pair({}, {});
    expect(log.client.failure).toBeNull();
    expect(log.server.failure).toBeNull();
    expect(log.server.data).toBe(REQUEST);
    expect(log.client.data).toBe(RESPONSE);
    const { peerCertificateCn: _c, ...clientView } = log.client.info!;
    const { peerCertificateCn: _s, ...serverView } = log.server.info!;
    expect(clientView).toEqual(serverView);
    expect(log.client.info!.peerCertificateCn).toBe('shop.example.com');
    // ClientHello (0x0301 record), then the server's ServerHello + ChangeCipherSpec + encrypted flight.
    expect(toHex(log.client.sent[0]!.subarray(0, 3))).toBe('160301');
    expect(toHex(log.server.sent[0]!.subarray(0, 3))).toBe('160303');
  });

  it('mutual TLS: the server sees the client certificate; without one it sends certificate_required', () => {
    const mtls = pair({ clientCaPem: [certificatePem(pki, 'clientCa')] }, { clientCertificatePem: certificatePem(pki, 'clientAlice'), clientPrivateKeyPem: privateKeyPem(pki, 'client') });
    expect(mtls.server.info).toMatchObject({ peerCertificateCn: 'alice' });
    expect(mtls.client.data).toBe(RESPONSE);
    const missing = pair({ clientCaPem: [certificatePem(pki, 'clientCa')] }, {});
    expect(missing.server.failure).toMatchObject({ alert: 'certificate_required', code: 116, local: true });
    expect(missing.client.failure).toMatchObject({ alert: 'certificate_required', local: false });
  });

  it('a flipped byte in an application record: the server sends bad_record_mac and the client hears it', () => {
    const flip = tamperFirstApplicationRecord();
    const log = pair({}, {}, flip.tamper);
    expect(flip.done).toBe(true);
    expect(log.server.failure).toMatchObject({ alert: 'bad_record_mac', code: 20, local: true });
    expect(log.client.failure).toMatchObject({ alert: 'bad_record_mac', code: 20, local: false });
    expect(log.server.data).toBe('');
  });

  it('certificate for another host -> bad_certificate; untrusted CA -> unknown_ca; expired -> certificate_expired', () => {
    const cases: [CertName, string, number][] = [['siteWrongHost', 'bad_certificate', 42], ['siteUntrusted', 'unknown_ca', 48], ['siteExpired', 'certificate_expired', 45]];
    for (const [name, alert, code] of cases) {
      const log = pair(certOf(name), {});
      expect(log.client.failure, name).toMatchObject({ alert, code, local: true });
      expect(log.server.failure, name).toMatchObject({ alert, code, local: false });
      expect(log.client.info).toBeNull();
    }
  });

  it('verifyPeer false accepts an untrusted certificate (encrypted but unauthenticated)', () => {
    const log = pair(certOf('siteUntrusted'), { verifyPeer: false });
    expect(log.client.failure).toBeNull();
    expect(log.client.data).toBe(RESPONSE);
  });

  it('splits application data at 2^14 bytes per record and delivers it intact', () => {
    const big = new Uint8Array(40_000).map((_, i) => i % 251);
    const received: Uint8Array[] = [];
    const queue: { to: 'client' | 'server'; bytes: Uint8Array }[] = [];
    const server = createTls13Endpoint({ role: 'server', certificateChainPem: [certificatePem(pki, 'site')], privateKeyPem: privateKeyPem(pki, 'site'), validityDate: SIM_DATE }, {
      send: (b) => queue.push({ to: 'client', bytes: b }), connected: () => undefined, data: (b) => received.push(b), failed: () => undefined, closed: () => undefined,
    });
    const sends: Uint8Array[] = [];
    const client = createTls13Endpoint({ role: 'client', serverName: 'shop.example.com', trustedCaPem: [certificatePem(pki, 'publicRootCa')], verifyPeer: true, validityDate: SIM_DATE }, {
      send: (b) => (sends.push(b), queue.push({ to: 'server', bytes: b })), connected: () => client.write(big), data: () => undefined, failed: () => undefined, closed: () => undefined,
    });
    client.start();
    while (queue.length > 0) {
      const next = queue.shift()!;
      (next.to === 'client' ? client : server).receive(next.bytes);
    }
    const appSend = sends[sends.length - 1]!;
    expect(appSend.length).toBe(40_000 + 3 * (5 + 1 + 16));
    expect(Buffer.concat(received).equals(Buffer.from(big))).toBe(true);
  });

  it('KeyUpdate (update_requested) rolls both directions to traffic_secret_1; close_notify closes both ends', () => {
    const toClient: Uint8Array[] = [];
    const got: string[] = [];
    let info: TlsSessionInfo | null = null;
    let serverClosed = false;
    const server = createTls13Endpoint({ role: 'server', certificateChainPem: [certificatePem(pki, 'site')], privateKeyPem: privateKeyPem(pki, 'site'), validityDate: SIM_DATE }, {
      send: (b) => toClient.push(b), connected: (i) => void (info = i), data: (b) => got.push(latin1(b)), failed: (f) => { throw new Error(f.message); }, closed: () => void (serverClosed = true),
    });
    const toServer: Uint8Array[] = [];
    const client = createTls13Endpoint({ role: 'client', serverName: 'shop.example.com', trustedCaPem: [certificatePem(pki, 'publicRootCa')], verifyPeer: true, validityDate: SIM_DATE }, {
      send: (b) => toServer.push(b), connected: () => undefined, data: () => undefined, failed: (f) => { throw new Error(f.message); }, closed: () => undefined,
    });
    client.start();
    while (toServer.length + toClient.length > 0) {
      for (const b of toServer.splice(0)) server.receive(b);
      for (const b of toClient.splice(0)) client.receive(b);
    }
    expect(server.isConnected).toBe(true);
    // Play the client's side of a KeyUpdate by hand, with its traffic secrets (RFC 8446 §4.6.3, §7.2).
    const clientSecret0 = fromHex(info!.tls13Secrets!.clientTrafficSecret0Hex);
    const serverSecret1 = nextTrafficSecret(fromHex(info!.tls13Secrets!.serverTrafficSecret0Hex));
    server.receive(new RecordProtection(clientSecret0).seal(22, encodeKeyUpdate(true)));
    const answer = takeRecords(toClient.splice(0)[0]!);
    if (!answer.ok) throw new Error(answer.message);
    // The server answers update_not_requested under its old key, then writes with traffic_secret_1.
    const opened = new RecordProtection(fromHex(info!.tls13Secrets!.serverTrafficSecret0Hex)).open(answer.value.records[0]!);
    expect(opened.ok && toHex(opened.value.content)).toBe(toHex(encodeKeyUpdate(false)));
    server.receive(new RecordProtection(nextTrafficSecret(clientSecret0)).seal(23, bytes('after the update')));
    expect(got).toEqual(['after the update']);
    server.write(bytes('reply'));
    const reply = takeRecords(toClient.splice(0)[0]!);
    if (!reply.ok) throw new Error(reply.message);
    const replyOpened = new RecordProtection(serverSecret1).open(reply.value.records[0]!);
    expect(replyOpened.ok && latin1(replyOpened.value.content)).toBe('reply');

    // close_notify: the client closes, the server answers with its own and reports closed.
    let clientClosed = false;
    const a = createTls13Endpoint({ role: 'client', serverName: 'x', trustedCaPem: [], verifyPeer: false, validityDate: SIM_DATE }, {
      send: () => undefined, connected: () => undefined, data: () => undefined, failed: () => undefined, closed: () => void (clientClosed = true),
    });
    a.close();
    expect(clientClosed).toBe(true);
    const plainClose = new Uint8Array([21, 3, 3, 0, 2, 1, 0]);
    let freshClosed = false;
    const fresh = createTls13Endpoint({ role: 'server', certificateChainPem: [certificatePem(pki, 'site')], privateKeyPem: privateKeyPem(pki, 'site'), validityDate: SIM_DATE }, {
      send: () => undefined, connected: () => undefined, data: () => undefined, failed: () => undefined, closed: () => void (freshClosed = true),
    });
    fresh.receive(plainClose);
    expect(freshClosed).toBe(true);
    expect(serverClosed).toBe(false);
    expect(fresh.failure).toBeNull();
  });

  it('garbage or truncated input ends in an alert, never an exception', () => {
    const failures: TlsFailure[] = [];
    const inputs = [
      new Uint8Array([22, 3, 1, 0, 4, 1, 0, 0, 9]), // a ClientHello cut short, then (below) a record of unknown type 0
      new Uint8Array([22, 3, 3, 0, 6, 1, 0, 0, 2, 3, 3]), // a 2-byte ClientHello body
      new Uint8Array([23, 3, 3, 0, 3, 1, 2, 3]), // application data before any handshake
      new Uint8Array([22, 3, 3, 0x48, 0x01]), // a record longer than 2^14 + 256
    ];
    for (const input of inputs) {
      const server = createTls13Endpoint({ role: 'server', certificateChainPem: [certificatePem(pki, 'site')], privateKeyPem: privateKeyPem(pki, 'site'), validityDate: SIM_DATE }, {
        send: () => undefined, connected: () => undefined, data: () => undefined, failed: (f) => failures.push(f), closed: () => undefined,
      });
      expect(() => server.receive(input)).not.toThrow();
      expect(() => server.receive(new Uint8Array([0, 0, 0, 0, 0, 0]))).not.toThrow();
    }
    expect(failures.map((f) => f.alert)).toEqual(['unexpected_message', 'decode_error', 'unexpected_message', 'record_overflow']);
  });

  it('is deterministic: the same seeded forge random gives the same bytes; another seed gives others', () => {
    const run = (seed: number) => {
      const rng = createRng(seed);
      return withDeterministicForge((n) => rng.bytes(n), () => SIM_DATE.getTime(), () => pair({}, {}));
    };
    const concat = (log: EndLog) => toHex(Buffer.concat(log.sent));
    const a = run(7);
    const b = run(7);
    const c = run(8);
    expect(concat(a.client)).toBe(concat(b.client));
    expect(concat(a.server)).toBe(concat(b.server));
    expect(a.client.info).toEqual(b.client.info);
    expect(concat(a.client)).not.toBe(concat(c.client));
  });
});
