/**
 * CRS/ModSecurity transformations (t:urlDecodeUni, t:htmlEntityDecode, t:removeNulls, t:lowercase,
 * t:compressWhitespace) that remember, for every output character, which span of the original text it came
 * from. That lets a match on the normalized text be reported as the bytes the client really sent.
 */

/** Text plus, per UTF-16 unit, the half-open span `[from, to)` of the original string it was decoded from. */
export interface MappedText {
  readonly text: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
}

/** Bounds work per value: CRS engines cap argument sizes too, and a teaching sim never needs more. */
export const MAX_INSPECTED_CHARS = 65_536;

/** Starts a mapping where each character stands for itself. */
export function identity(raw: string): MappedText {
  const text = raw.length > MAX_INSPECTED_CHARS ? raw.slice(0, MAX_INSPECTED_CHARS) : raw;
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; i++) {
    from.push(i);
    to.push(i + 1);
  }
  return { text, from, to };
}

class Builder {
  private readonly chars: string[] = [];
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  constructor(private readonly src: MappedText) {}
  /** Emits `out` as standing for source units `[start, end)`. */
  emit(out: string, start: number, end: number): void {
    const f = this.src.from[start] ?? 0;
    const t = this.src.to[end - 1] ?? f;
    for (let k = 0; k < out.length; k++) {
      this.chars.push(out[k] ?? '');
      this.from.push(f);
      this.to.push(t);
    }
  }
  done(): MappedText {
    return { text: this.chars.join(''), from: this.from, to: this.to };
  }
}

const HEX2 = /^[0-9a-fA-F]{2}$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Percent-decoding that never throws (unlike `decodeURIComponent`): a bad escape such as `%zz` or a trailing `%`
 * stays literal. `%uXXXX` is IIS-style Unicode (ModSecurity's urlDecodeUni); full-width ASCII (U+FF01-FF5E) maps
 * to plain ASCII, because attackers use `％２７` to dodge filters. `plusAsSpace` is for form/query fields only.
 */
export function urlDecode(src: MappedText, plusAsSpace: boolean): MappedText {
  const s = src.text;
  const b = new Builder(src);
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '%' && s[i + 1] === 'u' && HEX4.test(s.slice(i + 2, i + 6))) {
      let code = parseInt(s.slice(i + 2, i + 6), 16);
      if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
      b.emit(String.fromCharCode(code), i, i + 6);
      i += 6;
    } else if (c === '%' && HEX2.test(s.slice(i + 1, i + 3))) {
      // Gather a run of %XX so multi-byte UTF-8 (e.g. %C3%A9) decodes as one character.
      const start = i;
      const bytes: number[] = [];
      while (s[i] === '%' && HEX2.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 3;
      }
      if (bytes.every((x) => x < 0x80)) {
        bytes.forEach((x, k) => b.emit(String.fromCharCode(x), start + 3 * k, start + 3 * k + 3));
      } else {
        b.emit(utf8.decode(new Uint8Array(bytes)), start, i);
      }
    } else if (c === '+' && plusAsSpace) {
      b.emit(' ', i, i + 1);
      i++;
    } else {
      b.emit(c ?? '', i, i + 1);
      i++;
    }
  }
  return b.done();
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', colon: ':', semi: ';', tab: '\t',
  newline: '\n', lpar: '(', rpar: ')', sol: '/', bsol: '\\', equals: '=', grave: '`', num: '#',
};
const ENTITY = /^&(?:#[xX]([0-9a-fA-F]{1,6});?|#([0-9]{1,7});?|([a-zA-Z]{2,8});)/;

/** Decodes HTML character references, as browsers would before running an attribute like `onerror=&#97;lert(1)`. */
export function htmlEntityDecode(src: MappedText): MappedText {
  const s = src.text;
  const b = new Builder(src);
  let i = 0;
  while (i < s.length) {
    const m = s[i] === '&' ? ENTITY.exec(s.slice(i, i + 12)) : null;
    let out: string | undefined;
    if (m) {
      const code = m[1] !== undefined ? parseInt(m[1], 16) : m[2] !== undefined ? parseInt(m[2], 10) : NaN;
      if (!Number.isNaN(code)) out = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
      else out = NAMED_ENTITIES[(m[3] ?? '').toLowerCase()];
    }
    if (m && out !== undefined) {
      b.emit(out, i, i + m[0].length);
      i += m[0].length;
    } else {
      b.emit(s[i] ?? '', i, i + 1);
      i++;
    }
  }
  return b.done();
}

/**
 * t:removeNulls + t:lowercase + t:compressWhitespace in one pass. Lower-casing is ASCII-only, like ModSecurity's
 * byte-wise tolower, which also keeps one output unit per input unit.
 */
export function lowerAndCompress(src: MappedText): MappedText {
  const s = src.text;
  const b = new Builder(src);
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (c === '\0') {
      i++;
    } else if (/[\s\u00a0]/.test(c)) {
      const start = i;
      while (i < s.length && /[\s\u00a0\0]/.test(s[i] ?? '')) i++;
      b.emit(' ', start, i);
    } else {
      b.emit(c >= 'A' && c <= 'Z' ? c.toLowerCase() : c, i, i + 1);
      i++;
    }
  }
  return b.done();
}

/**
 * The CRS pipeline applied to a value the request parser has already decoded once: decode again (catches
 * double encoding such as `%252e%252e%252f`), entity-decode, then lowercase and compress whitespace.
 */
export function normalize(src: MappedText): MappedText {
  return lowerAndCompress(htmlEntityDecode(urlDecode(src, false)));
}

/** The original text behind normalized units `[start, end)`. */
export function originalSpan(raw: string, m: MappedText, start: number, end: number): string {
  if (end <= start) return '';
  const f = m.from[start] ?? 0;
  const t = m.to[end - 1] ?? f;
  return raw.slice(f, t);
}
