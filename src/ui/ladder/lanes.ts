/** The ladder's lanes (one per host) and where each sits across the row, in percent. */
import type { NodeId } from '../../sim/index';

export const LANES: readonly NodeId[] = ['client', 'lb', 'backend-1', 'backend-2', 'backend-3'];
/** Short, for the lane headings. */
export const LANE_NAMES: Readonly<Record<NodeId, string>> = {
  client: 'Client', lb: 'LB', 'backend-1': 'backend-1', 'backend-2': 'backend-2', 'backend-3': 'backend-3',
};

/** In full, for each row's accessible text ("Client to Load balancer: ClientHello"). */
export const LANE_SPOKEN: Readonly<Record<NodeId, string>> = { ...LANE_NAMES, lb: 'Load balancer' };

export function laneCenter(node: NodeId): number {
  const i = Math.max(0, LANES.indexOf(node));
  return ((i + 0.5) / LANES.length) * 100;
}
