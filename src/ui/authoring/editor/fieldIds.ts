/**
 * The editor's element ids, and the map from a problem's path ("requests[2].method", "options.waf",
 * "faults.tamper.link") to the id of the field that holds it, so the field can say it is invalid and point at its
 * message. Every id starts with "se-": the editor opens on the same page as the simulator, whose ids it must not
 * repeat.
 */
import type { FileProblem } from '../../../sim/index';

export const EDITOR_ID = 'se';
export const fieldId = (...parts: ReadonlyArray<string | number>): string => [EDITOR_ID, ...parts].join('-');
export const problemId = (index: number): string => fieldId('problem', index);

const TOP_FIELDS = new Set(['id', 'title', 'summary', 'lesson', 'hostname', 'apiHostname']);
const CLIENT_FIELDS = new Set(['name', 'ip']);
const REQUEST_FIELDS = new Set(['client', 'method', 'path', 'host', 'headers', 'body', 'purpose', 'scheme', 'sourceIp', 'direct']);
const FAULT_FIELDS = new Set(['serverCertificate', 'impostorBackend', 'garbageClientHello', 'stolenSiteKey', 'splitClientHello']);

/** "requests[2].headers.X-Test" -> ["requests", "2", "headers", "X-Test"] (a header name may hold dots: kept whole). */
function segments(path: string): string[] {
  const out: string[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    out.push(m[1] ?? m[2]!);
    // After requests[n].headers the rest is one header name, whatever it holds.
    if (out.length === 3 && out[0] === 'requests' && out[2] === 'headers') break;
  }
  return out;
}

/** The id of the field a path names, or undefined for problems of the file as a whole or of a list. */
export function fieldIdForPath(path: string): string | undefined {
  const [head, second, third] = segments(path);
  if (head === undefined) return undefined;
  if (TOP_FIELDS.has(head) && second === undefined) return fieldId(head);
  if (head === 'clients' && second !== undefined && /^\d+$/.test(second)) {
    return fieldId('clients', second, third !== undefined && CLIENT_FIELDS.has(third) ? third : 'name');
  }
  if (head === 'requests' && second !== undefined && /^\d+$/.test(second) && third !== undefined && REQUEST_FIELDS.has(third)) {
    return fieldId('requests', second, third);
  }
  if (head === 'options' && second !== undefined) return fieldId('options', second === 'sticky' ? 'stickyCookie' : second);
  if (head === 'faults' && second === 'tamper') return fieldId('faults', 'tamper', third === 'direction' ? 'direction' : 'link');
  if (head === 'faults' && second !== undefined && FAULT_FIELDS.has(second)) return fieldId('faults', second);
  return undefined;
}

/** Field id -> the ids of the messages about it, in the list's order. */
export function messagesByField(problems: readonly FileProblem[]): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  problems.forEach((p, i) => {
    const id = fieldIdForPath(p.path);
    if (id === undefined) return;
    const list = out.get(id) ?? [];
    list.push(problemId(i));
    out.set(id, list);
  });
  return out;
}
