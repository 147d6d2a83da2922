/** Shapes shared by the WAF rules, the inspector and the rate limiter. */
import type { WafBlindReason } from '../../core/reasons';

/** CRS rule families: 942 SQL injection, 941 XSS, 930 local file inclusion / traversal, 932 remote command execution. */
export type AttackCategory = 'sqli' | 'xss' | 'lfi' | 'rce';

/** CRS severities and the anomaly points they add (CRS `tx.critical_anomaly_score` = 5, `tx.warning_anomaly_score` = 3). */
export type Severity = 'CRITICAL' | 'WARNING';

/**
 * Where in the request a value came from; rules may be limited to some kinds, as CRS rules list their variables.
 * `form` is a field of an `application/x-www-form-urlencoded` body (CRS ARGS_POST); `body` is any other body, raw.
 */
export type TargetKind = 'path' | 'query' | 'form' | 'body' | 'cookie' | 'header';

/** One rule hit. */
export interface WafMatch {
  readonly ruleId: number;
  readonly category: AttackCategory | 'rate';
  readonly message: string;
  readonly severity: Severity;
  readonly score: number;
  /** `path`, `query:q`, `body:comment`, `body` (raw, non-form body), `cookie:x`, `header:user-agent`, `rate:<key>`. */
  readonly location: string;
  /** The text the rule matched, after the transformations (decoded, lower-cased), truncated to 80 chars. */
  readonly matched: string;
  /** The same span as it was on the wire, before any decoding, truncated to 80 chars. */
  readonly original: string;
}

/** What the WAF concluded about one request, or why it could not look. */
export type WafVerdict =
  | {
      readonly inspected: true;
      /** True only in `block` mode with `score >= threshold`; `detect` mode (ModSecurity DetectionOnly) only logs. */
      readonly blocked: boolean;
      readonly score: number;
      readonly threshold: number;
      readonly matches: readonly WafMatch[];
      readonly mode: 'block' | 'detect';
    }
  | { readonly inspected: false; readonly reason: string; readonly code?: WafBlindReason; readonly record?: { readonly type: string; readonly length: number }; readonly preview?: string };

/** Options for {@link inspectRequest}. */
export interface WafOptions {
  /** Inbound anomaly score threshold; CRS default `tx.inbound_anomaly_score_threshold` = 5. */
  readonly threshold?: number;
  /** `block` denies at the threshold; `detect` records matches but lets everything through. */
  readonly mode?: 'block' | 'detect';
}
