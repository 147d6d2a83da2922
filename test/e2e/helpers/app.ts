/**
 * What the e2e tests and the bench know about the page, in one place: how to find the controls by their
 * accessible names and how to tell that the engine has finished. Change a selector here, not in every test.
 */
import type { Locator, Page } from 'playwright-core';
import { MODE_LABELS, type Mode } from '../../../src/sim/index';
import { ENGINE_TIMEOUT_MS } from './browser';

/**
 * The first useful view, as a CSS selector checked in the page (the bench times it). For now the termination
 * mode radio group; once the topology is drawn, point this at it.
 */
export const FIRST_USEFUL_VIEW_SELECTOR = 'fieldset.mode-switch input[type="radio"]';
export const FIRST_USEFUL_VIEW_NAME = '"Termination mode" radio group';

/** The status line says "<Mode>: N events ready." once the current mode's run is on screen. */
export const READY_PATTERN = /^(\S+): \d+ events ready\.$/;

export const readyPatternFor = (mode: Mode): RegExp => new RegExp(`^${MODE_LABELS[mode]}: \\d+ events ready\\.$`);

export const statusLine = (page: Page): Locator => page.getByRole('status').first();

export const modeGroup = (page: Page): Locator => page.getByRole('group', { name: 'Termination mode' });

export const modeRadio = (page: Page, mode: Mode): Locator => modeGroup(page).getByRole('radio', { name: MODE_LABELS[mode] });

export const scenarioSelect = (page: Page): Locator => page.getByRole('combobox', { name: 'Scenario' });

export const eventLog = (page: Page): Locator => page.getByRole('list', { name: 'Event log' });

export const summaryRegion = (page: Page): Locator => page.getByRole('region', { name: 'What happened' });

/** Waits until the status line reports the given mode's events as ready (the engine can take seconds here). */
export async function waitForReady(page: Page, mode: Mode, timeout = ENGINE_TIMEOUT_MS): Promise<void> {
  await page.getByRole('status').filter({ hasText: readyPatternFor(mode) }).waitFor({ state: 'visible', timeout });
}

/** Checks the mode's radio button and waits for its run to be on screen. */
export async function chooseMode(page: Page, mode: Mode): Promise<void> {
  await modeRadio(page, mode).check();
  await waitForReady(page, mode);
}

/** Picks a scenario by its value (id) and waits for the current mode's run of it. */
export async function chooseScenario(page: Page, scenarioId: string, mode: Mode): Promise<void> {
  await scenarioSelect(page).selectOption(scenarioId);
  await waitForReady(page, mode);
}
