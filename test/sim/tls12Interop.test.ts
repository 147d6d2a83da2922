/**
 * The engine's TLS 1.2 endpoint (src/sim/tls12: ECDHE_RSA_WITH_AES_128_GCM_SHA256 over x25519) against OpenSSL
 * through Node's `tls` at default settings, both directions; its master secret matches OpenSSL's CLIENT_RANDOM
 * key log line. The PRF is checked against the published TLS 1.2 P_SHA256 vector; two engine ends through a
 * queue show the failure contract and determinism.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_DATE, generateLabPki } from '../../src/sim/engine';
import type { LabPki } from '../../src/sim/engine';
import { createRng } from '../../src/sim/core/rng';
import { asciiBytes, fromHex, toHex } from '../../src/sim/core/bytes';
import { withDeterministicForge } from '../../src/sim/tls/forge';
import { certificatePem, privateKeyPem, type CertName } from '../../src/sim/tls/pki';
import { createTls12Endpoint } from '../../src/sim/tls12/endpoint12';
import { prf } from '../../src/sim/tlsShared/prf';
import { Protection12 } from '../../src/sim/tls12/record12';
import { takeRecords } from '../../src/sim/tlsShared/record';
import type { Tls13ClientConfig, Tls13ServerConfig } from '../../src/sim/tls13/endpoint13';
import {
  clockInWindow, closeAll, engineClient, engineServer, keyLog, nodeClient, nodeServer, pair as pairWith, publicRootClient, REQUEST,
  RESPONSE, tamperFirstApplicationRecord, until, type Tamper,
} from './helpers/tlsInterop';

const TEST_MS = 15_000;
let pki: LabPki;

beforeAll(async () => {
  pki = await generateLabPki();
});

afterAll(closeAll);

const pair = (server: Partial<Tls13ServerConfig>, client: Partial<Tls13ClientConfig>, tamper?: Tamper) => pairWith(createTls12Endpoint, pki, server, client, tamper);
const certOf = (name: CertName) => ({ certificateChainPem: [certificatePem(pki, name)] });
const SUITE = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';

describe('TLS 1.2 building blocks', () => {
  it('PRF(secret, "test label", seed) with P_SHA256 gives the published 100-byte vector (RFC 5246 §5)', () => {
    const out = prf(fromHex('9b be 43 6b a9 40 f0 17 b1 76 52 84 9a 71 db 35'), 'test label', fromHex('a0 ba 9f 93 6c da 31 18 27 a6 f7 96 ff d5 19 8c'), 100);
    expect(toHex(out)).toBe(
      'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab'
      + '4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701' + '87347b66',
    );
  });

  it('GCM records carry the sequence number as explicit nonce and fail closed on a flipped byte (RFC 5288 §3)', () => {
    const key = new Uint8Array(16).fill(7);
    const salt = new Uint8Array([1, 2, 3, 4]);
    const sealer = new Protection12(key, salt);
    sealer.seal(23, asciiBytes('first'));
    const second = sealer.seal(23, asciiBytes('second'));
    expect(toHex(second.subarray(0, 13))).toBe('170303001e' + '0000000000000001') // 8-byte nonce + 6 + 16-byte tag = 30;
    const opener = new Protection12(key, salt);
    const taken = takeRecords(new Uint8Array([...new Protection12(key, salt).seal(23, asciiBytes('first')), ...second]));
    if (!taken.ok) throw new Error(taken.message);
    expect(taken.value.records.map((r) => opener.open(r))).toMatchObject([{ ok: true }, { ok: true }]);
    const bad = second.slice();
    bad[20]! ^= 1;
    const tampered = takeRecords(bad);
    if (!tampered.ok) throw new Error(tampered.message);
    const fresh = new Protection12(key, salt);
    fresh.open(taken.value.records[0]!);
    expect(fresh.open(tampered.value.records[0]!)).toMatchObject({ ok: false, code: 20 });
  });
});

describe('engine TLS 1.2 client -> OpenSSL server (Node tls.createServer, default settings)', () => {
  it('negotiates TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256, reads the HTTP response; the master secret matches OpenSSL key log', async () => {
    const server = await nodeServer({ key: privateKeyPem(pki, 'site'), cert: certificatePem(pki, 'site') });
    const result = await engineClient(createTls12Endpoint, server.port, publicRootClient(pki));
    expect(result.failure).toBeNull();
    expect(server.seen).toEqual([{ protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', request: REQUEST, authorized: false, peerCn: null }]);
    expect(result.response).toBe(RESPONSE);
    const info = result.info!;
    expect(info).toMatchObject({ version: 'TLS 1.2', cipherSuite: SUITE, peerCertificateCn: 'shop.example.com' });
    expect(keyLog(server.keylog, info.clientRandomHex)).toEqual({ CLIENT_RANDOM: info.masterSecretHex });
  }, TEST_MS);

  it('answers a CertificateRequest with the client certificate (mTLS); OpenSSL verifies alice', async () => {
    const server = await nodeServer({
      key: privateKeyPem(pki, 'site'), cert: certificatePem(pki, 'site'),
      requestCert: true, rejectUnauthorized: clockInWindow, ca: certificatePem(pki, 'clientCa'),
    });
    const result = await engineClient(createTls12Endpoint, server.port, {
      ...publicRootClient(pki), clientCertificatePem: certificatePem(pki, 'clientAlice'), clientPrivateKeyPem: privateKeyPem(pki, 'client'),
    });
    expect(result.failure).toBeNull();
    expect(result.response).toBe(RESPONSE);
    expect(server.seen).toMatchObject([{ protocol: 'TLSv1.2', peerCn: 'alice', ...(clockInWindow ? { authorized: true } : {}) }]);
  }, TEST_MS);

  it('refuses a certificate for another name with bad_certificate, and OpenSSL hears it', async () => {
    const server = await nodeServer({ key: privateKeyPem(pki, 'site'), cert: certificatePem(pki, 'siteWrongHost') });
    const result = await engineClient(createTls12Endpoint, server.port, publicRootClient(pki));
    expect(result.failure).toMatchObject({ alert: 'bad_certificate', code: 42, local: true });
    await until(() => server.errors.length > 0, 'server tlsClientError');
    expect(server.errors.join('\n')).toMatch(/bad.certificate/i);
  }, TEST_MS);
});

describe('OpenSSL client (Node tls.connect, default settings) -> engine TLS 1.2 server', () => {
  it('negotiates TLSv1.2 (the client offered 1.3 too), verifies the lab chain, and the master secret matches', async () => {
    const { port, side } = await engineServer(createTls12Endpoint, pki);
    const client = await nodeClient(pki, port);
    expect(side.failure).toBeNull();
    expect(client.protocol).toBe('TLSv1.2');
    expect(client.cipher).toBe('ECDHE-RSA-AES128-GCM-SHA256');
    if (clockInWindow) expect(client.authorized).toBe(true);
    expect(side.request).toBe(REQUEST);
    expect(client.response).toBe(RESPONSE);
    expect(side.info).toMatchObject({ version: 'TLS 1.2', cipherSuite: SUITE, peerCertificateCn: null });
    expect(keyLog(client.keylog, side.info!.clientRandomHex)).toEqual({ CLIENT_RANDOM: side.info!.masterSecretHex });
  }, TEST_MS);

  it('requires and verifies a client certificate (mTLS): the engine server sees alice', async () => {
    const { port, side } = await engineServer(createTls12Endpoint, pki, { clientCaPem: [certificatePem(pki, 'clientCa')] });
    const client = await nodeClient(pki, port, { cert: certificatePem(pki, 'clientAlice'), key: privateKeyPem(pki, 'client') });
    expect(side.failure).toBeNull();
    expect(client.response).toBe(RESPONSE);
    expect(side.info).toMatchObject({ peerCertificateCn: 'alice' });
  }, TEST_MS);
});

describe('engine TLS 1.2 client <-> engine TLS 1.2 server through a queue', () => {
  it('completes, exchanges HTTP, both ends agree; mTLS works, and a missing client certificate is handshake_failure', () => {
    const log = pair({}, {});
    expect(log.client.failure).toBeNull();
    expect(log.client.data).toBe(RESPONSE);
    expect(log.server.data).toBe(REQUEST);
    expect({ ...log.client.info, peerCertificateCn: null }).toEqual(log.server.info);
    const mtls = pair({ clientCaPem: [certificatePem(pki, 'clientCa')] }, { clientCertificatePem: certificatePem(pki, 'clientAlice'), clientPrivateKeyPem: privateKeyPem(pki, 'client') });
    expect(mtls.server.info).toMatchObject({ peerCertificateCn: 'alice' });
    const missing = pair({ clientCaPem: [certificatePem(pki, 'clientCa')] }, {});
    expect(missing.server.failure).toMatchObject({ alert: 'handshake_failure', code: 40, local: true });
    expect(missing.client.failure).toMatchObject({ alert: 'handshake_failure', local: false });
  });

  it('a flipped byte in an application record -> bad_record_mac', () => {
    const flip = tamperFirstApplicationRecord();
    const log = pair({}, {}, flip.tamper);
    expect(flip.done).toBe(true);
    expect(log.server.failure).toMatchObject({ alert: 'bad_record_mac', code: 20, local: true });
    expect(log.client.failure).toMatchObject({ alert: 'bad_record_mac', local: false });
  });

  it('wrong host -> bad_certificate; untrusted CA -> unknown_ca; expired -> certificate_expired; verifyPeer false accepts', () => {
    const cases: [CertName, string, number][] = [['siteWrongHost', 'bad_certificate', 42], ['siteUntrusted', 'unknown_ca', 48], ['siteExpired', 'certificate_expired', 45]];
    for (const [name, alert, code] of cases) {
      const log = pair(certOf(name), {});
      expect(log.client.failure, name).toMatchObject({ alert, code, local: true });
      expect(log.server.failure, name).toMatchObject({ alert, code, local: false });
    }
    expect(pair(certOf('siteUntrusted'), { verifyPeer: false }).client.data).toBe(RESPONSE);
  });

  it('is deterministic under the same seeded forge random', () => {
    const run = (seed: number) => {
      const rng = createRng(seed);
      return withDeterministicForge((n) => rng.bytes(n), () => SIM_DATE.getTime(), () => pair({}, {}));
    };
    const hex = (sent: Uint8Array[]) => toHex(Buffer.concat(sent));
    const [a, b, c] = [run(3), run(3), run(4)];
    expect(hex(a.client.sent)).toBe(hex(b.client.sent));
    expect(hex(a.server.sent)).toBe(hex(b.server.sent));
    expect(hex(a.client.sent)).not.toBe(hex(c.client.sent));
  });
});
