/**
 * The run's TLS secrets as an NSS key log (the SSLKEYLOGFILE format Wireshark, curl and browsers share), keyed by
 * each session's client random:
 * - TLS 1.1 and 1.2: one `CLIENT_RANDOM <client random> <master secret>` line. The master secret and the two
 *   randoms give every record key; in TLS 1.2 the ECDHE shared secret went into that master secret, so this line is
 *   all a reader needs, whereas the server's RSA key alone no longer opens anything.
 * - TLS 1.3: there is no single master secret a reader could expand (RFC 8446 §7.1 derives each direction and
 *   stage separately), so the log carries the four traffic secrets: `CLIENT_HANDSHAKE_TRAFFIC_SECRET` and
 *   `SERVER_HANDSHAKE_TRAFFIC_SECRET` open EncryptedExtensions, Certificate, CertificateVerify and Finished;
 *   `CLIENT_TRAFFIC_SECRET_0` and `SERVER_TRAFFIC_SECRET_0` open the application data.
 */
import type { Timeline } from '../run/runScenario';

/** What a key log is made from; a whole Timeline will do. */
export type KeyLogSource = Pick<Timeline, 'scenarioId' | 'mode' | 'seed' | 'sessions'>;

/** The NSS labels this export writes. */
export type KeyLogLabel =
  | 'CLIENT_RANDOM'
  | 'CLIENT_HANDSHAKE_TRAFFIC_SECRET'
  | 'SERVER_HANDSHAKE_TRAFFIC_SECRET'
  | 'CLIENT_TRAFFIC_SECRET_0'
  | 'SERVER_TRAFFIC_SECRET_0';

export interface KeyLogLine {
  readonly label: KeyLogLabel;
  readonly secretHex: string;
}

/** One TLS session: the client random that names it and the secrets written for it, in file order. */
export interface KeyLogEntry {
  readonly clientRandomHex: string;
  readonly version: string;
  readonly lines: readonly KeyLogLine[];
}

const CLIENT_RANDOM_HEX = /^[0-9a-f]{64}$/;
/** TLS 1.0-1.2 master secrets are always 48 bytes (RFC 5246 §8.1). */
const MASTER_SECRET_HEX = /^[0-9a-f]{96}$/;
/** TLS 1.3 traffic secrets are as long as the suite's hash: 32 bytes for SHA-256, 48 for SHA-384. */
const TRAFFIC_SECRET_HEX = /^[0-9a-f]{64}(?:[0-9a-f]{32})?$/;

type SessionRecord = Timeline['sessions'][number];

/**
 * The lines for one session, or null when this end has no usable secrets. A TLS 1.3 end that derived the handshake
 * secrets but never the application ones (a handshake that failed after the ServerHello) still gives the two
 * handshake lines: they open the encrypted Certificate and the alert that ended it.
 */
function linesOf(s: SessionRecord): KeyLogLine[] | null {
  const t = s.tls13Secrets;
  if (t) {
    const lines: KeyLogLine[] = ([
      { label: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', secretHex: t.clientHandshakeTrafficSecretHex.toLowerCase() },
      { label: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', secretHex: t.serverHandshakeTrafficSecretHex.toLowerCase() },
      { label: 'CLIENT_TRAFFIC_SECRET_0', secretHex: t.clientTrafficSecret0Hex.toLowerCase() },
      { label: 'SERVER_TRAFFIC_SECRET_0', secretHex: t.serverTrafficSecret0Hex.toLowerCase() },
    ] as const).filter((l) => TRAFFIC_SECRET_HEX.test(l.secretHex));
    return lines.length >= 2 && lines[1]!.label === 'SERVER_HANDSHAKE_TRAFFIC_SECRET' ? lines : null;
  }
  const master = s.masterSecretHex.toLowerCase();
  return MASTER_SECRET_HEX.test(master) ? [{ label: 'CLIENT_RANDOM', secretHex: master }] : null;
}

/**
 * One entry per TLS session, in the order the sessions were recorded. Both ends record a session they completed,
 * so it is listed once per client random; an end without secrets contributes nothing.
 */
export function keyLogEntries(source: Pick<Timeline, 'sessions'>): KeyLogEntry[] {
  const byRandom = new Map<string, KeyLogEntry>();
  for (const s of source.sessions) {
    const clientRandomHex = s.clientRandomHex.toLowerCase();
    const lines = CLIENT_RANDOM_HEX.test(clientRandomHex) ? linesOf(s) : null;
    // The end that got further (all four TLS 1.3 secrets rather than the handshake pair) is the one written.
    if (lines && lines.length > (byRandom.get(clientRandomHex)?.lines.length ?? 0)) {
      byRandom.set(clientRandomHex, { clientRandomHex, version: s.version, lines });
    }
  }
  return [...byRandom.values()];
}

/** The key log file's text. Lines starting with '#' are comments in the NSS format; every line ends in '\n'. */
export function exportKeyLog(source: KeyLogSource): string {
  const entries = keyLogEntries(source);
  const versions = [...new Set(entries.map((e) => e.version))].join(', ');
  const header = `# NSS key log (SSLKEYLOGFILE format) of Passthrough Lab, scenario ${source.scenarioId}, mode ${source.mode}, `
    + `seed ${source.seed}: ${entries.length} TLS session(s)${versions ? ` (${versions})` : ''}. `
    + 'Whoever holds these lines can decrypt those sessions.\n';
  return header + entries.flatMap((e) => e.lines.map((l) => `${l.label} ${e.clientRandomHex} ${l.secretHex}\n`)).join('');
}
