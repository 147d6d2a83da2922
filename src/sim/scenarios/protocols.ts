/** What ran, stated plainly so the UI can label it honestly: one entry per selectable TLS engine. */
import type { TlsProtocol } from './types';

export interface ProtocolFacts {
  readonly id: TlsProtocol;
  /** The version as the summary and the UI name it ("TLS 1.3"). */
  readonly name: string;
  /** The selector's label. */
  readonly label: string;
  readonly implementation: string;
  readonly keyExchange: string;
  readonly cipherSuite: string;
  /** Does a stolen server private key leave recorded sessions unreadable? */
  readonly forwardSecrecy: boolean;
  /** Is the server certificate sent in the clear, where a passthrough LB or a tap can read it? */
  readonly certificateInClear: boolean;
}

export const PROTOCOLS: Readonly<Record<TlsProtocol, ProtocolFacts>> = {
  'tls1.1': {
    id: 'tls1.1', name: 'TLS 1.1', label: 'TLS 1.1 (node-forge)', implementation: 'node-forge 1.4.3',
    keyExchange: 'RSA key transport (no forward secrecy)', cipherSuite: 'TLS_RSA_WITH_AES_128_CBC_SHA',
    forwardSecrecy: false, certificateInClear: true,
  },
  'tls1.2': {
    id: 'tls1.2', name: 'TLS 1.2', label: 'TLS 1.2 (ECDHE)', implementation: "the lab's TLS 1.2 engine (RFC 5246, 5289) on node-forge primitives and @noble/curves",
    keyExchange: 'ECDHE over x25519, signed with the RSA key (forward secrecy)', cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    forwardSecrecy: true, certificateInClear: true,
  },
  'tls1.3': {
    id: 'tls1.3', name: 'TLS 1.3', label: 'TLS 1.3', implementation: "the lab's TLS 1.3 engine (RFC 8446) on node-forge primitives and @noble/curves",
    keyExchange: 'ECDHE over x25519, RSA-PSS signature (forward secrecy)', cipherSuite: 'TLS_AES_128_GCM_SHA256',
    forwardSecrecy: true, certificateInClear: false,
  },
};

/** The legacy engine's facts, for labels that predate the protocol choice. */
export const PROTOCOL = PROTOCOLS['tls1.1'];
