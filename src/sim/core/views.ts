/** What one observer could make of one packet, computed by decoding with the keys that observer holds. */
import type { ObserverId } from '../net/topology';

export type Readability = 'plaintext' | 'handshake-only' | 'encrypted' | 'no-payload';

export interface ObserverView {
  readonly observer: ObserverId;
  readonly readability: Readability;
  /** Decoded application bytes (HTTP) this observer recovered from this packet, as text. */
  readonly plaintext?: string;
  /** Cleartext handshake facts it could read (SNI, certificate subject). */
  readonly handshakeFacts: readonly string[];
  /** Why: which key decrypted it, or which key was missing. */
  readonly reason: string;
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
