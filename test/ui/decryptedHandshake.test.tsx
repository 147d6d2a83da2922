/**
 * The "View as" panel shows the decrypted TLS 1.3 handshake field by field, only to an end of the session: the
 * client viewing the server's encrypted flight sees the CertificateVerify table, the load balancer (passthrough)
 * sees none of it.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mode } from '../../src/sim/index';
import type { ModeRun } from '../../src/state/store';
import { preloadLazyParts, renderSim } from './helpers/renderSim';
import { runAllModes } from './helpers/timelines';

let runs: Record<Mode, ModeRun>;
beforeAll(async () => {
  runs = await runAllModes('basic', { options: { protocol: 'tls1.3' } });
  await preloadLazyParts();
}, 60_000);
afterEach(cleanup);

/** The step of the server's encrypted flight on the internet link (the segment holding its CertificateVerify). */
const serverFlight = (): number => runs.passthrough.timeline.events.findIndex((e) => e.type === 'tcp.segmentSent' && e.link === 'internet'
  && e.direction === 's2c' && !!e.views.client?.decryptedHandshake?.some((m) => m.typeName === 'CertificateVerify'));

describe('Decrypted TLS 1.3 handshake in "View as" (jsdom, real runs)', () => {
  it('the client sees the CertificateVerify fields; the load balancer sees no decrypted message', async () => {
    const { store } = renderSim(runs);
    const step = serverFlight();
    expect(step).toBeGreaterThan(0);
    act(() => store.getState().seek(step));
    // The first render of the lazily loaded detail panels in a fresh test file can take a few seconds.
    const inspector = await screen.findByRole('region', { name: 'Packet inspector' }, { timeout: 15_000 });
    const viewAs = within(inspector).getByRole('combobox', { name: 'View as' }) as HTMLSelectElement;

    fireEvent.change(viewAs, { target: { value: 'client' } });
    expect(within(inspector).getByRole('heading', { name: 'Decrypted handshake messages (only an end of the session can read these)' })).toBeTruthy();
    const cv = within(inspector).getByRole('table', { name: 'CertificateVerify' });
    const scheme = within(cv).getByRole('row', { name: /Signature scheme/ });
    expect(scheme.textContent).toContain('rsa_pss_rsae_sha256');
    const signature = within(cv).getByRole('row', { name: /^Signature 256 bytes/ });
    expect(signature.textContent).toContain('proves the server holds the private key');
    expect(within(inspector).getByRole('table', { name: 'Certificate' }).textContent).toContain('CN=shop.example.com');
    expect(within(inspector).getByRole('table', { name: 'Finished' }).textContent).toContain('32 bytes');

    fireEvent.change(viewAs, { target: { value: 'lb' } });
    expect(within(inspector).queryByRole('table', { name: 'CertificateVerify' })).toBeNull();
    expect(within(inspector).queryByText(/Decrypted handshake messages/)).toBeNull();
    expect(within(inspector).getByTestId('observer-ciphertext')).toBeTruthy();
  });
});
