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

export type Algorithm = 'round-robin' | 'least-connections' | 'source-ip-hash';
export type ProxyProtocolVersion = 'off' | 'v1' | 'v2';

export interface RunOptions {
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
}

export const DEFAULT_OPTIONS: RunOptions = {
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
};

export interface ScriptedRequest {
  readonly method: string;
  readonly path: string;
  /** Host header and SNI; defaults to shop.example.com. */
  readonly host?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  /** Form body (application/x-www-form-urlencoded) or raw text. */
  readonly body?: string;
  /** Explains this step to the learner. */
  readonly purpose: string;
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
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** One line for the scenario picker and `--list`. */
  readonly summary: string;
  readonly requests: readonly ScriptedRequest[];
  readonly options?: Partial<RunOptions>;
  readonly faults?: Faults;
}
