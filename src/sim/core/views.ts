/**
 * What one observer could make of one packet, computed by decoding with the keys that observer holds. The engine
 * says why as a typed reason (a code plus the values the explanation needs); src/sim/content/layerText.ts words it.
 */
import type { TlsRecordFacts } from './layers';
import type { ObserverId } from '../net/topology';

export type Readability = 'plaintext' | 'handshake-only' | 'encrypted' | 'no-payload';

/**
 * Why an observer could or could not read a record or a segment. Every distinction the passive decoder makes has
 * its own code; the values are what the explanation names (which secret, which group, how many bytes).
 */
export type ViewReason =
  // Readable without any key.
  /** A non-TLS stream (HTTP from an offloading LB): no key is needed. */
  | { readonly code: 'cleartext-stream' }
  /** The PROXY protocol header the LB sends before TLS. */
  | { readonly code: 'cleartext-proxy-header' }
  /** TLS <= 1.2 handshake messages before ChangeCipherSpec (RFC 4346 §7.4). */
  | { readonly code: 'cleartext-handshake' }
  /** ChangeCipherSpec itself (RFC 4346 §7.1). */
  | { readonly code: 'cleartext-change-cipher-spec' }
  /** Any other record sent before this side switched to encryption. */
  | { readonly code: 'cleartext-before-encryption' }
  /** TLS 1.3 sends only the hellos in the clear (RFC 8446 §2). */
  | { readonly code: 'cleartext-tls13-hello' }
  /** The TLS 1.3 compatibility ChangeCipherSpec, which carries nothing (RFC 8446 Appendix D.4). */
  | { readonly code: 'cleartext-tls13-compat-ccs' }
  // Decrypted (and MAC or tag verified).
  /** With the session's master secret: this node is an endpoint. */
  | { readonly code: 'own-session-keys' }
  /** With the master secret of the earlier session an abbreviated handshake resumed. */
  | { readonly code: 'own-resumed-session' }
  /** TLS 1.3, with one of the session's traffic secrets this endpoint holds. */
  | { readonly code: 'own-tls13-secret'; readonly side: 'client' | 'server'; readonly secret: 'handshake' | 'application'; readonly keyUpdates: number }
  /** RSA key transport: the pre-master secret recovered with the site's private key (no forward secrecy). */
  | { readonly code: 'holds-private-key' }
  // Not decrypted.
  /** Not an endpoint and no private key matching the certificate (`tls13`: none of the traffic secrets either). */
  | { readonly code: 'no-key-for-session'; readonly tls13: boolean }
  /** Holds the site's RSA key, but the session keys came from ephemeral (EC)DHE keys: forward secrecy. */
  | { readonly code: 'forward-secrecy'; readonly protocol: 'tls1.2' | 'tls1.3'; readonly group: string }
  /** An abbreviated handshake resumed a session this observer does not know. */
  | { readonly code: 'resumed-session-unknown' }
  | { readonly code: 'client-hello-not-seen' }
  | { readonly code: 'server-hello-not-seen' }
  | { readonly code: 'client-key-exchange-not-seen' }
  | { readonly code: 'unsupported-ssl3' }
  | { readonly code: 'unsupported-cipher-suite'; readonly cipherSuite: string }
  /** The held RSA key did not yield a valid pre-master secret. */
  | { readonly code: 'pre-master-secret-rejected'; readonly problem: 'padding' | 'length' | 'version'; readonly length?: number }
  /** The integrity check failed: the record was altered, or these are not its keys. */
  | { readonly code: 'mac-check-failed'; readonly check: 'hmac' | 'cbc-padding' | 'aead-tag' }
  /** The protected record cannot be a valid record of its kind. */
  | { readonly code: 'malformed-record'; readonly problem: 'cbc-length' | 'short-gcm' | 'short-tls13' | 'all-padding'; readonly length: number; readonly blockSize?: number; readonly explicitIv?: boolean }
  /** This end never derived the secret that protects the record (an aborted TLS 1.3 handshake). */
  | { readonly code: 'secret-never-derived' }
  /** The record's framing does not match the version the hellos negotiated. */
  | { readonly code: 'framing-mismatch'; readonly negotiated: 'tls1.3' | 'other' }
  // Segments without a complete record.
  /** The first part of a record that completes in a later segment: the verdict there. */
  | { readonly code: 'partial-record'; readonly completesWith: ViewReason }
  /** Part of a record that completes later (no later verdict known). */
  | { readonly code: 'record-continues'; readonly bufferedBytes: number }
  /** The stream ends inside a record. */
  | { readonly code: 'stream-ends-in-record'; readonly bufferedBytes: number }
  /** The TLS stream went out of sync: the record parser's problem. */
  | { readonly code: 'stream-out-of-sync'; readonly problem: string }
  | { readonly code: 'no-complete-record' };

export type ViewReasonCode = ViewReason['code'];

/** Every reason code, for tests and exhaustive tables. */
export const VIEW_REASON_CODES = [
  'cleartext-stream', 'cleartext-proxy-header', 'cleartext-handshake', 'cleartext-change-cipher-spec', 'cleartext-before-encryption',
  'cleartext-tls13-hello', 'cleartext-tls13-compat-ccs', 'own-session-keys', 'own-resumed-session', 'own-tls13-secret', 'holds-private-key',
  'no-key-for-session', 'forward-secrecy', 'resumed-session-unknown', 'client-hello-not-seen', 'server-hello-not-seen',
  'client-key-exchange-not-seen', 'unsupported-ssl3', 'unsupported-cipher-suite', 'pre-master-secret-rejected', 'mac-check-failed',
  'malformed-record', 'secret-never-derived', 'framing-mismatch', 'partial-record', 'record-continues', 'stream-ends-in-record',
  'stream-out-of-sync', 'no-complete-record',
] as const satisfies readonly ViewReasonCode[];

/** What a decrypted record held (only an observer with the keys learns it). */
export type DecryptedContent =
  /** `messages`: the message names, each with a short note where the dissector has one ("Certificate (shop.example.com)"). */
  | { readonly type: 'handshake'; readonly messages: readonly string[]; readonly certificateSubject: string | null }
  | { readonly type: 'alert'; readonly level: string; readonly description: string }
  | { readonly type: 'data'; readonly contentType: string; readonly length: number };

/** The handshake facts one observer read in one packet. */
export interface ViewHandshake {
  /** The cleartext TLS records it read (hellos, and in TLS <= 1.2 the Certificate, ChangeCipherSpec, alerts). */
  readonly records: readonly TlsRecordFacts[];
  /** It read a PROXY protocol header. */
  readonly proxyHeader: boolean;
  /** Handshake records it decrypted (an end of a TLS 1.3 session reads its EncryptedExtensions, Certificate...). */
  readonly decrypted: readonly DecryptedContent[];
  /** SNI read in a cleartext ClientHello (with ECH: none, see `echOuterName`). */
  readonly sni?: string;
  /** The outer, public name of an ECH ClientHello. */
  readonly echOuterName?: string;
  /** The server certificate's subject: the full subject in the clear, or the common name of one it decrypted. */
  readonly certificateSubject?: string;
}

export const NO_HANDSHAKE: ViewHandshake = { records: [], proxyHeader: false, decrypted: [] };

export interface ObserverView {
  readonly observer: ObserverId;
  readonly readability: Readability;
  /** Decoded application bytes (HTTP) this observer recovered from this packet, as text. */
  readonly plaintext?: string;
  /** Cleartext handshake facts it could read (SNI, certificate subject). */
  readonly handshake: ViewHandshake;
  /** Why: which key decrypted it, or which key was missing. */
  readonly reason: ViewReason;
  /**
   * TLS 1.3 handshake messages this observer decrypted in this packet, field by field (EncryptedExtensions,
   * Certificate, CertificateVerify, Finished...). Absent for an observer that could not decrypt them.
   */
  readonly decryptedHandshake?: readonly DecryptedHandshakeMessage[];
}

/** One decrypted handshake message: its name and its fields, each with a one-line explanation where it helps. */
export interface DecryptedHandshakeMessage {
  readonly typeName: string;
  readonly fields: readonly { readonly label: string; readonly value: string; readonly explanation?: string }[];
}
