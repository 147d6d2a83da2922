/** The WAF of the load balancer: CRS-style rules, request inspection, raw-stream inspection, rate limiting. */
export type { AttackCategory, Severity, TargetKind, WafMatch, WafOptions, WafVerdict } from './types';
export type { WafRule } from './rules';
export { CRS_RULES } from './rules';
export { DEFAULT_INBOUND_THRESHOLD, inspectRequest } from './inspect';
export { inspectRawBytes, parseRawRequest } from './raw';
export type { RateDecision, RateLimiter, RateLimitOptions } from './rateLimit';
export { createRateLimiter, rateLimitMatch } from './rateLimit';
