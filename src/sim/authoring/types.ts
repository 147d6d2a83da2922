/**
 * The trainer's file formats (docs/scenario-format.md, docs/schema/*.schema.json): a scenario file and a lesson
 * file, both plain JSON, versioned by their `format` field. These are the shapes *after* validation; what arrives
 * from outside is `unknown` until `parseScenarioFile` / `parseLessonFile` have checked every field.
 */
import type { Direction } from '../core/events';
import type { LinkId } from '../net/topology';
import type { Faults, Mode, RunOptions } from '../scenarios/types';

export const SCENARIO_FORMAT = 'passthrough-lab/scenario@1';
export const LESSON_FORMAT = 'passthrough-lab/lesson@1';

export interface ClientEntry {
  /** Lower-case name (the browser's own cookies and connection); "alice". */
  readonly name: string;
  /** The public IPv4 address this client's requests come from. */
  readonly ip: string;
}

export interface RequestEntry {
  /** One of `clients[].name`; default the first client. */
  readonly client?: string;
  readonly method: string;
  readonly path: string;
  /** Header name to value; the client adds Host, Content-Length, Cookie and Connection itself. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** 'http' sends cleartext to port 80; default 'https'. */
  readonly scheme?: 'http' | 'https';
  /** The file's `hostname` (default) or its `apiHostname`. */
  readonly host?: string;
  /** What this request is for, in the learner's words (shown in the step list). */
  readonly purpose?: string;
  /** Overrides the client's address for this request (a phone that changed networks). */
  readonly sourceIp?: string;
  /** Skip the load balancer: straight to this backend's port 80. */
  readonly direct?: 'backend-1' | 'backend-2' | 'backend-3';
}

export interface ScenarioFile {
  readonly format: typeof SCENARIO_FORMAT;
  readonly id: string;
  readonly title: string;
  readonly summary?: string;
  readonly lesson?: string;
  readonly hostname?: string;
  readonly apiHostname?: string;
  readonly clients?: readonly ClientEntry[];
  readonly requests: readonly RequestEntry[];
  /** The engine's option names (RunOptions); `sticky` is accepted as another name for `stickyCookie`. */
  readonly options?: Partial<RunOptions>;
  readonly modeOptions?: Partial<Record<Mode, Partial<RunOptions>>>;
  readonly faults?: Faults & { readonly tamper?: { readonly link: LinkId; readonly direction: Direction } };
}

/** `step` in a lesson file: the start, the end, or the nth event of a type (with the pattern's optional fields). */
export type StepEntry =
  | 'start'
  | 'end'
  | { readonly event: string; readonly from?: string; readonly to?: string; readonly carriesHttp?: boolean; readonly target?: string; readonly nth?: number };

export interface LessonFile {
  readonly format: typeof LESSON_FORMAT;
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Scenarios the beats may use besides the built-in ones (each a scenario file, its `format` optional here). */
  readonly scenarios?: readonly Omit<ScenarioFile, 'format'>[];
  readonly beats: readonly unknown[];
}

/**
 * What is wrong with one field, as facts: the words are src/sim/content/fileProblems.ts's. `path` names the field
 * the way a trainer reads it: "requests[2].method", "options.protocol", "" for the file itself.
 */
export type FileProblemCode =
  /** Not JSON, or not an object at the top. */
  | 'not-json'
  /** The text is larger than `limit` bytes. */
  | 'file-too-large'
  /** `format` is missing or another format/version (`expected` is the one this lab reads). */
  | 'format'
  | 'required'
  /** `expected`: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'integer'. */
  | 'type'
  /** `allowed`: the values accepted. */
  | 'one-of'
  /** `expected` is the FileShape the value must have ('hostname': a DNS name such as training.acme.test). */
  | 'pattern'
  | 'too-long'
  | 'too-short'
  | 'too-many'
  | 'too-few'
  /** A number outside `min`..`max`. */
  | 'range'
  /** `value` is the key, `allowed` the keys known at that place. */
  | 'unknown-key'
  /** `__proto__`, `constructor`, `prototype`: never accepted as keys anywhere. */
  | 'forbidden-key'
  /** `<` or `>` in a plain-text field (titles, prompts, purposes): the lab shows text, never markup. */
  | 'markup'
  /** Two entries with one id or name (`value`). */
  | 'duplicate'
  /** An id of a built-in scenario or lesson (`value`). */
  | 'built-in-id'
  /** A reference (`value`) to a client, scenario or host that the file does not define. */
  | 'unknown-ref'
  /** Two fields that must differ (hostname and apiHostname) are the same. */
  | 'same-value'
  /** A `#scenario=` link value longer than `limit` characters (the file must be loaded as a file instead). */
  | 'link-too-long'
  /** A link value that is not base64url, or whose bytes are not deflate data: cut or altered on the way. */
  | 'link-damaged'
  /** A link whose inflated text would be larger than `limit` bytes (a deflate bomb, or simply too much). */
  | 'too-large-after-inflate';

/**
 * What `expected` holds for a 'pattern' problem: the shape a value must have, as a key (the words are
 * content/fileProblems.ts's). For 'type' it is a JSON type; for 'format' the format names.
 */
export type FileShape =
  | 'id'
  | 'hostname'
  | 'ipv4'
  | 'client-address'
  | 'client-name'
  | 'request-path'
  | 'header-name'
  | 'header-value'
  | 'reserved-header';

export interface FileProblem {
  readonly path: string;
  readonly code: FileProblemCode;
  /** 'type': a JSON type name; 'pattern': a FileShape; 'format': the format(s) this lab reads, comma-separated. */
  readonly expected?: string;
  readonly allowed?: readonly string[];
  readonly limit?: number;
  readonly min?: number;
  readonly max?: number;
  /** The offending value, cut to 40 characters (never rendered as anything but text). */
  readonly value?: string;
}

export type FileResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly FileProblem[] };
