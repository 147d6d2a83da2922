/**
 * Browser harness for the e2e suite and the bench (it lives here, not under test/, so the bench imports no test
 * code): Debian's Chromium driven by playwright-core (no browser can be downloaded on this machine, QUALITY.md),
 * the built site served by ./staticServer. The tests' own checks (axe-core, screenshots) are in
 * test/e2e/helpers/pageChecks.ts.
 *
 * Typical use:
 *   const app = await startApp();
 *   const { page, consoleErrors } = await app.openApp('index.html', { viewport: { width: 834, height: 504 } });
 *   await app.close();
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer, type StaticServer, type StaticServerOptions } from './staticServer';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST_DIR = join(REPO_ROOT, 'dist');

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Generous: key generation and three modes of real TLS take a few seconds on this 2-core machine. */
export const ENGINE_TIMEOUT_MS = 60_000;

/** Throws a message that says what to do when the site has not been built. */
export function requireBuiltApp(): void {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`${join(DIST_DIR, 'index.html')} is missing: run \`npm run build\` before the e2e tests (\`npm test\` does it for you).`);
  }
}

/**
 * Launches Chromium headless. playwright's `launch()` gives the browser a fresh temporary --user-data-dir of its
 * own and deletes it on close (it refuses a --user-data-dir in `args`); each `newContext()` is a clean profile
 * (no cache, no storage), so every page load below is a first visit.
 */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium package (QUALITY.md).`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
}

export interface OpenAppOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly reducedMotion?: 'reduce' | 'no-preference';
  /** Runs in the page before any of its scripts (page.addInitScript); not subject to the page's CSP. */
  readonly initScript?: string;
  /** 'load' by default; 'commit' returns as soon as navigation starts. */
  readonly waitUntil?: 'commit' | 'domcontentloaded' | 'load';
}

export interface OpenedApp {
  readonly page: Page;
  readonly context: BrowserContext;
  /** console.error messages (page and workers) and uncaught exceptions, collected as they happen. */
  readonly consoleErrors: string[];
}

export interface AppHarness {
  /** Base URL of the served dist/, with a trailing slash. */
  readonly url: string;
  readonly browser: Browser;
  /** Opens `path` (relative to the site root, e.g. `''` or `'index.html?mode=offload'`) in a fresh context. */
  openApp(path?: string, options?: OpenAppOptions): Promise<OpenedApp>;
  /** Opens an absolute URL (another site, e.g. the bench's anchor page on a server of its own) the same way. */
  openUrl(url: string, options?: OpenAppOptions): Promise<OpenedApp>;
  close(): Promise<void>;
}

export const DEFAULT_VIEWPORT = { width: 1280, height: 800 } as const;

export interface StartAppOptions extends StaticServerOptions {
  /** The built site to serve; dist/ by default (the bench serves a fresh build from a temporary directory). */
  readonly root?: string;
}

/** Serves dist/ (optionally with extra headers, e.g. a CSP) and launches Chromium. */
export async function startApp(options: StartAppOptions = {}): Promise<AppHarness> {
  const { root, ...serverOptions } = options;
  if (root === undefined) requireBuiltApp();
  const server: StaticServer = await startStaticServer(root ?? DIST_DIR, serverOptions);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  const contexts = new Set<BrowserContext>();

  const openUrl = async (url: string, options: OpenAppOptions = {}): Promise<OpenedApp> => {
    const context = await browser.newContext({
      viewport: { ...(options.viewport ?? DEFAULT_VIEWPORT) },
      reducedMotion: options.reducedMotion ?? 'no-preference',
    });
    contexts.add(context);
    context.on('close', () => contexts.delete(context));
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('worker', (worker) => {
      worker.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`worker console: ${message.text()}`);
      });
    });
    if (options.initScript) await page.addInitScript(options.initScript);
    await page.goto(url, { waitUntil: options.waitUntil ?? 'load' });
    return { page, context, consoleErrors };
  };
  const openApp = (path = '', options: OpenAppOptions = {}): Promise<OpenedApp> =>
    openUrl(new URL(path.replace(/^\//, ''), server.url).href, options);

  return {
    url: server.url,
    browser,
    openApp,
    openUrl,
    async close() {
      for (const context of [...contexts]) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
