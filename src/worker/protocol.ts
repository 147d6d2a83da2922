/** Messages between the page and the engine worker. The worker owns node-forge; the page never touches it. */
import type { KeyName, Mode, RunOptions, RunSummary, ScenarioFile, ScriptedRequest, Timeline, TlsProtocol } from '../sim/index';
import type { ProtocolRow } from '../state/derive/protocolCompare';

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  /** A built-in scenario's id; for a trainer's scenario, its id as well (the file below is what runs). */
  readonly scenarioId: string;
  /**
   * A trainer's scenario (the page's library) in its file form: the worker knows only the built-in catalog, and it
   * reads this with the file validator (parseScenarioFile) as it would any file from outside. The learner's
   * options and edited requests travel beside it, as for a built-in scenario.
   */
  readonly scenarioFile?: ScenarioFile;
  readonly seed: number;
  readonly options: Partial<RunOptions>;
  /** Edited requests from the request editor; absent = the scenario's own. */
  readonly requests?: readonly ScriptedRequest[];
  /** Run this mode first (the one on screen); the others follow in the background. */
  readonly modes: readonly Mode[];
  /**
   * After the modes: run these modes again under the other TLS versions, in the background, and send back only
   * the comparison facts (the "Compare protocols" table). Absent = no comparison.
   */
  readonly compareProtocols?: boolean;
}

export type WorkerReply =
  | { readonly type: 'keysReady'; readonly ms: number }
  | { readonly type: 'runDone'; readonly id: number; readonly mode: Mode; readonly timeline: Timeline; readonly summary: RunSummary; readonly ms: number }
  | { readonly type: 'protocolRow'; readonly id: number; readonly mode: Mode; readonly protocol: TlsProtocol; readonly row: ProtocolRow }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** Everything this request asked for has been sent (its runs and comparison rows). */
  | { readonly type: 'done'; readonly id: number };

/**
 * The page generates the first keys itself at navigation (src/app/earlyKeys.ts), while this worker is still
 * loading: it says so before any run request, then hands the keys over (an empty set if it could not make them).
 */
export type PageKeysMessage =
  | { readonly type: 'pageKeysComing' }
  | { readonly type: 'pageKeys'; readonly keys: Partial<Record<KeyName, CryptoKey>> };
