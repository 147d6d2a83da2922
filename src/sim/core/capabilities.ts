/**
 * "What the load balancer can do" as facts: which capability, whether it worked in a run, and what shows it. The
 * state layer computes these from a run's events (src/state/derive/capabilities.ts); src/sim/content words them.
 */
import type { RouteBasis } from './reasons';
import type { ViewReason } from './views';

export type CapabilityId = 'readHttp' | 'waf' | 'stickiness' | 'pathRouting' | 'sniRouting' | 'clientIp' | 'responseFeatures';
/** yes: it did it; no: it could not; off: switched off; unused: possible, but nothing in this run needed it. */
export type CapabilityStatus = 'yes' | 'no' | 'off' | 'unused';

/** The verdict in a few words' worth of facts ("inspected 4 requests", "cannot inspect"). */
export type CapabilityVerdict =
  /** plain-http-only: it read only requests sent without TLS (http:// to port 80); the HTTPS ones stayed sealed. */
  | { readonly code: 'reads-http' | 'plain-http-only' | 'ciphertext-only' | 'no-request-arrived' }
  | { readonly code: 'no-verdict' | 'not-yet' | 'switched-off' | 'cannot-inspect' | 'rate-limiting' }
  | { readonly code: 'blocked' | 'inspected' | 'response-actions'; readonly count: number }
  | { readonly code: 'pinned-by-cookie' | 'cannot-read-cookies' | 'no-cookie-yet' | 'not-needed' }
  | { readonly code: 'routed-by-path' | 'path-encrypted' | 'could-did-not-need' }
  | { readonly code: 'read-sni'; readonly serverName: string | null }
  | { readonly code: 'no-request-handled' }
  | { readonly code: 'backend-sees'; readonly ip: string; readonly real: boolean }
  | { readonly code: 'cannot-see-responses' | 'none-in-run' };

/** Why: the run's own evidence (events, the LB's decryption outcome), or a fact of the run's set-up. */
export type CapabilityEvidence =
  /** These events say it (their own words, in order). */
  | { readonly kind: 'events'; readonly indexes: readonly number[] }
  /** The LB's attempt to decrypt the request. */
  | { readonly kind: 'view'; readonly reason: ViewReason }
  /** It needs the HTTP request, and the LB could not read it (the evidence of that). */
  | { readonly kind: 'needs-http'; readonly need: 'cookie' | 'path'; readonly http: CapabilityEvidence }
  /** It reads each path, but this run routes by something else. */
  | { readonly kind: 'routes-by'; readonly basis: RouteBasis | null }
  | {
    readonly kind: 'setup';
    readonly code: 'no-app-data' | 'no-waf-verdict' | 'waf-not-yet' | 'waf-off' | 'cookie-off' | 'cookie-not-needed' | 'nothing-routed'
      | 'routes-by-host' | 'no-request-handled' | 'responses-encrypted' | 'no-response-action' | 'plain-http-only';
  };

export interface Capability {
  readonly id: CapabilityId;
  readonly status: CapabilityStatus;
  readonly verdict: CapabilityVerdict;
  readonly evidence: CapabilityEvidence;
  /** The event the evidence comes from, to jump to. */
  readonly step?: number;
}
