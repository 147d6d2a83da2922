/** Pieces the stream (passthrough) and http (layer 7) nginx configurations share. */
import type { ConfigPlan } from './plan';
import { ln } from './plan';

/** The upstream block's balancing line, or a comment that the default applies. */
export function nginxBalance(plan: ConfigPlan): string {
  switch (plan.algorithm) {
    case 'round-robin':
      return '        # no balancing directive: weighted round robin is the default';
    case 'least-connections':
      return ln('        least_conn;', 'the server with the fewest active connections');
    case 'source-ip-hash':
      return ln('        hash $remote_addr consistent;', 'same client address, same server (consistent hashing: few clients move when a server is added)');
  }
}

export const upstreamName = (pool: ConfigPlan['pools'][number], suffix = ''): string => `${pool.name}_pool${suffix}`;

/** `upstream` blocks for the plan's pools at the given port, with the balancing line and a comment per block. */
export function nginxUpstreams(plan: ConfigPlan, port: (b: ConfigPlan['params']['backends'][number]) => number, suffix = '', extra: string[] = []): string[] {
  const out: string[] = [];
  for (const pool of plan.pools) {
    out.push(ln(`    upstream ${upstreamName(pool, suffix)} {`, `the ${pool.name} pool`), nginxBalance(plan), ...extra);
    for (const b of pool.backends) out.push(`        server ${b.address}:${port(b)};`);
    out.push('    }');
  }
  return out;
}
