/**
 * TLS record layer parsing for the packet inspector: splits one direction of a TCP stream into TLSPlaintext /
 * TLSCiphertext records (RFC 4346 §6.2), labels every header byte, and parses cleartext handshake messages.
 * It tracks ChangeCipherSpec, after which the sender's records are encrypted and only their header (and, in
 * TLS 1.1, the explicit IV) can be labelled. TLS 1.3 protects everything after the ServerHello except the
 * middlebox-compatibility ChangeCipherSpec (RFC 8446 §5, Appendix D.4), so the parser follows the version the
 * hellos negotiated. It holds no keys: decryption lives in passiveDecoder.ts.
 */
import { concatBytes } from '../core/bytes';
import { parseHandshakeMessage, versionName } from './handshakeFields';
import type { ByteField, HandshakeInfo } from './handshakeFields';
import { protectedFields, protectionOf } from './protectedRecordFields';
import type { Protection, SessionHints } from './protectedRecordFields';
import type { ContentTypeName, HandshakeMessageFacts, TlsRecordFacts } from '../core/layers';

export type { Protection, SessionHints } from './protectedRecordFields';

export type { ByteField, HandshakeInfo, CertificateSummary, Locate, ClientHelloExtras, ServerHelloExtras } from './handshakeFields';
export { versionName, cipherSuiteName, handshakeTypeName, summarizeCertificate, parseHandshakeMessage } from './handshakeFields';

export type { ContentTypeName } from '../core/layers';

/** One complete TLS record found in a stream. Offsets are relative to the first byte pushed into the parser. */
export interface TlsRecordInfo {
  offset: number; length: number;
  contentType: number; contentTypeName: ContentTypeName;
  version: string;
  /** Header version as a number (0x0302 for TLS 1.1); the MAC covers it (RFC 4346 §6.2.3.1). */
  versionCode: number;
  fragmentLength: number;
  /** The record body (bytes after the 5-byte header), ciphertext if `encrypted`. */
  fragment: Uint8Array;
  encrypted: boolean;
  /** The layout of a protected body ('none' when `encrypted` is false); 'tls13' records hide their real type inside. */
  protection: Protection;
  fields: ByteField[];
  /** What the dissector found, for the layer's facts (content phrases them). */
  facts: TlsRecordFacts;
  handshake?: HandshakeInfo[];
  alert?: { level: string; description: string; code: number };
}

/** TLSCiphertext.length must not exceed 2^14 + 2048 (RFC 4346 §6.2.3). */
export const MAX_RECORD_FRAGMENT = 16384 + 2048;

const CONTENT_TYPES: Record<number, ContentTypeName> = { 20: 'change_cipher_spec', 21: 'alert', 22: 'handshake', 23: 'application_data' };
const ALERTS: Record<number, string> = {
  0: 'close_notify', 10: 'unexpected_message', 20: 'bad_record_mac', 21: 'decryption_failed', 22: 'record_overflow',
  30: 'decompression_failure', 40: 'handshake_failure', 41: 'no_certificate', 42: 'bad_certificate', 43: 'unsupported_certificate',
  44: 'certificate_revoked', 45: 'certificate_expired', 46: 'certificate_unknown', 47: 'illegal_parameter', 48: 'unknown_ca',
  49: 'access_denied', 50: 'decode_error', 51: 'decrypt_error', 60: 'export_restriction', 70: 'protocol_version',
  71: 'insufficient_security', 80: 'internal_error', 90: 'user_canceled', 100: 'no_renegotiation', 110: 'unsupported_extension',
  112: 'unrecognized_name',
};

/** RFC 4346 §7.2 name of an alert description ("bad_record_mac"), or "unknown(N)". */
export function alertDescriptionName(code: number): string {
  return ALERTS[code] ?? `unknown(${code})`;
}

/** RFC 4346 §7.2 name of an alert level. */
export function alertLevelName(level: number): string {
  return level === 1 ? 'warning' : level === 2 ? 'fatal' : `unknown(${level})`;
}

/** Name of a ContentType byte. */
export function contentTypeName(type: number): ContentTypeName {
  return CONTENT_TYPES[type] ?? 'unknown';
}

/** Why the bytes at the start of `bytes` cannot be a TLS record header (checking as many bytes as there are), or null. */
export function recordHeaderProblem(bytes: Uint8Array): string | null {
  const [type, major, minor] = bytes;
  if (type === undefined) return 'no bytes';
  if (type < 20 || type > 24) return `content type ${type} (0x${type.toString(16)}) is not a TLS content type (20-24)`;
  if (major !== undefined && major !== 3) return `version major byte ${major} is not 3 (SSL 3.0 / TLS 1.x)`;
  if (minor !== undefined && minor > 4) return `version 3.${minor} is not a known TLS version`;
  if (bytes.length >= 5) {
    const len = (bytes[3]! << 8) | bytes[4]!;
    if (len > MAX_RECORD_FRAGMENT) return `record length ${len} exceeds the TLS maximum ${MAX_RECORD_FRAGMENT} (RFC 4346 §6.2.3)`;
  }
  return null;
}

/** True if `bytes` starts like a TLS record header (type 20-24, version 3.x, sane length). Never throws. */
export function looksLikeTls(bytes: Uint8Array): boolean {
  return recordHeaderProblem(bytes) === null;
}

/** The ServerHello.random that marks a HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3). */
export const HELLO_RETRY_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

const EMPTY_FACTS: Omit<TlsRecordFacts, 'sni' | 'echOuterName' | 'alpn' | 'certificateSubject' | 'negotiatedVersion'> = {
  contentType: 'unknown', contentTypeCode: 0, fragmentLength: 0, encrypted: false, innerTypeHidden: false,
  firstEncryptedHandshake: false, compatChangeCipherSpec: false, messages: [], messageContinues: false, alert: null, malformedAlert: false,
};

/** The typed facts of one cleartext handshake message. */
export function handshakeMessageFacts(h: HandshakeInfo): HandshakeMessageFacts {
  if ('serverName' in h) return { type: 'client_hello', serverName: h.serverName, encryptedClientHello: h.encryptedClientHello, alpn: h.alpn };
  if ('cipherSuiteCode' in h && h.serverRandomHex === HELLO_RETRY_RANDOM) return { type: 'hello_retry_request', keyShareGroup: h.keyShareGroup };
  if ('cipherSuiteCode' in h) return { type: 'server_hello', negotiatedVersion: h.negotiatedVersion || h.serverVersion, cipherSuite: h.cipherSuite, alpn: h.alpn };
  if ('certificates' in h) return { type: 'certificate', subject: h.certificates[0]?.subject ?? null };
  if ('encryptedPreMasterHex' in h) return { type: 'client_key_exchange', exchange: 'rsa' };
  if ('namedCurve' in h) return { type: 'server_key_exchange', namedCurve: h.namedCurve, signatureAlgorithm: h.signatureAlgorithm };
  if ('ecdhePublicKeyHex' in h) return { type: 'client_key_exchange', exchange: 'ecdhe' };
  return { type: 'other', typeName: h.typeName };
}

/** The record-level facts, with the convenience fields (SNI, certificate, version) read off its messages. */
function recordFacts(base: Omit<TlsRecordFacts, 'sni' | 'echOuterName' | 'alpn' | 'certificateSubject' | 'negotiatedVersion'>): TlsRecordFacts {
  let sni: string | null = null;
  let echOuterName: string | null = null;
  let certificateSubject: string | null = null;
  let negotiatedVersion: string | null = null;
  const alpn: string[] = [];
  for (const m of base.messages) {
    if (m.type === 'client_hello') {
      if (m.encryptedClientHello) echOuterName ??= m.serverName;
      else sni ??= m.serverName;
      alpn.push(...m.alpn);
    } else if (m.type === 'server_hello') {
      negotiatedVersion = m.negotiatedVersion;
      alpn.push(...m.alpn);
    } else if (m.type === 'certificate') certificateSubject ??= m.subject;
  }
  return { ...base, sni, echOuterName, alpn, certificateSubject, negotiatedVersion };
}

/**
 * Incremental parser for ONE direction of a TCP stream. Push each segment's payload in order; records that
 * span pushes are returned once complete. After a bad header the stream is out of sync and every later push
 * returns the same error. It never throws.
 */
export class TlsStreamParser {
  private pending: Uint8Array = new Uint8Array(0);
  private pendingOffset = 0;
  private encrypted = false;
  private encryptedHandshakes = 0;
  private failure: string | undefined;
  // Handshake messages may span records (RFC 4346 §6.2.1): bytes waiting for the rest of a message, and
  // where each run of them sits in the stream so field offsets still point at the real bytes.
  private hs: Uint8Array = new Uint8Array(0);
  private hsRuns: { pos: number; offset: number; len: number }[] = [];

  /** Total bytes pushed so far: the stream offset of the next pushed byte. */
  get streamOffset(): number { return this.pendingOffset + this.pending.length; }
  /** Bytes held back because the record they belong to is not complete yet. */
  get bufferedBytes(): number { return this.pending.length; }
  /** True once this direction sent ChangeCipherSpec (or, in TLS 1.3, its ServerHello). */
  get isEncrypted(): boolean { return this.encrypted; }

  /**
   * `hints` may be shared by the two directions of one connection: the client's side then learns the suite and
   * version from the ServerHello to lay out its own protected records.
   */
  constructor(readonly hints: SessionHints = {}) {}

  /** In TLS 1.3 (negotiated, or offered and not yet answered) a record is framed the 1.3 way (RFC 8446 §5). */
  private get framed13(): boolean {
    const v = this.hints.negotiatedVersionCode;
    return v === 0x0304 || (v === undefined && this.hints.offered13 === true);
  }

  /** Adds the next bytes of the stream; returns the records completed by them. */
  push(bytes: Uint8Array): { records: TlsRecordInfo[]; error?: string } {
    if (this.failure) return { records: [], error: this.failure };
    this.pending = concatBytes(this.pending, bytes);
    const records: TlsRecordInfo[] = [];
    while (this.pending.length > 0) {
      const problem = recordHeaderProblem(this.pending.subarray(0, 5));
      if (problem) {
        this.failure = `not a TLS record at stream offset ${this.pendingOffset}: ${problem}`;
        return { records, error: this.failure };
      }
      if (this.pending.length < 5) break;
      const len = (this.pending[3]! << 8) | this.pending[4]!;
      if (this.pending.length < 5 + len) break;
      records.push(this.describe(this.pending.slice(0, 5 + len), this.pendingOffset));
      this.pending = this.pending.subarray(5 + len);
      this.pendingOffset += 5 + len;
    }
    return { records };
  }

  private describe(rec: Uint8Array, offset: number): TlsRecordInfo {
    const type = rec[0]!;
    const versionCode = (rec[1]! << 8) | rec[2]!;
    const fragment = rec.subarray(5);
    const name = contentTypeName(type);
    const version = versionName(rec[1]!, rec[2]!);
    const fields: ByteField[] = [
      { label: 'Content type', value: `${name} (${type})`, offset, length: 1, explanation: 'Record header: always cleartext (RFC 4346 §6.2.1)' },
      { label: 'Version', value: version, offset: offset + 1, length: 2 },
      { label: 'Length', value: String(fragment.length), offset: offset + 3, length: 2 },
    ];
    const is13 = this.framed13;
    // TLS 1.3 protects a record by wrapping it in an outer application_data record, and sends nothing else as
    // application_data (RFC 8446 §5.2): that outer type alone says "protected". A handshake record stays cleartext
    // (a second ClientHello after a HelloRetryRequest), as does the compatibility ChangeCipherSpec (Appendix D.4).
    const encrypted = is13 ? name === 'application_data' : this.encrypted;
    const protection: Protection = encrypted ? protectionOf(this.hints, versionCode, is13) : 'none';
    const info: TlsRecordInfo = {
      offset, length: rec.length, contentType: type, contentTypeName: name, version, versionCode,
      fragmentLength: fragment.length, fragment, encrypted, protection, fields, facts: recordFacts(EMPTY_FACTS),
    };
    const facts = {
      ...EMPTY_FACTS, contentType: name, contentTypeCode: type, fragmentLength: fragment.length, encrypted,
      innerTypeHidden: protection === 'tls13',
    };
    const body = offset + 5;
    if (encrypted) {
      fields.push(...protectedFields(fragment, body, protection, versionCode));
      const first = protection !== 'tls13' && name === 'handshake' && this.encryptedHandshakes++ === 0;
      info.facts = recordFacts({ ...facts, firstEncryptedHandshake: first });
      return info;
    }
    if (name === 'change_cipher_spec' && is13) {
      if (fragment.length > 0) fields.push({ label: 'Change cipher spec', value: String(fragment[0]), offset: body, length: fragment.length, explanation: 'TLS 1.3 ignores this record: it is sent only so that middleboxes expecting TLS 1.2 let the connection through (RFC 8446 Appendix D.4)' });
      this.encrypted = true;
      this.hs = new Uint8Array(0);
      this.hsRuns = [];
      info.facts = recordFacts({ ...facts, compatChangeCipherSpec: true });
    } else if (name === 'change_cipher_spec') {
      if (fragment.length > 0) fields.push({ label: 'Change cipher spec', value: String(fragment[0]), offset: body, length: fragment.length, explanation: 'From the next record on, this side encrypts (RFC 4346 §7.1)' });
      this.encrypted = true;
      this.hs = new Uint8Array(0);
      this.hsRuns = [];
      info.facts = recordFacts(facts);
    } else if (name === 'alert' && fragment.length >= 2) {
      const level = alertLevelName(fragment[0]!);
      const description = alertDescriptionName(fragment[1]!);
      fields.push({ label: 'Alert level', value: level, offset: body, length: 1 }, { label: 'Alert description', value: `${description} (${fragment[1]})`, offset: body + 1, length: 1 });
      info.alert = { level, description, code: fragment[1]! };
      info.facts = recordFacts({ ...facts, alert: info.alert });
    } else if (name === 'handshake') {
      info.handshake = this.takeHandshakes(fragment, body, fields);
      for (const h of info.handshake) this.noteHello(h);
      info.facts = recordFacts({ ...facts, messages: info.handshake.map(handshakeMessageFacts), messageContinues: this.hs.length > 0 });
    } else {
      if (fragment.length > 0) fields.push({ label: name === 'alert' ? 'Malformed alert' : 'Data', value: `${fragment.length} bytes`, offset: body, length: fragment.length });
      info.facts = recordFacts({ ...facts, malformedAlert: name === 'alert' });
    }
    return info;
  }

  /** Records what a hello says about the version and suite; after a TLS 1.3 ServerHello the server encrypts. */
  private noteHello(h: HandshakeInfo): void {
    if ('supportedVersions' in h && h.supportedVersions.includes(0x0304)) this.hints.offered13 = true;
    if (!('negotiatedVersionCode' in h) || h.error) return;
    this.hints.negotiatedVersionCode = h.negotiatedVersionCode;
    this.hints.suiteCode = h.cipherSuiteCode;
    if (h.negotiatedVersionCode === 0x0304) this.encrypted = true;
  }

  /** Appends a handshake fragment and parses every message it completes (RFC 4346 §7.4 framing). */
  private takeHandshakes(fragment: Uint8Array, offset: number, fields: ByteField[]): HandshakeInfo[] {
    this.hsRuns.push({ pos: this.hs.length, offset, len: fragment.length });
    this.hs = concatBytes(this.hs, fragment);
    const out: HandshakeInfo[] = [];
    while (this.hs.length >= 4) {
      const total = 4 + ((this.hs[1]! << 16) | (this.hs[2]! << 8) | this.hs[3]!);
      if (this.hs.length < total) break;
      const runs = this.hsRuns;
      // A field that crosses a record boundary is clipped to its first part: the bytes are not contiguous.
      const locate = (pos: number, len: number): { offset: number; length: number } => {
        const run = runs.find((r) => pos >= r.pos && pos < r.pos + r.len) ?? runs[runs.length - 1]!;
        return { offset: run.offset + (pos - run.pos), length: Math.max(0, Math.min(len, run.pos + run.len - pos)) };
      };
      const msg = parseHandshakeMessage(this.hs.slice(0, total), locate);
      fields.push(...msg.fields);
      out.push(msg);
      this.hs = this.hs.subarray(total);
      this.hsRuns = runs
        .map((r) => ({ pos: r.pos - total, offset: r.offset, len: r.len }))
        .filter((r) => r.pos + r.len > 0)
        .map((r) => (r.pos < 0 ? { pos: 0, offset: r.offset - r.pos, len: r.len + r.pos } : r));
    }
    return out;
  }
}

/** One-shot parse of a buffer that starts at a record boundary; `incompleteBytes` are left after the last record. */
export function parseTlsRecords(bytes: Uint8Array): { records: TlsRecordInfo[]; error?: string; incompleteBytes: number } {
  const parser = new TlsStreamParser();
  const result = parser.push(bytes);
  return { ...result, incompleteBytes: result.error ? 0 : parser.bufferedBytes };
}
