/**
 * Who is at the other end of each TLS session. An end only knows its TCP peer while the handshake runs, and in
 * passthrough that is the load balancer, which relays bytes but is no TLS end at all. After the run both ends'
 * records share a client random, so the true peer is the node that registered the opposite role.
 */
import type { SimEvent } from '../core/events';
import type { SessionRecord } from '../run/context';

export function resolveTlsPeers(events: readonly SimEvent[], sessions: readonly SessionRecord[]): SimEvent[] {
  return events.map((e) => {
    if (e.type !== 'tls.handshakeCompleted') return e;
    const own = sessions.find((s) => s.node === e.node && s.clientRandomHex === e.detail.clientRandomHex);
    const other = own && sessions.find((s) => s.clientRandomHex === own.clientRandomHex && s.role !== own.role);
    return other && other.node !== e.detail.peer ? { ...e, detail: { ...e.detail, peer: other.node } } : e;
  });
}
