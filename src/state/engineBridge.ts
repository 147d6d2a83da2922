/**
 * Connects a store to the engine worker: asks for runs when the scenario changes, files the results, and drops
 * answers to questions nobody asks any more (a scenario switched mid-run).
 */
import { MODES, type Mode } from '../sim/index';
import type { RunRequest, WorkerReply } from '../worker/protocol';
import type { SimStore } from './store';

export interface EngineBridge {
  dispose(): void;
}

export function connectEngine(store: SimStore, createWorker: () => Worker): EngineBridge {
  const worker = createWorker();
  let requestId = 0;

  const request = (): void => {
    const { scenarioId, seed, mode } = store.getState();
    requestId++;
    const modes: Mode[] = [mode, ...MODES.filter((m) => m !== mode)];
    const message: RunRequest = { type: 'run', id: requestId, scenarioId, seed, options: {}, modes };
    worker.postMessage(message);
  };

  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    if (reply.type === 'keysReady') return store.getState().receive({ keysMs: reply.ms, status: 'running' });
    if (reply.id !== requestId) return;
    if (reply.type === 'failed') return store.getState().receive({ status: 'error', error: reply.message });
    store.getState().storeRun(reply.mode, { timeline: reply.timeline, summary: reply.summary, ms: reply.ms });
  });
  worker.addEventListener('error', (event) => store.getState().receive({ status: 'error', error: event.message || 'the engine worker failed to start' }));

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.scenarioId !== previous.scenarioId || state.seed !== previous.seed) request();
  });
  request();
  return {
    dispose() {
      unsubscribe();
      worker.terminate();
    },
  };
}
