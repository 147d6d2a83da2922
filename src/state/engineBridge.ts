/**
 * Connects a store to the engine worker: asks for runs of all three modes (the one on screen first) whenever the
 * scenario, the options (the TLS version among them) or the edited requests change, then, in the background, the
 * "Compare protocols" facts of the other versions; files the results, and drops answers to questions nobody
 * asks any more. Options and requests are checked before they cross (./validation).
 */
import { MODES, type Mode } from '../sim/index';
import type { RunRequest, WorkerReply } from '../worker/protocol';
import type { SimState, SimStore } from './store';
import { sanitizeOptions, sanitizeRequests } from './validation';

export interface EngineBridge {
  dispose(): void;
}

/** The inputs of a run: when one of these changes, every mode has to run again. */
const runInputsChanged = (a: SimState, b: SimState): boolean =>
  a.scenarioId !== b.scenarioId || a.seed !== b.seed || a.options !== b.options || a.requests !== b.requests;

export function buildRunRequest(state: SimState, id: number): RunRequest {
  const modes: Mode[] = [state.mode, ...MODES.filter((m) => m !== state.mode)];
  const requests = state.requests ? sanitizeRequests(state.requests) : null;
  return {
    type: 'run', id, scenarioId: state.scenarioId, seed: state.seed,
    options: sanitizeOptions(state.options), modes, compareProtocols: true,
    ...(requests ? { requests } : {}),
  };
}

/**
 * Starts one worker at once (call it at module load, before React renders), so the worker's download, parse and
 * first key generation overlap the page's first render instead of following it. The returned factory hands that
 * worker to the first caller and fresh ones after it.
 */
export function prestartWorker(create: () => Worker): () => Worker {
  let early: Worker | null = typeof Worker === 'undefined' ? null : create();
  return () => {
    const worker = early ?? create();
    early = null;
    return worker;
  };
}

export function connectEngine(store: SimStore, createWorker: () => Worker): EngineBridge {
  const worker = createWorker();
  let requestId = 0;

  const request = (): void => {
    requestId++;
    worker.postMessage(buildRunRequest(store.getState(), requestId));
  };

  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    if (reply.type === 'keysReady') {
      if (store.getState().status === 'starting') store.getState().receive({ keysMs: reply.ms, status: 'running' });
      return;
    }
    if (reply.id !== requestId) return;
    if (reply.type === 'failed') return store.getState().receive({ status: 'error', error: reply.message });
    if (reply.type === 'protocolRow') return store.getState().storeProtocolRow(reply.mode, reply.protocol, reply.row);
    store.getState().storeRun(reply.mode, { timeline: reply.timeline, summary: reply.summary, ms: reply.ms });
  });
  worker.addEventListener('error', (event) => store.getState().receive({ status: 'error', error: event.message || 'the engine worker failed to start' }));

  const unsubscribe = store.subscribe((state, previous) => {
    if (runInputsChanged(state, previous)) request();
  });
  request();
  return {
    dispose() {
      unsubscribe();
      worker.terminate();
    },
  };
}
