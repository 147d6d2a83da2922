/**
 * HTTP/1.1 messages to bytes (RFC 9112 §2.1: start-line CRLF, field lines CRLF, empty line, body).
 *
 * The serializers add nothing: what the message says is what goes on the wire, so a scenario can show exactly
 * which headers the load balancer added. `makeRequest` / `makeResponse` are the convenience layer that sets
 * Host, Content-Length and reason phrases.
 */
import type { HeaderList, HttpRequest, HttpResponse } from './types';
import { asciiBytes, concatBytes } from '../core/bytes';
import { getHeader } from './headers';

/**
 * RFC 9110 §5.5: a sender must not generate CR, LF or NUL inside a field value, and a recipient may replace
 * them with SP. We do that here so a hostile value (response splitting) can never forge extra header lines.
 */
function clean(text: string): string {
  return text.replace(/[\r\n\0]/g, ' ');
}

function head(startLine: string, headers: HeaderList): Uint8Array {
  let text = `${clean(startLine)}\r\n`;
  for (const [name, value] of headers) text += `${clean(name)}: ${clean(value)}\r\n`;
  return asciiBytes(`${text}\r\n`);
}

/** Request bytes exactly as described by `req` (no implicit headers). */
export function serializeRequest(req: HttpRequest): Uint8Array {
  return concatBytes(head(`${req.method} ${req.target} ${req.version}`, req.headers), req.body);
}

/** Response bytes exactly as described by `res` (no implicit headers). */
export function serializeResponse(res: HttpResponse): Uint8Array {
  return concatBytes(head(`${res.version} ${res.status} ${res.reason}`, res.headers), res.body);
}

const REASONS: Readonly<Record<number, string>> = {
  100: 'Continue',
  101: 'Switching Protocols',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  411: 'Length Required',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  495: 'SSL Certificate Error',
  496: 'SSL Certificate Required',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Standard reason phrase for `status` (RFC 9110 §15; 495/496 are nginx's); "" when unknown, which is legal. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

function toBody(body: Uint8Array | string | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? asciiBytes(body) : body;
}

/** Input for {@link makeRequest}. */
export interface MakeRequestInit {
  method: string;
  target: string;
  /** Host header value; RFC 9112 §3.2 requires Host in every HTTP/1.1 request. */
  host: string;
  headers?: HeaderList;
  body?: Uint8Array | string;
}

/**
 * Builds an HTTP/1.1 request: `Host` first (unless `headers` already has one), then `headers`, then
 * `Content-Length` when there is a body or the method defines one (RFC 9110 §8.6). When the caller supplies
 * Content-Length or Transfer-Encoding itself it is left alone, so smuggling demos can build odd framing.
 */
export function makeRequest(init: MakeRequestInit): HttpRequest {
  const body = toBody(init.body);
  const extra = init.headers ?? [];
  const headers: (readonly [string, string])[] = [];
  if (getHeader(extra, 'host') === undefined) headers.push(['Host', init.host]);
  headers.push(...extra);
  const callerFramed =
    getHeader(extra, 'content-length') !== undefined || getHeader(extra, 'transfer-encoding') !== undefined;
  const method = init.method.toUpperCase();
  if (!callerFramed && (body.length > 0 || method === 'POST' || method === 'PUT' || method === 'PATCH')) {
    headers.push(['Content-Length', String(body.length)]);
  }
  return { method: init.method, target: init.target, version: 'HTTP/1.1', headers, body };
}

/** Input for {@link makeResponse}. */
export interface MakeResponseInit {
  status: number;
  headers?: HeaderList;
  body?: Uint8Array | string;
  /** Sets Content-Type (before `headers`) unless `headers` already has one. */
  contentType?: string;
}

/**
 * Builds an HTTP/1.1 response with the standard reason phrase and Content-Length, which is replaced if the
 * caller gave one. 1xx and 204 responses get no Content-Length and no body (RFC 9110 §8.6, §15.3.5).
 */
export function makeResponse(init: MakeResponseInit): HttpResponse {
  const noContent = init.status < 200 || init.status === 204;
  const body = noContent ? new Uint8Array(0) : toBody(init.body);
  const extra = init.headers ?? [];
  const headers: (readonly [string, string])[] = [];
  if (init.contentType !== undefined && getHeader(extra, 'content-type') === undefined) {
    headers.push(['Content-Type', init.contentType]);
  }
  for (const field of extra) if (field[0].toLowerCase() !== 'content-length') headers.push(field);
  if (!noContent) headers.push(['Content-Length', String(body.length)]);
  return { version: 'HTTP/1.1', status: init.status, reason: reasonPhrase(init.status), headers, body };
}
