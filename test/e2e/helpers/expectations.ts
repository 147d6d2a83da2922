/** Assertions the e2e suites share. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { formatViolations, runAxe } from './pageChecks';

/** axe-core (WCAG 2.0-2.2 A/AA tags) reports nothing on the page as it is now. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `axe violations (${where}):\n${formatViolations(violations)}`).toEqual([]);
}
