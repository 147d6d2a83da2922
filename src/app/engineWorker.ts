/** The engine worker as its own file next to the page (the hosted build; works under worker-src 'self'). */
export function createEngineWorker(): Worker {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
}
