/**
 * Puts a forge TLS endpoint on a TCP side: records go out as segments, segments come in as records, and the
 * outcome lands in the log and the session registry. Client, load balancer and backends all use this one path.
 */
import type { TcpSide } from '../net/network';
import type { NodeId } from '../net/topology';
import type { RunContext, SessionRecord } from '../run/context';
import { createTlsEndpoint, type TlsClientConfig, type TlsEndpoint, type TlsServerConfig, type TlsSessionInfo } from '../tls/endpoint';

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
  config: TlsClientConfig | TlsServerConfig,
  handlers: TlsOverTcpHandlers,
): TlsChannel {
  const peer = side.connection.clientNode === node ? side.connection.serverNode : side.connection.clientNode;
  const session: SessionRecord = {
    node,
    role: config.role,
    connectionId: side.connection.id,
    clientRandomHex: '',
    masterSecretHex: '',
    version: '',
    cipherSuite: '',
    established: false,
  };
  const endpoint = createTlsEndpoint(config, {
    send: (bytes) => side.send(bytes),
    connected: (info) => {
      Object.assign(session, { clientRandomHex: info.clientRandomHex, masterSecretHex: info.masterSecretHex, version: info.version, cipherSuite: info.cipherSuite, established: true });
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
