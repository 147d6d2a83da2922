/**
 * The seam between the record layer (endpoint13.ts) and the two handshake state machines (client13.ts,
 * server13.ts, after RFC 8446 Appendix A). A role sees whole handshake messages and answers through `HandshakeIo`.
 */
import { toHex } from '../core/bytes';
import type { TlsClientConfig, TlsServerConfig, TlsSessionInfo } from '../tls/endpoint';
import forge, { binaryToBytes } from '../tls/forge';
import type { ApplicationSecrets, HandshakeSecrets } from './keySchedule';

/** The forge endpoint's configs, plus ALPN (RFC 7301), which only the TLS 1.3 endpoint speaks. */
export type Tls13ClientConfig = TlsClientConfig & {
  readonly alpnProtocols?: readonly string[];
  /** Encrypted Client Hello, simulated at the level of the wire (client13/hello.ts): the outer hello names only `publicName`. */
  readonly encryptedClientHello?: { readonly publicName: string };
};
export type Tls13ServerConfig = TlsServerConfig & { readonly alpnProtocols?: readonly string[] };

export interface HandshakeIo {
  /** Sends one handshake message (header included) under the current write keys (plaintext before any). */
  send(message: Uint8Array, legacyRecordVersion?: number): void;
  /** The middlebox-compatibility ChangeCipherSpec record, never protected (Appendix D.4). */
  sendChangeCipherSpec(): void;
  /** Installs new traffic keys for reading (§7.3). Handshake messages must not span the change (§5.1). */
  setReadSecret(secret: Uint8Array): void;
  setWriteSecret(secret: Uint8Array): void;
  /** Hands queued records to the owner's `send` in one piece (one flight). */
  flush(): void;
  /** Flushes, then reports the established session. */
  complete(info: TlsSessionInfo): void;
}

export interface HandshakeRole {
  /** The client sends its ClientHello; the server does nothing until one arrives. */
  start(): void;
  /** One whole handshake message: type, body, and the raw bytes (header included) for the transcript. */
  handle(type: number, body: Uint8Array, raw: Uint8Array): void;
  /** The session's client random once a ClientHello was sent or received (empty before): names it in a key log. */
  readonly clientRandom: Uint8Array;
}

/** Randoms, session ids and x25519 private keys: forge.random, the run's seeded source under withDeterministicForge. */
export function randomBytes(count: number): Uint8Array {
  return binaryToBytes(forge.random.getBytesSync(count));
}

export interface SessionFacts {
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly handshake: HandshakeSecrets;
  readonly application: ApplicationSecrets;
  readonly peerCertificateCn: string | null;
}

export function sessionInfo(f: SessionFacts): TlsSessionInfo {
  return {
    version: 'TLS 1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientRandomHex: toHex(f.clientRandom),
    serverRandomHex: toHex(f.serverRandom),
    masterSecretHex: toHex(f.application.masterSecret),
    sessionIdHex: toHex(f.sessionId),
    peerCertificateCn: f.peerCertificateCn,
    tls13Secrets: {
      clientHandshakeTrafficSecretHex: toHex(f.handshake.clientHandshakeTrafficSecret),
      serverHandshakeTrafficSecretHex: toHex(f.handshake.serverHandshakeTrafficSecret),
      clientTrafficSecret0Hex: toHex(f.application.clientApplicationTrafficSecret),
      serverTrafficSecret0Hex: toHex(f.application.serverApplicationTrafficSecret),
    },
  };
}
