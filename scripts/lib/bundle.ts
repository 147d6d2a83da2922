/**
 * Which JavaScript a built site needs before its first paint: the module scripts and modulepreload links of
 * index.html plus everything they import statically, and the gzip size (level 9) of each set. The page's own entry
 * is a tiny module that starts the engine worker and then imports the app (src/app/main.tsx), so the dynamic
 * `import()`s of the files index.html names are followed too: nothing paints without them. Deeper dynamic imports
 * (panels loaded later) and `new URL(..., import.meta.url)` worker chunks are not followed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const SCRIPT_SRC = /<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/gi;
const MODULE_PRELOAD = /<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/gi;
/** `import x from "./a.js"`, `import "./a.js"`, `export * from "./a.js"` (minified or not); never `import(`. */
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.m?js)["']/g;
/** `import("./a.js")` (the minifier quotes it with backticks), as the entry module loads the app. */
const DYNAMIC_IMPORT = /(?:^|[^\w$.])import\(\s*["'`]([^"'`]+\.m?js)["'`]\s*\)/g;

export function gzipSize(bytes: Buffer | string): number {
  return gzipSync(bytes, { level: 9 }).length;
}

const isLocal = (ref: string): boolean => !/^(?:[a-z]+:)?\/\//i.test(ref) && !ref.startsWith('data:');

/** Paths (relative to `distDir`, posix) of the JS loaded before first paint. */
export function firstPaintScripts(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const queue = [...html.matchAll(SCRIPT_SRC), ...html.matchAll(MODULE_PRELOAD)]
    .map((m) => m[1] ?? '')
    .filter(isLocal)
    .map((ref) => posix.normalize(ref.replace(/^\.?\//, '').split(/[?#]/, 1)[0] ?? ''));
  const entries = new Set(queue);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    const imports = [...code.matchAll(STATIC_IMPORT), ...(entries.has(file) ? code.matchAll(DYNAMIC_IMPORT) : [])];
    for (const m of imports) {
      const ref = m[1] ?? '';
      if (!isLocal(ref) || !(ref.startsWith('./') || ref.startsWith('../') || ref.startsWith('/'))) continue;
      queue.push(ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(posix.dirname(file), ref)));
    }
  }
  return [...seen];
}

/** Every .js file under `dir`, relative to `distDir`. */
export function allScripts(distDir: string, dir = join(distDir, 'assets')): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.m?js$/.test(e.name))
    .map((e) => relative(distDir, join(e.parentPath, e.name)).split('\\').join('/'));
}

export function gzipTotal(distDir: string, files: readonly string[]): number {
  return files.reduce((sum, file) => sum + gzipSize(readFileSync(join(distDir, file))), 0);
}

/** A fetched script, on the page's clock. */
export interface FetchedScript {
  readonly url: string;
  readonly startTime: number;
  readonly responseEnd: number;
}

export interface ScriptsByMoment {
  /** Built JS files (relative to `distDir`) whose response had ended by the moment. */
  readonly fetched: string[];
  /** Built JS files requested before the moment but still arriving at it (not counted as needed for it). */
  readonly late: string[];
}

/**
 * Which of the build's JS files (`allScripts`) the browser had received by `moment` (page ms), from resource timing
 * entries of the site served at `siteUrl` (trailing slash). A file fetched twice (page and worker) counts once.
 */
export function scriptsFetchedBy(distDir: string, siteUrl: string, entries: readonly FetchedScript[], moment: number): ScriptsByMoment {
  const built = new Set(allScripts(distDir));
  const fetched = new Set<string>();
  const late = new Set<string>();
  for (const entry of entries) {
    if (!entry.url.startsWith(siteUrl)) continue;
    const file = posix.normalize(entry.url.slice(siteUrl.length).split(/[?#]/, 1)[0] ?? '');
    if (!built.has(file)) continue;
    if (entry.responseEnd > 0 && entry.responseEnd <= moment) fetched.add(file);
    else if (entry.startTime < moment) late.add(file);
  }
  for (const file of fetched) late.delete(file);
  return { fetched: [...fetched], late: [...late] };
}
