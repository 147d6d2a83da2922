/**
 * TCP over the lab's two links. Connections do the three-way handshake, number their bytes, split payloads at
 * the MSS and close with FIN, so the log shows the segments a capture would (pure ACKs for data are folded into
 * the next segment: a simplification the UI states). Every segment becomes a `tcp.segmentSent` event and is
 * delivered to the other end after the link's latency.
 */
import type { Scheduler } from '../core/scheduler';
import type { Rng } from '../core/rng';
import type { Direction, SegmentSentEvent, SocketAddress, TcpFlag } from '../core/events';
import type { LinkId, NodeId } from './topology';
import { LINK_LATENCY_MS } from './topology';
import type { EventLog } from '../core/eventLog';

export const MSS = 1460;

export interface ConnectionHandlers {
  /** The three-way handshake finished (for this side). */
  open?(): void;
  data(bytes: Uint8Array): void;
  /** The peer closed its side (FIN) or reset the connection. */
  peerClosed?(reset: boolean): void;
}

export interface TcpSide {
  readonly connection: TcpConnection;
  readonly local: SocketAddress;
  readonly remote: SocketAddress;
  send(bytes: Uint8Array): void;
  close(): void;
  reset(): void;
}

export interface TcpConnection {
  readonly id: string;
  readonly link: LinkId;
  readonly clientNode: NodeId;
  readonly serverNode: NodeId;
}

/** Called with the payload of each data segment before it is put on the wire; may return altered bytes. */
export type SegmentTamperer = (info: { link: LinkId; direction: Direction; payload: Uint8Array; connectionId: string }) =>
  | { payload: Uint8Array; offset: number; original: number; altered: number }
  | null;

export interface Listener {
  accept(side: TcpSide): ConnectionHandlers;
}

export interface Network {
  listen(node: NodeId, address: SocketAddress, listener: Listener): void;
  connect(request: { from: NodeId; local: SocketAddress; to: NodeId; remote: SocketAddress; link: LinkId }, handlers: ConnectionHandlers): TcpSide;
  nextEphemeralPort(): number;
}

export interface NetworkDeps {
  scheduler: Scheduler;
  rng: Rng;
  log: EventLog;
  tamper?: SegmentTamperer;
}

interface SideState {
  node: NodeId;
  address: SocketAddress;
  nextSeq: number;
  /** Next byte expected from the peer (our ACK number). */
  ackNumber: number;
  finSent: boolean;
  /** The connection was reset: nothing more is delivered to this side (RFC 9293 §3.10.7). */
  aborted: boolean;
  handlers: ConnectionHandlers | null;
}

export function createNetwork(deps: NetworkDeps): Network {
  const listeners = new Map<string, Listener>();
  let connectionCount = 0;
  let ephemeral = 51234;
  const key = (node: NodeId, a: SocketAddress): string => `${node}|${a.ip}:${a.port}`;

  const connect: Network['connect'] = (request, handlers) => {
    const id = `tcp-${++connectionCount}`;
    const connection: TcpConnection = { id, link: request.link, clientNode: request.from, serverNode: request.to };
    const client: SideState = { node: request.from, address: request.local, nextSeq: deps.rng.nextU32(), ackNumber: 0, finSent: false, aborted: false, handlers };
    const server: SideState = { node: request.to, address: request.remote, nextSeq: deps.rng.nextU32(), ackNumber: 0, finSent: false, aborted: false, handlers: null };
    const latency = LINK_LATENCY_MS[request.link];

    const emit = (fromSide: SideState, toSide: SideState, flags: TcpFlag[], payload: Uint8Array, onArrive: (wire: Uint8Array) => void): void => {
      const direction: Direction = fromSide === client ? 'c2s' : 's2c';
      let wire = payload;
      let tampered: SegmentSentEvent['tampered'];
      if (payload.length > 0 && deps.tamper) {
        const change = deps.tamper({ link: request.link, direction, payload, connectionId: id });
        if (change) {
          wire = change.payload;
          tampered = { offset: change.offset, original: change.original, altered: change.altered };
        }
      }
      const t = deps.scheduler.now;
      const seq = fromSide.nextSeq;
      deps.log.push({
        type: 'tcp.segmentSent', t, arrivesAt: t + latency, link: request.link, from: fromSide.node, to: toSide.node,
        connectionId: id, direction, src: fromSide.address, dst: toSide.address, seq,
        ack: flags.includes('ACK') ? fromSide.ackNumber : 0, flags, payload: wire,
        // Data segments are named by the layer pass after the run, when both directions' records are known.
        label: payload.length > 0 ? '' : flags.join('+'),
        layers: [], views: {}, ...(tampered ? { tampered } : {}),
      });
      // SYN and FIN each take one sequence number (RFC 9293 §3.4).
      const consumed = wire.length + (flags.includes('SYN') || flags.includes('FIN') ? 1 : 0);
      fromSide.nextSeq = (seq + consumed) >>> 0;
      deps.scheduler.after(latency, () => {
        if (toSide.aborted && !flags.includes('RST')) return;
        toSide.ackNumber = (seq + consumed) >>> 0;
        onArrive(wire);
      });
    };

    const sideApi = (self: SideState, peer: SideState): TcpSide => ({
      connection,
      local: self.address,
      remote: peer.address,
      send(bytes) {
        if (self.finSent) return;
        for (let at = 0; at < bytes.length; at += MSS) {
          emitData(self, peer, bytes.slice(at, Math.min(at + MSS, bytes.length)));
        }
      },
      close() {
        if (self.finSent) return;
        self.finSent = true;
        emit(self, peer, ['FIN', 'ACK'], new Uint8Array(0), () => {
          const peerClosedFirst = peer.finSent;
          peer.handlers?.peerClosed?.(false);
          // A peer that had already sent its FIN only acknowledges ours (the last ACK of the close, RFC 9293
          // §3.6); one that closes now, in its handler or here, acknowledges ours with its own FIN+ACK.
          if (peerClosedFirst) emit(peer, self, ['ACK'], new Uint8Array(0), () => {});
          else if (!peer.finSent) sideApi(peer, self).close();
        });
      },
      reset() {
        if (self.aborted) return;
        self.finSent = true;
        peer.finSent = true;
        self.aborted = true;
        peer.aborted = true;
        emit(self, peer, ['RST', 'ACK'], new Uint8Array(0), () => peer.handlers?.peerClosed?.(true));
      },
    });

    const emitData = (from: SideState, to: SideState, chunk: Uint8Array): void => {
      emit(from, to, ['PSH', 'ACK'], chunk, (wire) => to.handlers?.data(wire));
    };

    const clientApi = sideApi(client, server);
    const serverApi = sideApi(server, client);
    const listener = listeners.get(key(request.to, request.remote));
    emit(client, server, ['SYN'], new Uint8Array(0), () => {
      if (!listener) {
        emit(server, client, ['RST', 'ACK'], new Uint8Array(0), () => client.handlers?.peerClosed?.(true));
        deps.log.note('tcp.connectionRefused', request.to, { reason: 'nothing-listening', ip: request.remote.ip, port: request.remote.port });
        return;
      }
      server.handlers = listener.accept(serverApi);
      emit(server, client, ['SYN', 'ACK'], new Uint8Array(0), () => {
        emit(client, server, ['ACK'], new Uint8Array(0), () => server.handlers?.open?.());
        client.handlers?.open?.();
      });
    });
    return clientApi;
  };

  return {
    listen(node, address, listener) {
      listeners.set(key(node, address), listener);
    },
    connect,
    nextEphemeralPort() {
      return ephemeral++;
    },
  };
}
