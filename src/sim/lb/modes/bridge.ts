/**
 * Bridging / re-encryption: after reading the request, the LB opens a second, separate TLS session to the
 * backend (HAProxy `server ... ssl verify required ca-file internal-ca.pem`, nginx `proxy_ssl_verify on`) and
 * checks the backend's certificate against the internal CA. With verification off (nginx's default) the second
 * leg is encrypted but anyone answering on the backend's address is believed.
 */
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
  const fail = (reason: string): void => {
    if (failed) return;
    failed = true;
    handlers.failed(reason);
  };
  const read = responseReader({
    response: (r) => {
      answered = true;
      handlers.response(r);
    },
    failed: fail,
  }, backend.name);
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
        failed: (reason) => fail(channel.endpoint.isConnected
          ? `the TLS session with ${backend.name} failed: ${reason}`
          : `the TLS handshake with ${backend.name} failed: ${reason}`),
      });
      tls = channel;
      ctx.cost.measure('lb', 'handshake', () => channel.endpoint.start());
    },
    data: (bytes) => tls?.receive(bytes),
    peerClosed: (reset) => {
      if (!answered) fail(reset ? `${backend.name} reset the connection` : `${backend.name} closed the connection without answering`);
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
