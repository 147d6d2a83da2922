/**
 * The cost panel: counts first (the same on every visit), time second as a median with its range, and never a
 * "computing…" that stays for a node that simply does no TLS work.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mode } from '../../src/sim/index';
import type { ModeRun } from '../../src/state/store';
import { preloadLazyParts, renderSim } from './helpers/renderSim';
import { runAllModes } from './helpers/timelines';

let runs: Record<Mode, ModeRun>;
beforeAll(async () => {
  runs = await runAllModes('basic', { options: { protocol: 'tls1.3' } });
  await preloadLazyParts();
}, 120_000);
afterEach(cleanup);

/** The panels below the stage render after the first paint: wait for this one once per test. */
const panel = (): Promise<HTMLElement> => screen.findByRole('region', { name: /Cost: cryptographic work per node/ }, { timeout: 10_000 });

const cell = (node: string, mode: string): HTMLElement => {
  const panel = screen.getByRole('region', { name: /Cost: cryptographic work per node/ });
  const term = within(panel).getByText(node, { selector: 'dt' });
  const row = term.closest('.cost-row') as HTMLElement;
  return within(row).getByText(mode, { selector: '.cost-mode' }).closest('dd') as HTMLElement;
};

describe('the cost panel', () => {
  it('says a relaying load balancer does no TLS work instead of computing forever', async () => {
    renderSim(runs);
    const costPanel = await panel();
    expect(cell('Load balancer', 'Passthrough').textContent).toContain('no TLS work');
    expect(cell('backend-2', 'Offloading').textContent).toContain('no TLS work');
    expect(within(costPanel).queryByText(/computing…/)).toBeNull();
  });

  it('counts the private-key work where the site key is, and shows the time as measured, apart from the counts', async () => {
    renderSim(runs);
    await panel();
    expect(cell('backend-1', 'Passthrough').textContent).toMatch(/1 handshake · 1 private-key operation · 1 key exchange/);
    expect(cell('Load balancer', 'Bridging').textContent).toMatch(/2 handshakes · 1 private-key operation · 2 key exchanges · 1 signature check/);
    expect(cell('Client (browser)', 'Offloading').textContent).toMatch(/0 private-key operations/);
  });
});
