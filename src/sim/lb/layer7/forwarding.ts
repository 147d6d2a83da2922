/**
 * Request rewriting and backend choice that need plaintext: cookie persistence, pool routing by Host and path,
 * and the forwarding headers that carry the client's address and identity to the backend.
 */
import { getHeader, parseQuery, withHeader, withoutHeader } from '../../http/headers';
import type { HttpRequest } from '../../http/types';
import type { BackendInfo } from '../../net/topology';
import { backendById, countLoad, pickBackend, type LbServices } from '../services';
import { choosePool } from '../pools';
import { readPersistenceCookie } from '../stickiness';
import type { RoutedDetail } from '../../core/events';

export interface BackendChoice {
  readonly backend: BackendInfo;
  /** The routing facts for lb.routed: 'cookie' when a persistence cookie pinned it; otherwise the pool's algorithm. */
  readonly detail: RoutedDetail;
}

/**
 * Cookie persistence first (HAProxy `cookie SERVERID insert indirect nocache`): only a layer-7 LB can read the
 * cookie, because it decrypted the request. Without a valid cookie, the pool's balancing algorithm chooses.
 */
export function chooseBackend(lb: LbServices, request: HttpRequest, clientIp: string): BackendChoice {
  const pool = choosePool(lb.ctx.options, lb.ctx.names, { host: getHeader(request.headers, 'host') ?? '', path: parseQuery(request.target).path });
  const refs = pool.backends.map((b) => ({ id: b.id, name: b.name, address: b.address }));
  const sticky = lb.ctx.options.stickyCookie ? readPersistenceCookie(request, undefined, refs) : null;
  const base = { input: 'http-request' as const, pool: pool.why, request: { method: request.method, target: request.target }, ...(sticky ? { cookie: sticky.why } : {}) };
  if (sticky?.backend) {
    const backend = backendById(lb, sticky.backend.id);
    countLoad(lb, backend);
    return { backend, detail: { backend: backend.id, basis: 'cookie', ...base } };
  }
  const pick = pickBackend(lb, pool, clientIp);
  return { backend: pick.backend, detail: { backend: pick.backend.id, basis: lb.ctx.options.algorithm, pick: pick.why, ...base } };
}

/**
 * `option forwardfor` / `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`: the backend's TCP peer is
 * now the LB, so the client's address travels in a header. A client-sent X-Forwarded-For is either kept and
 * appended to (the backend must then trust only the right-most entry) or overwritten.
 */
export function addForwardingHeaders(lb: LbServices, request: HttpRequest, clientIp: string, clientIdentity: string | null): HttpRequest {
  const existing = getHeader(request.headers, 'x-forwarded-for');
  const xff = lb.ctx.options.forwardedForAppend && existing !== undefined ? `${existing}, ${clientIp}` : clientIp;
  let headers = withHeader(request.headers, 'X-Forwarded-For', xff);
  headers = lb.ctx.options.forwardedProto ? withHeader(headers, 'X-Forwarded-Proto', 'https') : withoutHeader(headers, 'X-Forwarded-Proto');
  // The client certificate was checked here, so only the LB can vouch for the identity: a client-sent copy is a forgery.
  headers = withoutHeader(headers, 'X-SSL-Client-Cert-Subject');
  if (clientIdentity) headers = withHeader(headers, 'X-SSL-Client-Cert-Subject', `CN=${clientIdentity}`);
  lb.ctx.log.note('lb.headerAdded', 'lb', {
    name: 'X-Forwarded-For', value: xff,
    ...(existing !== undefined ? { clientSent: { value: existing, kept: lb.ctx.options.forwardedForAppend } } : {}),
    forwardedProto: lb.ctx.options.forwardedProto, clientCertSubject: clientIdentity ? `CN=${clientIdentity}` : null,
  });
  return { ...request, headers };
}
