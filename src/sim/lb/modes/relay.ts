/** Layer-4 forwarding: a backend connection that copies bytes both ways and mirrors closes and resets. */
import type { TcpSide } from '../../net/network';
import type { BackendInfo } from '../../net/topology';
import type { LbServices } from '../services';

export interface Relay {
  toBackend(bytes: Uint8Array): void;
  clientClosed(reset: boolean): void;
}

export function relayTcp(
  lb: LbServices,
  front: TcpSide,
  backend: BackendInfo,
  port: number,
  hooks: {
    prefix?: () => Uint8Array | null;
    closed?: () => void;
    /** Sees each chunk from the backend before it is copied to the client (read-only: what the LB can glean). */
    fromBackend?: (bytes: Uint8Array) => void;
  },
): Relay {
  let open = false;
  const pending: Uint8Array[] = [];
  const upstream = lb.connectBackend(backend, port, {
    open: () => {
      open = true;
      const prefix = hooks.prefix?.();
      if (prefix) upstream.send(prefix);
      for (const chunk of pending.splice(0)) upstream.send(chunk);
    },
    data: (bytes) => {
      hooks.fromBackend?.(bytes);
      front.send(bytes);
    },
    peerClosed: (reset) => {
      hooks.closed?.();
      if (reset) front.reset();
      else front.close();
    },
  });
  return {
    toBackend(bytes) {
      if (bytes.length === 0) return;
      if (open) upstream.send(bytes);
      else pending.push(bytes);
    },
    clientClosed(reset) {
      if (reset) upstream.reset();
      else upstream.close();
    },
  };
}
