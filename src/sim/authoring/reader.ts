/**
 * Reading untrusted JSON one field at a time. Every reader records what is wrong as a FileProblem with the field's
 * path and carries on, so a trainer sees every mistake of a file at once (up to FILE_LIMITS.problems). Nothing
 * here assigns into an object under a key that came from the file: objects are read through an allowlist of keys
 * and copied into a fresh null-prototype record, so `__proto__` and friends can never reach a prototype.
 */
import { FILE_LIMITS, FORBIDDEN_KEYS } from './limits';
import type { FileProblem, FileShape } from './types';

/** The problems of one file, in the order found; past the cap the rest are dropped (they repeat the first). */
export class Problems {
  readonly list: FileProblem[] = [];

  add(problem: FileProblem): void {
    if (this.list.length < FILE_LIMITS.problems) this.list.push(problem);
  }

  /** How many were found so far: a caller compares before and after to tell whether one field was fine. */
  get count(): number {
    return this.list.length;
  }
}

/** "requests" + "method" -> "requests.method"; the file itself is "". */
export const fieldPath = (path: string, key: string): string => (path ? `${path}.${key}` : key);
export const itemPath = (path: string, index: number): string => `${path}[${index}]`;

/**
 * An offending value as a problem quotes it: text cut to 40 characters (the last one an ellipsis when cut); a list
 * or an object only as `[…]` or `{…}`, never serialised (it may be huge, or cyclic when it came by postMessage).
 */
export function quoted(value: unknown): string {
  const text = Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : String(value);
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}

const isForbiddenKey = (key: string): boolean => (FORBIDDEN_KEYS as readonly string[]).includes(key);

/** A plain object from JSON (or a structured clone): not an array, not null, not a class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A record with only the allowed keys that were present; its prototype is null. */
export type Fields<K extends string> = { readonly [P in K]?: unknown };

/**
 * Reads an object whose keys are fixed: each forbidden key and each unknown key is a problem (with the known keys
 * as `allowed`); the known ones are copied into a null-prototype record. Undefined when it is not an object.
 */
export function readObject<K extends string>(problems: Problems, path: string, value: unknown, keys: readonly K[]): Fields<K> | undefined {
  if (!isPlainObject(value)) {
    problems.add({ path, code: 'type', expected: 'object' });
    return undefined;
  }
  const fields = Object.create(null) as Record<K, unknown>;
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key)) problems.add({ path: fieldPath(path, key), code: 'forbidden-key', value: quoted(key) });
    else if (!(keys as readonly string[]).includes(key)) problems.add({ path: fieldPath(path, key), code: 'unknown-key', value: quoted(key), allowed: keys });
  }
  for (const key of keys) if (Object.hasOwn(value, key)) fields[key] = value[key];
  return fields;
}

/**
 * Reads an object whose keys are data (a request's header names): a forbidden key is a problem and is skipped;
 * the entries come back as a list of pairs, in order, so no key of the file is ever used as a property name.
 */
export function readEntries(problems: Problems, path: string, value: unknown): Array<readonly [string, unknown]> | undefined {
  if (!isPlainObject(value)) {
    problems.add({ path, code: 'type', expected: 'object' });
    return undefined;
  }
  const entries: Array<readonly [string, unknown]> = [];
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key)) problems.add({ path: fieldPath(path, key), code: 'forbidden-key', value: quoted(key) });
    else entries.push([key, value[key]]);
  }
  return entries;
}

export interface StringRule {
  readonly required?: boolean;
  /** At least this many characters (1 for a field that must not be empty). */
  readonly min?: number;
  readonly max: number;
  /** Plain text shown to the learner: `<` and `>` are refused, so nobody can mistake it for markup. */
  readonly plain?: boolean;
}

/** A string within its length limits; undefined when absent or wrong (the problem is recorded). */
export function readString(problems: Problems, path: string, value: unknown, rule: StringRule): string | undefined {
  if (value === undefined) {
    if (rule.required) problems.add({ path, code: 'required' });
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.add({ path, code: 'type', expected: 'string' });
    return undefined;
  }
  if (value.length > rule.max) return void problems.add({ path, code: 'too-long', limit: rule.max });
  if (value.length < (rule.min ?? 0)) return void problems.add({ path, code: 'too-short', limit: rule.min ?? 0 });
  if (rule.plain && /[<>]/.test(value)) return void problems.add({ path, code: 'markup', value: quoted(value) });
  return value;
}

/** A string that must match a shape (an id, a hostname, an address); `test` is the shape's own check. */
export function readShaped(problems: Problems, path: string, value: unknown, shape: FileShape, test: (text: string) => boolean, required = false): string | undefined {
  const text = readString(problems, path, value, { required, max: FILE_LIMITS.path });
  if (text === undefined) return undefined;
  if (!test(text)) return void problems.add({ path, code: 'pattern', expected: shape, value: quoted(text) });
  return text;
}

/** One of a fixed list of strings. */
export function readOneOf<T extends string>(problems: Problems, path: string, value: unknown, allowed: readonly T[], required = false): T | undefined {
  if (value === undefined) {
    if (required) problems.add({ path, code: 'required' });
    return undefined;
  }
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problems.add({ path, code: 'one-of', allowed, value: quoted(value) });
  return undefined;
}

export function readBoolean(problems: Problems, path: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  return void problems.add({ path, code: 'type', expected: 'boolean' });
}

/** A whole number from `min` to `max`. */
export function readInteger(problems: Problems, path: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return void problems.add({ path, code: 'type', expected: 'integer' });
  if (value < min || value > max) return void problems.add({ path, code: 'range', min, max, value: quoted(value) });
  return value;
}

/**
 * A list of `min`..`max` entries. Past `max` only the first `max` are read (the rest would repeat the problem and
 * cost time), and the count is a problem of its own.
 */
export function readList(problems: Problems, path: string, value: unknown, min: number, max: number, required = false): readonly unknown[] | undefined {
  if (value === undefined) {
    if (required) problems.add({ path, code: 'required' });
    return undefined;
  }
  if (!Array.isArray(value)) return void problems.add({ path, code: 'type', expected: 'array' });
  if (value.length < min) problems.add({ path, code: 'too-few', limit: min });
  if (value.length > max) problems.add({ path, code: 'too-many', limit: max });
  return value.slice(0, max);
}
