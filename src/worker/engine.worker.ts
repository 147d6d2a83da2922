/**
 * The engine off the main thread: key generation and the runs of all three modes happen here, so the page
 * keeps painting (ARCHITECTURE.md: heavy work off the animation path). node-forge lives only in this chunk.
 * Keys are generated on demand: the first run waits only for the keys its mode needs; the rest follow.
 */
import { KEY_NAMES, createPkiGenerator, findScenario, requiredKeys, runScenario, summarize } from '../sim/engine';
import type { RunRequest, WorkerReply } from './protocol';

const post = (reply: WorkerReply): void => (self as unknown as Worker).postMessage(reply);
const clock = (): number => performance.now();
const generator = createPkiGenerator();
const started = clock();
// Every run needs the public root and the site key: start on them before the first request arrives.
void generator.ensure(['publicRootCa', 'site']);
/** Requests run one after another; a newer request makes older ones pointless. */
let latest = 0;
let queue: Promise<void> = Promise.resolve();

async function serve(request: RunRequest): Promise<void> {
  const scenario = findScenario(request.scenarioId);
  if (!scenario) return post({ type: 'failed', id: request.id, message: `unknown scenario "${request.scenarioId}"` });
  for (const [index, mode] of request.modes.entries()) {
    if (request.id !== latest) return;
    try {
      const pki = await generator.ensure(requiredKeys(scenario, mode, request.options));
      if (index === 0) post({ type: 'keysReady', ms: clock() - started });
      const t0 = clock();
      const timeline = runScenario(scenario, { mode, seed: request.seed, options: request.options, ...(request.requests ? { requests: request.requests } : {}) }, pki, { clock });
      post({ type: 'runDone', id: request.id, mode, timeline, summary: summarize(timeline), ms: clock() - t0 });
    } catch (error) {
      post({ type: 'failed', id: request.id, message: `${mode}: ${(error as Error).message}` });
    }
  }
  // Everything else in the background, so switching scenario later does not wait for keys.
  void generator.ensure(KEY_NAMES);
}

self.addEventListener('message', (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  if (!request || request.type !== 'run' || typeof request.id !== 'number') return;
  latest = request.id;
  queue = queue.then(() => serve(request));
});
