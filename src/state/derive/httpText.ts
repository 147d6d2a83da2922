/** Small readers for decoded HTTP text (what an observer recovered), used by the visibility tables. */

export interface HttpGlance {
  readonly startLine: string;
  readonly isRequest: boolean;
  readonly cookies: readonly string[];
  readonly body: string;
  readonly forwardedFor: readonly string[];
}

const START = /^(?:[A-Z]+ \S+ HTTP\/1\.[01]|HTTP\/1\.[01] \d{3}[^\r\n]*)/;

/** Every HTTP message in `text` (a segment may hold more than one, or the tail of one). */
export function glanceHttp(text: string): HttpGlance[] {
  const out: HttpGlance[] = [];
  const starts: number[] = [];
  const finder = /(?:^|\n)(?=[A-Z]+ \S+ HTTP\/1\.[01]\r?\n|HTTP\/1\.[01] \d{3})/g;
  for (let m = finder.exec(text); m; m = finder.exec(text)) {
    starts.push(m.index + (text[m.index] === '\n' ? 1 : 0));
    if (finder.lastIndex === m.index) finder.lastIndex++;
  }
  starts.forEach((start, i) => {
    const message = text.slice(start, starts[i + 1] ?? text.length);
    const startLine = START.exec(message)?.[0];
    if (!startLine) return;
    const headEnd = message.indexOf('\r\n\r\n');
    const head = headEnd >= 0 ? message.slice(0, headEnd) : message;
    const lines = head.split(/\r?\n/).slice(1);
    const values = (name: RegExp): string[] => lines.filter((l) => name.test(l)).map((l) => l.slice(l.indexOf(':') + 1).trim());
    out.push({
      startLine,
      isRequest: !startLine.startsWith('HTTP/'),
      cookies: values(/^(?:cookie|set-cookie)\s*:/i),
      body: headEnd >= 0 ? message.slice(headEnd + 4) : '',
      forwardedFor: values(/^(?:x-forwarded-for|x-real-ip|forwarded)\s*:/i),
    });
  });
  return out;
}

export function clip(text: string, max = 48): string {
  const one = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
