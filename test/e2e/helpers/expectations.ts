/** Assertions the e2e suites share. */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formatViolations, runAxe } from './pageChecks';

/** axe-core (WCAG 2.0-2.2 A/AA tags) reports nothing on the page as it is now. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `axe violations (${where}):\n${formatViolations(violations)}`).toEqual([]);
}

/**
 * The element's text comes to match within `timeoutMs`. Panels that follow the step render a frame after the
 * click (useDeferredValue), so reading the text once right after the click may still see the previous step.
 */
export async function expectTextSoon(locator: Locator, pattern: RegExp | string, timeoutMs = 10_000): Promise<void> {
  await expect.poll(async () => (await locator.count()) > 0 ? locator.first().textContent() : '', { timeout: timeoutMs, interval: 100 })
    .toMatch(pattern);
}
