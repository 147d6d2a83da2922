/** Messages between the page and the engine worker. The worker owns node-forge; the page never touches it. */
import type { Mode, RunOptions, RunSummary, ScriptedRequest, Timeline, TlsProtocol } from '../sim/index';
import type { ProtocolRow } from '../state/derive/protocolCompare';

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly scenarioId: string;
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
