/**
 * A scenario file (SCENARIO_FORMAT) becomes a Scenario, or the list of everything wrong with it. The same reader
 * reads the `scenarios` of a lesson file, with the entry's path in front of every problem.
 */
import { siteNamesOf } from '../net/siteNames';
import { SCENARIOS } from '../scenarios/catalog';
import type { Scenario, ScriptedRequest } from '../scenarios/types';
import { FILE_LIMITS } from './limits';
import { isClientAddress, isClientName, isHostname, isId } from './names';
import { readFaults, readModeOptions, readOptions } from './optionsEntry';
import { Problems, fieldPath, itemPath, quoted, readList, readObject, readShaped, readString } from './reader';
import { readRequest } from './requestEntry';
import { SCENARIO_FORMAT, type FileResult } from './types';

/** `$schema` lets an editor that reads JSON Schema (VS Code) check the file as it is typed; the lab ignores it. */
export const SCENARIO_KEYS = ['$schema', 'format', 'id', 'title', 'summary', 'lesson', 'hostname', 'apiHostname', 'clients', 'requests', 'options', 'modeOptions', 'faults'] as const;

export interface ScenarioReadRules {
  /** False inside a lesson file, where each entry is known to be a scenario. */
  readonly formatRequired: boolean;
  /** The lab's own ids are refused (a file must not shadow a built-in scenario) unless this is set. */
  readonly allowBuiltInId?: boolean;
}

export const isBuiltInScenarioId = (id: string): boolean => SCENARIOS.some((s) => s.id === id);

/** The `format` field: absent or another version is one problem naming the format this lab reads. */
export function readFormat(problems: Problems, path: string, value: unknown, format: string, required: boolean): void {
  if (value === undefined && !required) return;
  if (value !== format) problems.add({ path: fieldPath(path, 'format'), code: 'format', expected: format, ...(value !== undefined ? { value: quoted(value) } : {}) });
}

/** An id of the file's own (scenario, lesson): the id shape, and not one the lab already uses. */
export function readOwnId(problems: Problems, path: string, value: unknown, isBuiltIn: (id: string) => boolean): string | undefined {
  const id = readShaped(problems, path, value, 'id', isId, true);
  if (id !== undefined && isBuiltIn(id)) return void problems.add({ path, code: 'built-in-id', value: id });
  return id;
}

function readClients(problems: Problems, path: string, value: unknown): Map<string, string> {
  const clients = new Map<string, string>();
  readList(problems, path, value, 1, FILE_LIMITS.clients)?.forEach((entry, i) => {
    const at = itemPath(path, i);
    const fields = readObject(problems, at, entry, ['name', 'ip'] as const);
    if (!fields) return;
    // A name is shown in the step list: markup in it is named as such before its shape is checked.
    const plainName = readString(problems, fieldPath(at, 'name'), fields.name, { required: true, max: FILE_LIMITS.path, plain: true });
    const name = plainName === undefined ? undefined : readShaped(problems, fieldPath(at, 'name'), plainName, 'client-name', isClientName);
    const ip = readShaped(problems, fieldPath(at, 'ip'), fields.ip, 'client-address', isClientAddress, true);
    if (name !== undefined && clients.has(name)) problems.add({ path: fieldPath(at, 'name'), code: 'duplicate', value: name });
    else if (name !== undefined && ip !== undefined) clients.set(name, ip);
  });
  return clients;
}

/**
 * The site's two names: each a public DNS name, different from the other (after defaults) and from the Encrypted
 * Client Hello public name the engine derives from the site's name (net/siteNames.ts: public.acme.test for
 * training.acme.test), since DNS, certificates and routing tell the three apart by name.
 */
function readHostnames(problems: Problems, path: string, hostnameValue: unknown, apiValue: unknown): { hostname?: string; apiHostname?: string } {
  const hostname = readShaped(problems, fieldPath(path, 'hostname'), hostnameValue, 'hostname', isHostname);
  const apiHostname = readShaped(problems, fieldPath(path, 'apiHostname'), apiValue, 'hostname', isHostname);
  const names = { ...(hostname !== undefined ? { hostname } : {}), ...(apiHostname !== undefined ? { apiHostname } : {}) };
  if (hostname === undefined && apiHostname === undefined) return names;
  const { site, api, echPublic } = siteNamesOf(names);
  const clash = site === api ? api : [site, api].find((name) => name === echPublic);
  if (clash !== undefined) problems.add({ path: fieldPath(path, apiHostname !== undefined ? 'apiHostname' : 'hostname'), code: 'same-value', value: clash });
  return names;
}

/** Reads one scenario (a file, or an entry of a lesson file at `path`); undefined when anything is wrong. */
export function readScenario(problems: Problems, path: string, value: unknown, rules: ScenarioReadRules): Scenario | undefined {
  const before = problems.count;
  const fields = readObject(problems, path, value, SCENARIO_KEYS);
  if (!fields) return undefined;
  readString(problems, fieldPath(path, '$schema'), fields.$schema, { max: FILE_LIMITS.path });
  readFormat(problems, path, fields.format, SCENARIO_FORMAT, rules.formatRequired);
  const idPath = fieldPath(path, 'id');
  const id = rules.allowBuiltInId ? readShaped(problems, idPath, fields.id, 'id', isId, true) : readOwnId(problems, idPath, fields.id, isBuiltInScenarioId);
  const title = readString(problems, fieldPath(path, 'title'), fields.title, { required: true, min: 1, max: FILE_LIMITS.title, plain: true });
  const summary = readString(problems, fieldPath(path, 'summary'), fields.summary, { max: FILE_LIMITS.summary, plain: true });
  const lesson = readString(problems, fieldPath(path, 'lesson'), fields.lesson, { max: FILE_LIMITS.lesson, plain: true });
  const names = readHostnames(problems, path, fields.hostname, fields.apiHostname);
  const clients = fields.clients === undefined ? new Map<string, string>() : readClients(problems, fieldPath(path, 'clients'), fields.clients);
  const siteNames = siteNamesOf(names);
  const context = { clients, hostname: siteNames.site, apiHostname: siteNames.api };
  const requestsPath = fieldPath(path, 'requests');
  const requests: ScriptedRequest[] = [];
  readList(problems, requestsPath, fields.requests, 1, FILE_LIMITS.requests, true)?.forEach((entry, i) => {
    const request = readRequest(problems, itemPath(requestsPath, i), entry, context);
    if (request) requests.push(request);
  });
  const options = readOptions(problems, fieldPath(path, 'options'), fields.options);
  const modeOptions = readModeOptions(problems, fieldPath(path, 'modeOptions'), fields.modeOptions);
  const faults = readFaults(problems, fieldPath(path, 'faults'), fields.faults);
  if (problems.count > before || id === undefined || title === undefined) return undefined;
  return {
    id, title, summary: summary ?? '', requests,
    ...(lesson !== undefined ? { lesson } : {}),
    ...names,
    ...(options && Object.keys(options).length ? { options } : {}),
    ...(modeOptions && Object.keys(modeOptions).length ? { modeOptions } : {}),
    ...(faults && Object.keys(faults).length ? { faults } : {}),
    fromFile: true,
  };
}

/** A scenario file's parsed JSON -> the Scenario it describes, or every problem found (path + code). */
export function parseScenarioFile(input: unknown, opts: { readonly allowBuiltInId?: boolean } = {}): FileResult<Scenario> {
  const problems = new Problems();
  const scenario = readScenario(problems, '', input, { formatRequired: true, allowBuiltInId: opts.allowBuiltInId ?? false });
  return scenario && problems.count === 0 ? { ok: true, value: scenario } : { ok: false, problems: problems.list };
}
