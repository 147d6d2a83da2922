/**
 * Starting the engine worker, kept apart from the engine bridge so the page's first module can do it before React
 * and the rest of the app are evaluated (src/app/earlyWorker.ts): this file imports nothing.
 */
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
