/**
 * The postMessage protocol between an embedded simulator and the page around it (documented in
 * docs/embedding.md). Every message is an object tagged with PROTOCOL; anything else — including node-forge's
 * own 'forge.setImmediate' strings — is not ours and is ignored.
 */
import { FILE_LIMITS, MODES, TLS_PROTOCOLS, type Mode, type TlsProtocol } from '../sim/index';

export const PROTOCOL = 'passthrough-lab/1';

export type Command =
  | { readonly type: 'setMode'; readonly mode: Mode }
  /** The TLS version of the run ("tls1.3"); the field is not called `protocol`, which tags every message. */
  | { readonly type: 'setTlsVersion'; readonly version: TlsProtocol }
  /** A scenario id: the lab's own, or one loaded into this simulator (the bridge checks that it is known). */
  | { readonly type: 'setScenario'; readonly scenario: string }
  /**
   * A trainer's file (docs/scenario-format.md) to load, as its JSON text: the parent posts it as an object or a
   * string. null: it is larger than FILE_LIMITS.fileBytes (answered with fileRejected, nothing of it read).
   */
  | { readonly type: 'loadScenario' | 'loadLesson'; readonly text: string | null }
  | { readonly type: 'seek'; readonly step: number }
  | { readonly type: 'play' }
  | { readonly type: 'pause' };

export type Announcement =
  | { readonly type: 'ready'; readonly mode: Mode; readonly tlsVersion: TlsProtocol; readonly scenario: string; readonly steps: number }
  | { readonly type: 'step'; readonly step: number; readonly steps: number; readonly mode: Mode; readonly tlsVersion: TlsProtocol }
  | { readonly type: 'mode'; readonly mode: Mode }
  | { readonly type: 'resize'; readonly height: number }
  | { readonly type: 'error'; readonly message: string }
  /** The learner opened a guided lesson (or moved to another one). */
  | { readonly type: 'lessonStarted'; readonly lesson: string }
  /** The learner checked an answer: which question, right or not, and the choice ids they picked. */
  | { readonly type: 'answered'; readonly lesson: string; readonly question: string; readonly correct: boolean; readonly choice: readonly string[] }
  /** The learner finished the lesson's last beat. */
  | { readonly type: 'lessonCompleted'; readonly lesson: string; readonly answered: number; readonly correct: number }
  /** A message of this protocol that was refused (too big, unknown type, invalid value), and why. */
  | { readonly type: 'rejected'; readonly reason: string }
  /** A loadScenario / loadLesson file was read and is on screen, under this id. */
  | { readonly type: 'scenarioLoaded'; readonly id: string }
  | { readonly type: 'lessonLoaded'; readonly id: string }
  /** A loadScenario / loadLesson file was refused: what is wrong with it, one line per problem (the notices' words). */
  | { readonly type: 'fileRejected'; readonly problems: readonly string[] };

/**
 * How big a command may be. Every command is a handful of short fields: a message with more fields, a field that
 * is an object or an array, or a string longer than this is refused before any of it is read (a parent page
 * cannot make the simulator walk a two-million-element array). docs/embedding.md states these numbers.
 */
export const COMMAND_LIMITS = { fields: 8, stringLength: 256 } as const;

/** The commands that carry a trainer's file in their `file` field, exempt from the field limits above. */
const FILE_COMMANDS: ReadonlySet<unknown> = new Set(['loadScenario', 'loadLesson']);

/**
 * A posted file (any structured-clonable value) as JSON text, or null when it is larger than the file limit. The
 * size is estimated by a walk that stops as soon as it passes the limit, so a two-million-element array (or a
 * cycle, which structured cloning allows) costs no more than the limit to refuse; only then is it serialized.
 */
export function postedFileText(file: unknown, limit: number = FILE_LIMITS.fileBytes): string | null {
  if (typeof file === 'string') return file.length > limit ? null : file;
  let size = 0;
  const stack: unknown[] = [file];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') size += value.length + 2;
    else if (Array.isArray(value)) {
      // Every element takes at least two characters of JSON: a long array is refused by its length alone.
      size += 2 + 2 * value.length;
      if (size > limit) return null;
      for (const inner of value) stack.push(inner);
    } else if (value !== null && typeof value === 'object') {
      size += 2;
      // for-in stops at the limit without listing every key first, as Object.entries would.
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        size += key.length + 4;
        stack.push((value as Record<string, unknown>)[key]);
        if (size > limit) return null;
      }
    } else size += 24;
    if (size > limit) return null;
  }
  try {
    // Serializing drops what is not JSON (functions cannot be cloned; Maps, Dates and typed arrays can).
    return JSON.stringify(file) ?? 'null';
  } catch {
    return 'null';
  }
}

/** Why a message of this protocol was refused, in words for the parent page's developer. */
export type CommandCheck = { readonly command: Command } | { readonly refused: string };

function sizeProblem(m: Record<string, unknown>): string | null {
  const keys = Object.keys(m);
  if (keys.length > COMMAND_LIMITS.fields) return `a command has at most ${COMMAND_LIMITS.fields} fields (this one has ${keys.length})`;
  for (const key of keys) {
    // A file is big by nature: postedFileText bounds it.
    if (key === 'file' && FILE_COMMANDS.has(m.type)) continue;
    const value = m[key];
    if (value !== null && typeof value === 'object') return `field "${key.slice(0, 40)}" is an object or array; commands carry only strings, numbers and booleans`;
    if (typeof value === 'string' && value.length > COMMAND_LIMITS.stringLength) return `field "${key.slice(0, 40)}" is longer than ${COMMAND_LIMITS.stringLength} characters`;
  }
  return null;
}

/** The shape of a scenario id (the lab's own and a file's); whether one is known is the bridge's question. */
const SCENARIO_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function commandOf(m: Record<string, unknown>): Command | null {
  switch (m.type) {
    case 'setMode':
      return typeof m.mode === 'string' && (MODES as readonly string[]).includes(m.mode) ? { type: 'setMode', mode: m.mode as Mode } : null;
    case 'setTlsVersion':
      return typeof m.version === 'string' && (TLS_PROTOCOLS as readonly string[]).includes(m.version) ? { type: 'setTlsVersion', version: m.version as TlsProtocol } : null;
    case 'setScenario':
      return typeof m.scenario === 'string' && SCENARIO_ID.test(m.scenario) ? { type: 'setScenario', scenario: m.scenario } : null;
    case 'loadScenario':
    case 'loadLesson':
      return m.file === undefined ? null : { type: m.type, text: postedFileText(m.file) };
    case 'seek':
      return Number.isInteger(m.step) && (m.step as number) >= 0 && (m.step as number) <= 100_000 ? { type: 'seek', step: m.step as number } : null;
    case 'play':
    case 'pause':
      return { type: m.type };
    default:
      return null;
  }
}

/**
 * Checks an incoming message: null for anything that is not of this protocol (node-forge's strings, other
 * libraries' messages), a refusal with its reason for a message of this protocol that is too big or invalid.
 */
export function checkCommand(data: unknown): CommandCheck | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const m = data as Record<string, unknown>;
  if (m.protocol !== PROTOCOL) return null;
  const tooBig = sizeProblem(m);
  if (tooBig) return { refused: tooBig };
  const command = commandOf(m);
  return command ? { command } : { refused: `not a valid command: ${JSON.stringify(m).slice(0, 120)}` };
}

/** Validates an incoming message; null for anything that is not a well-formed command of this protocol. */
export function parseCommand(data: unknown): Command | null {
  const checked = checkCommand(data);
  return checked && 'command' in checked ? checked.command : null;
}

export function envelope(announcement: Announcement): Announcement & { protocol: string } {
  return { protocol: PROTOCOL, ...announcement };
}
