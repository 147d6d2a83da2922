import { useEffect, useState } from 'react';
import { connectEngine } from '../state/engineBridge';
import { createSimStore } from '../state/store';
import { SimContext } from '../ui/SimContext';
import { Simulator } from '../ui/Simulator';
import { createEngineWorker } from '@engine-worker';


/** Composition only: one store and one engine worker per simulator instance. */
export function App() {
  const [store] = useState(() => createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 }));
  useEffect(() => {
    const bridge = connectEngine(store, createEngineWorker);
    return () => bridge.dispose();
  }, [store]);
  return (
    <SimContext.Provider value={store}>
      <Simulator />
    </SimContext.Provider>
  );
}
