/**
 * What a layer-7 LB can do to a request before it forwards it, because it decrypted it: the WAF's verdict and
 * the login rate rule. Each returns the response to send instead of forwarding, or null to let it through.
 */
import { makeResponse } from '../../http/serialize';
import { parseQuery } from '../../http/headers';
import type { HttpRequest, HttpResponse } from '../../http/types';
import type { RunContext } from '../../run/context';
import { createRateLimiter, inspectRequest, type RateLimiter, type WafMatch } from '../waf/index';

export const LOGIN_WINDOW_MS = 10_000;

export function wafMatchInfo(m: WafMatch) {
  return { ruleId: m.ruleId, category: m.category, message: m.message, location: m.location, matched: m.original.slice(0, 80) };
}

export function applyWaf(ctx: RunContext, request: HttpRequest): HttpResponse | null {
  if (!ctx.options.waf) return null;
  const verdict = inspectRequest(request);
  if (!verdict.inspected) return null;
  const target = `${request.method} ${request.target}`;
  const matches = verdict.matches.map(wafMatchInfo);
  if (verdict.blocked) {
    ctx.log.note('waf.blocked', 'lb', { target, score: verdict.score, threshold: verdict.threshold, matches, status: 403 });
    return makeResponse({ status: 403, contentType: 'text/plain', body: `403 Forbidden: blocked by the WAF (rules ${matches.map((m) => m.ruleId).join(', ')})\n` });
  }
  ctx.log.note('waf.inspected', 'lb', { target, score: verdict.score, threshold: verdict.threshold, matches });
  return null;
}

/** Per client address and path, as an HTTP-aware LB can count (HAProxy `http-request track-sc0 src,concat(path)`). */
export function createLoginRateRule(ctx: RunContext): (request: HttpRequest, clientIp: string) => HttpResponse | null {
  const limiter: RateLimiter | null = ctx.options.loginRateLimit > 0 ? createRateLimiter({ limit: ctx.options.loginRateLimit, windowMs: LOGIN_WINDOW_MS }) : null;
  return (request, clientIp) => {
    if (!limiter || request.method !== 'POST' || parseQuery(request.target).path !== '/login') return null;
    const key = `${clientIp} POST /login`;
    const decision = limiter.hit(key, ctx.scheduler.now);
    if (decision.allowed) return null;
    ctx.log.note('waf.rateLimited', 'lb', { key, count: decision.count, limit: decision.limit, scope: 'request', clientIp, windowSeconds: LOGIN_WINDOW_MS / 1000 });
    return makeResponse({ status: 429, contentType: 'text/plain', headers: [['Retry-After', String(Math.ceil(decision.retryAfterMs / 1000))]], body: '429 Too Many Requests\n' });
  };
}
