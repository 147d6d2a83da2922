/**
 * The same scenario and mode under each TLS version, reduced to what the choice of protocol changes: who read the
 * HTTP, whether a relaying (passthrough) load balancer saw the server certificate, how many round trips the client
 * waited before it could send its request, and what an eavesdropper holding the stolen site key recovered. Every
 * fact is read from a real run's events and the observers' own decryption outcomes (the worker computes the rows
 * for the versions not on screen, ./protocolRows in the store).
 */
import { MODE_FACTS, type ObserverId, type RunSummary, type SimEvent, type Timeline, type TlsProtocol } from '../../sim/index';
import { detailString, isPacket, typeOf } from './events';

export interface ProtocolRow {
  readonly protocol: TlsProtocol;
  /** The version the sessions negotiated ("TLS 1.3"), or what was offered when no handshake completed. */
  readonly version: string;
  /** Observers that read any HTTP plaintext in the run. */
  readonly readers: readonly ObserverId[];
  /**
   * Passthrough only (the LB relays the handshake): the certificate subject the LB read, '' when it read none.
   * null in the other modes, where the LB is itself the TLS server and presents the certificate.
   */
  readonly lbCertificate: string | null;
  /** Where the certificate fact came from (the LB's own event, or its observer view). */
  readonly lbCertificateSource: 'event' | 'view' | null;
  /** Server flights the client waited for before its handshake completed (null: it never completed one). */
  readonly roundTrips: number | null;
  /**
   * Did the internet eavesdropper (who, with the stolen-key fault, holds the site key) read any HTTP? Only the
   * internet link is TLS to the site in every mode; the internal one is cleartext in offloading anyway.
   */
  readonly eavesdropperRead: boolean;
}

/** What the passthrough LB learned of the server certificate: its own event when the engine logs one, else its view. */
function lbCertificate(events: readonly SimEvent[]): { subject: string; source: 'event' | 'view' | null } {
  const seen = events.filter((e) => typeOf(e) === 'lb.serverHandshakeSeen');
  if (seen.length > 0) {
    const subject = seen.map((e) => detailString(e, 'certificateSubject')).find((s) => s);
    return { subject: subject ?? '', source: 'event' };
  }
  for (const e of events) {
    if (!isPacket(e) || e.to !== 'lb' || e.direction !== 's2c') continue;
    const subject = e.views.lb?.handshake.certificateSubject;
    if (subject) return { subject, source: 'view' };
  }
  return { subject: '', source: null };
}

/**
 * Round trips before the request: the server's flights (runs of server-to-client packets with a payload on the
 * internet link) logged before the client finished its first handshake. The client can send its request from
 * then on. TCP's own SYN/ACK carries no payload and is not counted; TLS 1.1 and 1.2 take two flights, TLS 1.3 one.
 */
function roundTrips(events: readonly SimEvent[]): number | null {
  let flights = 0;
  let inServerFlight = false;
  for (const e of events) {
    if (!isPacket(e)) {
      if (typeOf(e) === 'tls.handshakeCompleted' && e.node === 'client') return flights;
      continue;
    }
    if (e.link !== 'internet' || e.payload.length === 0) continue;
    if (e.direction === 's2c' && !inServerFlight) flights++;
    inServerFlight = e.direction === 's2c';
  }
  return null;
}

export function protocolRow(timeline: Pick<Timeline, 'events' | 'mode' | 'protocol'>, summary: Pick<RunSummary, 'observers' | 'tlsSessions'>): ProtocolRow {
  const readers = (Object.entries(summary.observers) as [ObserverId, boolean | undefined][]).filter(([, read]) => read).map(([o]) => o);
  const versions = [...new Set(summary.tlsSessions.map((s) => s.version))];
  // Only an LB that relays the client's handshake (the backend ends the TLS) can read the certificate in transit.
  const cert = MODE_FACTS[timeline.mode].clientTlsEndsAt === 'backend' ? lbCertificate(timeline.events) : null;
  return {
    protocol: timeline.protocol.id,
    version: versions.length > 0 ? versions.join(' + ') : `${timeline.protocol.name} offered, no handshake completed`,
    readers,
    lbCertificate: cert ? cert.subject : null,
    lbCertificateSource: cert ? cert.source : null,
    roundTrips: roundTrips(timeline.events),
    eavesdropperRead: readers.includes('eve-internet'),
  };
}
