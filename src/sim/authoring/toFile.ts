/**
 * "Save as scenario file": a Scenario (built-in or a trainer's) with the learner's edits, written back in the file
 * format so it loads again (tests: every built-in scenario survives save -> parse with equal requests, options and
 * faults). A built-in scenario is saved as `my-<id>`, because a file may not reuse the lab's own ids.
 */
import { CLIENT_ADDRESS } from '../net/topology';
import { MODES, type Mode, type RunOptions, type Scenario, type ScriptedRequest } from '../scenarios/types';
import { FILE_LIMITS, FORBIDDEN_KEYS, RESERVED_HEADERS } from './limits';
import { DEFAULT_CLIENT_NAME, defaultPurpose } from './requestEntry';
import { isBuiltInScenarioId } from './scenarioFile';
import { SCENARIO_FORMAT, type ClientEntry, type RequestEntry, type ScenarioFile } from './types';

export interface ScenarioEdits {
  /** The learner's option overrides: they win over the scenario's options and its per-mode options. */
  readonly options?: Partial<RunOptions>;
  /** The edited requests; null or absent keeps the scenario's own. */
  readonly requests?: readonly ScriptedRequest[] | null;
}

/**
 * Plain text as the file format accepts it: the lab's own texts may mention a `<script>` tag, which a file may not
 * (nothing in a file may look like markup), so angle brackets become the look-alike quotation marks; overlong text
 * is cut with an ellipsis.
 */
export function asPlainText(text: string, max: number): string {
  const plain = text.replace(/</g, '‹').replace(/>/g, '›');
  return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
}

/** The id the saved file gets: the lab's own ids are taken, so a built-in scenario becomes `my-<id>`. */
export function fileIdOf(id: string): string {
  return isBuiltInScenarioId(id) ? `my-${id}`.slice(0, FILE_LIMITS.id).replace(/-+$/, '') : id;
}

/** Header pairs as the file's object: names a file may not carry are left out, repeated names joined (RFC 9110 5.3). */
function headerObject(headers: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const byName = new Map<string, [string, string]>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if ((FORBIDDEN_KEYS as readonly string[]).includes(name) || (RESERVED_HEADERS as readonly string[]).includes(lower)) continue;
    const seen = byName.get(lower);
    if (seen) seen[1] = `${seen[1]}, ${value}`;
    else byName.set(lower, [name, value]);
  }
  return Object.fromEntries(byName.values());
}

/** The clients a list of requests comes from, in order of appearance, each at the address of its first request. */
function clientsOf(requests: readonly ScriptedRequest[]): ClientEntry[] {
  const clients = new Map<string, string>();
  for (const r of requests) {
    const name = r.client ?? DEFAULT_CLIENT_NAME;
    if (!clients.has(name)) clients.set(name, r.sourceIp ?? CLIENT_ADDRESS);
  }
  if (clients.size === 0) clients.set(DEFAULT_CLIENT_NAME, CLIENT_ADDRESS);
  return [...clients].map(([name, ip]) => ({ name, ip }));
}

function requestEntry(r: ScriptedRequest, clients: readonly ClientEntry[]): RequestEntry {
  const client = r.client ?? DEFAULT_CLIENT_NAME;
  const clientIp = clients.find((c) => c.name === client)?.ip ?? CLIENT_ADDRESS;
  const sourceIp = r.sourceIp ?? CLIENT_ADDRESS;
  const purpose = asPlainText(r.purpose, FILE_LIMITS.purpose);
  return {
    ...(clients.length > 1 ? { client } : {}),
    method: r.method,
    path: r.path,
    ...(r.host !== undefined ? { host: r.host } : {}),
    ...(r.scheme === 'http' ? { scheme: 'http' } : {}),
    ...(r.headers?.length ? { headers: headerObject(r.headers) } : {}),
    ...(r.body !== undefined ? { body: r.body } : {}),
    ...(purpose !== defaultPurpose(r.method, r.path) ? { purpose } : {}),
    ...(sourceIp !== clientIp ? { sourceIp } : {}),
    ...(r.direct ? { direct: r.direct } : {}),
  };
}

/** Per-mode options without the keys the learner set: their override wins in every mode, as in resolveOptions. */
function modeOptionsUnder(modeOptions: Scenario['modeOptions'], overridden: Partial<RunOptions>): Partial<Record<Mode, Partial<RunOptions>>> | undefined {
  if (!modeOptions) return undefined;
  const out: Partial<Record<Mode, Partial<RunOptions>>> = {};
  for (const mode of MODES) {
    const own = modeOptions[mode];
    if (!own) continue;
    const kept = Object.fromEntries(Object.entries(own).filter(([key]) => !Object.hasOwn(overridden, key)));
    if (Object.keys(kept).length) out[mode] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

export function scenarioToFile(scenario: Scenario, edits: ScenarioEdits = {}): ScenarioFile {
  const requests = edits.requests ?? scenario.requests;
  const clients = clientsOf(requests);
  const overrides = edits.options ?? {};
  const options = { ...scenario.options, ...overrides };
  const modeOptions = modeOptionsUnder(scenario.modeOptions, overrides);
  return {
    format: SCENARIO_FORMAT,
    id: fileIdOf(scenario.id),
    title: asPlainText(scenario.title, FILE_LIMITS.title),
    ...(scenario.summary ? { summary: asPlainText(scenario.summary, FILE_LIMITS.summary) } : {}),
    ...(scenario.lesson ? { lesson: asPlainText(scenario.lesson, FILE_LIMITS.lesson) } : {}),
    ...(scenario.hostname !== undefined ? { hostname: scenario.hostname } : {}),
    ...(scenario.apiHostname !== undefined ? { apiHostname: scenario.apiHostname } : {}),
    clients,
    requests: requests.map((r) => requestEntry(r, clients)),
    ...(Object.keys(options).length ? { options } : {}),
    ...(modeOptions ? { modeOptions } : {}),
    ...(scenario.faults && Object.keys(scenario.faults).length ? { faults: scenario.faults } : {}),
  };
}
