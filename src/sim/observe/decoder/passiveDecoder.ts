/**
 * What an observer of one TCP connection can actually read, decided by trying: like Wireshark given an RSA key
 * or an NSS key log, it follows the cleartext handshake, derives the session keys if its keyring allows, and
 * decrypts and MAC-checks each record. Nothing here looks up "who may read what" in a table. TLS 1.0/1.1 use
 * RSA key transport + AES-CBC (recordCrypto.ts); TLS 1.2 ECDHE + AES-GCM and TLS 1.3 (modernRecordCrypto.ts,
 * decode13.ts) can only be read with the secrets of an endpoint: their keys come from ephemeral x25519 keys that
 * never crossed the wire, so the site's RSA key opens nothing (forward secrecy).
 */
import { concatBytes, fromHex, toHex } from '../../core/bytes';
import { HELLO_RETRY_RANDOM, TlsStreamParser, alertDescriptionName, alertLevelName, cipherSuiteName, handshakeTypeName, looksLikeTls } from '../../tls/records';
import { parseProxyHeader } from '../../net/proxyProtocol';
import type { TlsRecordInfo } from '../../tls/records';
import { cipherSuiteParams, decryptPreMaster, decryptRecord, deriveKeys, deriveMasterSecret, parseRsaPrivateKey } from './recordCrypto';
import type { Attempt, CipherSuiteParams, RsaKey, SessionKeys } from './recordCrypto';
import { open12 } from './modernRecordCrypto';
import { Tls13Direction } from './decode13';
import { parseInnerHandshake13, type InnerHandshakeMessage13 } from './innerHandshakeFields13';
import type { TlsRecordFacts } from '../../core/layers';
import type { DecryptedContent, ViewReason } from '../../core/views';
import { tls12Keys, tls13Secrets } from './modernSessionKeys';
import type { ModernSecrets } from './modernSessionKeys';
import type { SessionHints } from '../../tls/records';

/** The four traffic secrets of a TLS 1.3 session's key log (RFC 8446 §7.1; NSS key log labels in brackets). */
export interface Tls13KeyLog {
  /** CLIENT_HANDSHAKE_TRAFFIC_SECRET */
  clientHandshakeTrafficSecretHex: string;
  /** SERVER_HANDSHAKE_TRAFFIC_SECRET */
  serverHandshakeTrafficSecretHex: string;
  /** CLIENT_TRAFFIC_SECRET_0 */
  clientTrafficSecret0Hex: string;
  /** SERVER_TRAFFIC_SECRET_0 */
  serverTrafficSecret0Hex: string;
}

/** The secrets one observer really holds. */
export interface Keyring {
  /** PEM private keys this observer holds (e.g. the LB holds the site key in offloading; nothing in passthrough). */
  privateKeysPem: string[];
  /**
   * Session secrets this observer knows because it was an endpoint of that TLS session (NSS key log style).
   * `sessionIdHex` also lets it read a later connection that resumes the session (abbreviated handshake).
   */
  sessions: { clientRandomHex: string; masterSecretHex: string; sessionIdHex?: string; serverRandomHex?: string; tls13Secrets?: Tls13KeyLog }[];
}

/** Payload of one TCP segment of ONE TCP connection; chunks are given in send order. */
export interface StreamChunk { direction: 'c2s' | 's2c'; bytes: Uint8Array }

/** The observer's reading of one TLS record (or of a PROXY protocol header, contentTypeName 'proxy_protocol'). */
export interface RecordReading {
  direction: 'c2s' | 's2c';
  /** Where the record starts in the chunk it is reported in; negative if it began in an earlier chunk. */
  recordOffsetInChunk: number;
  /** Whole record length, 5-byte header included. */
  recordLength: number;
  /** Chunk holding the record's first byte. A record is reported in the chunk holding its last byte (as Wireshark does). */
  startChunkIndex: number;
  contentTypeName: string;
  /** cleartext = readable without keys; decrypted = decrypted AND MAC verified; opaque = could not. */
  status: 'cleartext' | 'decrypted' | 'opaque';
  /** Cleartext or decrypted content (for application data: the HTTP bytes). */
  plaintext?: Uint8Array;
  /** Why this observer could or could not read it (content words it). */
  reason: ViewReason;
  /** A cleartext record: what the dissector found in it. */
  record?: TlsRecordFacts;
  /** A decrypted record: what it held (handshake messages, an alert, application data). */
  decrypted?: DecryptedContent;
  /** A decrypted TLS 1.3 handshake record: its messages field by field (only an end of the session gets these). */
  handshake13?: readonly InnerHandshakeMessage13[];
}

/** The observer's reading of one input chunk. */
export interface ChunkReading {
  chunkIndex: number;
  /** tls = TLS records; cleartext = a non-TLS stream anyone can read; unknown = a TLS stream that went out of sync. */
  kind: 'tls' | 'cleartext' | 'unknown';
  records: RecordReading[];
  /** The chunk bytes, for a cleartext (non-TLS) stream. */
  plaintext?: Uint8Array;
  /** E.g. bytes of a record that completes in a later chunk, or why the stream could not be parsed. */
  note?: ViewReason;
}

type Dir = 'c2s' | 's2c';

/** What the cleartext handshake revealed (RFC 4346 §7.4). */
interface Handshake {
  clientRandom?: Uint8Array; clientVersion?: [number, number]; clientSessionId?: string;
  serverRandom?: Uint8Array; serverSessionId?: string; suite?: number;
  serverModulusHex?: string | null; encryptedPms?: Uint8Array;
  /** Negotiated version (supported_versions in a TLS 1.3 ServerHello) and the key-exchange group if one was named. */
  negotiated?: number; group?: string;
  /** The ClientHello offered TLS 1.3 in supported_versions (until a ServerHello says otherwise). */
  tls13Offered?: boolean;
}

interface DirState {
  mode: 'tls' | 'cleartext';
  stream: Uint8Array; proxyLen: number; seen: number;
  starts: { index: number; start: number }[];
  parser: TlsStreamParser; failed?: ViewReason;
  /** MAC sequence number: per direction, 0 for the first record after ChangeCipherSpec (RFC 4346 §6.1). */
  seq: number;
  /** TLS 1.0 CBC chaining: the IV of the next record (RFC 2246 §6.2.3.2). */
  iv?: Uint8Array;
  /** TLS 1.3: which traffic secret and sequence number this direction is at. */
  tls13: Tls13Direction;
}

type SessionSecrets = { kind: 'cbc'; keys: SessionKeys; suite: CipherSuiteParams; reason: ViewReason } | ModernSecrets;

/** TLS 1.2 suites this decoder reads with AES-GCM (the one the TLS 1.2 engine speaks). */
const GCM_SUITES = new Set([0xc02f]);

/** Decodes one TCP connection as an observer holding `keyring`; returns one reading per chunk, same order. Never throws. */
export function decodeConnection(chunks: readonly StreamChunk[], keyring: Keyring): ChunkReading[] {
  return new ConnectionDecoder(chunks, keyring).run();
}

class ConnectionDecoder {
  private hs: Handshake = {};
  private dirs: Record<Dir, DirState>;
  private secrets: Attempt<SessionSecrets> | null = null;
  private rsaKeys: RsaKey[] | null = null;

  constructor(private readonly chunks: readonly StreamChunk[], private readonly keyring: Keyring) {
    const hints: SessionHints = {}; // both directions' parsers share what the hellos negotiated
    const make = (d: Dir): DirState => {
      const stream = concatBytes(...chunks.filter((c) => c.direction === d).map((c) => c.bytes));
      const proxy = parseProxyHeader(stream);
      const proxyLen = proxy.status === 'ok' ? proxy.length : 0;
      // A stream is TLS if its first bytes (after an optional PROXY header) form a record header; otherwise it
      // is plain bytes on the wire (e.g. HTTP from an offloading LB to its backend) that anyone can read.
      const mode = stream.length === proxyLen || looksLikeTls(stream.subarray(proxyLen)) ? 'tls' : 'cleartext';
      return { mode, stream, proxyLen, seen: 0, starts: [], parser: new TlsStreamParser(hints), seq: 0, tls13: new Tls13Direction() };
    };
    this.dirs = { c2s: make('c2s'), s2c: make('s2c') };
  }

  run(): ChunkReading[] {
    return this.chunks.map((chunk, index) => {
      const st = this.dirs[chunk.direction];
      const start = st.seen;
      st.starts.push({ index, start });
      st.seen += chunk.bytes.length;
      if (st.mode === 'cleartext') return { chunkIndex: index, kind: 'cleartext', records: [], plaintext: chunk.bytes };
      if (st.failed) return { chunkIndex: index, kind: 'unknown', records: [], note: st.failed };
      const records: RecordReading[] = [];
      const at = (streamOffset: number, length: number): Pick<RecordReading, 'recordOffsetInChunk' | 'recordLength' | 'startChunkIndex'> => ({
        recordOffsetInChunk: streamOffset - start, recordLength: length,
        startChunkIndex: [...st.starts].reverse().find((s) => s.start <= streamOffset)?.index ?? index,
      });
      if (st.proxyLen > 0 && start < st.proxyLen && st.seen >= st.proxyLen) {
        records.push({
          direction: chunk.direction, ...at(0, st.proxyLen), contentTypeName: 'proxy_protocol', status: 'cleartext',
          plaintext: st.stream.slice(0, st.proxyLen), reason: { code: 'cleartext-proxy-header' },
        });
      }
      const result = st.parser.push(chunk.bytes.subarray(Math.max(0, st.proxyLen - start)));
      for (const rec of result.records) records.push({ direction: chunk.direction, ...at(st.proxyLen + rec.offset, rec.length), ...this.read(rec, chunk.direction) });
      let note: ViewReason | undefined;
      if (result.error) note = st.failed = { code: 'stream-out-of-sync', problem: result.error };
      else if (st.parser.bufferedBytes > 0) {
        note = st.seen === st.stream.length
          ? { code: 'stream-ends-in-record', bufferedBytes: st.parser.bufferedBytes }
          : { code: 'record-continues', bufferedBytes: st.parser.bufferedBytes };
      }
      return { chunkIndex: index, kind: result.error && records.length === 0 ? 'unknown' : 'tls', records, ...(note ? { note } : {}) };
    });
  }

  /** Reads one complete record of direction `d`. */
  private read(rec: TlsRecordInfo, d: Dir): Pick<RecordReading, 'contentTypeName' | 'status' | 'plaintext' | 'reason' | 'record' | 'decrypted' | 'handshake13'> {
    const base = { contentTypeName: rec.contentTypeName };
    if (!rec.encrypted) {
      this.learn(rec, d);
      const why: ViewReason = this.hs.tls13Offered || this.hs.negotiated === 0x0304
        ? { code: rec.contentTypeName === 'change_cipher_spec' ? 'cleartext-tls13-compat-ccs' : 'cleartext-tls13-hello' }
        : { code: rec.contentTypeName === 'handshake' ? 'cleartext-handshake'
          : rec.contentTypeName === 'change_cipher_spec' ? 'cleartext-change-cipher-spec'
          : 'cleartext-before-encryption' };
      return { ...base, status: 'cleartext', plaintext: rec.fragment, reason: why, record: rec.facts };
    }
    const st = this.dirs[d];
    if (rec.protection === 'tls13' || this.hs.negotiated === 0x0304) return this.read13(rec, d);
    const seq = st.seq++; // the sender counted this record whether or not we can read it
    const tls10 = rec.versionCode === 0x0301;
    // TLS 1.0 chains CBC across records: the next IV is this record's last ciphertext block, as sent.
    const chained = tls10 ? st.iv : undefined;
    if (tls10 && rec.fragment.length >= 16) st.iv = rec.fragment.slice(rec.fragment.length - 16);
    if (rec.versionCode < 0x0301) return { ...base, status: 'opaque', reason: { code: 'unsupported-ssl3' } };
    const secrets = this.sessionSecrets();
    if (!secrets.ok) return { ...base, status: 'opaque', reason: secrets.reason };
    if (secrets.value.kind === 'gcm12') {
      const opened = open12(d === 'c2s' ? secrets.value.keys.client : secrets.value.keys.server, seq, { type: rec.contentType, versionCode: rec.versionCode, fragment: rec.fragment });
      if (!opened.ok) return { ...base, status: 'opaque', reason: opened.reason };
      return { ...base, status: 'decrypted', plaintext: opened.value, reason: secrets.value.reason, decrypted: describeContent(rec.contentTypeName, opened.value) };
    }
    if (secrets.value.kind !== 'cbc') return { ...base, status: 'opaque', reason: { code: 'framing-mismatch', negotiated: 'other' } };
    const keys = d === 'c2s' ? secrets.value.keys.client : secrets.value.keys.server;
    const out = decryptRecord({
      keys, suite: secrets.value.suite, seq, type: rec.contentType, version: [rec.versionCode >> 8, rec.versionCode & 0xff], fragment: rec.fragment,
      ...(tls10 ? { chainedIv: chained ?? keys.iv ?? new Uint8Array(16) } : {}),
    });
    if (!out.ok) return { ...base, status: 'opaque', reason: out.reason };
    const content = out.value.content;
    return { ...base, status: 'decrypted', plaintext: content, reason: secrets.value.reason, decrypted: describeContent(rec.contentTypeName, content) };
  }

  /** A TLS 1.3 protected record: the real content type is known only after decryption (RFC 8446 §5.2). */
  private read13(rec: TlsRecordInfo, d: Dir): Pick<RecordReading, 'contentTypeName' | 'status' | 'plaintext' | 'reason' | 'decrypted' | 'handshake13'> {
    const secrets = this.sessionSecrets();
    const mine = secrets.ok && secrets.value.kind === 'tls13' ? secrets.value[d === 'c2s' ? 'client' : 'server'] : null;
    const out = this.dirs[d].tls13.read({ type: rec.contentType, versionCode: rec.versionCode, fragment: rec.fragment }, mine);
    const opaque = (reason: ViewReason): Pick<RecordReading, 'contentTypeName' | 'status' | 'reason'> =>
      ({ contentTypeName: rec.contentTypeName, status: 'opaque', reason });
    if (!secrets.ok) return opaque(secrets.reason);
    if (!mine) return opaque({ code: 'framing-mismatch', negotiated: 'tls1.3' });
    if (!out.ok) return opaque(out.reason);
    const who = d === 'c2s' ? 'client' : 'server';
    return {
      contentTypeName: out.value.typeName, status: 'decrypted', plaintext: out.value.content, decrypted: out.value.decrypted,
      reason: { code: 'own-tls13-secret', side: who, secret: out.value.stage, keyUpdates: out.value.keyUpdates },
      ...(out.value.typeName === 'handshake' ? { handshake13: parseInnerHandshake13(out.value.content, who) } : {}),
    };
  }

  /** Collects randoms, suite, certificate and key exchange like Wireshark's handshake tracking. */
  private learn(rec: TlsRecordInfo, d: Dir): void {
    if (rec.contentTypeName === 'change_cipher_spec') {
      this.dirs[d].seq = 0;
      return;
    }
    for (const m of rec.handshake ?? []) {
      if (m.error) continue;
      if (d === 'c2s' && 'clientRandomHex' in m) {
        const v = /0x([0-9a-f]{2})([0-9a-f]{2})/.exec(m.clientVersion);
        this.hs = {
          clientRandom: fromHex(m.clientRandomHex), clientSessionId: m.sessionIdHex, tls13Offered: m.supportedVersions.includes(0x0304),
          ...(v ? { clientVersion: [parseInt(v[1]!, 16), parseInt(v[2]!, 16)] } : {}),
        };
      } else if (d === 's2c' && 'serverRandomHex' in m && m.serverRandomHex === HELLO_RETRY_RANDOM) {
        continue; // a HelloRetryRequest: the session's real ServerHello comes after the second ClientHello
      } else if (d === 's2c' && 'serverRandomHex' in m) {
        Object.assign(this.hs, { serverRandom: fromHex(m.serverRandomHex), serverSessionId: m.sessionIdHex, suite: m.cipherSuiteCode, negotiated: m.negotiatedVersionCode, tls13Offered: false });
        if (m.keyShareGroup) this.hs.group = m.keyShareGroup;
      } else if (d === 's2c' && 'namedCurve' in m) {
        if (m.namedCurve) this.hs.group = m.namedCurve;
      } else if (d === 's2c' && 'certificates' in m) {
        this.hs.serverModulusHex = m.certificates[0]?.rsaModulusHex ?? null;
      } else if (d === 'c2s' && 'encryptedPreMasterHex' in m) {
        this.hs.encryptedPms = fromHex(m.encryptedPreMasterHex);
      } else continue;
      this.secrets = null; // the handshake changed: derive again when next needed
    }
  }

  private sessionSecrets(): Attempt<SessionSecrets> {
    this.secrets ??= this.derive();
    return this.secrets;
  }

  /** Finds the master secret (endpoint key log, or RSA private key), then the key block (RFC 4346 §6.3, §8.1). */
  private derive(): Attempt<SessionSecrets> {
    const hs = this.hs;
    if (!hs.clientRandom) return { ok: false, reason: { code: 'client-hello-not-seen' } };
    if (!hs.serverRandom || hs.suite === undefined) return { ok: false, reason: { code: 'server-hello-not-seen' } };
    const hello = { ...hs, clientRandom: hs.clientRandom, serverRandom: hs.serverRandom };
    if (hs.negotiated === 0x0304) return tls13Secrets(hello, this.keyring, this.rsa().length > 0);
    if (GCM_SUITES.has(hs.suite)) return tls12Keys(hello, this.keyring, this.matchingRsaKeys().length > 0);
    const suite = cipherSuiteParams(hs.suite);
    if (!suite) return { ok: false, reason: { code: 'unsupported-cipher-suite', cipherSuite: cipherSuiteName(hs.suite) } };
    const ok = (master: Uint8Array, reason: ViewReason): Attempt<SessionSecrets> =>
      ({ ok: true, value: { kind: 'cbc', keys: deriveKeys(master, hs.clientRandom!, hs.serverRandom!, suite, true), suite, reason } });
    const valid = this.keyring.sessions.filter((s) => fromHex(s.masterSecretHex).length === 48);
    const crHex = toHex(hs.clientRandom);
    const byRandom = valid.find((s) => s.clientRandomHex.toLowerCase() === crHex);
    if (byRandom) return ok(fromHex(byRandom.masterSecretHex), { code: 'own-session-keys' });
    // Same non-empty session ID in both hellos = abbreviated handshake: the master secret is the earlier one's (RFC 4346 §7.3).
    const resumed = !!hs.serverSessionId && hs.serverSessionId === hs.clientSessionId;
    const bySession = resumed ? valid.find((s) => s.sessionIdHex?.toLowerCase() === hs.serverSessionId) : undefined;
    if (bySession) return ok(fromHex(bySession.masterSecretHex), { code: 'own-resumed-session' });
    if (resumed && !hs.encryptedPms) return { ok: false, reason: { code: 'resumed-session-unknown' } };
    // Match keys to the certificate like Wireshark; if the Certificate was not seen, try each key (the MAC will tell).
    const candidates = this.matchingRsaKeys();
    if (candidates.length === 0) return { ok: false, reason: { code: 'no-key-for-session', tls13: false } };
    if (!hs.encryptedPms) return { ok: false, reason: { code: 'client-key-exchange-not-seen' } };
    let last: ViewReason = { code: 'pre-master-secret-rejected', problem: 'padding' };
    for (const key of candidates) {
      const pms = decryptPreMaster(key, hs.encryptedPms, hs.clientVersion ?? null);
      if (pms.ok) return ok(deriveMasterSecret(pms.value, hs.clientRandom, hs.serverRandom), { code: 'holds-private-key' });
      last = pms.reason;
    }
    return { ok: false, reason: last };
  }

  /** Every RSA private key this observer holds. */
  private rsa(): RsaKey[] {
    this.rsaKeys ??= this.keyring.privateKeysPem.map(parseRsaPrivateKey).filter((k): k is RsaKey => k !== null);
    return this.rsaKeys;
  }

  /** The RSA keys that match the server certificate, like Wireshark (any key if the Certificate was not seen). */
  private matchingRsaKeys(): RsaKey[] {
    return this.rsa().filter((k) => !this.hs.serverModulusHex || k.modulusHex === this.hs.serverModulusHex);
  }
}

/** What a decrypted record holds: a handshake message ("Finished"), an alert, or so many bytes of application data. */
function describeContent(typeName: string, content: Uint8Array): DecryptedContent {
  if (typeName === 'handshake') {
    return { type: 'handshake', messages: [handshakeTypeName(content[0] ?? -1).replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())], certificateSubject: null };
  }
  if (typeName === 'alert') return { type: 'alert', level: alertLevelName(content[0] ?? 0), description: alertDescriptionName(content[1] ?? -1) };
  return { type: 'data', contentType: typeName, length: content.length };
}
