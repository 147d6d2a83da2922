/**
 * Offloading / termination: after decrypting, the LB talks plain HTTP/1.1 to the backend's port 80. The backend
 * needs no key; the internal network carries cleartext.
 */
import { serializeRequest } from '../../http/serialize';
import { layer7Mode, responseReader, type UpstreamFactory } from './layer7Proxy';

const plainHttpUpstream: UpstreamFactory = (lb, backend, handlers) => {
  const pending: Uint8Array[] = [];
  let open = false;
  let answered = true;
  const read = responseReader({
    response: (r) => {
      answered = true;
      handlers.response(r);
    },
    failed: handlers.failed,
  });
  const side = lb.connectBackend(backend, 80, {
    open: () => {
      open = true;
      for (const p of pending.splice(0)) side.send(p);
    },
    data: read,
    peerClosed: (reset) => {
      if (!answered) handlers.failed({ code: reset ? 'connection-reset' : 'closed-without-answer' });
    },
  });
  return {
    send(request) {
      answered = false;
      const bytes = serializeRequest(request);
      if (open) side.send(bytes);
      else pending.push(bytes);
    },
    close: () => side.close(),
  };
};

export const offloadMode = layer7Mode('offload', plainHttpUpstream);
