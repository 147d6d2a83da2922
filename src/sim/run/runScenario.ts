/**
 * runScenario: scenario + mode + seed + key material in, timeline out. Builds the lab's actors for the chosen
 * mode, lets virtual time run until everything settles, then annotates every packet with its protocol layers and
 * with what each observer could decode. Same inputs, same bytes.
 */
import { createEventLog } from '../core/eventLog';
import type { SimEvent } from '../core/events';
import { createRng } from '../core/rng';
import { createScheduler } from '../core/scheduler';
import { createShopApp, type ShopApp } from '../http/shopApp';
import { startLoadBalancer } from '../lb/loadBalancer';
import { createNetwork } from '../net/network';
import { BACKENDS, LB_INTERNAL_ADDRESS, type BackendId, type NodeId } from '../net/topology';
import { startBackend } from '../nodes/backend';
import { startClient, type ClientOutcome } from '../nodes/client';
import { resolveOptions } from '../scenarios/resolveOptions';
import { siteNamesOf, type SiteNames } from '../net/siteNames';
import { checkPkiNames } from '../tls/pkiNames';
import type { Mode, RunOptions, Scenario, ScriptedRequest } from '../scenarios/types';
import { MODE_FACTS } from '../scenarios/modes';
import { withDeterministicForge } from '../tls/forge';
import { SIM_DATE, type LabPki } from '../tls/pki';
import { createCostMeter, type RunContext, type SessionRecord } from './context';
import { placeKeys, type KeyPlacement } from '../tls/keyPlacement';
import { annotatePackets } from '../observe/annotate';
import { resolveTlsPeers } from '../observe/tlsPeers';
import { createTamperer } from './tamper';
import { PROTOCOLS, type ProtocolFacts } from '../scenarios/protocols';

export interface RunConfig {
  readonly mode: Mode;
  readonly seed?: number;
  readonly options?: Partial<RunOptions>;
  /** The learner's edited requests, replacing the scenario's own (the request editor). */
  readonly requests?: readonly ScriptedRequest[];
}

export interface RunEnvironment {
  /** A monotonic clock in ms (performance.now) for the cost chart; without it costs are counted, not timed. */
  readonly clock?: () => number;
}


export interface Timeline {
  readonly scenarioId: string;
  readonly mode: Mode;
  readonly seed: number;
  readonly options: RunOptions;
  /** The site's public names this run used (DNS, SNI, certificate, Host). */
  readonly names: SiteNames;
  /** What the client was scripted to send (the learner's edited requests, or the scenario's own). */
  readonly requests: readonly ScriptedRequest[];
  /** The TLS engine the run's `protocol` option chose. */
  readonly protocol: ProtocolFacts;
  readonly events: readonly SimEvent[];
  /** One entry per TLS session per end that completed it. */
  readonly sessions: readonly SessionRecord[];
  readonly keyPlacement: KeyPlacement;
  readonly client: ClientOutcome;
  readonly backendLogs: Readonly<Record<BackendId, ShopApp['log']>>;
  /** CPU time per node as measured in this run (it varies between loads; cryptoWork's counts do not). */
  readonly cost: ReadonlyArray<{ node: NodeId; handshakeMs: number; recordMs: number; operations: number; handshakeMsEach: readonly number[] }>;
  /** Requests (layer 7) or connections (layer 4) the LB gave each backend. */
  readonly backendLoad: Readonly<Record<string, number>>;
  /** False when the run hit the action guard (a loop that never ends). */
  readonly settled: boolean;
}

export function runScenario(scenario: Scenario, config: RunConfig, pki: LabPki, env: RunEnvironment = {}): Timeline {
  const seed = config.seed ?? 1;
  const options = resolveOptions(scenario, config.mode, config.options);
  const facts = MODE_FACTS[config.mode];
  const faults = scenario.faults ?? {};
  const names = siteNamesOf(scenario);
  // A certificate made for other names would fail every handshake with a misleading "wrong host": say so instead.
  checkPkiNames(pki, names);
  const rng = createRng(seed);
  const scheduler = createScheduler();
  return withDeterministicForge((n) => rng.bytes(n), () => SIM_DATE.getTime() + scheduler.now, () => {
    const log = createEventLog(scheduler);
    const network = createNetwork({ scheduler, rng, log, ...(faults.tamper ? { tamper: createTamperer(faults.tamper) } : {}) });
    const ctx: RunContext = {
      mode: config.mode, options, faults, names, pki, scheduler, log, network, rng, sessions: [], cost: createCostMeter(env.clock),
    };
    const keyPlacement = placeKeys(config.mode, faults);
    const apps = new Map<BackendId, ShopApp>();
    for (const info of BACKENDS) {
      // A backend that terminates TLS itself redirects plain HTTP; behind an offloading LB only when configured to.
      const forceHttps = options.backendForcesHttps || facts.backendRedirectsPlainHttp;
      const app = createShopApp({ backendName: info.name, trustedProxies: [LB_INTERNAL_ADDRESS], forceHttps });
      apps.set(info.id, app);
      const held = keyPlacement[info.id][0] ?? null;
      startBackend(ctx, {
        info, app, tlsKey: held,
        expectProxyProtocol: facts.clientAddressBy === 'proxy-protocol'
          ? (options.backendProxyProtocol === 'same' ? options.proxyProtocol : options.backendProxyProtocol)
          : 'off',
        requireClientCertificate: facts.clientCertificateCheckedBy === 'backend' && options.clientCertificate,
      });
    }
    const lb = startLoadBalancer(ctx);
    const requests = config.requests ?? scenario.requests;
    const client = startClient(ctx, requests);
    const { settled } = scheduler.run();
    const events = annotatePackets(resolveTlsPeers(log.events, ctx.sessions), { sessions: ctx.sessions, keyPlacement, pki, eavesdroppers: options.eavesdroppers, stolenSiteKey: faults.stolenSiteKey ?? false });
    return {
      scenarioId: scenario.id,
      mode: config.mode,
      seed,
      options,
      names,
      requests,
      protocol: PROTOCOLS[options.protocol],
      events,
      sessions: ctx.sessions,
      keyPlacement,
      client,
      backendLogs: Object.fromEntries([...apps].map(([id, app]) => [id, app.log])) as Record<BackendId, ShopApp['log']>,
      cost: [...ctx.cost.totals].map(([node, t]) => ({ node, ...t })),
      backendLoad: Object.fromEntries(lb.load),
      settled,
    };
  });
}
