/**
 * `options`, `modeOptions` and `faults` of a scenario file (and a beat's `options`): only the engine's own keys,
 * each with the value rules of scenarios/validate.ts. An unknown key is an error rather than silently ignored: a
 * trainer who wrote "stickyCokie" must learn that the option did nothing.
 */
import type { Direction } from '../core/events';
import type { LinkId } from '../net/topology';
import { DEFAULT_OPTIONS, MODES, type Faults, type Mode, type RunOptions } from '../scenarios/types';
import { OPTION_CHOICES, isOptionKey, isOptionValue, optionType } from '../scenarios/validate';
import { FILE_LIMITS } from './limits';
import type { Problems} from './reader';
import { fieldPath, quoted, readBoolean, readObject, readOneOf } from './reader';

/** `sticky` is the name the CLI and the issue use; the engine calls it stickyCookie. Both are accepted. */
export const OPTION_ALIASES = { sticky: 'stickyCookie' } as const satisfies Readonly<Record<string, keyof RunOptions>>;

export const OPTION_KEYS = Object.keys(DEFAULT_OPTIONS) as (keyof RunOptions)[];
const OPTION_FILE_KEYS = [...OPTION_KEYS, ...(Object.keys(OPTION_ALIASES) as (keyof typeof OPTION_ALIASES)[])];

/** One option's value, or a problem saying what it had to be. */
function readOption(problems: Problems, path: string, key: keyof RunOptions, raw: unknown): RunOptions[keyof RunOptions] | undefined {
  if (isOptionValue(key, raw)) return raw as RunOptions[keyof RunOptions];
  const choices = OPTION_CHOICES[key];
  if (choices) problems.add({ path, code: 'one-of', allowed: choices, value: quoted(raw) });
  else if (typeof raw === 'number' && optionType(key) === 'number' && Number.isInteger(raw)) problems.add({ path, code: 'range', min: 0, max: FILE_LIMITS.optionNumber, value: quoted(raw) });
  else problems.add({ path, code: 'type', expected: optionType(key) === 'number' ? 'integer' : optionType(key) });
  return undefined;
}

export function readOptions(problems: Problems, path: string, value: unknown): Partial<RunOptions> | undefined {
  if (value === undefined) return undefined;
  const fields = readObject(problems, path, value, OPTION_FILE_KEYS);
  if (!fields) return undefined;
  const options: Partial<Record<keyof RunOptions, unknown>> = {};
  for (const [alias, key] of Object.entries(OPTION_ALIASES)) {
    if (fields[alias as keyof typeof OPTION_ALIASES] !== undefined && fields[key] !== undefined) {
      problems.add({ path: fieldPath(path, alias), code: 'duplicate', value: key });
    }
  }
  for (const key of OPTION_FILE_KEYS) {
    const raw = fields[key];
    if (raw === undefined) continue;
    const engineKey = isOptionKey(key) ? key : OPTION_ALIASES[key];
    const read = readOption(problems, fieldPath(path, key), engineKey, raw);
    // `key` comes from our own list (OPTION_FILE_KEYS), never from the file.
    if (read !== undefined) options[engineKey] = read;
  }
  return options as Partial<RunOptions>;
}

export function readModeOptions(problems: Problems, path: string, value: unknown): Partial<Record<Mode, Partial<RunOptions>>> | undefined {
  if (value === undefined) return undefined;
  const fields = readObject(problems, path, value, MODES);
  if (!fields) return undefined;
  const perMode: Partial<Record<Mode, Partial<RunOptions>>> = {};
  for (const mode of MODES) {
    const options = readOptions(problems, fieldPath(path, mode), fields[mode]);
    if (options) perMode[mode] = options;
  }
  return perMode;
}

/** The runtime lists of the fault values; the Record types make the compiler prove each list complete. */
const CERTIFICATE_FAULTS = Object.keys({ siteWrongHost: 1, siteExpired: 1, siteUntrusted: 1 } satisfies Record<NonNullable<Faults['serverCertificate']>, 1>) as NonNullable<Faults['serverCertificate']>[];
const LINKS = Object.keys({ internet: 1, internal: 1 } satisfies Record<LinkId, 1>) as LinkId[];
export const DIRECTIONS = Object.keys({ c2s: 1, s2c: 1 } satisfies Record<Direction, 1>) as Direction[];
const BOOLEAN_FAULTS = Object.keys({ impostorBackend: 1, garbageClientHello: 1, stolenSiteKey: 1, splitClientHello: 1 } satisfies Record<Exclude<keyof Faults, 'serverCertificate' | 'tamper'>, 1>) as Exclude<keyof Faults, 'serverCertificate' | 'tamper'>[];
const FAULT_KEYS: readonly (keyof Faults)[] = ['serverCertificate', 'tamper', ...BOOLEAN_FAULTS];

export function readFaults(problems: Problems, path: string, value: unknown): Faults | undefined {
  if (value === undefined) return undefined;
  const fields = readObject(problems, path, value, FAULT_KEYS);
  if (!fields) return undefined;
  const faults: { -readonly [K in keyof Faults]: Faults[K] } = {};
  const certificate = readOneOf(problems, fieldPath(path, 'serverCertificate'), fields.serverCertificate, CERTIFICATE_FAULTS);
  if (certificate) faults.serverCertificate = certificate;
  if (fields.tamper !== undefined) {
    const tamperPath = fieldPath(path, 'tamper');
    const tamper = readObject(problems, tamperPath, fields.tamper, ['link', 'direction'] as const);
    const link = tamper && readOneOf(problems, fieldPath(tamperPath, 'link'), tamper.link, LINKS, true);
    const direction = tamper && readOneOf(problems, fieldPath(tamperPath, 'direction'), tamper.direction, DIRECTIONS, true);
    if (link && direction) faults.tamper = { link, direction };
  }
  for (const key of BOOLEAN_FAULTS) {
    const flag = readBoolean(problems, fieldPath(path, key), fields[key]);
    if (flag !== undefined) faults[key] = flag;
  }
  return faults;
}
