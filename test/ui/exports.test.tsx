/**
 * The exports (issue 6): the "Real configuration" panel (per-product tabs, notes, copy) and the capture / key-log
 * downloads, rendered on their own with a store (real runs where a timeline is needed).
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Mode, RunOptions } from '../../src/sim/index';
import { createSimStore, type ModeRun, type SimStore } from '../../src/state/store';
import { CaptureExport } from '../../src/ui/exports/CaptureExport';
import { RealConfigPanel } from '../../src/ui/exports/RealConfigPanel';
import { ModeGuidePanel } from '../../src/ui/panels/ModeGuidePanel';
import { SimContext } from '../../src/ui/SimContext';
import { runAllModes } from './helpers/timelines';

let runs: Record<Mode, ModeRun>;
beforeAll(async () => {
  // TLS 1.1 explicitly: the key log assertions below are about its CLIENT_RANDOM lines.
  runs = await runAllModes('basic', { options: { protocol: 'tls1.1' } });
  await import('../../src/sim/exports');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderWith(ui: React.ReactElement, mode: Mode, opts: { options?: Partial<RunOptions>; withRun?: boolean } = {}): SimStore {
  const store = createSimStore({ scenarioId: 'basic', mode, seed: 1, ...(opts.options ? { options: opts.options } : {}) });
  if (opts.withRun) {
    store.getState().receive({ status: 'running' });
    store.getState().storeRun(mode, runs[mode]);
  }
  render(<SimContext.Provider value={store}>{ui}</SimContext.Provider>);
  return store;
}

const configPanel = () => screen.getByRole('region', { name: 'Real configuration' });
const tabpanelText = async () => (await within(configPanel()).findByRole('tabpanel')).textContent ?? '';

describe('Real configuration panel', () => {
  it('shows HAProxy in TCP mode with SNI routing for passthrough', async () => {
    renderWith(<RealConfigPanel />, 'passthrough', { withRun: true });
    const tab = await within(configPanel()).findByRole('tab', { name: 'HAProxy' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    const text = await tabpanelText();
    expect(text).toContain('mode tcp');
    expect(text).toContain('req.ssl_sni');
    expect(text).not.toMatch(/^\s*bind \S+ ssl crt/m); // passthrough: no bind terminates TLS
    const tabs = within(configPanel()).getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['HAProxy', 'nginx', 'Envoy', 'Traefik', 'Kubernetes ingress-nginx', 'AWS']);
  });

  it('shows HAProxy terminating TLS (ssl crt) for offloading', async () => {
    renderWith(<RealConfigPanel />, 'offload', { withRun: true });
    expect(await tabpanelText()).toMatch(/^\s*bind \S+ ssl crt/m);
  });

  it('the tab list is one tab stop and arrow keys, Home and End switch products', async () => {
    renderWith(<RealConfigPanel />, 'passthrough');
    const list = await within(configPanel()).findByRole('tablist', { name: 'Product' });
    const tab = (name: string) => within(list).getByRole('tab', { name });
    expect(within(list).getAllByRole('tab').filter((t) => t.tabIndex === 0)).toEqual([tab('HAProxy')]);
    const panel = within(configPanel()).getByRole('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe(tab('HAProxy').id);
    tab('HAProxy').focus();
    fireEvent.keyDown(tab('HAProxy'), { key: 'ArrowRight' });
    expect(tab('nginx').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('nginx'));
    expect(await tabpanelText()).toContain('nginx.conf');
    fireEvent.keyDown(tab('nginx'), { key: 'End' });
    expect(tab('AWS').getAttribute('aria-selected')).toBe('true');
    expect(await tabpanelText()).toContain('main.tf');
    fireEvent.keyDown(tab('AWS'), { key: 'ArrowRight' });
    expect(tab('HAProxy').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tab('HAProxy'), { key: 'ArrowLeft' });
    expect(tab('AWS').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tab('AWS'), { key: 'Home' });
    expect(document.activeElement).toBe(tab('HAProxy'));
  });

  it('lists the proxy_ssl_verify trap for nginx when bridging without backend verification', async () => {
    renderWith(<RealConfigPanel />, 'bridge', { options: { verifyBackendCertificate: false } });
    fireEvent.click(await within(configPanel()).findByRole('tab', { name: 'nginx' }));
    const notes = within(within(configPanel()).getByRole('tabpanel')).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(notes.some((n) => n.includes('proxy_ssl_verify'))).toBe(true);
  });

  it('"Copy" writes the file to the clipboard and announces it politely', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWith(<RealConfigPanel />, 'passthrough');
    const copy = await within(configPanel()).findByRole('button', { name: 'Copy HAProxy haproxy.cfg' });
    fireEvent.click(copy);
    await waitFor(() => expect(within(configPanel()).getByText('Copied')).toBeTruthy());
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(String((writeText.mock.calls[0] as unknown[])[0])).toContain('mode tcp');
    expect(within(configPanel()).getByText('Copied').getAttribute('aria-live')).toBe('polite');
  });
});

describe('Capture and TLS keys downloads', () => {
  function stubDownloads() {
    const blobs: Blob[] = [];
    const names: string[] = [];
    Object.defineProperty(URL, 'createObjectURL', { value: (b: Blob) => { blobs.push(b); return `blob:test/${blobs.length}`; }, configurable: true, writable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: () => undefined, configurable: true, writable: true });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download); });
    return { blobs, names };
  }

  it('is disabled, with a reason, while the run is computing', () => {
    renderWith(<CaptureExport />, 'passthrough');
    const button = screen.getByRole('button', { name: 'Download capture' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText(/Disabled while the run is computing/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Download TLS keys' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('"Download capture" saves a pcapng (SHB magic first) named after scenario and mode', async () => {
    const { blobs, names } = stubDownloads();
    renderWith(<CaptureExport />, 'offload', { withRun: true });
    expect(screen.getByText(/opens decrypted in Wireshark 3\.0\+; TLS keys are embedded/)).toBeTruthy();
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Download capture' })); });
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(names).toEqual(['passthrough-lab-basic-offload.pcapng']);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
  });

  it('"Download TLS keys" saves an NSS key log', async () => {
    const { blobs, names } = stubDownloads();
    renderWith(<CaptureExport />, 'bridge', { withRun: true });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Download TLS keys' })); });
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(names).toEqual(['passthrough-lab-basic-bridge-keys.log']);
    const text = await blobs[0]!.text();
    expect(text).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$/m);
  });
});

describe('Mode guide: how real products are set up', () => {
  it('shows the checklist and, once opened, the same generated configuration as the Real configuration panel', async () => {
    renderWith(<><ModeGuidePanel /><RealConfigPanel /></>, 'passthrough', { withRun: true });
    const guide = await screen.findByRole('region', { name: /About Passthrough/ });
    expect(within(guide).queryByRole('tablist')).toBeNull(); // closed: the generators are not asked yet
    expect(guide.textContent).toContain('on every backend, not on the load balancer');
    const details = guide.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const list = await within(guide).findByRole('tablist', { name: 'Product to set up' });
    const tab = within(list).getByRole('tab', { name: 'HAProxy' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    const guideText = (await within(guide).findByRole('tabpanel')).textContent ?? '';
    expect(guideText).toContain('mode tcp');
    expect(guideText).toContain('req.ssl_sni');
    expect(guideText).toBe(await tabpanelText());
    expect(within(guide).getByRole('link', { name: 'Real configuration' }).getAttribute('href')).toBe('#config-heading');
  });
});
