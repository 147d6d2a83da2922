import { useEffect, useState } from 'react';
import { connectEngine, prestartWorker } from '../state/engineBridge';
import { createSimStore } from '../state/store';
import { SimContext } from '../ui/SimContext';
import { Simulator } from '../ui/Simulator';
import { createEngineWorker } from '@engine-worker';

// The engine worker starts loading and generating keys while React renders the first view.
const takeWorker = prestartWorker(createEngineWorker);

/** Composition only: one store and one engine worker per simulator instance. */
export function App() {
  const [store] = useState(() => createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 }));
  useEffect(() => {
    const bridge = connectEngine(store, takeWorker);
    return () => bridge.dispose();
  }, [store]);
  return (
    <SimContext.Provider value={store}>
      <Simulator />
    </SimContext.Provider>
  );
}
