/**
 * A deterministic sliding-window rate limiter (the "L7 rate rule" of AWS WAF rate-based rules, HAProxy
 * `stick-table ... http_req_rate(10s)`, CRS 3's REQUEST-912-DOS-PROTECTION). Time is virtual milliseconds
 * passed in by the caller; nothing here reads a clock.
 */
import type { WafMatch } from './types';

/** Result of counting one hit. */
export interface RateDecision {
  readonly allowed: boolean;
  /** Hits inside the window ending now, this one included (denied hits count too, as in HAProxy). */
  readonly count: number;
  readonly limit: number;
  /** 0 when allowed; otherwise how long until the oldest hit leaves the window (a Retry-After hint). */
  readonly retryAfterMs: number;
}

/** A limiter over string keys. */
export interface RateLimiter {
  /**
   * Counts a hit for `key` at virtual time `nowMs`.
   *
   * What the key can be depends on what the LB can read. In layer-7 modes (offloading, bridging) the LB keys by
   * `clientIp + ' ' + path`, so it can limit login attempts (`203.0.113.10 /login`) and leave page views alone.
   * In passthrough it sees only TCP/TLS, so it keys by source IP (or by connection) and can count connections,
   * not login requests: many POSTs over one keep-alive connection are one hit, and a NAT'd office shares one key.
   */
  hit(key: string, nowMs: number): RateDecision;
  /** Forgets all keys (a scenario restart). */
  reset(): void;
}

/** Options for {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Hits allowed within any window of `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Sliding window log: a hit is allowed when fewer than `limit` earlier hits fall in `(now - windowMs, now]`.
 * Exact (no fixed-window burst at a boundary) and cheap at teaching scale. Timestamps going backwards are treated
 * as "now" equal to the latest seen, so a malformed clock never throws or unblocks a key.
 */
const MAX_LOG = 1000;

export function createRateLimiter(opts: RateLimitOptions): RateLimiter {
  const limit = Number.isFinite(opts.limit) && opts.limit >= 0 ? Math.floor(opts.limit) : 0;
  const windowMs = Number.isFinite(opts.windowMs) && opts.windowMs > 0 ? opts.windowMs : 1;
  const log = new Map<string, number[]>();

  return {
    hit(key, nowMs) {
      const times = log.get(key) ?? [];
      const now = Math.max(Number.isFinite(nowMs) ? nowMs : 0, times[times.length - 1] ?? -Infinity);
      const recent = times.filter((t) => t > now - windowMs);
      const allowed = recent.length < limit;
      recent.push(now);
      // Everything inside the window counts (the count the learner sees keeps growing); a hard cap keeps a
      // hostile key's log bounded.
      const kept = recent.slice(-Math.max(limit + 1, MAX_LOG));
      log.set(key, kept);
      // The next hit is allowed once the limit-th most recent hit (denied ones included) has left the window.
      const gate = kept[kept.length - limit];
      const retryAfterMs = allowed ? 0 : gate === undefined ? windowMs : Math.max(0, gate + windowMs - now);
      return { allowed, count: recent.length, limit, retryAfterMs };
    },
    reset() {
      log.clear();
    },
  };
}

/**
 * Turns a denied {@link RateDecision} into a WAF match, so rate blocks show in the same panel as CRS hits.
 * Rule 912120 is CRS 3's DoS rule (CRS 4 moved DoS protection to a plugin).
 */
export function rateLimitMatch(key: string, decision: RateDecision): WafMatch {
  return {
    ruleId: 912120,
    category: 'rate',
    message: `Denial of Service (DoS) attack identified (${decision.count} hits in window, limit ${decision.limit})`,
    severity: 'CRITICAL',
    score: 5,
    location: `rate:${key}`,
    matched: key.slice(0, 80),
    original: key.slice(0, 80),
  };
}
