/** The protocol comparison's facts, from real runs of each TLS version (explicit protocol: never the default). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Mode, TlsProtocol } from '../../src/sim/index';
import { protocolRow, type ProtocolRow } from '../../src/state/derive/protocolCompare';
import type { ModeRun } from '../../src/state/store';
import { runAllModes } from './helpers/timelines';

const runs = {} as Record<TlsProtocol, Record<Mode, ModeRun>>;

beforeAll(async () => {
  for (const protocol of ['tls1.1', 'tls1.2', 'tls1.3'] as const) runs[protocol] = await runAllModes('basic', { options: { protocol } });
}, 120_000);

const row = (protocol: TlsProtocol, mode: Mode): ProtocolRow => protocolRow(runs[protocol][mode].timeline, runs[protocol][mode].summary);

describe('protocolRow', () => {
  it('names the protocol that really ran', () => {
    expect(row('tls1.3', 'offload').protocol).toBe('tls1.3');
    expect(row('tls1.3', 'offload').version).toMatch(/1\.3/);
    expect(row('tls1.1', 'offload').version).toMatch(/1\.1/);
  });

  it('counts two round trips for TLS 1.1 and 1.2 and one for TLS 1.3', () => {
    for (const mode of ['passthrough', 'offload', 'bridge'] as const) {
      expect(row('tls1.1', mode).roundTrips, mode).toBe(2);
      expect(row('tls1.2', mode).roundTrips, mode).toBe(2);
      expect(row('tls1.3', mode).roundTrips, mode).toBe(1);
    }
  });

  it('the passthrough LB reads the certificate before TLS 1.3, not in TLS 1.3', () => {
    expect(row('tls1.1', 'passthrough').lbCertificate).toMatch(/shop\.example\.com/);
    expect(row('tls1.2', 'passthrough').lbCertificate).toMatch(/shop\.example\.com/);
    expect(row('tls1.3', 'passthrough').lbCertificate).toBe('');
    // Where the LB ends TLS it presents the certificate itself: no "saw it" fact to report.
    expect(row('tls1.3', 'offload').lbCertificate).toBeNull();
  });

  it('lists who read HTTP: the LB only when it terminates', () => {
    expect(row('tls1.1', 'passthrough').readers).not.toContain('lb');
    expect(row('tls1.1', 'offload').readers).toContain('lb');
    expect(row('tls1.1', 'offload').readers).toContain('client');
    expect(row('tls1.1', 'passthrough').eavesdropperRead).toBe(false);
    // Offloading sends cleartext HTTP on the internal network; the internet tap still reads nothing without a key.
    expect(row('tls1.1', 'offload').readers).toContain('eve-internal');
    expect(row('tls1.1', 'offload').eavesdropperRead).toBe(false);
  });

  it('with the stolen site key, the internet eavesdropper reads TLS 1.1 and nothing under ECDHE', async () => {
    const stolen = {} as Record<TlsProtocol, Record<Mode, ModeRun>>;
    for (const protocol of ['tls1.1', 'tls1.3'] as const) stolen[protocol] = await runAllModes('stolen-key', { options: { protocol } });
    const r = (p: TlsProtocol) => protocolRow(stolen[p].passthrough.timeline, stolen[p].passthrough.summary);
    expect(r('tls1.1').eavesdropperRead).toBe(true);
    expect(r('tls1.3').eavesdropperRead).toBe(false);
  }, 120_000);
});
