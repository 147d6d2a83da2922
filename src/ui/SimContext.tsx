import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SimActions, SimState, SimStore } from '../state/store';

export const SimContext = createContext<SimStore | null>(null);

/** Reads this simulator instance's store (each embed has its own). */
export function useSim<T>(selector: (state: SimState & SimActions) => T): T {
  const store = useContext(SimContext);
  if (!store) throw new Error('useSim must be used inside <SimContext.Provider>');
  return useStore(store, selector);
}
