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
}
