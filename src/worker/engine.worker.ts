/**
 * The engine off the main thread: key generation and the runs of all three modes happen here, so the page
 * keeps painting (ARCHITECTURE.md: heavy work off the animation path). node-forge lives only in this chunk.
 */
import { findScenario, generateLabPki, runScenario, summarize, type LabPki } from '../sim/engine';
import type { RunRequest, WorkerReply } from './protocol';

const post = (reply: WorkerReply): void => (self as unknown as Worker).postMessage(reply);
const clock = (): number => performance.now();

const started = clock();
const pkiReady: Promise<LabPki> = generateLabPki().then((pki) => {
  post({ type: 'keysReady', ms: clock() - started });
  return pki;
});

self.addEventListener('message', (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  if (!request || request.type !== 'run') return;
  void pkiReady.then((pki) => {
    const scenario = findScenario(request.scenarioId);
    if (!scenario) return post({ type: 'failed', id: request.id, message: `unknown scenario "${request.scenarioId}"` });
    for (const mode of request.modes) {
      try {
        const t0 = clock();
        const timeline = runScenario(scenario, { mode, seed: request.seed, options: request.options }, pki, { clock });
        post({ type: 'runDone', id: request.id, mode, timeline, summary: summarize(timeline), ms: clock() - t0 });
      } catch (error) {
        post({ type: 'failed', id: request.id, message: `${mode}: ${(error as Error).message}` });
      }
    }
  });
});
