/**
 * Test-only harness: a real node-forge TLS client and server wired through a FIFO queue (never process() inside
 * tlsDataReady, QUALITY.md), recording every non-empty chunk with its direction, as a TCP capture would.
 */
import forge from '../../../src/sim/tls/forge';
import type Forge from 'node-forge';
import type { StreamChunk } from '../../../src/sim/observe/decoder/passiveDecoder';
import { concatBytes, toHex } from '../../../src/sim/core/bytes';

/** A CA, a leaf certificate for one host signed by it, and their keys (PEM). */
export interface TestIdentity {
  hostname: string;
  caKeyPem: string;
  caCertPem: string;
  /** The site's private key (matches certPem). */
  keyPem: string;
  certPem: string;
}

const binToBytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const NOT_BEFORE = new Date(Date.UTC(2025, 0, 1));
const NOT_AFTER = new Date(Date.UTC(2035, 0, 1));

function makeCert(subject: Forge.pki.CertificateField[], issuer: Forge.pki.CertificateField[], publicKey: Forge.pki.PublicKey,
  signer: Forge.pki.PrivateKey, serial: string, extensions: object[]): Forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = NOT_BEFORE;
  cert.validity.notAfter = NOT_AFTER;
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  cert.sign(signer as Forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return cert;
}

/** Generates two RSA keys (native crypto in Node: fast) and a CA + leaf for `hostname`. Call once in beforeAll. */
export function makeIdentity(hostname = 'shop.example.com', bits = 2048): TestIdentity {
  const ca = forge.pki.rsa.generateKeyPair({ bits });
  const site = forge.pki.rsa.generateKeyPair({ bits });
  // Attributes in ASN.1 order; RFC 4514 prints them reversed: "CN=..., O=...".
  const caName = [{ shortName: 'O', value: 'Passthrough Lab' }, { shortName: 'CN', value: 'Passthrough Lab Test CA' }];
  const caCert = makeCert(caName, caName, ca.publicKey, ca.privateKey, '01', [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true }]);
  const leaf = makeCert([{ shortName: 'O', value: 'Example Shop' }, { shortName: 'CN', value: hostname }], caName, site.publicKey, ca.privateKey, '02',
    [{ name: 'basicConstraints', cA: false }, { name: 'subjectAltName', altNames: [{ type: 2, value: hostname }] }]);
  return {
    hostname, caKeyPem: forge.pki.privateKeyToPem(ca.privateKey), caCertPem: forge.pki.certificateToPem(caCert),
    keyPem: forge.pki.privateKeyToPem(site.privateKey), certPem: forge.pki.certificateToPem(leaf),
  };
}

/** Options of one exchange. */
export interface ExchangeOptions {
  request: string;
  response: string;
  /** SNI / expected certificate host; default identity.hostname; null sends no SNI. */
  virtualHost?: string | null;
  cipherSuite?: 'AES128' | 'AES256';
  /** Make the client offer only TLS 1.0 (implicit, chained CBC IVs), to exercise that path. Default: TLS 1.1. */
  clientOffersTls10?: boolean;
  /** Client sends close_notify (an encrypted alert) after the response; default true. */
  close?: boolean;
  /** Share these between calls to get session resumption (abbreviated handshake). */
  sessionCaches?: { client: Forge.tls.SessionCache; server: Forge.tls.SessionCache };
}

/** What the wire carried and what each end learned. */
export interface CapturedExchange {
  chunks: StreamChunk[];
  /** Client's NSS key log values, captured in `connected`. */
  clientRandomHex: string;
  masterSecretHex: string;
  sessionIdHex: string;
  serverReceived: Uint8Array;
  clientReceived: Uint8Array;
  errors: string[];
  connected: { client: boolean; server: boolean };
}

/** Fresh caches for {@link ExchangeOptions.sessionCaches}. */
export function newSessionCaches(): { client: Forge.tls.SessionCache; server: Forge.tls.SessionCache } {
  return { client: forge.tls.createSessionCache(), server: forge.tls.createSessionCache() };
}

/** Runs one full TLS connection (handshake, request, response, optional close) and returns the capture. */
export function runExchange(id: TestIdentity, opts: ExchangeOptions): CapturedExchange {
  const host = opts.virtualHost === undefined ? id.hostname : opts.virtualHost;
  const queue: { direction: 'c2s' | 's2c'; data: string }[] = [];
  const out: CapturedExchange = {
    chunks: [], clientRandomHex: '', masterSecretHex: '', sessionIdHex: '', serverReceived: new Uint8Array(0),
    clientReceived: new Uint8Array(0), errors: [], connected: { client: false, server: false },
  };
  const closed = { client: false, server: false };
  let serverIn = '';
  let clientIn = '';
  const suites = forge.tls.CipherSuites;
  const suite = opts.cipherSuite === 'AES256' ? suites.TLS_RSA_WITH_AES_256_CBC_SHA! : suites.TLS_RSA_WITH_AES_128_CBC_SHA!;
  const enqueue = (direction: 'c2s' | 's2c') => (c: Forge.tls.Connection): void => {
    const data = c.tlsData.getBytes();
    if (data.length > 0) queue.push({ direction, data }); // forge sometimes signals with nothing to send
  };
  const client = forge.tls.createConnection({
    server: false,
    caStore: forge.pki.createCaStore([id.caCertPem]),
    cipherSuites: [suite],
    ...(host ? { virtualHost: host } : {}),
    ...(opts.sessionCaches ? { sessionCache: opts.sessionCaches.client } : {}),
    verify: (_c, verified, depth, certs) => {
      if (verified !== true) return verified;
      // forge checks the chain but not the name (QUALITY.md): check the leaf's SAN/CN here.
      const leaf = certs[0];
      if (depth === 0 && host && leaf) {
        const san = leaf.getExtension('subjectAltName') as { altNames?: { value?: string }[] } | undefined;
        const names = [...(san?.altNames ?? []).map((a) => a.value), String(leaf.subject.getField('CN')?.value ?? '')];
        if (!names.includes(host)) return { alert: forge.tls.Alert.Description.bad_certificate, message: 'hostname mismatch' };
      }
      return true;
    },
    connected: (c) => {
      out.connected.client = true;
      const sp = (c.session as unknown as { sp: { master_secret: string; client_random: string } }).sp;
      out.masterSecretHex = toHex(binToBytes(sp.master_secret));
      out.clientRandomHex = toHex(binToBytes(sp.client_random));
      out.sessionIdHex = toHex(binToBytes((c.session as unknown as { id: string }).id ?? ''));
      c.prepare(forge.util.encodeUtf8(opts.request));
    },
    tlsDataReady: enqueue('c2s'),
    dataReady: (c) => {
      clientIn += c.data.getBytes();
      if (clientIn.length >= opts.response.length && opts.close !== false) c.close();
    },
    closed: () => { closed.client = true; },
    error: (_c, e) => { out.errors.push(`client: ${e.message}`); },
  });
  const server = forge.tls.createConnection({
    server: true,
    cipherSuites: [suites.TLS_RSA_WITH_AES_128_CBC_SHA!, suites.TLS_RSA_WITH_AES_256_CBC_SHA!],
    ...(opts.sessionCaches ? { sessionCache: opts.sessionCaches.server } : {}),
    getCertificate: () => id.certPem,
    getPrivateKey: () => id.keyPem,
    connected: () => { out.connected.server = true; },
    tlsDataReady: enqueue('s2c'),
    dataReady: (c) => {
      serverIn += c.data.getBytes();
      if (serverIn.length === opts.request.length) c.prepare(forge.util.encodeUtf8(opts.response));
    },
    closed: () => { closed.server = true; },
    error: (_c, e) => { out.errors.push(`server: ${e.message}`); },
  });
  if (opts.clientOffersTls10) client.version = { major: 3, minor: 1 };
  client.handshake();
  for (let guard = 0; queue.length > 0 && guard < 1000; guard++) {
    const next = queue.shift()!;
    out.chunks.push({ direction: next.direction, bytes: binToBytes(next.data) });
    // The bytes were on the wire either way; a closed forge end would misread late records (its state is reset).
    if (!closed[next.direction === 'c2s' ? 'server' : 'client']) (next.direction === 'c2s' ? server : client).process(next.data);
  }
  out.serverReceived = binToBytes(serverIn);
  out.clientReceived = binToBytes(clientIn);
  return out;
}

/** Chunks of one direction concatenated: what a capture tool would reassemble. */
export function streamOf(chunks: readonly StreamChunk[], direction: 'c2s' | 's2c'): Uint8Array {
  return concatBytes(...chunks.filter((c) => c.direction === direction).map((c) => c.bytes));
}
