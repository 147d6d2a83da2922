/**
 * The WAF's verdict on a parsed HTTP request: CRS anomaly scoring. Every rule adds its points once per value it
 * matches; the request is denied when the inbound total reaches the threshold (CRS REQUEST-949-BLOCKING-EVALUATION).
 */
import type { HttpRequest } from '../../http/types';
import { CRS_RULES } from './rules';
import type { WafRule } from './rules';
import { requestTargets } from './targets';
import { normalize, originalSpan } from './transforms';
import type { WafMatch, WafOptions, WafVerdict } from './types';

/** CRS `tx.inbound_anomaly_score_threshold` default: one CRITICAL hit blocks. */
export const DEFAULT_INBOUND_THRESHOLD = 5;

const MAX_SHOWN = 80;

/** Shortens text for display; long payloads would swamp the inspector panel. */
export function truncate(text: string, max = MAX_SHOWN): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * Inspects an HTTP request the way a layer-7 LB (offloading or bridging) can, because it holds the plaintext.
 * Targets: decoded path, query parameter names and values, form fields (or the raw body for other content types),
 * cookie values, User-Agent and Referer. Each value is decoded a second time (t:urlDecodeUni), entity-decoded,
 * lower-cased and whitespace-compressed before matching; matches report both that text and the bytes as sent.
 * Never throws: bad percent escapes stay literal.
 */
export function inspectRequest(req: HttpRequest, opts: WafOptions = {}): WafVerdict {
  const threshold =
    typeof opts.threshold === 'number' && opts.threshold > 0 ? opts.threshold : DEFAULT_INBOUND_THRESHOLD;
  const mode = opts.mode === 'detect' ? 'detect' : 'block';
  const matches: WafMatch[] = [];

  for (const target of requestTargets(req)) {
    const normalized = normalize(target.decoded);
    const rawLower = asciiLower(target.raw);
    for (const rule of CRS_RULES) {
      if (rule.targets && !rule.targets.includes(target.kind)) continue;
      const hit = matchRule(rule, rule.input === 'raw' ? rawLower : normalized.text);
      if (!hit) continue;
      const end = hit.index + hit.length;
      const original =
        rule.input === 'raw' ? target.raw.slice(hit.index, end) : originalSpan(target.raw, normalized, hit.index, end);
      matches.push({
        ruleId: rule.id,
        category: rule.category,
        message: rule.message,
        severity: rule.severity,
        score: rule.score,
        location: target.location,
        matched: truncate(hit.text),
        original: truncate(original),
      });
    }
  }

  const score = matches.reduce((sum, m) => sum + m.score, 0);
  return { inspected: true, blocked: mode === 'block' && score >= threshold, score, threshold, matches, mode };
}

function matchRule(rule: WafRule, text: string): { index: number; length: number; text: string } | null {
  const found = rule.find(text);
  return found ? { ...found, text: text.slice(found.index, found.index + found.length) } : null;
}
