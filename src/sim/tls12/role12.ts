/**
 * The seam between the TLS 1.2 record layer (endpoint12.ts) and its two handshakes (client12.ts, server12.ts).
 * Unlike TLS 1.3, keys change at ChangeCipherSpec (RFC 5246 §7.1), so a role is told when one arrives.
 */
import { concatBytes, toHex } from '../core/bytes';
import type { TlsSessionInfo } from '../tls/endpoint';
import { sha256 } from '../tlsShared/keySchedule';

export interface HandshakeIo12 {
  send(message: Uint8Array, legacyRecordVersion?: number): void;
  /** Queues ChangeCipherSpec; the records after it use the keys given to `setWriteKeys`. */
  sendChangeCipherSpec(): void;
  setWriteKeys(key: Uint8Array, salt: Uint8Array): void;
  setReadKeys(key: Uint8Array, salt: Uint8Array): void;
  /** The master secret (and so the key block) now exists on this end: a step of the key schedule to report. */
  keysDerived(): void;
  flush(): void;
  complete(info: TlsSessionInfo): void;
}

export interface HandshakeRole12 {
  start(): void;
  handle(type: number, body: Uint8Array, raw: Uint8Array): void;
  /** The peer's ChangeCipherSpec arrived: the role installs its read keys, or raises unexpected_message. */
  changeCipherSpec(): void;
}

/** handshake_messages (RFC 5246 §7.4.8, §7.4.9): every handshake message so far, headers included. */
export class Transcript12 {
  private readonly messages: Uint8Array[] = [];

  add(message: Uint8Array): void {
    this.messages.push(message);
  }

  all(): Uint8Array {
    return concatBytes(...this.messages);
  }

  hash(): Uint8Array {
    return sha256(this.all());
  }
}

export interface SessionFacts12 {
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly masterSecret: Uint8Array;
  readonly peerCertificateCn: string | null;
}

export function sessionInfo12(f: SessionFacts12): TlsSessionInfo {
  return {
    version: 'TLS 1.2',
    cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    clientRandomHex: toHex(f.clientRandom),
    serverRandomHex: toHex(f.serverRandom),
    masterSecretHex: toHex(f.masterSecret),
    sessionIdHex: toHex(f.sessionId),
    peerCertificateCn: f.peerCertificateCn,
  };
}
