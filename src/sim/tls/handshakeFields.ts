/**
 * Field-by-field parsing of cleartext handshake messages (RFC 4346 §7.4; the hello extensions of TLS 1.2 / 1.3
 * are in helloExtensions.ts, the ECDHE key exchange in handshakeFields12.ts), for the packet inspector and for
 * the passive decoder, which needs the randoms, the negotiated version and suite, the server certificate and the
 * encrypted pre-master secret. Every field points at its exact bytes so the inspector can highlight them.
 * Malformed input never throws: the message gets an `error` and the fields read so far.
 */
import forge, { bytesToBinary } from './forge';
import { toHex } from '../core/bytes';
import { emptyExtensions, readHelloExtensions } from './helloExtensions';
import { parseEcdheClientKeyExchange, parseServerKeyExchange } from './handshakeFields12';

/** One labelled run of bytes. `offset` is relative to the start of the parsed buffer (the stream, for a parser). */
export interface ByteField { label: string; value: string; offset: number; length: number; explanation?: string }

/** What the inspector shows about one certificate of a Certificate message (RFC 4346 §7.4.2). */
export interface CertificateSummary {
  subject: string; issuer: string; notBefore: string; notAfter: string; altNames: string[];
  publicKeyBits: number; derHex: string;
  /** RSA modulus in lower-case hex without leading zeros, to match a private key; null if not RSA or unparseable. */
  rsaModulusHex: string | null;
}

/** A cleartext handshake message. `error` is set if its body is malformed. */
export type HandshakeInfo = { type: number; typeName: string; length: number; fields: ByteField[]; error?: string } & (
  | ({ typeName: 'client_hello'; clientVersion: string; clientRandomHex: string; sessionIdHex: string; cipherSuites: string[] } & ClientHelloExtras)
  | ({ typeName: 'server_hello'; serverVersion: string; serverRandomHex: string; sessionIdHex: string; cipherSuite: string; cipherSuiteCode: number } & ServerHelloExtras)
  | { typeName: 'certificate'; certificates: CertificateSummary[] }
  | { typeName: 'client_key_exchange'; encryptedPreMasterHex: string }
  | { typeName: 'client_key_exchange'; ecdhePublicKeyHex: string }
  | { typeName: 'server_key_exchange'; namedCurve: string; ecdhePublicKeyHex: string; signatureAlgorithm: string }
  | { typeName: string });

/** What a ClientHello's extensions reveal to anyone on the path (RFC 8446 §4.2). */
export interface ClientHelloExtras {
  serverName: string | null;
  alpn: string[];
  /** Offered versions from supported_versions, e.g. [0x0304] for a TLS 1.3 client; empty if the extension is absent. */
  supportedVersions: number[];
  /** Groups of the key_share entries (TLS 1.3 sends its ephemeral public key in the first flight). */
  keyShareGroups: string[];
  /** The encrypted_client_hello extension (0xfe0d) is present: the real SNI is sealed. */
  encryptedClientHello: boolean;
}

/** The version really negotiated: TLS 1.3 keeps 0x0303 in the legacy field and selects 0x0304 in supported_versions. */
export interface ServerHelloExtras {
  negotiatedVersion: string;
  negotiatedVersionCode: number;
  alpn: string[];
  /** The group of the server's key_share (TLS 1.3); null if none. */
  keyShareGroup: string | null;
}

/** Maps a position and length inside a message to offset/length in the parsed buffer. */
export type Locate = (pos: number, len: number) => { offset: number; length: number };

/** "TLS 1.1 (0x0302)" for a ProtocolVersion (RFC 4346 §6.2.1). */
export function versionName(major: number, minor: number): string {
  const hex = `0x${((major << 8) | minor).toString(16).padStart(4, '0')}`;
  const names: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };
  return `${names[(major << 8) | minor] ?? 'unknown'} (${hex})`;
}

const SUITES: Record<number, string> = {
  0x0000: 'TLS_NULL_WITH_NULL_NULL', 0x0004: 'TLS_RSA_WITH_RC4_128_MD5', 0x0005: 'TLS_RSA_WITH_RC4_128_SHA',
  0x000a: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 0x0016: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA',
  0x002f: 'TLS_RSA_WITH_AES_128_CBC_SHA', 0x0033: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA',
  0x0035: 'TLS_RSA_WITH_AES_256_CBC_SHA', 0x0039: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA',
  0x003c: 'TLS_RSA_WITH_AES_128_CBC_SHA256', 0x009c: 'TLS_RSA_WITH_AES_128_GCM_SHA256', 0x009d: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
  0x00ff: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV', 0x1301: 'TLS_AES_128_GCM_SHA256', 0x1302: 'TLS_AES_256_GCM_SHA384',
  0x1303: 'TLS_CHACHA20_POLY1305_SHA256', 0xc009: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 0xc013: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  0xc014: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 0xc02b: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
};

/** IANA name of a cipher suite, or its hex code ("0x1234") if this table does not know it. */
export function cipherSuiteName(code: number): string {
  return SUITES[code] ?? `0x${code.toString(16).padStart(4, '0')}`;
}

const HS_TYPES: Record<number, string> = {
  0: 'hello_request', 1: 'client_hello', 2: 'server_hello', 4: 'new_session_ticket', 11: 'certificate', 12: 'server_key_exchange',
  13: 'certificate_request', 14: 'server_hello_done', 15: 'certificate_verify', 16: 'client_key_exchange', 20: 'finished',
  5: 'end_of_early_data', 8: 'encrypted_extensions', 24: 'key_update', 254: 'message_hash',
};
/** RFC 4346 §7.4 name of a handshake type ("client_hello"), or "unknown(N)". */
export function handshakeTypeName(type: number): string {
  return HS_TYPES[type] ?? `unknown(${type})`;
}

/** Bounds-checked cursor that records a ByteField for every item it reads. */
export class FieldReader {
  pos = 0;
  error: string | undefined;
  constructor(readonly bytes: Uint8Array, readonly fields: ByteField[], readonly locate: Locate) {}
  get left(): number { return this.bytes.length - this.pos; }
  /** Reads n bytes as a field; null (and `error`) if the message is too short. */
  field(label: string, n: number, show: (b: Uint8Array) => string, explanation?: string): Uint8Array | null {
    if (n > this.left) {
      this.error ??= `malformed: ${label} needs ${n} bytes, only ${this.left} left`;
      return null;
    }
    const b = this.bytes.subarray(this.pos, this.pos + n);
    if (n === 0) return b; // an empty vector has no bytes to highlight
    this.fields.push({ label, value: show(b), ...this.locate(this.pos, n), ...(explanation ? { explanation } : {}) });
    this.pos += n;
    return b;
  }
  uint(label: string, n: number, explanation?: string): number | null {
    const b = this.field(label, n, (x) => String(x.reduce((v, c) => v * 256 + c, 0)), explanation);
    return b ? b.reduce((v, c) => v * 256 + c, 0) : null;
  }
  hex(label: string, n: number, explanation?: string): string | null {
    const b = this.field(label, n, (x) => toHex(x), explanation);
    return b ? toHex(b) : null;
  }
  /** A vector whose length prefix is `lenBytes` long; returns its bytes and a sub-reader over them. */
  vector(label: string, lenBytes: number, explanation?: string): FieldReader | null {
    const len = this.uint(`${label} length`, lenBytes);
    if (len === null) return null;
    if (len > this.left) { this.error ??= `malformed: ${label} length ${len} exceeds the ${this.left} bytes left`; return null; }
    const start = this.pos;
    const sub = new FieldReader(this.bytes.subarray(start, start + len), this.fields, (p, l) => this.locate(start + p, l));
    if (explanation && len > 0) this.fields.push({ label, value: `${len} bytes`, ...this.locate(start, len), explanation });
    this.pos += len;
    return sub;
  }
}

const vName = (b: Uint8Array): string => versionName(b[0] ?? 0, b[1] ?? 0);

function rdn(attrs: { shortName?: string; name?: string; type?: string; value?: unknown }[]): string {
  // RFC 4514 §2.1 writes the last RDN first: "CN=shop.example.com, O=Example".
  return [...attrs].reverse().map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value).replace(/([,+"\\<>;])/g, '\\$1')}`).join(', ');
}

function iso(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'invalid date' : d.toISOString();
}

/** Every observer of every connection sees the same few certificates: parse each DER once. */
const summaries = new Map<string, CertificateSummary>();

/** Parses one DER certificate with forge; a summary with an explanatory subject if forge cannot. */
export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const derHex = toHex(der);
  let summary = summaries.get(derHex);
  if (!summary) {
    summary = parseCertificateSummary(der, derHex);
    if (summaries.size > 256) summaries.clear();
    summaries.set(derHex, summary);
  }
  return summary;
}

function parseCertificateSummary(der: Uint8Array, derHex: string): CertificateSummary {
  try {
    const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(bytesToBinary(der)));
    const san = cert.getExtension('subjectAltName') as { altNames?: { type: number; value?: string; ip?: string }[] } | undefined;
    const kinds: Record<number, string> = { 1: 'email', 2: 'DNS', 6: 'URI', 7: 'IP' };
    const n = (cert.publicKey as { n?: { bitLength(): number; toString(radix: number): string } }).n;
    return {
      subject: rdn(cert.subject.attributes), issuer: rdn(cert.issuer.attributes),
      notBefore: iso(cert.validity.notBefore), notAfter: iso(cert.validity.notAfter),
      altNames: (san?.altNames ?? []).map((a) => `${kinds[a.type] ?? a.type}:${a.ip ?? a.value ?? ''}`),
      publicKeyBits: n ? n.bitLength() : 0, derHex, rsaModulusHex: n ? n.toString(16) : null,
    };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { subject: `(not parsed: ${why})`, issuer: '', notBefore: '', notAfter: '', altNames: [], publicKeyBits: 0, derHex, rsaModulusHex: null };
  }
}

/**
 * Parses one complete handshake message (4-byte header + body, RFC 4346 §7.4). `locate` maps positions in
 * `msg` to the caller's buffer (identity plus a base offset, unless the message was reassembled from records).
 */
export function parseHandshakeMessage(msg: Uint8Array, locate: Locate): HandshakeInfo {
  const fields: ByteField[] = [];
  const r = new FieldReader(msg, fields, locate);
  const type = r.uint('Handshake type', 1) ?? -1;
  const typeName = handshakeTypeName(type);
  if (fields[0]) fields[0].value = `${typeName} (${type})`;
  const length = r.uint('Handshake length', 3) ?? 0;
  const body = new FieldReader(msg.subarray(4, 4 + length), fields, (p, l) => locate(4 + p, l));
  const base = { type, length, fields };
  const done = <T extends object>(extra: T): HandshakeInfo => {
    const error = r.error ?? body.error;
    return { ...base, typeName, ...extra, ...(error ? { error } : {}) } as HandshakeInfo;
  };
  if (type === 1 || type === 2) {
    const version = body.field(type === 1 ? 'Client version' : 'Server version', 2, vName, type === 2 ? 'The version the server chose (RFC 4346 §7.4.1.3); a TLS 1.3 server writes 0x0303 here and the real version in supported_versions' : 'Highest version the client supports; a TLS 1.3 client writes 0x0303 here and offers 0x0304 in supported_versions');
    const random = body.hex(type === 1 ? 'Client random' : 'Server random', 32, '4-byte time + 28 random bytes; an input of the master secret (RFC 4346 §8.1)') ?? '';
    const sid = body.vector('Session ID', 1);
    const sessionIdHex = sid?.hex('Session ID', sid.left) ?? '';
    if (type === 1) {
      const suites = body.vector('Cipher suites', 2);
      const cipherSuites: string[] = [];
      while (suites && suites.left >= 2) {
        const code = suites.uint('Cipher suite', 2) ?? 0;
        cipherSuites.push(cipherSuiteName(code));
        fields[fields.length - 1]!.value = cipherSuiteName(code);
      }
      const comp = body.vector('Compression methods', 1);
      if (comp && comp.left > 0) comp.hex('Compression methods', comp.left);
      const ext = emptyExtensions();
      readHelloExtensions(body, 'client_hello', ext);
      return done({
        clientVersion: version ? vName(version) : '', clientRandomHex: random, sessionIdHex, cipherSuites,
        serverName: ext.serverName, alpn: ext.alpn, supportedVersions: ext.supportedVersionCodes, keyShareGroups: ext.keyShareGroups, encryptedClientHello: ext.encryptedClientHello,
      });
    }
    const code = body.uint('Cipher suite', 2) ?? -1;
    if (code >= 0) fields[fields.length - 1]!.value = cipherSuiteName(code);
    body.uint('Compression method', 1);
    const ext = emptyExtensions();
    readHelloExtensions(body, 'server_hello', ext);
    const legacy = version ? (version[0]! << 8) | version[1]! : 0;
    const negotiated = ext.supportedVersionCodes[0] ?? legacy;
    return done({
      serverVersion: version ? vName(version) : '', serverRandomHex: random, sessionIdHex, cipherSuite: code >= 0 ? cipherSuiteName(code) : '', cipherSuiteCode: code,
      negotiatedVersion: versionName(negotiated >> 8, negotiated & 0xff), negotiatedVersionCode: negotiated, alpn: ext.alpn, keyShareGroup: ext.keyShareGroups[0] ?? null,
    });
  }
  if (type === 11) {
    const list = body.vector('Certificates', 3);
    const certificates: CertificateSummary[] = [];
    while (list && list.left > 0 && !list.error) {
      const one = list.vector(`Certificate ${certificates.length + 1}`, 3);
      const der = one?.field(`Certificate ${certificates.length + 1}${certificates.length === 0 ? ' (leaf)' : ''}`, one.left, () => '', 'X.509 DER, sent in cleartext in TLS <= 1.2');
      if (!der) break;
      const summary = summarizeCertificate(der);
      fields[fields.length - 1]!.value = summary.subject;
      certificates.push(summary);
    }
    if (list?.error) body.error ??= list.error;
    return done({ certificates });
  }
  if (type === 12) return done(parseServerKeyExchange(body));
  // An ECDHE ClientKeyExchange is one point with a 1-byte length (RFC 8422 §5.7); RSA's has a 2-byte length.
  if (type === 16 && length >= 2 && msg[4] === length - 1) return done(parseEcdheClientKeyExchange(body));
  if (type === 16) {
    // TLS 1.x prefixes EncryptedPreMasterSecret with a 2-byte length (RFC 4346 §7.4.7.1); SSL 3.0 did not.
    const prefixed = length >= 2 && (msg[4]! << 8 | msg[5]!) === length - 2;
    if (prefixed) body.uint('Encrypted pre-master secret length', 2);
    const hex = body.hex('Encrypted pre-master secret', body.left, 'RSA-encrypted with the server certificate\'s public key: only the private key opens it') ?? '';
    return done({ encryptedPreMasterHex: hex });
  }
  if (body.left > 0) body.field('Message body', body.left, (b) => `${b.length} bytes`);
  return done({});
}
