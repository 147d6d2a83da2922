/**
 * Starts one worker at once (src/app/earlyWorker.ts calls it from the page's tiny first module, before React is
 * evaluated), so the worker's download, parse and first keys overlap the page's start instead of following it.
 * The returned factory hands that worker to the first caller and fresh ones after it. This file imports nothing.
 */
export function prestartWorker(create: () => Worker): () => Worker {
  let early: Worker | null = typeof Worker === 'undefined' ? null : create();
  return () => {
    const worker = early ?? create();
    early = null;
    return worker;
  };
}
