/**
 * Bridging / re-encryption: after reading the request, the LB opens a second, separate TLS session to the
 * backend (HAProxy `server ... ssl verify required ca-file internal-ca.pem`, nginx `proxy_ssl_verify on`) and
 * checks the backend's certificate against the internal CA. With verification off (nginx's default) the second
 * leg is encrypted but anyone answering on the backend's address is believed.
 */
import type { BackendFailure } from '../../core/reasons';
import { serializeRequest } from '../../http/serialize';
import { SIM_DATE, certificatePem } from '../../tls/pki';
import { tlsOverTcp, type TlsChannel } from '../../nodes/tlsOverTcp';
import { layer7Mode, responseReader, type UpstreamFactory } from './layer7Proxy';

const tlsUpstream: UpstreamFactory = (lb, backend, handlers) => {
  const { ctx } = lb;
  const pending: Uint8Array[] = [];
  let tls: TlsChannel | null = null;
  let answered = true;
  let failed = false;
  const fail = (failure: BackendFailure): void => {
    if (failed) return;
    failed = true;
    handlers.failed(failure);
  };
  const read = responseReader({
    response: (r) => {
      answered = true;
      handlers.response(r);
    },
    failed: fail,
  });
  const side = lb.connectBackend(backend, 443, {
    open: () => {
      const channel = tlsOverTcp(ctx, 'lb', side, {
        role: 'client',
        serverName: backend.hostname,
        trustedCaPem: [certificatePem(ctx.pki, 'internalCa')],
        verifyPeer: ctx.options.verifyBackendCertificate,
        validityDate: SIM_DATE,
      }, {
        connected: () => {
          for (const p of pending.splice(0)) channel.write(p);
        },
        data: read,
        // Before the handshake completes, a failure is about the backend's identity; after, about the session.
        failed: (failure) => fail({
          code: channel.endpoint.isConnected ? 'tls-session-failed' : 'tls-handshake-failed',
          alert: failure.alert, diagnostic: failure.message,
        }),
      });
      tls = channel;
      ctx.cost.measure('lb', 'handshake', () => channel.endpoint.start(), channel.session.connectionId);
    },
    data: (bytes) => tls?.receive(bytes),
    peerClosed: (reset) => {
      if (!answered) fail({ code: reset ? 'connection-reset' : 'closed-without-answer' });
    },
  });
  return {
    send(request) {
      answered = false;
      const bytes = serializeRequest(request);
      if (tls?.endpoint.isConnected) tls.write(bytes);
      else pending.push(bytes);
    },
    close: () => side.close(),
  };
};

export const bridgeMode = layer7Mode('bridge', tlsUpstream);
