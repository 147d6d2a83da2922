import { useEffect, useState } from 'react';
import { connectEngine } from '../state/engineBridge';
import { createSimStore } from '../state/store';
import { SimContext } from '../ui/SimContext';
import { Simulator } from '../ui/Simulator';

const createWorker = (): Worker => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });

/** Composition only: one store and one engine worker per simulator instance. */
export function App() {
  const [store] = useState(() => createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 }));
  useEffect(() => {
    const bridge = connectEngine(store, createWorker);
    return () => bridge.dispose();
  }, [store]);
  return (
    <SimContext.Provider value={store}>
      <Simulator />
    </SimContext.Provider>
  );
}
