/** Pieces the passthrough and layer-7 HAProxy configurations share. */
import type { ConfigPlan, Pool } from './plan';
import { ln } from './plan';

/** `balance ...` with what it means for this pool. */
export function balanceLine(plan: ConfigPlan): string {
  switch (plan.algorithm) {
    case 'round-robin':
      return ln('    balance roundrobin', plan.layer7 ? 'each request goes to the next server in turn' : 'each connection goes to the next server in turn');
    case 'least-connections':
      return ln('    balance leastconn', 'the server with the fewest open connections');
    case 'source-ip-hash':
      return ln('    balance source', 'hash of the client address: a client keeps its server until its address changes');
  }
}

export const backendName = (pool: Pool, suffix = ''): string => `be_${pool.name}${suffix}`;
