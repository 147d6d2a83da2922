/**
 * The load balancer: one listener on the public VIP, the mode module that decides what happens to each client
 * connection, and the shared services the modes draw on (backend choice, connections to the internal network).
 */
import { BACKENDS, LB_INTERNAL_ADDRESS, LB_VIP } from '../net/topology';
import type { RunContext } from '../run/context';
import type { Mode } from '../scenarios/types';
import type { LbServices, ModeModule } from './services';
import { createBalancer, type Balancer } from './balancing';
import { bridgeMode } from './modes/bridge';
import { offloadMode } from './modes/offload';
import { createPassthroughMode } from './modes/passthrough';

/**
 * Each run builds its LB's mode module here, so per-run state (the passthrough connection counter) lives in the
 * run and never at module level; the layer-7 modules keep theirs per connection and can be shared.
 */
const MODULES: Readonly<Record<Mode, (ctx: RunContext) => ModeModule>> = {
  passthrough: createPassthroughMode,
  offload: () => offloadMode,
  bridge: () => bridgeMode,
};

export function startLoadBalancer(ctx: RunContext): LbServices {
  const balancers = new Map<string, Balancer>();
  const services: LbServices = {
    ctx,
    balancerFor(pool) {
      let balancer = balancers.get(pool.pool);
      if (!balancer) {
        balancer = createBalancer(ctx.options.algorithm, pool.backends.map((b) => ({ id: b.id, name: b.name, address: b.address })));
        balancers.set(pool.pool, balancer);
      }
      return balancer;
    },
    load: new Map(BACKENDS.map((b) => [b.id, 0])),
    backends: BACKENDS,
    connectBackend(backend, port, handlers) {
      return ctx.network.connect({
        from: 'lb', local: { ip: LB_INTERNAL_ADDRESS, port: ctx.network.nextEphemeralPort() },
        to: backend.id, remote: { ip: backend.address, port }, link: 'internal',
      }, handlers);
    },
  };
  const module = MODULES[ctx.mode](ctx);
  ctx.network.listen('lb', { ip: LB_VIP, port: 443 }, { accept: (front) => module.acceptClient(front, services) });
  ctx.network.listen('lb', { ip: LB_VIP, port: 80 }, { accept: (front) => module.acceptPlainHttp(front, services) });
  return services;
}
