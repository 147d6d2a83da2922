/**
 * How each engine option is labelled in the options panel. Options the engine adds later and this table does not
 * know yet still appear, under their own name (the panel renders from DEFAULT_OPTIONS, not from this list).
 */
export interface OptionLabel {
  readonly label: string;
  /** Shown in the first group (the list); the rest go under "More options". */
  readonly main?: boolean;
  /** Choices for a number option. */
  readonly numbers?: readonly number[];
}

export const OPTION_LABELS: Readonly<Record<string, OptionLabel>> = {
  waf: { label: 'WAF at the load balancer', main: true },
  stickyCookie: { label: 'Cookie stickiness', main: true },
  algorithm: { label: 'Balancing algorithm', main: true },
  proxyProtocol: { label: 'PROXY protocol to the backends (passthrough)', main: true },
  keepAlive: { label: 'Keep-alive (one connection for all requests)', main: true },
  clientCertificate: { label: 'Client certificate (mutual TLS)', main: true },
  eavesdroppers: { label: 'Eavesdroppers on both links', main: true },
  backendProxyProtocol: { label: 'Backends expect PROXY protocol' },
  verifyBackendCertificate: { label: 'Verify backend certificates (bridging)' },
  sniReassembly: { label: 'Reassemble a split ClientHello before reading SNI' },
  forwardedForAppend: { label: 'Append to a client-sent X-Forwarded-For (else overwrite)' },
  poolRouting: { label: "Route the API's hostname (api.example.com, or the scenario's own) and /api/* to an API pool" },
  cache: { label: 'Cache responses at the load balancer' },
  compression: { label: 'Compress responses at the load balancer' },
  loginRateLimit: { label: 'Login requests allowed per 10 s (0 = no limit)', numbers: [0, 2, 3, 5, 10] },
  backendForcesHttps: { label: 'Backends redirect plain HTTP to HTTPS' },
  forwardedProto: { label: 'Send X-Forwarded-Proto' },
  encryptedClientHello: { label: 'Encrypted Client Hello (ECH)', main: true },
};

/** Options with a control of their own elsewhere (the TLS version sits beside the mode switch). */
export const OPTIONS_ELSEWHERE: ReadonlySet<string> = new Set(['protocol']);

export function labelOf(key: string): OptionLabel {
  return OPTION_LABELS[key] ?? { label: key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()) };
}
