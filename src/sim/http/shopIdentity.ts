/**
 * Who is the client? The shop's answer depends on where the backend sits: behind a TLS-terminating load
 * balancer the TCP peer is the balancer, so the client's address and certificate arrive as headers that only
 * the balancer may set. These pure functions encode the usual rules (nginx `real_ip_recursive`, Express
 * `trust proxy`): believe forwarding headers only from a trusted peer, and take the right-most address that is
 * not itself a trusted proxy, because everything to its left was written by the client (RFC 7239 §5.2 / §8.1).
 */
import type { HttpRequest } from './types';
import { getAllHeaders } from './headers';
import type { ShopContext } from './shopTypes';

/** Why the app believes a given client IP. */
export type ClientIpSource =
  | 'x-forwarded-for from trusted proxy'
  | 'proxy protocol'
  | 'tcp peer'
  | 'x-forwarded-for from UNTRUSTED peer (ignored)';

/** The client IP the app settles on, and the reason. */
export interface ClientIpResolution {
  clientIp: string;
  source: ClientIpSource;
}

/** Why the app believes a client certificate subject (or has none). */
export type CertSource =
  | 'backend tls handshake'
  | 'x-ssl-client-cert-subject from trusted proxy'
  | 'x-ssl-client-cert-subject from UNTRUSTED peer (ignored)'
  | 'none';

/** The client certificate subject the app settles on (null when none), and the reason. */
export interface ClientCertResolution {
  clientCert: string | null;
  certSource: CertSource;
}

/** Header a terminating load balancer uses to pass on the verified client certificate's subject. */
export const CLIENT_CERT_HEADER = 'X-SSL-Client-Cert-Subject';

function isTrusted(address: string, trustedProxies: readonly string[]): boolean {
  return trustedProxies.includes(address.trim());
}

/** Every X-Forwarded-For entry in order; several header lines form one list (RFC 9110 §5.3). */
export function forwardedForChain(req: HttpRequest): string[] {
  return getAllHeaders(req.headers, 'x-forwarded-for')
    .join(',')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * Resolves the client IP: a PROXY protocol source wins (the balancer wrote it before any client byte);
 * otherwise X-Forwarded-For counts only when the TCP peer is a trusted proxy, and then the right-most entry that
 * is not a trusted proxy is the client (entries further left are client-supplied and may be forged). When every
 * entry is a trusted proxy the left-most one is used; without the header the TCP peer is the client.
 */
export function resolveClientIp(
  req: HttpRequest,
  ctx: ShopContext,
  trustedProxies: readonly string[],
): ClientIpResolution {
  if (ctx.proxyProtocolSource !== undefined) return { clientIp: ctx.proxyProtocolSource, source: 'proxy protocol' };
  const chain = forwardedForChain(req);
  if (chain.length === 0) return { clientIp: ctx.peerAddress, source: 'tcp peer' };
  if (!isTrusted(ctx.peerAddress, trustedProxies)) {
    return { clientIp: ctx.peerAddress, source: 'x-forwarded-for from UNTRUSTED peer (ignored)' };
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const entry = chain[i] ?? '';
    if (!isTrusted(entry, trustedProxies)) return { clientIp: entry, source: 'x-forwarded-for from trusted proxy' };
  }
  return { clientIp: chain[0] ?? ctx.peerAddress, source: 'x-forwarded-for from trusted proxy' };
}

/**
 * Resolves the client certificate: one this backend verified in its own handshake wins; otherwise the
 * X-SSL-Client-Cert-Subject header counts only from a trusted peer, since anyone else could simply type it.
 */
export function resolveClientCert(
  req: HttpRequest,
  ctx: ShopContext,
  trustedProxies: readonly string[],
): ClientCertResolution {
  if (ctx.tlsClientCertSubject !== undefined && ctx.tlsClientCertSubject !== '') {
    return { clientCert: ctx.tlsClientCertSubject, certSource: 'backend tls handshake' };
  }
  const values = getAllHeaders(req.headers, CLIENT_CERT_HEADER);
  const header = values[values.length - 1]?.trim();
  if (header === undefined || header === '') return { clientCert: null, certSource: 'none' };
  if (!isTrusted(ctx.peerAddress, trustedProxies)) {
    return { clientCert: null, certSource: 'x-ssl-client-cert-subject from UNTRUSTED peer (ignored)' };
  }
  return { clientCert: header, certSource: 'x-ssl-client-cert-subject from trusted proxy' };
}

/**
 * True when a trusted peer says the client used HTTPS (X-Forwarded-Proto). The last list entry counts: it was
 * written by the proxy nearest to us.
 */
export function forwardedProtoIsHttps(req: HttpRequest, ctx: ShopContext, trustedProxies: readonly string[]): boolean {
  if (!isTrusted(ctx.peerAddress, trustedProxies)) return false;
  const list = getAllHeaders(req.headers, 'x-forwarded-proto').join(',').split(',');
  return (list[list.length - 1] ?? '').trim().toLowerCase() === 'https';
}
