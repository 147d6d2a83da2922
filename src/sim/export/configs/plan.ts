/**
 * The decisions every product's configuration shares, made once from the mode and the learner's options: which
 * pools exist, which algorithm really applies, what the LB can do at all in this mode. Each product module only
 * spells these decisions in its own syntax, so the six configurations cannot drift apart.
 */
import { DEFAULT_PERSISTENCE_COOKIE } from '../../lb/stickiness';
import { MODE_FACTS, type ModeFacts } from '../../scenarios/modes';
import { MODE_LABELS, type Algorithm, type Mode, type ProxyProtocolVersion, type RunOptions } from '../../scenarios/types';
import { tlsVersionNote, tlsVersionPolicy, type TlsVersionPolicy } from './tlsVersions';
import type { BackendTarget, ConfigParams } from './types';

/**
 * The simulator's rate window (LOGIN_WINDOW_MS in lb/layer7/inspection.ts), repeated here so the UI's bundle does
 * not pull the WAF in through this import; configs.test.ts checks that the two agree.
 */
export const RATE_WINDOW_MS = 10_000;

export interface Pool {
  /** 'shop' without pool routing; 'web' and 'api' with it (api.example.com and /api/* go to backend-3). */
  readonly name: 'shop' | 'web' | 'api';
  readonly backends: readonly BackendTarget[];
}

export interface ConfigPlan {
  readonly mode: Mode;
  readonly options: RunOptions;
  readonly params: ConfigParams;
  /** What the mode is (run/modes.ts): the products read these facts, not the mode's name. */
  readonly facts: ModeFacts;
  /** Offloading and bridging read HTTP; passthrough only relays bytes (`facts.layer === 7`). */
  readonly layer7: boolean;
  readonly pools: readonly Pool[];
  /** The pool a request goes to when nothing else matches. */
  readonly defaultPool: Pool;
  /** The pool api.example.com (and, at layer 7, /api/*) goes to, when pool routing is on. */
  readonly apiPool: Pool | null;
  /** The balancing algorithm written into the configuration (see `stickyFallback`). */
  readonly algorithm: Algorithm;
  /** Cookie stickiness was asked for in passthrough: impossible, so the configuration uses source-IP affinity. */
  readonly stickyFallback: boolean;
  /** Cookie persistence is configured (layer 7 only). */
  readonly cookieSticky: boolean;
  readonly cookieName: string;
  /** What the LB sends before the client's bytes; only a passthrough LB sends a PROXY header in the lab. */
  readonly proxyProtocol: ProxyProtocolVersion;
  /** Port the LB connects to on a backend for HTTPS traffic: TLS in passthrough and bridging, plain HTTP in offloading. */
  readonly upstreamPort: (b: BackendTarget) => number;
  /** The LB opens a TLS session of its own to each backend (bridging). */
  readonly upstreamTls: boolean;
  /** The LB ended the client's TLS and sends the decrypted HTTP on in cleartext (offloading). */
  readonly cleartextUpstream: boolean;
  /** The name of the backends' port in a Service: the one they listen on for the LB. */
  readonly upstreamPortName: 'http' | 'https';
  /** The TLS versions the LB accepts (and, bridging, offers the backends), from the run's protocol. */
  readonly tls: TlsVersionPolicy;
  readonly loginLimit: number;
  readonly rateWindowSeconds: number;
  readonly siteHostname: string;
  readonly apiHostname: string;
}

export function makePlan(mode: Mode, options: RunOptions, params: ConfigParams): ConfigPlan {
  const facts = MODE_FACTS[mode];
  const layer7 = facts.layer === 7;
  const plainUpstream = facts.backendPort === 80;
  const all: Pool = { name: 'shop', backends: params.backends };
  const web: Pool = { name: 'web', backends: params.backends.filter((b) => b.id !== 'backend-3') };
  const api: Pool = { name: 'api', backends: params.backends.filter((b) => b.id === 'backend-3') };
  const pools = options.poolRouting ? [web, api] : [all];
  const stickyFallback = !layer7 && options.stickyCookie;
  return {
    mode,
    options,
    params,
    facts,
    layer7,
    pools,
    defaultPool: options.poolRouting ? web : all,
    apiPool: options.poolRouting ? api : null,
    algorithm: stickyFallback ? 'source-ip-hash' : options.algorithm,
    stickyFallback,
    cookieSticky: layer7 && options.stickyCookie,
    cookieName: DEFAULT_PERSISTENCE_COOKIE,
    proxyProtocol: facts.clientAddressBy === 'proxy-protocol' ? options.proxyProtocol : 'off',
    upstreamPort: (b) => (plainUpstream ? b.httpPort : b.httpsPort),
    upstreamTls: facts.backendTls,
    cleartextUpstream: facts.clientTlsEndsAt === 'lb' && !facts.backendTls,
    upstreamPortName: plainUpstream ? 'http' : 'https',
    tls: tlsVersionPolicy(options.protocol),
    loginLimit: Math.max(0, Math.floor(options.loginRateLimit)),
    rateWindowSeconds: RATE_WINDOW_MS / 1000,
    siteHostname: params.names.site,
    apiHostname: params.names.api,
  };
}

/**
 * One configuration line with its explanation after the code, aligned so a column of comments reads like a
 * second text beside the configuration. `mark` is the language's comment syntax ('#' for all of ours).
 */
export function ln(code: string, comment?: string, mark = '#', column = 56): string {
  if (comment === undefined) return code;
  const pad = Math.max(column - code.length, 2);
  return `${code}${' '.repeat(pad)}${mark} ${comment}`;
}

/**
 * HCL style: the explanation on its own line above the code, at the same indentation, because `terraform fmt`
 * re-aligns trailing comments (and the generated file should already be formatted).
 */
export function hcl(code: string, comment?: string): string {
  if (comment === undefined) return code;
  const indent = /^ */.exec(code)?.[0] ?? '';
  return `${indent}# ${comment}\n${code}`;
}

/**
 * nginx and Traefik check every backend of a pool against ONE name (HAProxy and Envoy can do it per server), so
 * their bridging configurations need a name all backend certificates carry. The lab's do not (see the notes).
 */
export const SHARED_BACKEND_NAME = 'shop-backend.internal';

/**
 * Notes that hold for every product in this mode: what the simulator does differently from a production
 * deployment, and mismatches between the learner's settings that no configuration can fix.
 */
export function commonNotes(plan: ConfigPlan): string[] {
  const notes: string[] = [tlsVersionNote(plan.tls, plan.layer7)];
  const { options } = plan;
  if (plan.facts.clientAddressBy === 'proxy-protocol') {
    const expected = options.backendProxyProtocol === 'same' ? options.proxyProtocol : options.backendProxyProtocol;
    if (expected !== options.proxyProtocol) {
      notes.push(`The load balancer sends PROXY protocol ${options.proxyProtocol} but the backends expect ${expected}: every connection breaks. The receiver must not guess; configure both sides the same (e.g. nginx \`listen 443 ssl proxy_protocol\`, HAProxy \`accept-proxy\`).`);
    }
  }
  if (!plan.layer7) {
    if (!options.sniReassembly) {
      notes.push('The lab\'s "naive" SNI router reads only the first TCP segment. The configurations here wait for the whole ClientHello (HAProxy: `tcp-request inspect-delay` with `tcp-request content accept if { req.ssl_hello_type 1 }`; leaving those lines out is exactly the bug in haproxy #3148 with post-quantum key shares).');
    }
  }
  if (plan.facts.clientAddressBy === 'x-forwarded-for' && options.proxyProtocol !== 'off') {
    notes.push(`PROXY protocol ${options.proxyProtocol} is not sent in ${MODE_LABELS[plan.mode].toLowerCase()}: the load balancer reads HTTP and passes the client address in X-Forwarded-For instead (the simulator ignores the setting here too).`);
  }
  // A backend that receives TLS itself (passthrough, bridging) sees the HTTPS; only a cleartext upstream can loop.
  if (plan.cleartextUpstream && !options.forwardedProto && options.backendForcesHttps) {
    notes.push('Without X-Forwarded-Proto a backend that insists on HTTPS cannot tell the client used HTTPS and redirects it forever (the redirect-loop scenario; Cloudflare "Flexible" mode).');
  }
  return notes;
}
