/**
 * The scenario editor's form state and its two directions: a ScenarioFile becomes a form (every field a string or
 * a switch, rows with stable keys), and the form becomes a ScenarioFile again. Pure functions, no React: the
 * editor keeps a form in state and rebuilds the file from it on every change; the file's one validator
 * (parseScenarioFile) then says what is wrong.
 *
 * A file read and written back unchanged is the same file: an omitted field stays omitted (the default client,
 * host, scheme), options keep exactly the keys the file had, and what the form cannot show (per-mode options) is
 * carried through untouched.
 */
import { DEFAULT_OPTIONS, SCENARIO_FORMAT, SITE_HOSTNAME } from '../../../sim/index';
import type { ClientEntry, Direction, FileProblem, LinkId, RequestEntry, RunOptions, ScenarioFile } from '../../../sim/index';

/**
 * The lab's API name when a file names none (src/sim/net/topology.ts API_HOSTNAME, which src/sim/index.ts does not
 * export yet: the UI reaches the engine only through it).
 */
export const API_HOSTNAME = 'api.example.com';

export const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
export const BACKEND_IDS = ['backend-1', 'backend-2', 'backend-3'] as const;
export type DirectBackend = (typeof BACKEND_IDS)[number];
export const SERVER_CERTIFICATE_FAULTS = ['siteWrongHost', 'siteExpired', 'siteUntrusted'] as const;
export type ServerCertificateFault = (typeof SERVER_CERTIFICATE_FAULTS)[number];
export const FAULT_SWITCHES = ['impostorBackend', 'garbageClientHello', 'stolenSiteKey', 'splitClientHello'] as const;
export type FaultSwitch = (typeof FAULT_SWITCHES)[number];

export interface ClientRow {
  /** Stable across edits and moves (React's key, never written to the file). */
  readonly key: number;
  readonly name: string;
  readonly ip: string;
}

/** Which name a request is sent to: '' the file's default (the site), or the site or API hostname by role. */
export type HostChoice = '' | 'site' | 'api' | 'other';

export interface RequestRow {
  readonly key: number;
  /** '' = the default (the first client). */
  readonly client: string;
  readonly method: string;
  readonly path: string;
  readonly host: HostChoice;
  /** The file's own value when `host` is 'other' (a name that is neither hostname: the validator says so). */
  readonly hostOther: string;
  /** One "Name: value" per line. */
  readonly headers: string;
  readonly body: string;
  readonly purpose: string;
  /** '' = the default (https). */
  readonly scheme: '' | 'http' | 'https';
  readonly sourceIp: string;
  readonly direct: '' | DirectBackend;
}

export interface FaultsForm {
  readonly serverCertificate: '' | ServerCertificateFault;
  readonly tamperLink: '' | LinkId;
  readonly tamperDirection: Direction;
  readonly impostorBackend: boolean;
  readonly garbageClientHello: boolean;
  readonly stolenSiteKey: boolean;
  readonly splitClientHello: boolean;
}

export type OptionValue = RunOptions[keyof RunOptions];

export interface EditorForm {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly lesson: string;
  readonly hostname: string;
  readonly apiHostname: string;
  readonly clients: readonly ClientRow[];
  readonly requests: readonly RequestRow[];
  /** Exactly the options the file sets (a value equal to the default is dropped when the trainer changes it). */
  readonly options: Readonly<Partial<Record<keyof RunOptions, OptionValue>>>;
  readonly faults: FaultsForm;
  /** Not editable here; kept so that saving the form does not lose them. */
  readonly modeOptions?: ScenarioFile['modeOptions'];
  /** The next row key. */
  readonly nextKey: number;
}

/** The names the file's requests go to (its own, or the lab's defaults when it names none). */
export function siteName(form: Pick<EditorForm, 'hostname'>): string {
  return form.hostname === '' ? SITE_HOSTNAME : form.hostname;
}
export function apiName(form: Pick<EditorForm, 'apiHostname'>): string {
  return form.apiHostname === '' ? API_HOSTNAME : form.apiHostname;
}

export function headersText(headers: RequestEntry['headers']): string {
  return Object.entries(headers ?? {}).map(([name, value]) => `${name}: ${value}`).join('\n');
}

/** The form for a file (the editor's start). */
export function formFromFile(file: ScenarioFile): EditorForm {
  let key = 0;
  const hostname = file.hostname ?? '';
  const apiHostname = file.apiHostname ?? '';
  const names = { hostname, apiHostname };
  const clients = (file.clients ?? []).map((c): ClientRow => ({ key: key++, name: c.name, ip: c.ip }));
  const requests = file.requests.map((r): RequestRow => {
    const host: HostChoice = r.host === undefined ? '' : r.host === siteName(names) ? 'site' : r.host === apiName(names) ? 'api' : 'other';
    return {
      key: key++,
      client: r.client ?? '',
      method: r.method,
      path: r.path,
      host,
      hostOther: host === 'other' ? r.host ?? '' : '',
      headers: headersText(r.headers),
      body: r.body ?? '',
      purpose: r.purpose ?? '',
      scheme: r.scheme ?? '',
      sourceIp: r.sourceIp ?? '',
      direct: r.direct ?? '',
    };
  });
  const options: Record<string, OptionValue> = {};
  for (const [name, value] of Object.entries(file.options ?? {})) {
    // `sticky` is the file's other name for stickyCookie; the form knows one name per option.
    options[name === 'sticky' ? 'stickyCookie' : name] = value as OptionValue;
  }
  const f = file.faults ?? {};
  const faults: FaultsForm = {
    serverCertificate: f.serverCertificate ?? '',
    tamperLink: f.tamper?.link ?? '',
    tamperDirection: f.tamper?.direction ?? 'c2s',
    impostorBackend: f.impostorBackend === true,
    garbageClientHello: f.garbageClientHello === true,
    stolenSiteKey: f.stolenSiteKey === true,
    splitClientHello: f.splitClientHello === true,
  };
  return {
    id: file.id, title: file.title, summary: file.summary ?? '', lesson: file.lesson ?? '', hostname, apiHostname,
    clients, requests, options, faults,
    ...(file.modeOptions !== undefined ? { modeOptions: file.modeOptions } : {}),
    nextKey: key,
  };
}

/** What the form itself finds before the file exists: header lines that are not "Name: value". */
export interface BuiltFile {
  readonly file: ScenarioFile;
  readonly problems: readonly FileProblem[];
}

/** "Name: value" lines to the file's header object; lines that cannot be one are problems of the field. */
export function parseHeaderLines(text: string, path: string): { headers: Record<string, string>; problems: FileProblem[] } {
  const headers: Record<string, string> = {};
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (name === '') {
      problems.push({ path, code: 'pattern', expected: `one "Name: value" per line (line ${i + 1} is not)`, value: line.slice(0, 40) });
      return;
    }
    if (seen.has(name.toLowerCase())) {
      problems.push({ path, code: 'duplicate', value: name.slice(0, 40) });
      return;
    }
    seen.add(name.toLowerCase());
    // Object.defineProperty: a header named __proto__ becomes a key the validator refuses, not the prototype.
    Object.defineProperty(headers, name, { value: line.slice(colon + 1).trim(), enumerable: true, writable: true, configurable: true });
  });
  return { headers, problems };
}

/** The file the form describes, with the problems only the form can see (header lines). */
export function fileFromForm(form: EditorForm): BuiltFile {
  const problems: FileProblem[] = [];
  const clients = form.clients.map((c): ClientEntry => ({ name: c.name, ip: c.ip }));
  const requests = form.requests.map((r, i): RequestEntry => {
    const parsed = parseHeaderLines(r.headers, `requests[${i}].headers`);
    problems.push(...parsed.problems);
    const host = r.host === 'site' ? siteName(form) : r.host === 'api' ? apiName(form) : r.host === 'other' ? r.hostOther : undefined;
    return {
      ...(r.client !== '' ? { client: r.client } : {}),
      method: r.method,
      path: r.path,
      ...(Object.keys(parsed.headers).length > 0 ? { headers: parsed.headers } : {}),
      ...(r.body !== '' ? { body: r.body } : {}),
      ...(r.scheme !== '' ? { scheme: r.scheme } : {}),
      ...(host !== undefined ? { host } : {}),
      ...(r.purpose !== '' ? { purpose: r.purpose } : {}),
      ...(r.sourceIp !== '' ? { sourceIp: r.sourceIp } : {}),
      ...(r.direct !== '' ? { direct: r.direct } : {}),
    };
  });
  const ff = form.faults;
  const faults: Record<string, unknown> = {
    ...(ff.serverCertificate !== '' ? { serverCertificate: ff.serverCertificate } : {}),
    ...(ff.tamperLink !== '' ? { tamper: { link: ff.tamperLink, direction: ff.tamperDirection } } : {}),
  };
  for (const name of FAULT_SWITCHES) if (ff[name]) faults[name] = true;
  const file: ScenarioFile = {
    format: SCENARIO_FORMAT,
    id: form.id,
    title: form.title,
    ...(form.summary !== '' ? { summary: form.summary } : {}),
    ...(form.lesson !== '' ? { lesson: form.lesson } : {}),
    ...(form.hostname !== '' ? { hostname: form.hostname } : {}),
    ...(form.apiHostname !== '' ? { apiHostname: form.apiHostname } : {}),
    ...(clients.length > 0 ? { clients } : {}),
    requests,
    ...(Object.keys(form.options).length > 0 ? { options: form.options as Partial<RunOptions> } : {}),
    ...(form.modeOptions !== undefined ? { modeOptions: form.modeOptions } : {}),
    ...(Object.keys(faults).length > 0 ? { faults: faults as ScenarioFile['faults'] } : {}),
  };
  return { file, problems };
}

/* ---- Edits: each returns a new form. ---- */

export type TextField = 'id' | 'title' | 'summary' | 'lesson' | 'hostname' | 'apiHostname';

export function setText(form: EditorForm, field: TextField, value: string): EditorForm {
  return { ...form, [field]: value };
}

/** The option's value as the run would have it: the file's, else the engine's default. */
export function optionValue<K extends keyof RunOptions>(form: EditorForm, name: K): RunOptions[K] {
  return (form.options[name] as RunOptions[K] | undefined) ?? DEFAULT_OPTIONS[name];
}

/** Sets an option; back at the default it leaves the file (only what differs is written). */
export function setOption<K extends keyof RunOptions>(form: EditorForm, name: K, value: RunOptions[K]): EditorForm {
  const options = { ...form.options };
  if (value === DEFAULT_OPTIONS[name]) delete options[name];
  else options[name] = value;
  return { ...form, options };
}

export function setFaults(form: EditorForm, patch: Partial<FaultsForm>): EditorForm {
  return { ...form, faults: { ...form.faults, ...patch } };
}

const SUGGESTED_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];

/** A new client with a free name and a free address of the documentation range 203.0.113.0/24. */
export function addClient(form: EditorForm): EditorForm {
  const names = new Set(form.clients.map((c) => c.name));
  const ips = new Set(form.clients.map((c) => c.ip));
  const name = SUGGESTED_NAMES.find((n) => !names.has(n)) ?? `client${form.clients.length + 1}`;
  let host = 10;
  while (ips.has(`203.0.113.${host}`) && host < 254) host++;
  const row: ClientRow = { key: form.nextKey, name, ip: `203.0.113.${host}` };
  return { ...form, clients: [...form.clients, row], nextKey: form.nextKey + 1 };
}

/** Renames follow into the requests that named the client. */
export function setClient(form: EditorForm, index: number, patch: Partial<Pick<ClientRow, 'name' | 'ip'>>): EditorForm {
  const old = form.clients[index];
  if (!old) return form;
  const clients = form.clients.map((c, i) => (i === index ? { ...c, ...patch } : c));
  const renamed = patch.name !== undefined && patch.name !== old.name && old.name !== '';
  const requests = renamed ? form.requests.map((r) => (r.client === old.name ? { ...r, client: patch.name! } : r)) : form.requests;
  return { ...form, clients, requests };
}

/** Removes a client; requests that named it keep the name (the validator then says it is unknown). */
export function removeClient(form: EditorForm, index: number): EditorForm {
  return { ...form, clients: form.clients.filter((_, i) => i !== index) };
}

export function addRequest(form: EditorForm): EditorForm {
  const row: RequestRow = {
    key: form.nextKey, client: '', method: 'GET', path: '/', host: '', hostOther: '', headers: '', body: '', purpose: '',
    scheme: '', sourceIp: '', direct: '',
  };
  return { ...form, requests: [...form.requests, row], nextKey: form.nextKey + 1 };
}

export function setRequest(form: EditorForm, index: number, patch: Partial<Omit<RequestRow, 'key'>>): EditorForm {
  return { ...form, requests: form.requests.map((r, i) => (i === index ? { ...r, ...patch } : r)) };
}

export function removeRequest(form: EditorForm, index: number): EditorForm {
  return { ...form, requests: form.requests.filter((_, i) => i !== index) };
}

/** Moves request `index` by `by` places (-1 up, +1 down); out of range does nothing. */
export function moveRequest(form: EditorForm, index: number, by: -1 | 1): EditorForm {
  const to = index + by;
  if (index < 0 || to < 0 || index >= form.requests.length || to >= form.requests.length) return form;
  const requests = [...form.requests];
  const [row] = requests.splice(index, 1);
  requests.splice(to, 0, row!);
  return { ...form, requests };
}
