import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useMotionValue, type MotionValue } from 'framer-motion';
import { useSimStore } from '../SimContext';

const PlayheadContext = createContext<MotionValue<number> | null>(null);

/**
 * The playhead as a framer-motion value, mirrored from the store: packets read their position from it without
 * re-rendering React on every frame.
 */
export function PlayheadProvider({ children }: { children: ReactNode }) {
  const store = useSimStore();
  const playhead = useMotionValue(store.getState().playhead);
  useEffect(() => {
    playhead.set(store.getState().playhead);
    return store.subscribe((state) => playhead.set(state.playhead));
  }, [store, playhead]);
  return <PlayheadContext.Provider value={playhead}>{children}</PlayheadContext.Provider>;
}

export function usePlayhead(): MotionValue<number> {
  const value = useContext(PlayheadContext);
  if (!value) throw new Error('usePlayhead must be used inside <PlayheadProvider>');
  return value;
}
