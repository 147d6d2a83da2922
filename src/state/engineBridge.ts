/**
 * Connects a store to the engine worker: asks for runs of all three modes (the one on screen first) whenever the
 * scenario, the options (the TLS version among them) or the edited requests change, then, in the background, the
 * "Compare protocols" facts of the other versions; files the results, and drops answers to questions nobody
 * asks any more. Options and requests are checked before they cross (./validation).
 *
 * Every request ends in one of three ways (QUALITY.md: no request is left without an answer):
 * - its results (the worker closes it with `done`);
 * - a newer request, which supersedes it (its late replies are dropped by id);
 * - a visible error with a "Try again" button (store.retry), after the worker failed the request, or crashed, or
 *   fell silent for `replyTimeoutMs`: a crashed or silent worker is replaced by a fresh one and the request is
 *   sent again once, with a notice; if the fresh worker fails too, the learner sees why.
 */
import { MODES, scenarioToFile, type Mode } from '../sim/index';
import type { RunRequest, WorkerReply } from '../worker/protocol';
import { isLibraryScenario, scenarioById } from './selectors';
import type { SimState, SimStore } from './store';
import { sanitizeOptions, sanitizeRequests } from './validation';

export interface EngineBridge {
  dispose(): void;
}

export interface EngineBridgeOptions {
  /**
   * How long the worker may stay silent while it owes an answer. Key generation and the longest scenario take a
   * few seconds on a slow machine, and the worker reports after every mode, so silence this long means it is stuck.
   */
  readonly replyTimeoutMs?: number;
  /** Timers, replaceable in tests. */
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

export const DEFAULT_REPLY_TIMEOUT_MS = 20_000;

/**
 * The store threw its runs away (a new generation): ask for new ones. Comparing the inputs instead would miss a
 * change that clears the runs but leaves every input equal (resetting requests that were never edited), and
 * the page would wait for an answer nobody was asked for.
 */
const runsWanted = (a: SimState, b: SimState): boolean => a.generation !== b.generation || a.seed !== b.seed;

export function buildRunRequest(state: SimState, id: number): RunRequest {
  const modes: Mode[] = [state.mode, ...MODES.filter((m) => m !== state.mode)];
  const requests = state.requests ? sanitizeRequests(state.requests) : null;
  // A trainer's scenario crosses as its file, without the learner's edits: those travel beside it, as always.
  const fromLibrary = isLibraryScenario(state, state.scenarioId) ? scenarioById(state, state.scenarioId) : undefined;
  return {
    type: 'run', id, scenarioId: state.scenarioId, seed: state.seed,
    options: sanitizeOptions(state.options), modes, compareProtocols: true,
    ...(requests ? { requests } : {}),
    ...(fromLibrary ? { scenarioFile: scenarioToFile(fromLibrary) } : {}),
  };
}

export function connectEngine(store: SimStore, createWorker: () => Worker, options: EngineBridgeOptions = {}): EngineBridge {
  const timeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let worker: Worker;
  let requestId = 0;
  /** The request being answered (null once it is done, failed or given up on). */
  let open: number | null = null;
  /** The open request was already sent again to a fresh worker: the next failure is shown, not retried. */
  let resent = false;
  let watchdog: unknown = null;

  const disarm = (): void => {
    if (watchdog !== null) clearTimer(watchdog);
    watchdog = null;
  };
  /** (Re)starts the silence timer; every reply for the open request calls it. */
  const arm = (): void => {
    disarm();
    if (open !== null) watchdog = setTimer(() => workerLost('the engine stopped answering'), timeoutMs);
  };
  const fail = (message: string): void => {
    open = null;
    disarm();
    store.getState().receive({ status: 'error', error: message });
  };

  const send = (): void => {
    open = requestId;
    arm();
    try {
      worker.postMessage(buildRunRequest(store.getState(), requestId));
    } catch (error) {
      fail(`the request could not be sent to the engine: ${(error as Error).message}`);
    }
  };
  const request = (): void => {
    requestId++;
    resent = false;
    send();
  };

  const onMessage = (event: MessageEvent<WorkerReply>): void => {
    const reply = event.data;
    if (reply.type === 'keysReady') {
      if (store.getState().status === 'starting') store.getState().receive({ keysMs: reply.ms, status: 'running' });
      if (open !== null) arm();
      return;
    }
    if (reply.id !== requestId) return;
    if (open === requestId) arm();
    switch (reply.type) {
      case 'failed': return fail(reply.message);
      case 'done':
        open = null;
        return disarm();
      case 'protocolRow': return store.getState().storeProtocolRow(reply.mode, reply.protocol, reply.row);
      case 'runDone': return store.getState().storeRun(reply.mode, { timeline: reply.timeline, summary: reply.summary, ms: reply.ms });
    }
  };

  /** A crashed or silent worker: replace it, and send the open request once more before showing an error. */
  const workerLost = (why: string): void => {
    worker.terminate();
    hire();
    if (open === null) return;
    if (resent) return fail(`${why}, also after a restart`);
    resent = true;
    store.getState().notify(`${why[0]!.toUpperCase()}${why.slice(1)}: it was restarted and is computing again.`);
    send();
  };

  const hire = (): void => {
    const hired = createWorker();
    worker = hired;
    // A replaced worker is terminated and goes quiet; these checks keep any last word of it out all the same.
    hired.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      if (hired === worker) onMessage(event);
    });
    hired.addEventListener('error', (event: ErrorEvent) => {
      if (hired !== worker) return;
      event.preventDefault?.();
      workerLost(`the engine worker failed${event.message ? ` (${event.message})` : ''}`);
    });
    hired.addEventListener('messageerror', () => {
      if (hired === worker) workerLost('a reply from the engine could not be read');
    });
  };

  hire();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.attempt !== previous.attempt) {
      // "Try again": a fresh worker, in case the old one is the problem.
      worker.terminate();
      hire();
    }
    if (runsWanted(state, previous)) request();
  });
  request();
  return {
    dispose() {
      unsubscribe();
      disarm();
      worker.terminate();
    },
  };
}
