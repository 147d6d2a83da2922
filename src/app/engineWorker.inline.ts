/**
 * The engine worker inlined into the page (the single-file build for file:// and LMS upload, where no second file
 * can be fetched). Selected by the '@engine-worker' alias in vite.config.ts.
 */
import EngineWorker from '../worker/engine.worker.ts?worker&inline';

export function createEngineWorker(): Worker {
  return new EngineWorker();
}
