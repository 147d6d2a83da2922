/**
 * The codes events carry instead of sentences: what the load balancer decided on, and why something could not be
 * done. Each code comes with the values needed to phrase it; the words live in src/sim/content (eventText.ts).
 */

/** The balancing algorithms the LB offers (lb/balancing.ts). */
export type BalancingAlgorithm = 'round-robin' | 'least-connections' | 'source-ip-hash';

/** How the balancing algorithm chose, with the numbers it chose from. */
export type BalancerPick =
  | { readonly algorithm: 'round-robin'; readonly position: number; readonly of: number; readonly backend: string }
  | { readonly algorithm: 'least-connections'; readonly open: readonly { readonly backend: string; readonly count: number }[]; readonly tied: number; readonly backend: string }
  | { readonly algorithm: 'source-ip-hash'; readonly sourceIp: string; readonly hash: number; readonly of: number; readonly index: number; readonly backend: string };

/** What the persistence cookie said (lb/stickiness.ts). */
export type CookieLookup =
  | { readonly outcome: 'pinned'; readonly name: string; readonly backend: string }
  | { readonly outcome: 'absent'; readonly name: string }
  | { readonly outcome: 'unknown-backend'; readonly name: string; readonly value: string };

export type PoolName = 'all' | 'web' | 'api';

/** Which pool served, and what chose it (lb/pools.ts). `single`: pool routing is off. */
export type PoolChoiceFacts =
  | { readonly pool: 'all'; readonly by: 'single' }
  | { readonly pool: 'web' | 'api'; readonly by: 'host' | 'sni'; readonly name: string }
  | { readonly pool: 'web' | 'api'; readonly by: 'path'; readonly path: string };

/** What decided the backend: a persistence cookie, or the pool's balancing algorithm. */
export type RouteBasis = 'cookie' | BalancingAlgorithm;

/** What the LB read to route: the ClientHello's SNI, a plain port-80 connection (layer 4), or the HTTP request. */
export type RouteInput = 'sni' | 'port-80' | 'http-request';

/** Why the WAF could not inspect the bytes it was handed (lb/waf/raw.ts). */
export type WafBlindReason = 'tls-record' | 'http2' | 'not-http' | 'no-bytes' | 'unexpected-http';

/** Why a passthrough LB could or could not read the server's certificate (lb/serverFlight.ts). */
export type ServerFlightOutcome = 'certificate-cleartext' | 'alert-first' | 'encrypted-tls13' | 'encrypted-without-certificate' | 'not-tls';

/** What was wrong with a TLS session, from the alert an end sent (RFC 8446 §6.2). */
export type TlsAlertReason =
  | 'certificate-expired' | 'certificate-untrusted' | 'certificate-rejected' | 'certificate-required'
  | 'record-authentication-failed' | 'no-common-parameters' | 'malformed-message' | 'decrypt-error' | 'other';

/** Why a connection to a backend could not be used; the client gets 502. */
export type BackendFailure =
  | { readonly code: 'tls-handshake-failed' | 'tls-session-failed'; readonly alert: string | null; readonly diagnostic: string }
  | { readonly code: 'connection-reset' | 'closed-without-answer' }
  | { readonly code: 'malformed-response'; readonly diagnostic: string };

/** Why the client gave up on the visit. */
export type GaveUpReason =
  | { readonly code: 'tls-alert-sent'; readonly alert: string; readonly diagnostic: string }
  | { readonly code: 'tls-alert-received'; readonly alert: string }
  | { readonly code: 'connection-reset' | 'connection-closed' }
  | { readonly code: 'too-many-redirects'; readonly limit: number };

/** What could not be parsed and why. */
export type ParseFailure =
  | { readonly what: 'client-hello'; readonly code: 'no-backend-for-sni'; readonly serverName: string }
  | { readonly what: 'client-hello'; readonly code: 'unreadable-client-hello'; readonly diagnostic: string }
  | { readonly what: 'http-request' | 'http-response'; readonly code: 'malformed-http'; readonly diagnostic: string }
  | { readonly what: 'proxy-header'; readonly code: 'proxy-header-missing'; readonly expected: 'v1' | 'v2'; readonly startsWith: 'tls-handshake' | 'bytes'; readonly preview: string }
  | { readonly what: 'proxy-header'; readonly code: 'proxy-header-version'; readonly expected: 'v1' | 'v2'; readonly got: number }
  | { readonly what: 'proxy-header'; readonly code: 'proxy-header-malformed'; readonly diagnostic: string };

/** What the shop application's handling of a request did that matters for the lesson. */
/** What the application did that a lesson is about; redirected-to-https: plain HTTP answered with a redirect only. */
export type AppEffect = 'sql-injection' | 'stored-unsanitized' | 'redirected-to-https';

/** Why a key is installed on a node (run/keyPlacement.ts). */
export type KeyRole = 'site' | 'internal-tls';
