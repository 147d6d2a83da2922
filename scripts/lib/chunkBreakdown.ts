/**
 * What a built chunk is made of: its bytes attributed to the source files its sourcemap names (each generated
 * segment counts until the next one), grouped by package or by source folder. Used by hand to decide what to cut
 * from the bundle: `npx vite build --sourcemap --outDir /tmp/x && npx tsx scripts/lib/chunkBreakdown.ts /tmp/x/assets/chunk.js`.
 * Minified sizes, not gzip: gzip compresses each part differently, so they rank the parts rather than add up to
 * the gzip figure.
 */
import { readFileSync } from 'node:fs';
import { decode } from '@jridgewell/sourcemap-codec';

export interface Part {
  readonly name: string;
  readonly bytes: number;
}

/** `node_modules/@noble/curves/abstract/edwards.js` -> `@noble/curves/abstract/edwards.js`; `src/sim/tls13/x.ts` stays. */
function shortName(source: string): string {
  const i = source.lastIndexOf('node_modules/');
  if (i >= 0) return source.slice(i + 'node_modules/'.length);
  // Sources are relative to the chunk, which may be built outside the repository (../../work/main/src/...).
  const src = source.lastIndexOf('src/');
  return src >= 0 ? source.slice(src) : source.replace(/^(?:\.\.\/)+/, '');
}

/** A package name, or the folder of a project file (`src/sim/tls13`). */
export function groupOf(source: string): string {
  const name = shortName(source);
  if (!name.startsWith('src/')) return name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0] ?? name;
  return name.split('/').slice(0, -1).join('/');
}

export function breakdown(code: string, map: { sources: string[]; mappings: string }): Part[] {
  const lines = code.split('\n');
  const bytes = new Map<string, number>();
  decode(map.mappings).forEach((segments, line) => {
    const text = lines[line] ?? '';
    segments.forEach((segment, i) => {
      const start = segment[0];
      const end = segments[i + 1]?.[0] ?? text.length;
      const source = segment.length > 1 ? shortName(map.sources[segment[1] as number] ?? '?') : '(generated)';
      bytes.set(source, (bytes.get(source) ?? 0) + Math.max(0, end - start));
    });
  });
  return [...bytes].map(([name, n]) => ({ name, bytes: n })).sort((a, b) => b.bytes - a.bytes);
}

export function grouped(parts: readonly Part[]): Part[] {
  const sums = new Map<string, number>();
  for (const p of parts) sums.set(groupOf(p.name), (sums.get(groupOf(p.name)) ?? 0) + p.bytes);
  return [...sums].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  for (const file of process.argv.slice(2)) {
    const parts = breakdown(readFileSync(file, 'utf8'), JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string });
    const total = parts.reduce((s, p) => s + p.bytes, 0);
    console.log(`${file}: ${(total / 1000).toFixed(1)} kB minified`);
    for (const p of grouped(parts)) console.log(`  ${(p.bytes / 1000).toFixed(1).padStart(7)} kB  ${p.name}`);
    console.log('  largest files:');
    for (const p of parts.slice(0, 25)) console.log(`  ${(p.bytes / 1000).toFixed(1).padStart(7)} kB  ${p.name}`);
  }
}
