/**
 * The beginner's view in the page (jsdom, real runs): the step list is every packet by default; unticking "Show
 * every packet" shows one row per key moment with its sentence; Next and the arrow keys go moment to moment while
 * the current row follows the cursor; the narration starts with the moment's sentence; ticking it brings back
 * every packet.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { Mode } from '../../src/sim/index';
import { keyMoments } from '../../src/sim/index';
import type { ModeRun } from '../../src/state/store';
import { nextStep, previousStep } from '../../src/state/stepping';
import { preloadLazyParts, renderSim } from './helpers/renderSim';
import { runAllModes } from './helpers/timelines';

let runs: Record<Mode, ModeRun>;

beforeAll(async () => {
  runs = await runAllModes('basic');
  await preloadLazyParts();
});

afterEach(cleanup);

describe('beginner view (key moments)', () => {
  it('defaults to every packet; the toggle switches to moments and back', async () => {
    const { store } = renderSim(runs, 'basic', 'offload');
    expect(store.getState().detail).toBe('packets');
    const steps = screen.getByRole('list', { name: 'Steps' });
    expect(within(steps).getAllByRole('button')).toHaveLength(runs.offload.timeline.events.length);
    const toggle = screen.getByRole('checkbox', { name: 'Show every packet' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    fireEvent.click(toggle);
    expect(store.getState().detail).toBe('moments');
    const moments = keyMoments(runs.offload.timeline.events);
    expect(within(steps).getAllByRole('button')).toHaveLength(moments.length);
    await within(steps).findByText(/looks up .shop\.example\.com. in DNS/);
    // The glossary term of the current (first) row is a link; the others are out of the Tab order.
    expect(within(steps).getByRole('link', { name: /DNS/ }).getAttribute('tabindex')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show every packet' }));
    expect(store.getState().detail).toBe('packets');
    expect(within(steps).getAllByRole('button')).toHaveLength(runs.offload.timeline.events.length);
  });

  it('Next and the arrow keys go moment to moment; the narration starts with the moment', async () => {
    const { store } = renderSim(runs, 'basic', 'passthrough');
    act(() => store.getState().setDetail('moments'));
    const moments = keyMoments(runs.passthrough.timeline.events);
    expect(store.getState().cursor).toBe(moments[0]!.index);
    fireEvent.click(screen.getByRole('button', { name: 'Next moment' }));
    expect(store.getState().cursor).toBe(moments[1]!.index);
    const steps = screen.getByRole('list', { name: 'Steps' });
    const current = within(steps).getAllByRole('button').find((b) => b.getAttribute('aria-current') === 'step');
    expect(current?.textContent).toMatch(/Connection/);
    fireEvent.keyDown(current!, { key: 'ArrowDown' });
    expect(store.getState().cursor).toBe(moments[2]!.index);
    await screen.findByText(/names the site it wants/, { selector: '.narration-moment' });
    // Inside a moment (a packet step), Previous goes back to the moment's start; Next to the following moment.
    act(() => store.getState().seek(moments[2]!.index + 1));
    expect(previousStep(store.getState())).toBe(moments[2]!.index);
    expect(nextStep(store.getState())).toBe(moments[3]!.index);
    act(() => store.getState().toEnd());
    expect(nextStep(store.getState())).toBeNull();
    expect((screen.getByRole('button', { name: 'Next moment' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
