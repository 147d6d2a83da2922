import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findScenario, type Mode } from '../../src/sim/index';
import type { ModeRun } from '../../src/state/store';
import { preloadLazyParts, renderSim } from './helpers/renderSim';
import { carriesHttpInTls, runAllModes } from './helpers/timelines';

const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

let runs: Record<Mode, ModeRun>;
beforeAll(async () => {
  runs = await runAllModes('basic');
  await preloadLazyParts();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('controls', () => {
  it('the scenario picker lists every scenario with its one-line description', () => {
    renderSim(runs);
    const select = screen.getByRole('combobox', { name: 'Scenario' }) as HTMLSelectElement;
    expect(select.options.length).toBeGreaterThan(5);
    expect(document.getElementById('scenario-summary')?.textContent).toBe(findScenario('basic')!.summary);
  });

  it('option toggles show the run\'s values and record the learner\'s change', () => {
    const { store } = renderSim(runs);
    const waf = screen.getByRole('checkbox', { name: /^WAF at the load balancer/ }) as HTMLInputElement;
    expect(waf.checked).toBe(runs.passthrough.timeline.options.waf);
    fireEvent.click(waf);
    expect(store.getState().options).toEqual({ waf: !runs.passthrough.timeline.options.waf });
    expect(store.getState().status).toBe('running');
    const algorithm = screen.getByRole('combobox', { name: /^Balancing algorithm/ });
    fireEvent.change(algorithm, { target: { value: 'source-ip-hash' } });
    expect(store.getState().options.algorithm).toBe('source-ip-hash');
  });

  it('the request editor refuses header injection and keeps typed markup as text', async () => {
    const { store } = renderSim(runs);
    const body = screen.getByRole('textbox', { name: 'Body' });
    const headers = screen.getByRole('textbox', { name: /^Headers/ });
    fireEvent.change(headers, { target: { value: 'X-Test: a\r\nInjected: yes\nbad header line' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run with these requests' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Header line 3/);
    expect(store.getState().requests).toBeNull();
    fireEvent.change(headers, { target: { value: 'X-Test: a' } });
    fireEvent.change(body, { target: { value: XSS } });
    fireEvent.click(screen.getByRole('button', { name: 'Run with these requests' }));
    expect(store.getState().requests?.[0]?.body).toBe(XSS);
    // The run with the edited request, as the worker would return it: the payload appears as text only.
    const edited = await runAllModes('basic', { requests: store.getState().requests! });
    act(() => {
      for (const m of ['passthrough', 'offload', 'bridge'] as const) store.getState().storeRun(m, edited[m]);
      store.getState().setMode('offload');
    });
    const index = edited.offload.timeline.events.findIndex((e) => carriesHttpInTls(e) && e.to === 'lb' && e.from === 'client');
    act(() => store.getState().seek(index));
    const inspector = await screen.findByRole('region', { name: 'Packet inspector' });
    fireEvent.change(within(inspector).getByRole('combobox', { name: 'View as' }), { target: { value: 'lb' } });
    expect(within(inspector).getByTestId('observer-plaintext').textContent).toContain(XSS);
    expect(document.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('reduced motion is detected from the media query', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('prefers-reduced-motion'), media: query,
      addEventListener: () => undefined, removeEventListener: () => undefined,
    }));
    renderSim(runs);
    expect(document.querySelector('.simulator')?.getAttribute('data-motion')).toBe('reduced');
  });

  it('every packet drawn on the topology says whether it is encrypted, in words as well as by icon', async () => {
    const { store } = renderSim(runs);
    const index = runs.passthrough.timeline.events.findIndex((e) => carriesHttpInTls(e));
    act(() => store.getState().seek(index));
    const figure = await screen.findByRole('figure', { name: 'Network topology' });
    expect(figure.querySelector('.packet.current')?.textContent).toContain('TLS record, encrypted');
    expect(figure.textContent).toMatch(/Internal network:.*TLS, encrypted/);
  });
});
