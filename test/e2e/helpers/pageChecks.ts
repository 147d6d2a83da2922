/**
 * The e2e suites' own checks of a page: axe-core (the WCAG tags of QUALITY.md) and screenshots for reviewers.
 * The browser harness they run in is scripts/lib/browser/harness.ts, shared with the bench.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/lib/browser/harness';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

export interface AxeViolationSummary {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** Runs axe-core on the page as it is now and returns its violations, one line of facts each. */
export async function runAxe(page: Page): Promise<AxeViolationSummary[]> {
  // Injected through the protocol (page.evaluate), not page.addScriptTag: an inline <script> tag is refused,
  // with a console error, under the strict Content-Security-Policy the app must run with (QUALITY.md).
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object'))) {
    axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
  }
  return page.evaluate(async (tags) => {
    interface AxeNode { target: unknown[] }
    interface AxeResult { id: string; impact?: string | null; help: string; nodes: AxeNode[] }
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  }, [...AXE_TAGS]);
}

/** For assertion messages: one violation per line. */
export function formatViolations(violations: readonly AxeViolationSummary[]): string {
  return violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} -> ${v.targets.join(', ')}`).join('\n');
}

/** Saves a viewport screenshot to test-results/screenshots/<name>.png for reviewers (never compared). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}
