/**
 * A small rule set modelled on the OWASP Core Rule Set (CRS): real rule ids and messages, simplified patterns.
 * Patterns run on normalized text (decoded, ASCII lower-case, whitespace compressed), so they are written in
 * lower case and need no `i` flag. Each is anchored on attack syntax, not on words alone, so that prose such as
 * "union station", "select a size" or "drop shipping" passes (see test/sim/waf.test.ts for the benign corpus).
 */
import type { AttackCategory, Severity, TargetKind } from './types';

/** A CRS-style rule. */
export interface WafRule {
  readonly id: number;
  readonly category: AttackCategory;
  readonly message: string;
  readonly severity: Severity;
  /** Anomaly points: CRITICAL 5, WARNING 3. */
  readonly score: 5 | 3;
  /** Which values the rule reads; absent means all (CRS rules name their variables the same way). */
  readonly targets?: readonly TargetKind[];
  /** `raw` rules read the value as sent (only lower-cased), to see encodings that decoding would erase. */
  readonly input: 'normalized' | 'raw';
  /** Whether the (normalized or raw, see `input`) text trips the rule. */
  test(text: string): boolean;
  /** The first matching span, for reporting; null when the rule does not fire. */
  find(text: string): { readonly index: number; readonly length: number } | null;
}

interface RuleSpec {
  id: number;
  category: AttackCategory;
  message: string;
  severity?: Severity;
  targets?: readonly TargetKind[];
  input?: 'normalized' | 'raw';
  patterns: readonly RegExp[];
}

function rule(spec: RuleSpec): WafRule {
  const severity = spec.severity ?? 'CRITICAL';
  const find = (text: string): { index: number; length: number } | null => {
    for (const p of spec.patterns) {
      const m = p.exec(text); // patterns carry no `g` flag, so exec keeps no state between calls
      if (m) return { index: m.index, length: m[0].length };
    }
    return null;
  };
  return {
    id: spec.id,
    category: spec.category,
    message: spec.message,
    severity,
    score: severity === 'CRITICAL' ? 5 : 3,
    ...(spec.targets ? { targets: spec.targets } : {}),
    input: spec.input ?? 'normalized',
    test: (text) => find(text) !== null,
    find,
  };
}

/** Unix commands worth flagging after a shell separator; English-looking ones (more, less, head) are left out. */
const UNIX_CMD =
  '(?:cat|ls|id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|rm|chmod|chown|ping|pwd|ps|python[0-9.]*|perl|nslookup|ifconfig|netstat|passwd|telnet|base64)';
/** Shell separators: `;`, `|`, `||`, `&&`, a lone `&`, or a newline. */
const SHELL_SEP = '(?:;|\\|\\|?|&&?|\\n)';

/** SQL injection, CRS REQUEST-942-APPLICATION-ATTACK-SQLI. */
const SQLI: readonly WafRule[] = [
  rule({
    id: 942130,
    category: 'sqli',
    message: 'SQL Injection Attack: SQL Tautology Detected',
    patterns: [
      // ' OR '1'='1   " or ""="   ' or 1=1   'or'a'='a   — the same operand on both sides after a quote.
      /['"`)]\s*(?:or|and|\|\||&&)(?![a-z_])\s*(?:(['"])(\w*)\1\s*(?:=|<=>|like)\s*\1\2(?!\w)|(\w+)\s*(?:=|<=>|like)\s*\3(?!\w))/,
      // OR 1=1 without a quote (numeric context): WHERE id = 5 OR 1=1
      /\b(?:or|and)\s+(\d+)\s*=\s*\1\b/,
      /['"]\s*(?:or|and)\s+(?:true|not\s+false)\b/,
    ],
  }),
  rule({
    id: 942190,
    category: 'sqli',
    message: 'Detects MSSQL code execution and information gathering attempts',
    // UNION SELECT, also UNION/**/SELECT and UNION ALL SELECT; "union station" or "select a size" alone do not match.
    patterns: [/\bunion(?:\s|\/\*.*?\*\/|\()+(?:(?:all|distinct)(?:\s|\/\*.*?\*\/|\()+)?select\b/],
  }),
  rule({
    id: 942440,
    category: 'sqli',
    message: 'SQL Comment Sequence Detected',
    // A quote closing a string, then a comment that swallows the rest of the query: admin'-- , x' /* .
    // MySQL needs whitespace (or the end) after `--`, which keeps '--verbose' from matching.
    patterns: [/['"`]\s*\)?\s*(?:--(?:\s|$)|#(?:\s|$)|\/\*|;\s*--)/],
  }),
  rule({
    id: 942350,
    category: 'sqli',
    message: 'Detects MySQL UDF injection and other data/structure manipulation attempts',
    patterns: [
      /;\s*(?:drop|truncate|alter|create)\s+(?:table|database|schema|user|function)\b/,
      /;\s*(?:delete\s+from|insert\s+into|update\s+\w+\s+set|shutdown\b|exec(?:ute)?\s+(?:xp_|sp_))/,
    ],
  }),
  rule({
    id: 942160,
    category: 'sqli',
    message: 'Detects blind sqli tests using sleep() or benchmark()',
    patterns: [/\b(?:pg_)?sleep\s*\(\s*[\d.]+\s*\)/, /\bbenchmark\s*\(\s*\d+\s*,/, /\bwaitfor\s+delay\s+['"]/],
  }),
  rule({
    id: 942430,
    category: 'sqli',
    message: 'Restricted SQL Character Anomaly Detection (args): # of special characters exceeded (12)',
    severity: 'WARNING',
    // CRS applies this to ARGS only; JSON/raw bodies are full of quotes and braces by design.
    targets: ['query', 'form'],
    patterns: [/(?:[~!@#$%^&*()\-+={}[\]|:;"'`<>][^~!@#$%^&*()\-+={}[\]|:;"'`<>]*?){12}/],
  }),
];

/** Cross-site scripting, CRS REQUEST-941-APPLICATION-ATTACK-XSS. */
const XSS: readonly WafRule[] = [
  rule({
    id: 941110,
    category: 'xss',
    message: 'XSS Filter - Category 1: Script Tag Vector',
    patterns: [/<\/?script\b/],
  }),
  rule({
    id: 941120,
    category: 'xss',
    message: 'XSS Filter - Category 2: Event Handler Vector',
    // A tag (`<` then a letter, so "<3" and "2 < 3" pass) carrying an on*= attribute: <img src=x onerror=…>, <svg/onload=…>.
    patterns: [/<[a-z][^>]*?[\s/"'`]on[a-z]{3,}\s*=/],
  }),
  rule({
    id: 941160,
    category: 'xss',
    message: 'NoScript XSS InjectionChecker: HTML Injection',
    patterns: [/<(?:iframe|frame|object|embed|applet|base|meta|svg)\b/],
  }),
  rule({
    id: 941170,
    category: 'xss',
    message: 'NoScript XSS InjectionChecker: Attribute Injection',
    // javascript:/vbscript: URIs followed by code (an identifier, then `(`, `=`, `.`, ...); the book title
    // "Java Script: The Good Parts." passes.
    patterns: [/(?:^|\W)(?:java|vb)\s*script\s*:\s*[a-z_$][\w$]*\s*[=([.`\\]/, /(?:^|\W)data\s*:\s*text\/html\b/],
  }),
];

/** Local file inclusion / path traversal, CRS REQUEST-930-APPLICATION-ATTACK-LFI. */
const LFI: readonly WafRule[] = [
  rule({
    id: 930100,
    category: 'lfi',
    message: 'Path Traversal Attack (/../) or (/.../)',
    input: 'raw',
    // Encoded dots or slashes on the wire (..%2f, %2e%2e/, %252e%252e) are an evasion attempt in themselves.
    // The dots must start a path segment, so "wait...%2Fok" (an ellipsis before a slash) passes.
    patterns: [
      /(?:^|[/\\]|%2f|%5c|%252f)(?:(?:%2e|%252e|%u002e|\.){2}(?:%2f|%5c|%252f|%255c|%u2215|%c0%af)|(?:%2e|%252e){2}(?:\/|\\|$))/,
    ],
  }),
  rule({
    id: 930110,
    category: 'lfi',
    message: 'Path Traversal Attack (/../) or (/.../)',
    patterns: [/(?:^|[\\/])\.{2,3}[\\/]|[\\/]\.{2,3}(?:[\\/]|$)/],
  }),
  rule({
    id: 930120,
    category: 'lfi',
    message: 'OS File Access Attempt',
    patterns: [
      /(?:^|[\\/])etc[\\/](?:passwd|shadow|group|hosts|issue)\b/,
      /[\\/]proc[\\/]self[\\/]/,
      /(?:^|[\\/])(?:win\.ini|boot\.ini|\.htpasswd|\.ssh[\\/]id_[a-z0-9]+)\b/,
    ],
  }),
  rule({
    id: 930130,
    category: 'lfi',
    message: 'Restricted File Access Attempt',
    targets: ['path'],
    patterns: [/\/(?:\.git|\.svn|\.hg)(?:\/|$)|\/\.env$|\/\.env\//],
  }),
];

/** Remote command execution, CRS REQUEST-932-APPLICATION-ATTACK-RCE. */
const RCE: readonly WafRule[] = [
  rule({
    id: 932100,
    category: 'rce',
    message: 'Remote Command Execution: Unix Command Injection',
    patterns: [new RegExp(`${SHELL_SEP}\\s*${UNIX_CMD}(?=$|[\\s;|&<>'"\`)])`)],
  }),
  rule({
    id: 932130,
    category: 'rce',
    message: 'Remote Command Execution: Unix Shell Expression Found',
    patterns: [/\$\(\s*[a-z/]/, new RegExp(`\`\\s*${UNIX_CMD}\\b[^\`]*\``), /\$\{ifs\}/],
  }),
  rule({
    id: 932160,
    category: 'rce',
    message: 'Remote Command Execution: Unix Shell Code Found',
    patterns: [/\/bin\/(?:ba|z|k|da|c|tc)?sh\b/, /\/usr\/bin\/(?:env|perl|python|nc|wget|curl)\b/],
  }),
];

/** Every rule, in the order CRS would evaluate them (930, 932, 941, 942). */
export const CRS_RULES: readonly WafRule[] = [...LFI, ...RCE, ...XSS, ...SQLI];
