/**
 * One browser connection to the load balancer: TCP to the VIP, then TLS (port 443) or nothing (port 80), then
 * HTTP responses read off the stream. The script runner in client.ts decides what to send on it.
 */
import { asciiBytes } from '../core/bytes';
import type { GaveUpReason } from '../core/reasons';
import type { TlsFailure } from '../tls/endpoint';
import { HttpStreamParser } from '../http/parser';
import type { HttpResponse } from '../http/types';
import type { TcpSide } from '../net/network';
import { LB_VIP, type BackendInfo } from '../net/topology';
import { dnsFor } from '../net/siteNames';
import type { RunContext } from '../run/context';
import { SIM_DATE, certificatePem, privateKeyPem } from '../tls/pki';
import { tlsOverTcp, type TlsChannel } from './tlsOverTcp';

export interface ClientConnection {
  readonly key: string;
  ready: boolean;
  /** Why the connection died, once it has. */
  broken: GaveUpReason | null;
  /** Set while a request waits for its answer. */
  onResponse: ((response: HttpResponse) => void) | null;
  /** Called when the connection dies while a request waits. */
  onBroken: ((reason: GaveUpReason) => void) | null;
  send(bytes: Uint8Array): void;
  close(): void;
}

export interface OpenOptions {
  readonly key: string;
  readonly host: string;
  readonly sourceIp: string;
  readonly scheme: 'http' | 'https';
  /** Straight to a backend's port 80, around the load balancer (a hole in the firewall). */
  readonly direct?: BackendInfo;
  readonly ready: (connection: ClientConnection) => void;
}

export function openClientConnection(ctx: RunContext, options: OpenOptions): ClientConnection {
  const address = options.direct?.address ?? dnsFor(ctx.names).get(options.host) ?? LB_VIP;
  if (!options.direct) {
    const ech = echFacts(ctx, options);
    ctx.log.note('dns.resolved', 'client', { name: options.host, address, ...(ech ? { ech } : {}) });
  }
  const parser = new HttpStreamParser('response');
  let tls: TlsChannel | null = null;
  const connection: ClientConnection = {
    key: options.key,
    ready: false,
    broken: null,
    onResponse: null,
    onBroken: null,
    send: (bytes) => (tls ? tls.write(bytes) : side.send(bytes)),
    close: () => side.close(),
  };
  const die = (reason: GaveUpReason): void => {
    if (connection.broken) return;
    connection.broken = reason;
    const waiting = connection.onBroken;
    connection.onBroken = null;
    connection.onResponse = null;
    waiting?.(reason);
  };
  const readHttp = (bytes: Uint8Array): void => {
    const result = parser.push(bytes);
    for (const m of result.messages) if (m.kind === 'response') connection.onResponse?.(m.message);
    if (result.error) ctx.log.note('parse.failed', 'client', { what: 'http-response', code: 'malformed-http', diagnostic: result.error });
  };
  const becomeReady = (): void => {
    connection.ready = true;
    options.ready(connection);
  };
  // Declared here, used by the closures above only once the connection exists.
  const side: TcpSide = ctx.network.connect({
    from: 'client', local: { ip: options.sourceIp, port: ctx.network.nextEphemeralPort() },
    to: options.direct?.id ?? 'lb', remote: { ip: address, port: options.direct || options.scheme === 'http' ? 80 : 443 },
    link: options.direct ? 'internal' : 'internet',
  }, {
    open: () => {
      if (ctx.faults.garbageClientHello) return side.send(asciiBytes(`GET / HTTP/1.1\r\nHost: ${options.host}\r\n\r\n`));
      if (options.scheme === 'http' || options.direct) return becomeReady();
      const wire = ctx.faults.splitClientHello ? splitFirstSend(side) : side;
      const channel = tlsOverTcp(ctx, 'client', wire, {
        role: 'client', serverName: options.host, trustedCaPem: [certificatePem(ctx.pki, 'publicRootCa')], verifyPeer: true,
        validityDate: SIM_DATE,
        ...(usesEch(ctx) ? { encryptedClientHello: { publicName: ctx.names.echPublic } } : {}),
        ...(ctx.options.clientCertificate
          ? { clientCertificatePem: certificatePem(ctx.pki, 'clientAlice'), clientPrivateKeyPem: privateKeyPem(ctx.pki, 'client') }
          : {}),
      }, { connected: becomeReady, data: readHttp, failed: (failure) => die(tlsGaveUp(failure)) });
      tls = channel;
      ctx.cost.measure('client', 'handshake', () => channel.endpoint.start(), channel.session.connectionId);
    },
    data: (bytes) => (tls ? tls.receive(bytes) : readHttp(bytes)),
    peerClosed: (reset) => {
      const failure = tls?.endpoint.failure;
      die(failure ? tlsGaveUp(failure) : { code: reset ? 'connection-reset' : 'connection-closed' });
      side.close();
    },
  });
  return connection;
}

/** ECH exists only for TLS 1.3 (draft-ietf-tls-esni §6.1: the inner hello must offer 1.3 and nothing older). */
function usesEch(ctx: RunContext): boolean {
  return ctx.options.encryptedClientHello && ctx.options.protocol === 'tls1.3';
}

function tlsGaveUp(failure: TlsFailure): GaveUpReason {
  return failure.local ? { code: 'tls-alert-sent', alert: failure.alert, diagnostic: failure.message } : { code: 'tls-alert-received', alert: failure.alert };
}

/** Said in the log, not silently ignored: what the ECH option does (or cannot do) for this connection. */
function echFacts(ctx: RunContext, options: OpenOptions): { status: 'used'; publicName: string } | { status: 'needs-tls13'; version: string } | null {
  if (!ctx.options.encryptedClientHello || options.scheme === 'http') return null;
  if (usesEch(ctx)) return { status: 'used', publicName: ctx.names.echPublic };
  return { status: 'needs-tls13', version: ctx.options.protocol === 'tls1.2' ? 'TLS 1.2' : 'TLS 1.1' };
}

/**
 * The first write leaves in two TCP segments, split inside the ClientHello (after its first 40 bytes): what a
 * large hello does on the real internet, and what a router that reads only one segment trips over.
 */
function splitFirstSend(side: TcpSide): TcpSide {
  let first = true;
  return {
    ...side,
    send(bytes) {
      if (first && bytes.length > 40) {
        first = false;
        side.send(bytes.subarray(0, 40));
        side.send(bytes.subarray(40));
        return;
      }
      first = false;
      side.send(bytes);
    },
  };
}
