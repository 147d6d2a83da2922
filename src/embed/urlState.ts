/**
 * Everything a learner set lives in the URL, so a link (or an embed) opens exactly there:
 * `?mode=bridge&scenario=cart&step=12&waf=off&view=lb`. Parsing never throws: an unknown or malformed
 * parameter falls back to its default and is named in a notice; long or hostile values are bounded and only
 * ever shown as text.
 */
import { DEFAULT_OPTIONS, MODES, OBSERVER_LABELS, SCENARIOS, TLS_PROTOCOLS, checkOptions, checkRequests, type Mode, type ObserverId, type RunOptions, type ScriptedRequest } from '../sim/index';

export type Theme = 'auto' | 'light' | 'dark';
export type ControlsLevel = 'full' | 'minimal' | 'none';
export const PANEL_IDS = ['narration', 'inspector', 'who-can-read', 'keys', 'capabilities', 'compare', 'cost', 'protocol', 'config'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export interface UrlState {
  readonly mode: Mode;
  readonly scenarioId: string;
  readonly step: number;
  readonly options: Partial<RunOptions>;
  readonly requests: readonly ScriptedRequest[] | null;
  readonly packet: number | null;
  readonly viewAs: ObserverId;
  readonly speed: number;
  readonly theme: Theme;
  readonly embed: boolean;
  readonly controls: ControlsLevel;
  readonly autoplay: boolean;
  readonly lockMode: boolean;
  /** lock=protocol (or lock=mode,protocol): the TLS version cannot be changed. */
  readonly lockProtocol: boolean;
  readonly panels: readonly PanelId[] | null;
  /** The embedding page's origin, for postMessage (never '*'). */
  readonly parentOrigin: string | null;
  /** lesson=ID: the guided lesson to open (checked against the catalog once it has loaded). */
  readonly lesson: string | null;
  /** beat=N in the link counts from 1; here from 0. */
  readonly beat: number;
  /** detail=moments|packets: the step list's key moments or every packet; null = the default (moments in a lesson). */
  readonly detail: 'moments' | 'packets' | null;
}

export const DEFAULT_URL_STATE: UrlState = {
  mode: 'passthrough', scenarioId: 'basic', step: 0, options: {}, requests: null, packet: null, viewAs: 'lb',
  speed: 1, theme: 'auto', embed: false, controls: 'full', autoplay: false, lockMode: false, lockProtocol: false, panels: null, parentOrigin: null,
  lesson: null, beat: 0, detail: null,
};

const MAX_PARAMS = 60;
const MAX_VALUE = 8192;
const SPEEDS = [0.25, 0.5, 1, 2, 4];
const OPTION_KEYS = Object.keys(DEFAULT_OPTIONS) as (keyof RunOptions)[];
/** Short URL names for long option keys (`ech=on`); the long name is accepted too. */
const OPTION_ALIASES: Readonly<Partial<Record<keyof RunOptions, string>>> = { encryptedClientHello: 'ech' };
const ALIASED: Readonly<Record<string, keyof RunOptions>> = Object.fromEntries(Object.entries(OPTION_ALIASES).map(([key, alias]) => [alias, key as keyof RunOptions]));
const LOCKS = ['mode', 'protocol'] as const;

/** Bounded, printable rendition of a value for a notice. */
function shown(value: string): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

function parseOptionValue(key: keyof RunOptions, raw: string): unknown {
  const kind = typeof DEFAULT_OPTIONS[key];
  if (kind === 'boolean') return ({ on: true, true: true, '1': true, off: false, false: false, '0': false } as Record<string, boolean>)[raw];
  if (kind === 'number') return /^\d{1,3}$/.test(raw) ? Number(raw) : undefined;
  return raw;
}

/** What the link's fragment carries (urlFragment.ts), which the query's `scenario=` may name. */
export interface LinkContext {
  /** The id of the scenario `#scenario=` carries: a valid `scenario=` value, and the one shown when the query names none. */
  readonly fileScenario?: string;
  /** `#lesson=` carries a lesson: its beats set the scenario, so a `scenario=` of that file is no mistake to report. */
  readonly fileLesson?: boolean;
}

export function parseUrlState(search: string, context: LinkContext = {}): { state: UrlState; notices: string[] } {
  const notices: string[] = [];
  const params = new URLSearchParams(search.length > 64 * 1024 ? '' : search);
  if (search.length > 64 * 1024) notices.push('The link was too long and was ignored.');
  const state: { -readonly [K in keyof UrlState]: UrlState[K] } = { ...DEFAULT_URL_STATE, scenarioId: context.fileScenario ?? DEFAULT_URL_STATE.scenarioId };
  const rawOptions: Record<string, unknown> = {};
  let count = 0;
  const bad = (name: string, value: string, why: string): void => void notices.push(`Ignored ${name}=${shown(value)}: ${why}.`);
  for (const [name, value] of params) {
    if (++count > MAX_PARAMS) {
      notices.push(`Only the first ${MAX_PARAMS} parameters were read.`);
      break;
    }
    if (value.length > MAX_VALUE) {
      bad(name, value, 'value too long');
      continue;
    }
    switch (name) {
      case 'mode':
        if ((MODES as readonly string[]).includes(value)) state.mode = value as Mode;
        else bad(name, value, `expected ${MODES.join(', ')}`);
        break;
      case 'scenario':
        if (SCENARIOS.some((s) => s.id === value) || value === context.fileScenario) state.scenarioId = value;
        else if (!context.fileLesson) bad(name, value, 'no such scenario');
        break;
      case 'step':
      case 'packet': {
        const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
        if (Number.isNaN(n)) bad(name, value, 'expected a whole number');
        else if (name === 'step') state.step = n;
        else state.packet = n;
        break;
      }
      case 'view':
        if (value in OBSERVER_LABELS) state.viewAs = value as ObserverId;
        else bad(name, value, 'no such observer');
        break;
      case 'speed':
        if (SPEEDS.includes(Number(value))) state.speed = Number(value);
        else bad(name, value, `expected one of ${SPEEDS.join(', ')}`);
        break;
      case 'theme':
        if (value === 'auto' || value === 'light' || value === 'dark') state.theme = value;
        else bad(name, value, 'expected auto, light or dark');
        break;
      case 'embed':
      case 'autoplay':
        if (value === '1' || value === '0') state[name] = value === '1';
        else bad(name, value, 'expected 1 or 0');
        break;
      case 'controls':
        if (value === 'full' || value === 'minimal' || value === 'none') state.controls = value;
        else bad(name, value, 'expected full, minimal or none');
        break;
      case 'lock': {
        const locks = value.split(',').filter(Boolean);
        if (locks.length === 0 || locks.some((l) => !(LOCKS as readonly string[]).includes(l))) bad(name, value, `expected ${LOCKS.join(', ')} or both (lock=mode,protocol)`);
        if (locks.includes('mode')) state.lockMode = true;
        if (locks.includes('protocol')) state.lockProtocol = true;
        break;
      }
      case 'protocol':
        if ((TLS_PROTOCOLS as readonly string[]).includes(value)) rawOptions.protocol = value;
        else bad(name, value, `expected ${TLS_PROTOCOLS.join(', ')}`);
        break;
      case 'panels': {
        const ids = value.split(',').filter(Boolean);
        const known = ids.filter((id): id is PanelId => (PANEL_IDS as readonly string[]).includes(id));
        if (known.length < ids.length) bad(name, value, `unknown panel; known: ${PANEL_IDS.join(', ')}`);
        state.panels = known;
        break;
      }
      case 'parentOrigin':
        state.parentOrigin = parseOrigin(value);
        if (!state.parentOrigin) bad(name, value, 'expected an origin such as https://docs.example.com');
        break;
      case 'req':
        state.requests = parseRequests(value, notices);
        break;
      case 'lesson':
        if (/^[a-z0-9-]{1,64}$/.test(value)) state.lesson = value;
        else bad(name, value, 'not a lesson id');
        break;
      case 'detail':
        if (value === 'moments' || value === 'packets') state.detail = value;
        else bad(name, value, 'expected moments or packets');
        break;
      case 'beat':
        if (/^\d{1,3}$/.test(value) && Number(value) >= 1) state.beat = Number(value) - 1;
        else bad(name, value, 'expected a beat number from 1');
        break;
      default:
        if (name in ALIASED) rawOptions[ALIASED[name]!] = parseOptionValue(ALIASED[name]!, value);
        else if ((OPTION_KEYS as string[]).includes(name)) rawOptions[name] = parseOptionValue(name as keyof RunOptions, value);
        else bad(name, value, 'unknown parameter');
    }
  }
  const options = checkOptions(rawOptions);
  state.options = options.value;
  notices.push(...options.problems.map((p) => `Ignored ${p.replace(/^option /, '').replace(/, ignored$/, '')}.`));
  return { state, notices };
}

function parseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin === 'null') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Edited requests travel as base64url JSON; a malformed blob is dropped with a notice. */
function parseRequests(value: string, notices: string[]): readonly ScriptedRequest[] | null {
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const checked = checkRequests(JSON.parse(json));
    notices.push(...checked.problems.map((p) => `Edited requests: ${p}.`));
    return checked.value.length > 0 ? checked.value : null;
  } catch {
    notices.push('Ignored req=…: not a valid encoded request list.');
    return null;
  }
}

export function encodeRequests(requests: readonly ScriptedRequest[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(requests.map(({ method, path, headers, body }) => ({ method, path, headers, body }))));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The query string for a state: only what differs from the defaults, so links stay short. */
export function serializeUrlState(state: UrlState): string {
  const p = new URLSearchParams();
  const d = DEFAULT_URL_STATE;
  if (state.mode !== d.mode) p.set('mode', state.mode);
  if (state.scenarioId !== d.scenarioId) p.set('scenario', state.scenarioId);
  if (state.step !== d.step) p.set('step', String(state.step));
  for (const key of OPTION_KEYS) {
    const v = state.options[key];
    if (v !== undefined) p.set(OPTION_ALIASES[key] ?? key, typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v));
  }
  if (state.requests) p.set('req', encodeRequests(state.requests));
  if (state.packet !== null) p.set('packet', String(state.packet));
  if (state.viewAs !== d.viewAs) p.set('view', state.viewAs);
  if (state.speed !== d.speed) p.set('speed', String(state.speed));
  if (state.theme !== d.theme) p.set('theme', state.theme);
  if (state.embed) p.set('embed', '1');
  if (state.controls !== d.controls) p.set('controls', state.controls);
  if (state.autoplay) p.set('autoplay', '1');
  const locks = [state.lockMode ? 'mode' : '', state.lockProtocol ? 'protocol' : ''].filter(Boolean);
  if (locks.length > 0) p.set('lock', locks.join(','));
  if (state.panels) p.set('panels', state.panels.join(','));
  if (state.parentOrigin) p.set('parentOrigin', state.parentOrigin);
  if (state.lesson) {
    p.set('lesson', state.lesson);
    p.set('beat', String(state.beat + 1));
  }
  if (state.detail !== null && state.detail !== (state.lesson ? 'moments' : 'packets')) p.set('detail', state.detail);
  const text = p.toString();
  return text ? `?${text}` : '';
}
