/**
 * Puts a TLS endpoint (node-forge's TLS 1.1, or the lab's TLS 1.2 / 1.3, as the run's `protocol` option says) on a TCP side: records go out as segments, segments come in as records, and the
 * outcome lands in the log and the session registry. Client, load balancer and backends all use this one path.
 */
import type { TlsAlertReason } from '../core/reasons';
import type { TcpSide } from '../net/network';
import type { NodeId } from '../net/topology';
import type { RunContext, SessionRecord } from '../run/context';
import { createTlsEndpoint, type TlsEndpoint, type TlsEndpointCallbacks, type TlsFailure, type TlsSessionInfo } from '../tls/endpoint';
import { createTls12Endpoint } from '../tls12/endpoint12';
import { createTls13Endpoint, type Tls13ClientConfig, type Tls13ServerConfig } from '../tls13/endpoint13';
import type { TlsProtocol } from '../scenarios/types';
import { PROTOCOLS } from '../scenarios/protocols';

type EndpointConfig = Tls13ClientConfig | Tls13ServerConfig;

const ENDPOINTS: Record<TlsProtocol, (config: EndpointConfig, callbacks: TlsEndpointCallbacks) => TlsEndpoint> = {
  'tls1.1': createTlsEndpoint,
  'tls1.2': createTls12Endpoint,
  'tls1.3': createTls13Endpoint,
};

/** Every hop speaks HTTP/1.1 and says so in ALPN where the engine has it (node-forge has no ALPN). */
const ALPN = ['http/1.1'] as const;

/** What an alert says went wrong, as a code (RFC 8446 §6.2 names). */
export function alertReason(alert: string): TlsAlertReason {
  switch (alert) {
    case 'certificate_expired': return 'certificate-expired';
    case 'unknown_ca': return 'certificate-untrusted';
    case 'bad_certificate': case 'certificate_unknown': case 'unsupported_certificate': case 'certificate_revoked': return 'certificate-rejected';
    case 'certificate_required': return 'certificate-required';
    case 'bad_record_mac': return 'record-authentication-failed';
    case 'handshake_failure': case 'protocol_version': case 'insufficient_security': case 'no_application_protocol': return 'no-common-parameters';
    case 'decode_error': case 'illegal_parameter': case 'unexpected_message': case 'record_overflow': case 'missing_extension': case 'unsupported_extension': return 'malformed-message';
    case 'decrypt_error': return 'decrypt-error';
    default: return 'other';
  }
}

export interface TlsOverTcpHandlers {
  connected?(info: TlsSessionInfo): void;
  data(bytes: Uint8Array): void;
  failed?(failure: TlsFailure): void;
}

export interface TlsChannel {
  readonly endpoint: TlsEndpoint;
  readonly session: SessionRecord;
  /** TCP bytes from the peer. */
  receive(bytes: Uint8Array): void;
  write(bytes: Uint8Array): void;
}

export function tlsOverTcp(
  ctx: RunContext,
  node: NodeId,
  side: TcpSide,
  config: EndpointConfig,
  handlers: TlsOverTcpHandlers,
): TlsChannel {
  const peer = side.connection.clientNode === node ? side.connection.serverNode : side.connection.clientNode;
  const session: SessionRecord = {
    node,
    role: config.role,
    connectionId: side.connection.id,
    clientRandomHex: '',
    serverRandomHex: '',
    masterSecretHex: '',
    version: '',
    cipherSuite: '',
    established: false,
  };
  let pendingHandshake: SessionRecord | null = null;
  const endpoint = ENDPOINTS[ctx.options.protocol](ctx.options.protocol === 'tls1.1' ? config : { alpnProtocols: ALPN, ...config }, {
    send: (bytes) => side.send(bytes),
    // Logged when it happens: before the records it protects leave, after the message it needed arrived.
    keysDerived: (step) => {
      ctx.log.note('tls.keysDerived', node, { sessionId: `tls-${side.connection.id}`, version: PROTOCOLS[ctx.options.protocol].name, stage: step.stage, secrets: step.secrets });
    },
    // A TLS 1.3 end that aborts after this point (a rejected certificate) still decrypted the records so far:
    // registered as not established, it gives the visibility pass and the key log the handshake secrets only.
    handshakeSecrets: (partial) => {
      const record: SessionRecord = {
        ...session, clientRandomHex: partial.clientRandomHex, version: PROTOCOLS[ctx.options.protocol].name,
        tls13Secrets: { ...partial, clientTrafficSecret0Hex: '', serverTrafficSecret0Hex: '' },
      };
      pendingHandshake = record;
      ctx.sessions.push(record);
    },
    connected: (info) => {
      if (pendingHandshake) ctx.sessions.splice(ctx.sessions.indexOf(pendingHandshake), 1);
      Object.assign(session, {
        clientRandomHex: info.clientRandomHex, serverRandomHex: info.serverRandomHex, masterSecretHex: info.masterSecretHex,
        version: info.version, cipherSuite: info.cipherSuite, established: true,
        ...(info.tls13Secrets ? { tls13Secrets: info.tls13Secrets } : {}),
      });
      // Each end registers what it knows; the visibility pass hands these secrets to this node only.
      ctx.sessions.push({ ...session });
      ctx.log.note('tls.handshakeCompleted', node, {
        sessionId: `tls-${side.connection.id}`, peer, version: info.version, cipherSuite: info.cipherSuite,
        clientRandomHex: info.clientRandomHex, peerCertificate: info.peerCertificateCn,
      });
      handlers.connected?.(info);
    },
    data: (bytes) => handlers.data(bytes),
    failed: (failure) => {
      if (failure.local) {
        ctx.log.note('tls.alertSent', node, { sessionId: `tls-${side.connection.id}`, alert: failure.alert, code: failure.code, reason: alertReason(failure.alert), diagnostic: failure.message });
      } else {
        ctx.log.note('tls.alertReceived', node, { sessionId: `tls-${side.connection.id}`, alert: failure.alert, code: failure.code });
      }
      handlers.failed?.(failure);
      side.close();
    },
    closed: () => side.close(),
  });
  const kind = (): 'handshake' | 'record' => (endpoint.isConnected ? 'record' : 'handshake');
  return {
    endpoint,
    session,
    receive: (bytes) => ctx.cost.measure(node, kind(), () => endpoint.receive(bytes), side.connection.id),
    write: (bytes) => ctx.cost.measure(node, 'record', () => endpoint.write(bytes), side.connection.id),
  };
}
