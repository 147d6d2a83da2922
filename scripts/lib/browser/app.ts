/**
 * What the e2e tests and the bench know about the page, in one place: how to find the controls by their
 * accessible names and how to tell that the engine has finished. Change a selector here, not in every test.
 */
import type { Locator, Page } from 'playwright-core';
import { MODE_LABELS, type Mode } from '../../../src/sim/index';
import { ENGINE_TIMEOUT_MS } from './harness';

/** The first useful view, as a CSS selector checked in the page (the bench times it): the topology drawing. */
export const FIRST_USEFUL_VIEW_SELECTOR = 'svg.topology-svg';
export const FIRST_USEFUL_VIEW_NAME = 'topology drawn';

/** The status line says "<Mode>: N events ready." once the current mode's run is on screen. */
export const READY_PATTERN = /^(\S+): \d+ events ready\.$/;

export const readyPatternFor = (mode: Mode): RegExp => new RegExp(`^${MODE_LABELS[mode]}: \\d+ events ready\\.$`);

export const statusLine = (page: Page): Locator => page.getByRole('status').filter({ hasText: READY_PATTERN });

export const modeGroup = (page: Page): Locator => page.getByRole('group', { name: 'Termination mode' });

export const modeRadio = (page: Page, mode: Mode): Locator => modeGroup(page).getByRole('radio', { name: MODE_LABELS[mode] });

export const scenarioSelect = (page: Page): Locator => page.getByRole('combobox', { name: 'Scenario' });

/** The sequence diagram's rows: one button per step. */
export const stepList = (page: Page): Locator => page.getByRole('list', { name: 'Steps' });

export const stepCounter = (page: Page): Locator => page.getByTestId('step-counter');

export const summaryRegion = (page: Page): Locator => page.getByRole('region', { name: 'What happened' });

export const inspector = (page: Page): Locator => page.getByRole('region', { name: 'Packet inspector' });

export const capabilitiesRegion = (page: Page): Locator => page.getByRole('region', { name: 'What the load balancer can do' });

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

/** "Step 7 of 42" as numbers. */
export async function readCounter(page: Page): Promise<{ step: number; of: number }> {
  const text = (await stepCounter(page).textContent()) ?? '';
  const match = /^Step (\d+) of (\d+)$/.exec(text.trim());
  if (!match) throw new Error(`unexpected step counter "${text}"`);
  return { step: Number(match[1]), of: Number(match[2]) };
}

/** Selects the first step whose row reads like `text` (e.g. "Client to Load balancer: Application data"). */
export async function selectStep(page: Page, text: string): Promise<void> {
  // While a new run is drawn the list still shows the previous one (aria-busy): wait for the rows of this run.
  await page.locator('[data-step-list]:not([aria-busy="true"])').waitFor();
  await stepList(page).getByRole('button').filter({ hasText: text }).first().click();
}

/** Plays the current run to its last step at the given speed (4x by default) and waits for the end. */
export async function playToEnd(page: Page, speed = '4'): Promise<void> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 110_000 });
}
