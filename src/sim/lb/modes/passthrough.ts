/**
 * Passthrough (layer 4, HAProxy `mode tcp`, nginx `stream` + `ssl_preread`): the LB accepts TCP, peeks at the
 * ClientHello with its own parser to read the SNI, picks a backend, and from then on copies bytes both ways
 * without being able to read them. It holds no key, so it can do nothing at the HTTP layer.
 */
import { concatBytes } from '../../core/bytes';
import type { TcpSide } from '../../net/network';
import { API_HOSTNAME, SITE_HOSTNAME } from '../../net/topology';
import { peekClientHello } from '../../tls/sniParser';
import { backendById, type LbServices, type ModeModule } from '../loadBalancer';
import { encodeProxyV1, encodeProxyV2 } from '../proxyProtocol';

const ROUTABLE_NAMES = new Set([SITE_HOSTNAME, API_HOSTNAME]);

export const passthroughMode: ModeModule = {
  id: 'passthrough',
  acceptClient(front, lb) {
    const { ctx } = lb;
    let buffered: Uint8Array = new Uint8Array(0);
    let upstream: TcpSide | null = null;
    let upstreamOpen = false;
    const toUpstream: Uint8Array[] = [];
    let done = false;

    const abort = (reason: string): void => {
      done = true;
      ctx.log.note('parse.failed', 'lb', { what: 'ClientHello (SNI)', reason }, `The load balancer could not route the connection: ${reason}. It resets it.`);
      front.reset();
    };

    const route = (serverName: string | null): void => {
      ctx.log.note('lb.sniRead', 'lb', { serverName, bytesBuffered: buffered.length },
        `The load balancer read the SNI "${serverName ?? '(none)'}" from the cleartext ClientHello, without decrypting anything.`);
      if (serverName !== null && !ROUTABLE_NAMES.has(serverName)) return abort(`no backend pool for SNI "${serverName}"`);
      const pick = lb.balancer.pick({ sourceIp: front.remote.ip });
      const backend = backendById(lb, pick.backend.id);
      lb.balancer.connectionOpened(backend.id);
      ctx.log.note('lb.routed', 'lb', { backend: backend.id, basis: `SNI ${serverName ?? '(none)'} + ${ctx.options.algorithm}`, reason: pick.reason },
        `Routed the whole TCP connection to ${backend.name} (${pick.reason}). Every later byte of this connection goes there too.`);
      toUpstream.push(buffered);
      upstream = lb.connectBackend(backend, 443, {
        open: () => {
          upstreamOpen = true;
          sendProxyHeader(lb, front, upstream!);
          for (const chunk of toUpstream.splice(0)) upstream!.send(chunk);
        },
        data: (bytes) => front.send(bytes),
        peerClosed: (reset) => {
          lb.balancer.connectionClosed(backend.id);
          if (reset) front.reset();
          else front.close();
        },
      });
    };

    return {
      data(bytes) {
        if (done) return;
        if (upstream) {
          if (upstreamOpen) upstream.send(bytes);
          else toUpstream.push(bytes);
          return;
        }
        buffered = concatBytes(buffered, bytes);
        const peek = peekClientHello(buffered, { reassemble: ctx.options.sniReassembly });
        if (peek.status === 'incomplete') return;
        if (peek.status === 'error') return abort(peek.reason);
        route(peek.serverName);
      },
      peerClosed(reset) {
        if (!upstream) return;
        const side: TcpSide = upstream;
        if (reset) side.reset();
        else side.close();
      },
    };
  },
};

/** HAProxy `send-proxy` / `send-proxy-v2`: the header goes first, before any byte of the client's stream. */
function sendProxyHeader(lb: LbServices, front: TcpSide, upstream: TcpSide): void {
  const version = lb.ctx.options.proxyProtocol;
  if (version === 'off') return;
  const endpoints = {
    sourceAddress: front.remote.ip, sourcePort: front.remote.port,
    destinationAddress: front.local.ip, destinationPort: front.local.port,
  };
  upstream.send(version === 'v1' ? encodeProxyV1(endpoints) : encodeProxyV2(endpoints));
  lb.ctx.log.note('lb.proxyHeaderSent', 'lb', { version: version === 'v1' ? 1 : 2, source: front.remote.ip },
    `The load balancer sent a PROXY protocol ${version} header carrying the client's address ${front.remote.ip}:${front.remote.port}.`);
}
