/**
 * Request rewriting and backend choice that need plaintext: cookie persistence, pool routing by Host and path,
 * and the forwarding headers that carry the client's address and identity to the backend.
 */
import { getHeader, parseQuery, withHeader, withoutHeader } from '../../http/headers';
import type { HttpRequest } from '../../http/types';
import type { BackendInfo } from '../../net/topology';
import { backendById, countLoad, pickBackend, type LbServices } from '../loadBalancer';
import { choosePool } from '../pools';
import { readPersistenceCookie } from '../stickiness';

export interface BackendChoice {
  readonly backend: BackendInfo;
  /** 'cookie' when a persistence cookie pinned it; otherwise the pool and algorithm. */
  readonly basis: string;
  readonly reason: string;
}

/**
 * Cookie persistence first (HAProxy `cookie SERVERID insert indirect nocache`): only a layer-7 LB can read the
 * cookie, because it decrypted the request. Without a valid cookie, the pool's balancing algorithm chooses.
 */
export function chooseBackend(lb: LbServices, request: HttpRequest, clientIp: string): BackendChoice {
  const pool = choosePool(lb.ctx.options, { host: getHeader(request.headers, 'host') ?? '', path: parseQuery(request.target).path });
  const refs = pool.backends.map((b) => ({ id: b.id, name: b.name, address: b.address }));
  const sticky = lb.ctx.options.stickyCookie ? readPersistenceCookie(request, undefined, refs) : null;
  if (sticky?.backend) {
    const backend = backendById(lb, sticky.backend.id);
    countLoad(lb, backend);
    return { backend, basis: 'cookie', reason: sticky.reason };
  }
  const pick = pickBackend(lb, pool, clientIp);
  return { backend: pick.backend, basis: lb.ctx.options.algorithm, reason: sticky ? `${sticky.reason}; ${pick.reason}` : pick.reason };
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
  const forged = existing !== undefined ? ` (the client had sent its own "${existing}": ${lb.ctx.options.forwardedForAppend ? 'kept, with the real address appended' : 'overwritten'})` : '';
  lb.ctx.log.note('lb.headerAdded', 'lb', { name: 'X-Forwarded-For', value: xff },
    `The load balancer set X-Forwarded-For: ${xff}${forged}${lb.ctx.options.forwardedProto ? ' and X-Forwarded-Proto: https' : ''}${clientIdentity ? `, and X-SSL-Client-Cert-Subject: CN=${clientIdentity}` : ''}.`);
  return { ...request, headers };
}
