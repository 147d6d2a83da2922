/**
 * What a layer-7 LB can do with responses because it reads them: keep cacheable ones and answer repeats itself,
 * and gzip text for clients that accept it. A passthrough LB sees neither a header nor a byte of body.
 */
import { gzipSync } from 'fflate';
import { getHeader, withHeader, withoutHeader } from '../../http/headers';
import type { HttpRequest, HttpResponse } from '../../http/types';
import type { RunContext } from '../../run/context';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml))/i;
const MIN_COMPRESS_BYTES = 256;

export interface ResponseCache {
  lookup(request: HttpRequest): HttpResponse | null;
  store(request: HttpRequest, response: HttpResponse): void;
}

/** A shared cache for GETs whose response says `Cache-Control: public, max-age=N` (RFC 9111 §5.2.2). */
export function createResponseCache(ctx: RunContext): ResponseCache {
  const entries = new Map<string, { response: HttpResponse; expires: number }>();
  const keyOf = (r: HttpRequest): string => `${getHeader(r.headers, 'host') ?? ''}${r.target}`;
  return {
    lookup(request) {
      if (!ctx.options.cache || request.method !== 'GET') return null;
      const key = keyOf(request);
      const entry = entries.get(key);
      if (!entry || entry.expires <= ctx.scheduler.now) return null;
      ctx.log.note('lb.cacheHit', 'lb', { key, target: request.target });
      return { ...entry.response, headers: withHeader(entry.response.headers, 'X-Cache', 'HIT') };
    },
    store(request, response) {
      if (!ctx.options.cache || request.method !== 'GET' || response.status !== 200) return;
      const control = getHeader(response.headers, 'cache-control') ?? '';
      const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(control);
      if (!/\bpublic\b/i.test(control) || !maxAge || getHeader(response.headers, 'set-cookie')) return;
      const seconds = Number(maxAge[1]);
      const key = keyOf(request);
      entries.set(key, { response, expires: ctx.scheduler.now + seconds * 1000 });
      ctx.log.note('lb.cacheStored', 'lb', { key, target: request.target, maxAgeSeconds: seconds, cacheControl: control });
    },
  };
}

/** gzip (RFC 9110 §8.4.1.3) when the client offered it and the body is text worth compressing. */
export function compressResponse(ctx: RunContext, request: HttpRequest, response: HttpResponse): HttpResponse {
  if (!ctx.options.compression) return response;
  const accepts = /\bgzip\b/i.test(getHeader(request.headers, 'accept-encoding') ?? '');
  const type = getHeader(response.headers, 'content-type') ?? '';
  if (!accepts || getHeader(response.headers, 'content-encoding') || !COMPRESSIBLE.test(type) || response.body.length < MIN_COMPRESS_BYTES) return response;
  // mtime 0 keeps the gzip header, and so the run, deterministic.
  const body = gzipSync(response.body, { level: 6, mtime: 0 });
  ctx.log.note('lb.compressed', 'lb', { encoding: 'gzip', before: response.body.length, after: body.length, contentType: type.split(';')[0]?.trim() ?? '' });
  let headers = withHeader(response.headers, 'Content-Encoding', 'gzip');
  headers = withHeader(withoutHeader(headers, 'Content-Length'), 'Content-Length', String(body.length));
  headers = withHeader(headers, 'Vary', 'Accept-Encoding');
  return { ...response, headers, body };
}
