/**
 * The run's TLS secrets as an NSS key log (the SSLKEYLOGFILE format Wireshark reads): one
 * `CLIENT_RANDOM <client random> <master secret>` line per TLS session. The lab's TLS 1.1 with RSA key transport
 * needs nothing else: the master secret and the two randoms give every record key.
 */
import type { Timeline } from '../run/runScenario';

/** What a key log is made from; a whole Timeline will do. */
export type KeyLogSource = Pick<Timeline, 'scenarioId' | 'mode' | 'seed' | 'sessions'>;

export interface KeyLogEntry {
  readonly clientRandomHex: string;
  readonly masterSecretHex: string;
}

const CLIENT_RANDOM_HEX = /^[0-9a-f]{64}$/;
const MASTER_SECRET_HEX = /^[0-9a-f]{96}$/;

/**
 * One entry per TLS session. Both ends record a session they completed, so it is listed once per client random;
 * an end that never finished its handshake has no secrets yet and contributes nothing.
 */
export function keyLogEntries(source: Pick<Timeline, 'sessions'>): KeyLogEntry[] {
  const byRandom = new Map<string, KeyLogEntry>();
  for (const s of source.sessions) {
    const clientRandomHex = s.clientRandomHex.toLowerCase();
    const masterSecretHex = s.masterSecretHex.toLowerCase();
    if (!CLIENT_RANDOM_HEX.test(clientRandomHex) || !MASTER_SECRET_HEX.test(masterSecretHex)) continue;
    if (!byRandom.has(clientRandomHex)) byRandom.set(clientRandomHex, { clientRandomHex, masterSecretHex });
  }
  return [...byRandom.values()];
}

/** The key log file's text. Lines starting with '#' are comments in the NSS format; every line ends in '\n'. */
export function exportKeyLog(source: KeyLogSource): string {
  const entries = keyLogEntries(source);
  const header = `# NSS key log (SSLKEYLOGFILE format) of Passthrough Lab, scenario ${source.scenarioId}, mode ${source.mode}, `
    + `seed ${source.seed}: ${entries.length} TLS session(s). Whoever holds these lines can decrypt those sessions.\n`;
  return header + entries.map((e) => `CLIENT_RANDOM ${e.clientRandomHex} ${e.masterSecretHex}\n`).join('');
}
