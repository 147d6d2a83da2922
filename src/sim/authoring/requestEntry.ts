/**
 * One entry of a scenario file's `requests` becomes a ScriptedRequest. The HTTP rules are scenarios/validate.ts's
 * (the editor's), so a request the file accepts is one the client can send. Paths, header values and bodies may
 * hold HTML or script on purpose (the XSS and SQL injection lessons need payloads); the lab only ever shows them as
 * text. Fields equal to the engine's default are left out, so a file and the Scenario it makes say the same.
 */
import { BACKENDS, CLIENT_ADDRESS, type BackendId } from '../net/topology';
import type { ScriptedRequest } from '../scenarios/types';
import { isHeaderName, isHeaderValue, isRequestPath } from '../scenarios/validate';
import { FILE_LIMITS, FILE_METHODS, RESERVED_HEADERS } from './limits';
import { isClientAddress } from './names';
import type { Problems} from './reader';
import { fieldPath, quoted, readEntries, readObject, readOneOf, readShaped, readString } from './reader';

/** The client a request without `client` comes from when the file lists none (nodes/client.ts's default). */
export const DEFAULT_CLIENT_NAME = 'alice';

export const REQUEST_KEYS = ['client', 'method', 'path', 'headers', 'body', 'scheme', 'host', 'purpose', 'sourceIp', 'direct'] as const;
const SCHEMES = ['https', 'http'] as const;
const BACKEND_IDS: readonly BackendId[] = BACKENDS.map((b) => b.id);

/** What a request is read against: the file's clients and the two names its site answers to. */
export interface RequestContext {
  /** Client name -> address, in file order; the first is the default client. */
  readonly clients: ReadonlyMap<string, string>;
  readonly hostname: string;
  readonly apiHostname: string;
}

/** The purpose a request gets when the file gives none: its request line, as data rather than prose. */
export const defaultPurpose = (method: string, path: string): string => `${method} ${path}`;

function readHeaders(problems: Problems, path: string, value: unknown): Array<readonly [string, string]> | undefined {
  if (value === undefined) return undefined;
  const entries = readEntries(problems, path, value);
  if (!entries) return undefined;
  if (entries.length > FILE_LIMITS.headers) problems.add({ path, code: 'too-many', limit: FILE_LIMITS.headers });
  const headers: Array<readonly [string, string]> = [];
  const seen = new Set<string>();
  for (const [name, raw] of entries.slice(0, FILE_LIMITS.headers)) {
    const at = fieldPath(path, name);
    const lower = name.toLowerCase();
    if (!isHeaderName(name)) problems.add({ path: at, code: 'pattern', expected: 'header-name', value: quoted(name) });
    else if ((RESERVED_HEADERS as readonly string[]).includes(lower)) problems.add({ path: at, code: 'pattern', expected: 'reserved-header', value: quoted(name) });
    else if (seen.has(lower)) problems.add({ path: at, code: 'duplicate', value: quoted(name) });
    seen.add(lower);
    const text = readString(problems, at, raw, { max: FILE_LIMITS.headerValue });
    if (text !== undefined && !isHeaderValue(text)) problems.add({ path: at, code: 'pattern', expected: 'header-value', value: quoted(text) });
    else if (text !== undefined) headers.push([name, text]);
  }
  return headers;
}

export function readRequest(problems: Problems, path: string, value: unknown, context: RequestContext): ScriptedRequest | undefined {
  const before = problems.count;
  const fields = readObject(problems, path, value, REQUEST_KEYS);
  if (!fields) return undefined;
  const clientNames = [...context.clients.keys()];
  const client = fields.client === undefined ? (clientNames[0] ?? DEFAULT_CLIENT_NAME) : readString(problems, fieldPath(path, 'client'), fields.client, { max: FILE_LIMITS.clientName });
  if (client !== undefined && context.clients.size > 0 && !context.clients.has(client)) {
    problems.add({ path: fieldPath(path, 'client'), code: 'unknown-ref', value: quoted(client), allowed: clientNames });
  } else if (client !== undefined && context.clients.size === 0 && client !== DEFAULT_CLIENT_NAME) {
    problems.add({ path: fieldPath(path, 'client'), code: 'unknown-ref', value: quoted(client), allowed: [DEFAULT_CLIENT_NAME] });
  }
  const method = readOneOf(problems, fieldPath(path, 'method'), fields.method, FILE_METHODS, true);
  const target = readShaped(problems, fieldPath(path, 'path'), fields.path, 'request-path', isRequestPath, true);
  const headers = readHeaders(problems, fieldPath(path, 'headers'), fields.headers);
  const body = readString(problems, fieldPath(path, 'body'), fields.body, { max: FILE_LIMITS.body });
  const scheme = readOneOf(problems, fieldPath(path, 'scheme'), fields.scheme, SCHEMES);
  const hosts = [context.hostname, context.apiHostname];
  const host = readString(problems, fieldPath(path, 'host'), fields.host, { max: FILE_LIMITS.hostname });
  if (host !== undefined && !hosts.includes(host)) problems.add({ path: fieldPath(path, 'host'), code: 'unknown-ref', value: quoted(host), allowed: hosts });
  const purpose = readString(problems, fieldPath(path, 'purpose'), fields.purpose, { min: 1, max: FILE_LIMITS.purpose, plain: true });
  const ownIp = readShaped(problems, fieldPath(path, 'sourceIp'), fields.sourceIp, 'client-address', isClientAddress);
  const direct = readOneOf(problems, fieldPath(path, 'direct'), fields.direct, BACKEND_IDS);
  if (problems.count > before || !method || !target) return undefined;
  const sourceIp = ownIp ?? (client !== undefined ? context.clients.get(client) : undefined) ?? CLIENT_ADDRESS;
  return {
    method,
    path: target,
    purpose: purpose ?? defaultPurpose(method, target),
    ...(client !== undefined && client !== DEFAULT_CLIENT_NAME ? { client } : {}),
    ...(sourceIp !== CLIENT_ADDRESS ? { sourceIp } : {}),
    ...(scheme === 'http' ? { scheme } : {}),
    ...(host !== undefined && host !== context.hostname ? { host } : {}),
    ...(headers?.length ? { headers } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(direct ? { direct } : {}),
  };
}
