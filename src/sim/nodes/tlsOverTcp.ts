/**
 * Puts a TLS endpoint (node-forge's TLS 1.1, or the lab's TLS 1.2 / 1.3, as the run's `protocol` option says) on a TCP side: records go out as segments, segments come in as records, and the
 * outcome lands in the log and the session registry. Client, load balancer and backends all use this one path.
 */
import type { TcpSide } from '../net/network';
import type { NodeId } from '../net/topology';
import type { RunContext, SessionRecord } from '../run/context';
import { createTlsEndpoint, type TlsEndpoint, type TlsEndpointCallbacks, type TlsSessionInfo } from '../tls/endpoint';
import { createTls12Endpoint } from '../tls12/endpoint12';
import { createTls13Endpoint, type Tls13ClientConfig, type Tls13ServerConfig } from '../tls13/endpoint13';
import type { TlsProtocol } from '../scenarios/types';
import { PROTOCOLS } from '../run/protocol';

type EndpointConfig = Tls13ClientConfig | Tls13ServerConfig;

const ENDPOINTS: Record<TlsProtocol, (config: EndpointConfig, callbacks: TlsEndpointCallbacks) => TlsEndpoint> = {
  'tls1.1': createTlsEndpoint,
  'tls1.2': createTls12Endpoint,
  'tls1.3': createTls13Endpoint,
};

/** Every hop speaks HTTP/1.1 and says so in ALPN where the engine has it (node-forge has no ALPN). */
const ALPN = ['http/1.1'] as const;

const STAGE_WORDS = {
  master: 'its master secret and session keys',
  handshake: 'its TLS 1.3 handshake keys',
  application: 'its TLS 1.3 application keys',
  update: 'new traffic keys after a KeyUpdate',
} as const;

export interface TlsOverTcpHandlers {
  connected?(info: TlsSessionInfo): void;
  data(bytes: Uint8Array): void;
  failed?(reason: string): void;
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
      const names = step.secrets.map((s) => s.name);
      ctx.log.note('tls.keysDerived', node, { sessionId: `tls-${side.connection.id}`, version: PROTOCOLS[ctx.options.protocol].name, stage: step.stage, secrets: step.secrets },
        `${node} derived ${STAGE_WORDS[step.stage]}: ${names.join(', ')}.`);
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
      }, `${node} finished its TLS handshake: ${info.version}, ${info.cipherSuite}${info.peerCertificateCn ? `; the other end's certificate is for ${info.peerCertificateCn}` : ''}.`);
      handlers.connected?.(info);
    },
    data: (bytes) => handlers.data(bytes),
    failed: (failure) => {
      if (failure.local) {
        ctx.log.note('tls.alertSent', node, { sessionId: `tls-${side.connection.id}`, alert: failure.alert, code: failure.code, reason: failure.message },
          `${node} aborted the TLS session: ${failure.message} (fatal alert ${failure.alert}, ${failure.code}).`);
      } else {
        ctx.log.note('tls.alertReceived', node, { sessionId: `tls-${side.connection.id}`, alert: failure.alert, code: failure.code },
          `${node} received a fatal ${failure.alert} alert (${failure.code}) and closed the session.`);
      }
      handlers.failed?.(failure.message);
      side.close();
    },
    closed: () => side.close(),
  });
  const kind = (): 'handshake' | 'record' => (endpoint.isConnected ? 'record' : 'handshake');
  return {
    endpoint,
    session,
    receive: (bytes) => ctx.cost.measure(node, kind(), () => endpoint.receive(bytes)),
    write: (bytes) => ctx.cost.measure(node, 'record', () => endpoint.write(bytes)),
  };
}
