import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SimActions, SimState, SimStore } from '../state/store';

export const SimContext = createContext<SimStore | null>(null);

/** This simulator instance's store itself (for the clock and event handlers that read without subscribing). */
export function useSimStore(): SimStore {
  const store = useContext(SimContext);
  if (!store) throw new Error('useSim must be used inside <SimContext.Provider>');
  return store;
}

/** Reads this simulator instance's store (each embed has its own). */
export function useSim<T>(selector: (state: SimState & SimActions) => T): T {
  return useStore(useSimStore(), selector);
}
