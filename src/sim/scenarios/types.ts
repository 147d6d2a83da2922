/** Scenarios are data: what the client does, which options the learner can change, and which fault to inject. */
import type { Direction } from '../core/events';
import type { LinkId } from '../net/topology';

export type Mode = 'passthrough' | 'offload' | 'bridge';
export const MODES: readonly Mode[] = ['passthrough', 'offload', 'bridge'];
export const MODE_LABELS: Readonly<Record<Mode, string>> = {
  passthrough: 'Passthrough',
  offload: 'Offloading',
  bridge: 'Bridging',
};

/** Which TLS engine runs every session of a run: node-forge's TLS 1.1, or the lab's own TLS 1.2 / TLS 1.3 (src/sim/tls12, tls13). */
export type TlsProtocol = 'tls1.1' | 'tls1.2' | 'tls1.3';
export const TLS_PROTOCOLS: readonly TlsProtocol[] = ['tls1.3', 'tls1.2', 'tls1.1'];

export type Algorithm = 'round-robin' | 'least-connections' | 'source-ip-hash';
export type ProxyProtocolVersion = 'off' | 'v1' | 'v2';

export interface RunOptions {
  /** The TLS version every hop speaks (client, LB and backends alike). */
  readonly protocol: TlsProtocol;
  /** How the LB picks a backend when nothing pins the request. */
  readonly algorithm: Algorithm;
  /** Cookie persistence (HAProxy `cookie SERVERID insert`): only possible where the LB reads HTTP. */
  readonly stickyCookie: boolean;
  /** PROXY protocol header the LB sends to backends in passthrough. */
  readonly proxyProtocol: ProxyProtocolVersion;
  /** What the backends expect; 'same' follows the LB (a mismatch breaks connections, as in reality). */
  readonly backendProxyProtocol: ProxyProtocolVersion | 'same';
  readonly waf: boolean;
  readonly keepAlive: boolean;
  readonly clientCertificate: boolean;
  readonly eavesdroppers: boolean;
  /** Bridging: verify the backend certificate against the internal CA (`proxy_ssl_verify on`). */
  readonly verifyBackendCertificate: boolean;
  /** Passthrough: reassemble a ClientHello split across TCP segments before reading SNI. */
  readonly sniReassembly: boolean;
  /** Offloading: append to a client-sent X-Forwarded-For (true) or overwrite it (false). */
  readonly forwardedForAppend: boolean;
  /** Route api.example.com (SNI or Host) and /api/* (layer 7 only) to an API pool of backend-3. */
  readonly poolRouting: boolean;
  /** Layer 7: cache cacheable responses at the LB. */
  readonly cache: boolean;
  /** Layer 7: gzip responses for clients that accept it. */
  readonly compression: boolean;
  /** Login requests per client and path per 10 s before the LB answers 429 (0 = no rate rule). */
  readonly loginRateLimit: number;
  /** Backends redirect plain-HTTP requests to https (and may ignore X-Forwarded-Proto). */
  readonly backendForcesHttps: boolean;
  /** Does the LB send X-Forwarded-Proto (a backend that forces HTTPS needs it). */
  readonly forwardedProto: boolean;
  /** TLS 1.3 only: the client hides the real ClientHello (SNI included) behind an outer one with a public name (ECH). */
  readonly encryptedClientHello: boolean;
}

export const DEFAULT_OPTIONS: RunOptions = {
  protocol: 'tls1.3',
  algorithm: 'round-robin',
  stickyCookie: false,
  proxyProtocol: 'off',
  backendProxyProtocol: 'same',
  waf: true,
  keepAlive: true,
  clientCertificate: false,
  eavesdroppers: true,
  verifyBackendCertificate: true,
  sniReassembly: true,
  forwardedForAppend: true,
  poolRouting: false,
  cache: false,
  compression: false,
  loginRateLimit: 0,
  backendForcesHttps: false,
  forwardedProto: true,
  encryptedClientHello: false,
};

export interface ScriptedRequest {
  readonly method: string;
  readonly path: string;
  /** 'http' sends cleartext to port 80 (the redirect lessons); default 'https' to port 443. */
  readonly scheme?: 'http' | 'https';
  /** Which browser sends it: each has its own cookies and connection. Default "alice". */
  readonly client?: string;
  /** The public address this browser appears from (a phone changing networks, many users behind one NAT). */
  readonly sourceIp?: string;
  /** Host header and SNI; defaults to shop.example.com. */
  readonly host?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  /** Form body (application/x-www-form-urlencoded) or raw text. */
  readonly body?: string;
  /** Explains this step to the learner. */
  readonly purpose: string;
  /** Bypass the load balancer and connect straight to this backend's port 80 (a hole in the firewall). */
  readonly direct?: 'backend-1' | 'backend-2' | 'backend-3';
}

export interface Faults {
  /** The certificate the TLS server facing the client presents instead of the right one. */
  readonly serverCertificate?: 'siteWrongHost' | 'siteExpired' | 'siteUntrusted';
  /** An attacker on this link flips one byte of the first application-data record going this way. */
  readonly tamper?: { readonly link: LinkId; readonly direction: Direction };
  /** backend-2 is replaced by an impostor with a certificate from a rogue CA (bridging). */
  readonly impostorBackend?: boolean;
  /** The client sends bytes that are not TLS at all to port 443. */
  readonly garbageClientHello?: boolean;
  /**
   * The site's private key has leaked to the eavesdroppers (a stolen backup, a decommissioned appliance): they
   * try it on everything they recorded. Only RSA key transport (TLS 1.1 here) gives it anything to open.
   */
  readonly stolenSiteKey?: boolean;
  /** The client's ClientHello leaves in two TCP segments (as large post-quantum key shares force today). */
  readonly splitClientHello?: boolean;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** One line for the scenario picker and `--list`. */
  readonly summary: string;
  readonly requests: readonly ScriptedRequest[];
  readonly options?: Partial<RunOptions>;
  /** What an operator would configure differently per mode (e.g. source-IP affinity where cookies are impossible). */
  readonly modeOptions?: Partial<Record<Mode, Partial<RunOptions>>>;
  readonly faults?: Faults;
  /** The lesson in one or two sentences, shown when the scenario is chosen. */
  readonly lesson?: string;
  /**
   * The site's public name: DNS, SNI, the certificate the demo public CA signs, Host headers, configurations and
   * captures all carry it. Default shop.example.com (SITE_HOSTNAME); a trainer's scenario file names its own.
   */
  readonly hostname?: string;
  /** The API's public name (the certificate's second name, pool routing); default api.example.com (API_HOSTNAME). */
  readonly apiHostname?: string;
  /** A trainer's scenario (loaded from a file, a link or the parent page) rather than one of the lab's own. */
  readonly fromFile?: boolean;
}
