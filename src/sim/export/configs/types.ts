/**
 * What the "real configuration" export produces, and the knobs that place it on a machine. Addresses, ports and
 * file paths are parameters with the lab's values and conventional paths as defaults, so the same generator
 * writes the configuration the learner reads and the one the tests start on loopback with temporary files.
 */
import { BACKENDS, LB_VIP } from '../../net/topology';
import { DEFAULT_SITE_NAMES, type SiteNames } from '../../net/siteNames';

export type Product = 'HAProxy' | 'nginx' | 'Envoy' | 'Traefik' | 'Kubernetes ingress-nginx' | 'AWS';
export type ConfigLanguage = 'haproxy' | 'nginx' | 'yaml' | 'hcl' | 'json';

export interface RealConfig {
  readonly product: Product;
  readonly filename: string;
  readonly language: ConfigLanguage;
  readonly text: string;
  /** Traps and caveats: what this product cannot do in this mode and why, defaults that bite, where it differs from the lab. */
  readonly notes: string[];
}

/** A server behind the load balancer. `id` is also the persistence-cookie value, as in the simulator (SERVERID=backend-1). */
export interface BackendTarget {
  readonly id: string;
  readonly address: string;
  /** The name on its internal certificate (bridging verifies it). */
  readonly hostname: string;
  /** Where it terminates TLS (passthrough, bridging). */
  readonly httpsPort: number;
  /** Where it speaks plain HTTP (offloading, and port 80 in passthrough). */
  readonly httpPort: number;
}

export interface HaproxyFiles {
  /** Certificate chain and private key in one PEM, as `bind ... ssl crt` wants. */
  readonly siteBundle: string;
  readonly internalCa: string;
  readonly clientCa: string;
  /** The SPOE file that connects HAProxy to the Coraza WAF agent. */
  readonly corazaSpoe: string;
}

export interface NginxFiles {
  readonly siteCertificate: string;
  readonly siteKey: string;
  readonly internalCa: string;
  readonly clientCa: string;
  /** Debian and Ubuntu load dynamic modules (stream) from here; nginx.org packages build stream in. */
  readonly modulesInclude: string;
  readonly pidFile: string;
  readonly errorLog: string;
  readonly accessLog: string;
  readonly cacheDir: string;
  /** When set, every *_temp_path goes below it (tests run nginx as an unprivileged user); omitted by default. */
  readonly tempDir?: string;
}

export interface EnvoyFiles {
  readonly siteCertificate: string;
  readonly siteKey: string;
  readonly internalCa: string;
  readonly clientCa: string;
}

export interface ConfigParams {
  /** The address the load balancer listens on (the VIP). */
  readonly listenAddress: string;
  readonly httpsPort: number;
  readonly httpPort: number;
  readonly backends: readonly BackendTarget[];
  readonly haproxy: HaproxyFiles;
  readonly nginx: NginxFiles;
  readonly envoy: EnvoyFiles;
  /** The site's public names (the run's: a trainer's scenario brings its own). */
  readonly names: SiteNames;
}

/** What a caller may override; nested file sets merge with the defaults. */
export interface ConfigOverrides {
  readonly listenAddress?: string;
  readonly httpsPort?: number;
  readonly httpPort?: number;
  readonly backends?: readonly BackendTarget[];
  readonly haproxy?: Partial<HaproxyFiles>;
  readonly nginx?: Partial<NginxFiles>;
  readonly envoy?: Partial<EnvoyFiles>;
  readonly names?: SiteNames;
}

export const DEFAULT_PARAMS: ConfigParams = {
  listenAddress: LB_VIP,
  httpsPort: 443,
  httpPort: 80,
  backends: BACKENDS.map((b) => ({ id: b.id, address: b.address, hostname: b.hostname, httpsPort: 443, httpPort: 80 })),
  haproxy: {
    siteBundle: '/etc/haproxy/certs/site.pem',
    internalCa: '/etc/haproxy/certs/internal-ca.pem',
    clientCa: '/etc/haproxy/certs/client-ca.pem',
    corazaSpoe: '/etc/haproxy/coraza-spoe.cfg',
  },
  nginx: {
    siteCertificate: '/etc/nginx/certs/site.crt',
    siteKey: '/etc/nginx/certs/site.key',
    internalCa: '/etc/nginx/certs/internal-ca.pem',
    clientCa: '/etc/nginx/certs/client-ca.pem',
    modulesInclude: '/etc/nginx/modules-enabled/*.conf',
    pidFile: '/run/nginx.pid',
    errorLog: '/var/log/nginx/error.log',
    accessLog: '/var/log/nginx/access.log',
    cacheDir: '/var/cache/nginx/shop',
  },
  envoy: {
    siteCertificate: '/etc/envoy/certs/site.crt',
    siteKey: '/etc/envoy/certs/site.key',
    internalCa: '/etc/envoy/certs/internal-ca.pem',
    clientCa: '/etc/envoy/certs/client-ca.pem',
  },
  names: DEFAULT_SITE_NAMES,
};

export function resolveParams(overrides: ConfigOverrides = {}): ConfigParams {
  return {
    listenAddress: overrides.listenAddress ?? DEFAULT_PARAMS.listenAddress,
    httpsPort: overrides.httpsPort ?? DEFAULT_PARAMS.httpsPort,
    httpPort: overrides.httpPort ?? DEFAULT_PARAMS.httpPort,
    backends: overrides.backends ?? DEFAULT_PARAMS.backends,
    haproxy: { ...DEFAULT_PARAMS.haproxy, ...overrides.haproxy },
    nginx: { ...DEFAULT_PARAMS.nginx, ...overrides.nginx },
    envoy: { ...DEFAULT_PARAMS.envoy, ...overrides.envoy },
    names: overrides.names ?? DEFAULT_PARAMS.names,
  };
}
