import { useDeferredValue } from 'react';
import type { SimActions, SimState } from '../state/store';
import { useSim } from './SimContext';

/**
 * A store value for the heavy panels (inspector, tables): React renders the stage with the new step first and these
 * panels in an interruptible background pass, so a step change never blocks an animation frame for long.
 */
export function useDeferredSim<T>(selector: (state: SimState & SimActions) => T): T {
  return useDeferredValue(useSim(selector));
}
