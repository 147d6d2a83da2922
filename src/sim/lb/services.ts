/**
 * What the load balancer's mode modules draw on: the services of one LB (backend choice, connections to the
 * internal network), the one shape every mode module has, and the backend-picking helpers. Its own module so the
 * modes import it and loadBalancer.ts imports the modes, without a cycle.
 */
import type { BalancerPick } from '../core/reasons';
import type { ConnectionHandlers, TcpSide } from '../net/network';
import type { BackendInfo } from '../net/topology';
import type { RunContext } from '../run/context';
import type { Mode } from '../scenarios/types';
import type { Balancer } from './balancing';
import type { PoolChoice } from './pools';

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
