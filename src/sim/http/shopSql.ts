/**
 * The shop's deliberately vulnerable product search. The query is built by string concatenation and then run
 * by a tiny evaluator for SQL WHERE clauses (SQLite-flavoured: `'` strings with `''` escapes, `--` and `/* *\/`
 * comments, AND binding tighter than OR). So the effect of an injection is computed, not faked: a tautology
 * returns every row, a stray quote is a syntax error, and a benign search stays inside its string literal.
 */

/** A row of the products table. `hidden` rows are for staff only; the intended query filters them out. */
export interface ProductRow {
  id: number;
  name: string;
  hidden: number;
}

/** The products table, identical on every backend. */
export const PRODUCTS: readonly ProductRow[] = [
  { id: 1, name: 'Blue Mug', hidden: 0 },
  { id: 2, name: 'Red Mug', hidden: 0 },
  { id: 3, name: 'Lab Notebook', hidden: 0 },
  { id: 4, name: 'TLS Sticker Pack', hidden: 0 },
  { id: 5, name: 'Packet Capture Poster', hidden: 0 },
  { id: 6, name: 'Load Balancer Hoodie', hidden: 0 },
  { id: 99, name: 'admin-only: staff discount codes', hidden: 1 },
];

/** Outcome of one search: the SQL that ran, and either rows or the database's error. */
export interface SearchOutcome {
  sql: string;
  /** True when `q` changed the structure of the query instead of staying inside its string literal. */
  injected: boolean;
  rows?: { id: number; name: string }[];
  error?: string;
}

type Token =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'word'; v: string }
  | { t: 'op'; v: string };
type Value = string | number;

const KEYWORDS = new Set(['and', 'or', 'not', 'like']);
/** Words that start another statement or a compound SELECT, which this one-table evaluator cannot run. */
const REFUSED = new Set(['union', 'select', 'insert', 'update', 'delete', 'drop']);
const refusal = (word: string) =>
  `near "${word.toUpperCase()}": this database refuses anything but one SELECT (no UNION, no stacked queries)`;

function tokenize(sql: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (/\s/.test(c)) i++;
    else if (sql.startsWith('--', i)) i = sql.includes('\n', i) ? sql.indexOf('\n', i) : sql.length;
    else if (sql.startsWith('/*', i)) i = sql.includes('*/', i + 2) ? sql.indexOf('*/', i + 2) + 2 : sql.length;
    else if (c === "'") {
      let v = '';
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) return `unrecognized token: "${sql.slice(i, i + 30)}" (unterminated string)`;
        if (sql[j] === "'" && sql[j + 1] === "'") {
          v += "'";
          j += 2;
        } else if (sql[j] === "'") break;
        else v += sql[j++];
      }
      out.push({ t: 'str', v });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(sql.slice(i)) ?? [''];
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z_0-9]*/.exec(sql.slice(i)) ?? [''];
      out.push({ t: 'word', v: m[0].toLowerCase() });
      i += m[0].length;
    } else {
      const op = ['<>', '!=', '<=', '>=', '==', '=', '<', '>', '(', ')', ';'].find((o) => sql.startsWith(o, i));
      if (op === undefined) return `near "${c}": syntax error`;
      out.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  return out;
}

type Expr = (row: ProductRow) => Value;

/** SQL truth of a value: numbers are true when non-zero, strings after numeric conversion ('abc' is 0). */
function truthy(v: Value): boolean {
  const n = Number(v);
  return !Number.isNaN(n) && n !== 0;
}

/** Recursive-descent parser producing a row predicate; returns an error string on bad syntax. */
function parseWhere(tokens: Token[]): Expr | string {
  let at = 0;
  const peek = () => tokens[at];
  const isWord = (w: string) => peek()?.t === 'word' && peek()?.v === w;
  const isOp = (o: string) => peek()?.t === 'op' && peek()?.v === o;
  const near = () => `near "${String(peek()?.v ?? 'end of input')}": syntax error`;

  function primary(): Expr | string {
    const tok = peek();
    if (!tok) return 'incomplete input';
    at++;
    if (tok.t === 'str' || tok.t === 'num') return () => tok.v;
    if (tok.t === 'op' && tok.v === '(') {
      const inner = orExpr();
      if (typeof inner === 'string') return inner;
      if (!isOp(')')) return near();
      at++;
      return inner;
    }
    if (tok.t === 'word' && (tok.v === 'id' || tok.v === 'name' || tok.v === 'hidden')) {
      const column = tok.v;
      return (row) => row[column];
    }
    if (tok.t === 'word' && !KEYWORDS.has(tok.v)) {
      return REFUSED.has(tok.v) ? refusal(tok.v) : `no such column: ${tok.v}`;
    }
    at--;
    return near();
  }

  function comparison(): Expr | string {
    const left = primary();
    if (typeof left === 'string') return left;
    const negated = isWord('not') && tokens[at + 1]?.t === 'word' && tokens[at + 1]?.v === 'like';
    if (negated) at++;
    if (isWord('like')) {
      at++;
      const right = primary();
      if (typeof right === 'string') return right;
      return (row) => (likeMatch(String(left(row)), String(right(row))) !== negated ? 1 : 0);
    }
    const tok = peek();
    if (tok?.t !== 'op' || !['=', '==', '!=', '<>', '<', '>', '<=', '>='].includes(tok.v)) return left;
    at++;
    const right = primary();
    if (typeof right === 'string') return right;
    return (row) => (compare(left(row), right(row), tok.v) ? 1 : 0);
  }

  function notExpr(): Expr | string {
    if (!isWord('not')) return comparison();
    at++;
    const inner = notExpr();
    return typeof inner === 'string' ? inner : (row) => (truthy(inner(row)) ? 0 : 1);
  }

  function binary(word: 'and' | 'or', next: () => Expr | string): Expr | string {
    let left = next();
    while (typeof left !== 'string' && isWord(word)) {
      at++;
      const right = next();
      if (typeof right === 'string') return right;
      const l = left;
      left = word === 'and'
        ? (row) => (truthy(l(row)) && truthy(right(row)) ? 1 : 0)
        : (row) => (truthy(l(row)) || truthy(right(row)) ? 1 : 0);
    }
    return left;
  }
  const andExpr = () => binary('and', notExpr);
  const orExpr = (): Expr | string => binary('or', andExpr);

  const where = orExpr();
  if (typeof where === 'string') return where;
  if (isOp(';')) {
    at++;
    if (peek()) return 'stacked queries are not allowed: the driver runs one statement only';
  }
  const next = peek();
  if (next?.t === 'word' && REFUSED.has(next.v)) return refusal(next.v);
  return next ? near() : where;
}

/** MySQL-style comparison: two strings compare as text, anything involving a number compares numerically. */
function compare(a: Value, b: Value, op: string): boolean {
  const [x, y] = typeof a === 'string' && typeof b === 'string' ? [a, b] : [Number(a) || 0, Number(b) || 0];
  if (op === '=' || op === '==') return x === y;
  if (op === '!=' || op === '<>') return x !== y;
  if (op === '<') return x < y;
  if (op === '>') return x > y;
  return op === '<=' ? x <= y : x >= y;
}

/**
 * SQL LIKE, case-insensitive as in SQLite: `%` any run, `_` one character. A two-pointer wildcard match rather
 * than a RegExp, because a pattern of many `%` (attacker-controlled) would make a backtracking regex explode.
 */
function likeMatch(textIn: string, patternIn: string): boolean {
  const text = Array.from(textIn.toLowerCase());
  const pattern = Array.from(patternIn.toLowerCase());
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '_' || pattern[p] === text[t])) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === '%') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === '%') p++;
  return p === pattern.length;
}

/** The SQL the search route builds: `q` is pasted between quotes, which is the bug. */
export function buildSearchSql(q: string): string {
  return `SELECT id, name FROM products WHERE name LIKE '%${q}%' AND hidden = 0`;
}

/** Builds and runs the search for `q` against {@link PRODUCTS}. */
export function runProductSearch(q: string): SearchOutcome {
  const sql = buildSearchSql(q);
  const where = sql.slice(sql.indexOf(' WHERE ') + 7);
  const tokens = tokenize(where);
  if (typeof tokens === 'string') return { sql, injected: true, error: tokens };
  const literal = tokens[2];
  const injected = !(tokens.length === 7 && literal?.t === 'str' && literal.v === `%${q}%`);
  const predicate = parseWhere(tokens);
  if (typeof predicate === 'string') return { sql, injected, error: predicate };
  const rows = PRODUCTS.filter((row) => truthy(predicate(row))).map(({ id, name }) => ({ id, name }));
  return { sql, injected, rows };
}
