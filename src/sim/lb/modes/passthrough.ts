/**
 * Passthrough (layer 4, HAProxy `mode tcp`, nginx `stream` + `ssl_preread`): the LB accepts TCP, peeks at the
 * ClientHello with its own parser to read the SNI, picks a backend, and from then on copies bytes both ways
 * without being able to read them. It holds no key, so everything at the HTTP layer is out of its reach: its
 * WAF is handed TLS records and says so, and affinity can only follow the client's address. What it can read is
 * the cleartext handshake: the SNI and ALPN of the ClientHello (only the outer name, with ECH) and, up to TLS 1.2,
 * the server's certificate on the way back (serverFlight.ts).
 */
import type { ParseFailure } from '../../core/reasons';
import { concatBytes } from '../../core/bytes';
import type { TcpSide } from '../../net/network';
import type { SiteNames } from '../../net/siteNames';
import { peekClientHello, type ClientHelloPeek } from '../../tls/sniParser';
import { pickBackend, type LbServices, type ModeModule } from '../services';
import { choosePool } from '../pools';
import { encodeProxyV1, encodeProxyV2 } from '../../net/proxyProtocol';
import { createRateLimiter, inspectRawBytes, type RateLimiter } from '../waf/index';
import { LOGIN_WINDOW_MS } from '../layer7/inspection';
import { watchServerFlight } from '../serverFlight';
import { relayTcp } from './relay';
import type { RunContext } from '../../run/context';

const APPLICATION_DATA = 23;

/** The names this LB has a pool for; the ECH public name is the site's too, and goes to the default pool. */
const routable = (names: SiteNames, serverName: string): boolean =>
  [names.site, names.api, names.echPublic].includes(serverName.toLowerCase());

/**
 * One passthrough LB per run: the connection counter of its rate limit lives here, created with the run's
 * options, so nothing survives from one run to the next.
 */
export function createPassthroughMode(run: RunContext): ModeModule {
  const { loginRateLimit } = run.options;
  const limiter = loginRateLimit > 0 ? createRateLimiter({ limit: loginRateLimit, windowMs: LOGIN_WINDOW_MS }) : null;
  return {
    id: 'passthrough',
    acceptClient(front, lb) {
      const { ctx } = lb;
      if (limiter && !admitConnection(lb, limiter, front)) return { data: () => {} };
      let buffered: Uint8Array = new Uint8Array(0);
      let relay: ReturnType<typeof relayTcp> | null = null;
      let done = false;

      const abort = (failure: ParseFailure): void => {
        done = true;
        ctx.log.note('parse.failed', 'lb', failure);
        front.reset();
      };

      const route = (hello: Extract<ClientHelloPeek, { status: 'ok' }>): void => {
        const { serverName, alpn, encryptedClientHello } = hello;
        ctx.log.note('lb.sniRead', 'lb', { serverName, bytesBuffered: buffered.length, alpn, encryptedClientHello });
        if (serverName !== null && !routable(ctx.names, serverName)) return abort({ what: 'client-hello', code: 'no-backend-for-sni', serverName });
        const pool = choosePool(ctx.options, ctx.names, { serverName });
        const pick = pickBackend(lb, pool, front.remote.ip);
        ctx.log.note('lb.routed', 'lb', {
          backend: pick.backend.id, basis: ctx.options.algorithm, input: 'sni', pool: pool.why, pick: pick.why,
          ...(ctx.options.stickyCookie ? { cookieUnreadable: true } : {}),
        });
        const balancer = lb.balancerFor(pool);
        balancer.connectionOpened(pick.backend.id);
        relay = relayTcp(lb, front, pick.backend, 443, {
          prefix: () => proxyHeader(lb, front),
          closed: () => balancer.connectionClosed(pick.backend.id),
          fromBackend: watchServerFlight((seen) => ctx.log.note('lb.serverHandshakeSeen', 'lb', seen)),
        });
        relay.toBackend(buffered);
      };

      return {
        data(bytes) {
          if (done) return;
          if (relay) {
            if (bytes[0] === APPLICATION_DATA && ctx.options.waf) reportBlindWaf(lb, bytes);
            relay.toBackend(bytes);
            return;
          }
          buffered = concatBytes(buffered, bytes);
          const peek = peekClientHello(buffered, { reassemble: ctx.options.sniReassembly });
          if (peek.status === 'incomplete') return;
          if (peek.status === 'error') return abort({ what: 'client-hello', code: 'unreadable-client-hello', diagnostic: peek.reason });
          route(peek);
        },
        peerClosed(reset) {
          relay?.clientClosed(reset);
        },
      };
    },

    /** Port 80 at layer 4: the LB cannot answer with a redirect, so it forwards the bytes to a backend's port 80. */
    acceptPlainHttp(front, lb) {
      const pool = choosePool(lb.ctx.options, lb.ctx.names, {});
      const pick = pickBackend(lb, pool, front.remote.ip);
      lb.ctx.log.note('lb.routed', 'lb', { backend: pick.backend.id, basis: lb.ctx.options.algorithm, input: 'port-80', pool: pool.why, pick: pick.why });
      const relay = relayTcp(lb, front, pick.backend, 80, {});
      return { data: (bytes) => relay.toBackend(bytes), peerClosed: (reset) => relay.clientClosed(reset) };
    },
  };
}

/** The WAF really tries: it is handed the bytes it has, and they are TLS records it holds no key for. */
function reportBlindWaf(lb: LbServices, bytes: Uint8Array): void {
  const verdict = inspectRawBytes(bytes);
  lb.ctx.log.note('waf.notInspected', 'lb', verdict.inspected
    ? { reason: 'unexpected-http' }
    : { reason: verdict.code ?? 'not-http', ...(verdict.record ? { record: verdict.record } : {}), ...(verdict.preview !== undefined ? { preview: verdict.preview } : {}) });
}

/** At layer 4 the only thing to count is connections per source address (HAProxy `tcp-request connection track-sc0 src`). */
function admitConnection(lb: LbServices, limiter: RateLimiter, front: TcpSide): boolean {
  const { ctx } = lb;
  const key = `${front.remote.ip} new connections`;
  const decision = limiter.hit(key, ctx.scheduler.now);
  if (decision.allowed) return true;
  ctx.log.note('waf.rateLimited', 'lb', { key, count: decision.count, limit: decision.limit, scope: 'connection', clientIp: front.remote.ip, windowSeconds: LOGIN_WINDOW_MS / 1000 });
  front.reset();
  return false;
}

/** HAProxy `send-proxy` / `send-proxy-v2`: the header goes first, before any byte of the client's stream. */
function proxyHeader(lb: LbServices, front: TcpSide): Uint8Array | null {
  const version = lb.ctx.options.proxyProtocol;
  if (version === 'off') return null;
  const endpoints = {
    sourceAddress: front.remote.ip, sourcePort: front.remote.port,
    destinationAddress: front.local.ip, destinationPort: front.local.port,
  };
  lb.ctx.log.note('lb.proxyHeaderSent', 'lb', { version: version === 'v1' ? 1 : 2, source: front.remote.ip, sourcePort: front.remote.port });
  return version === 'v1' ? encodeProxyV1(endpoints) : encodeProxyV2(endpoints);
}
