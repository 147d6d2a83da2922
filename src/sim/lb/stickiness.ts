/**
 * Cookie persistence as HAProxy's `cookie SERVERID insert indirect nocache` does it. Only a layer-7 LB (offloading
 * or bridging) can use this: in passthrough the Cookie header is inside encrypted records, so affinity falls back
 * to the source IP (see MODES.md).
 *  - insert: the LB adds `Set-Cookie: SERVERID=<backend id>` to the response of the backend it picked;
 *  - indirect: the LB removes SERVERID from requests before forwarding, so the backend never sees it;
 *  - nocache: the response that sets the cookie is marked uncacheable, so a shared cache cannot hand one user's
 *    server cookie to everyone.
 */
import type { HttpRequest } from '../http/types';
import type { CookieLookup } from '../core/reasons';
import type { BackendRef } from './balancing';

/** HAProxy's conventional cookie name. */
export const DEFAULT_PERSISTENCE_COOKIE = 'SERVERID';

/** The backend a request is stuck to, or null with the reason the algorithm must choose instead. */
export type PersistenceLookup =
  | { readonly backend: BackendRef; readonly why: CookieLookup }
  | { readonly backend: null; readonly why: CookieLookup };

/** Cookie pairs of every Cookie header, in order (RFC 6265 §5.4: `name=value; name2=value2`). Tolerant of junk. */
function cookiePairs(req: HttpRequest): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const [n, v] of req.headers) {
    if (n.toLowerCase() !== 'cookie') continue;
    for (const part of v.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      out.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1') });
    }
  }
  return out;
}

/**
 * Reads the persistence cookie. The first occurrence wins, as in HAProxy. A value naming no configured backend
 * (forged, or left over from a backend that was removed) is ignored with a reason, and the caller falls back to
 * its balancing algorithm; it must never be trusted to route anywhere else.
 */
export function readPersistenceCookie(
  req: HttpRequest,
  cookieName: string | undefined,
  backends: readonly BackendRef[],
): PersistenceLookup {
  const name = cookieName ?? DEFAULT_PERSISTENCE_COOKIE;
  const found = cookiePairs(req).find((c) => c.name === name);
  if (!found) return { backend: null, why: { outcome: 'absent', name } };
  const backend = backends.find((b) => b.id === found.value);
  if (!backend) {
    return { backend: null, why: { outcome: 'unknown-backend', name, value: found.value.slice(0, 80) } };
  }
  return { backend, why: { outcome: 'pinned', name, backend: backend.id } };
}

/** The Set-Cookie value that pins the client to `backend`, e.g. `SERVERID=backend-2; Path=/; HttpOnly`. */
export function persistenceSetCookie(backend: BackendRef, cookieName: string = DEFAULT_PERSISTENCE_COOKIE): string {
  return `${cookieName}=${backend.id}; Path=/; HttpOnly`;
}

/**
 * Headers the LB adds to a response when it inserts the cookie: Set-Cookie, plus `Cache-Control: private`
 * for `nocache` (HAProxy emits the same pair).
 */
export function persistenceResponseHeaders(
  backend: BackendRef,
  cookieName: string = DEFAULT_PERSISTENCE_COOKIE,
): Array<readonly [string, string]> {
  return [
    ['Set-Cookie', persistenceSetCookie(backend, cookieName)],
    ['Cache-Control', 'private'],
  ];
}

/**
 * `indirect`: a copy of `req` without the persistence cookie. Other cookies keep their order; a Cookie header
 * left empty is dropped. The original request is not modified.
 */
export function stripPersistenceCookie(req: HttpRequest, cookieName: string = DEFAULT_PERSISTENCE_COOKIE): HttpRequest {
  const headers: Array<readonly [string, string]> = [];
  for (const [n, v] of req.headers) {
    if (n.toLowerCase() !== 'cookie') {
      headers.push([n, v]);
      continue;
    }
    const kept = v
      .split(';')
      .map((p) => p.trim())
      .filter((p) => p !== '' && p.slice(0, Math.max(0, p.indexOf('='))).trim() !== cookieName);
    if (kept.length > 0) headers.push([n, kept.join('; ')]);
  }
  return { ...req, headers };
}
