/**
 * The load balancer: one listener on the public VIP, the mode module that decides what happens to each client
 * connection, and the shared services the modes draw on (backend choice, connections to the internal network).
 */
import type { BalancerPick } from '../core/reasons';
import type { ConnectionHandlers, TcpSide } from '../net/network';
import { BACKENDS, LB_INTERNAL_ADDRESS, LB_VIP, type BackendInfo } from '../net/topology';
import type { RunContext } from '../run/context';
import type { Mode } from '../scenarios/types';
import { createBalancer, type Balancer } from './balancing';
import type { PoolChoice } from './pools';
import { bridgeMode } from './modes/bridge';
import { offloadMode } from './modes/offload';
import { createPassthroughMode } from './modes/passthrough';

export interface LbServices {
  readonly ctx: RunContext;
  /** One balancer per pool, so each pool keeps its own rotation and connection counts. */
  balancerFor(pool: PoolChoice): Balancer;
  /** Requests (layer 7) or connections (layer 4) each backend was given, for the load chart. */
  readonly load: Map<string, number>;
  readonly backends: readonly BackendInfo[];
  /** Opens a TCP connection from the LB's internal address to a backend. */
  connectBackend(backend: BackendInfo, port: number, handlers: ConnectionHandlers): TcpSide;
}

/** Every mode has this one shape: what the LB does with a client connection it accepted on the VIP. */
export interface ModeModule {
  readonly id: Mode;
  acceptClient(front: TcpSide, lb: LbServices): ConnectionHandlers;
  /** A cleartext connection on port 80. */
  acceptPlainHttp(front: TcpSide, lb: LbServices): ConnectionHandlers;
}

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

/** Looks a backend up by the id the balancer returned. */
export function backendById(lb: LbServices, id: string): BackendInfo {
  return lb.backends.find((b) => b.id === id) ?? lb.backends[0]!;
}

/** Picks from a pool with that pool's algorithm, counting the load. */
export function pickBackend(lb: LbServices, pool: PoolChoice, sourceIp: string): { backend: BackendInfo; why: BalancerPick } {
  const pick = lb.balancerFor(pool).pick({ sourceIp });
  const backend = backendById(lb, pick.backend.id);
  countLoad(lb, backend);
  return { backend, why: pick.why };
}

export function countLoad(lb: LbServices, backend: BackendInfo): void {
  lb.load.set(backend.id, (lb.load.get(backend.id) ?? 0) + 1);
}
