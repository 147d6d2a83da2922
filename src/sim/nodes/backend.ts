/**
 * A backend server: the demo shop behind either a TLS listener on 443 (when it holds a key: passthrough and
 * bridging) or a plain HTTP listener on 80 (offloading). In passthrough it may expect a PROXY protocol header,
 * and, exactly like HAProxy's `accept-proxy` or nginx's `proxy_protocol`, it does not guess: a connection that
 * does not start the way it expects is dropped.
 */
import { bytesToText, concatBytes } from '../core/bytes';
import { HttpStreamParser } from '../http/parser';
import { serializeResponse } from '../http/serialize';
import { resolveClientIp, type ShopApp } from '../http/shopApp';
import type { HttpRequest } from '../http/types';
import { parseProxyHeader } from '../net/proxyProtocol';
import { LB_INTERNAL_ADDRESS, type BackendInfo } from '../net/topology';
import type { RunContext } from '../run/context';
import type { HeldKey } from '../tls/keyPlacement';
import type { ProxyProtocolVersion } from '../scenarios/types';
import { SIM_DATE, certificatePem, privateKeyPem } from '../tls/pki';
import { tlsOverTcp, type TlsChannel } from './tlsOverTcp';

export interface BackendConfig {
  readonly info: BackendInfo;
  readonly app: ShopApp;
  /** The key and certificate this backend terminates TLS with; none means plain HTTP on port 80. */
  readonly tlsKey: HeldKey | null;
  readonly expectProxyProtocol: ProxyProtocolVersion;
  /** Verify client certificates itself (passthrough mTLS). */
  readonly requireClientCertificate: boolean;
}

/**
 * Port 80 always serves plain HTTP (in offloading it is the only port; elsewhere the app redirects to https);
 * port 443 exists when the backend holds a key.
 */
export function startBackend(ctx: RunContext, config: BackendConfig): void {
  listenOn(ctx, config, 80, null, 'off');
  if (config.tlsKey) listenOn(ctx, config, 443, config.tlsKey, config.expectProxyProtocol);
}

function listenOn(ctx: RunContext, config: BackendConfig, port: number, tlsKey: HeldKey | null, expectProxyProtocol: ProxyProtocolVersion): void {
  const { info } = config;
  ctx.network.listen(info.id, { ip: info.address, port }, {
    accept: (side) => {
      let stage: 'proxy' | 'app' = expectProxyProtocol === 'off' ? 'app' : 'proxy';
      let pending: Uint8Array = new Uint8Array(0);
      let proxySource: string | undefined;
      let clientCertSubject: string | undefined;
      const parser = new HttpStreamParser('request');
      let tls: TlsChannel | null = null;

      const respond = (request: HttpRequest): void => {
        const shopContext = {
          peerAddress: side.remote.ip,
          ...(proxySource ? { proxyProtocolSource: proxySource } : {}),
          transport: tls ? ('https' as const) : ('http' as const),
          ...(clientCertSubject ? { tlsClientCertSubject: clientCertSubject } : {}),
        };
        const response = config.app.handle(request, shopContext);
        const believed = resolveClientIp(request, shopContext, [LB_INTERNAL_ADDRESS]);
        const entry = config.app.log.at(-1);
        const effect = entry?.effect;
        ctx.log.note('http.requestHandled', info.id, {
          method: request.method, target: request.target, status: response.status,
          clientIp: believed.clientIp, clientIpSource: believed.source, peerAddress: side.remote.ip,
          ...(entry?.sql ? { sql: entry.sql } : {}), ...(entry?.note ? { appNote: entry.note } : {}), ...(effect ? { effect } : {}),
        });
        const bytes = serializeResponse(response);
        if (tls) tls.write(bytes);
        else side.send(bytes);
      };

      const onHttp = (bytes: Uint8Array): void => {
        const result = parser.push(bytes);
        for (const m of result.messages) if (m.kind === 'request') respond(m.message);
        if (result.error) {
          ctx.log.note('parse.failed', info.id, { what: 'http-request', code: 'malformed-http', diagnostic: result.error });
          side.close();
        }
      };

      const startApp = (bytes: Uint8Array): void => {
        stage = 'app';
        if (tlsKey && !tls) {
          const held = tlsKey;
          tls = tlsOverTcp(ctx, info.id, side, {
            role: 'server',
            certificateChainPem: [certificatePem(ctx.pki, held.certificate)],
            privateKeyPem: privateKeyPem(ctx.pki, held.key),
            ...(config.requireClientCertificate ? { clientCaPem: [certificatePem(ctx.pki, 'clientCa')] } : {}),
            validityDate: SIM_DATE,
          }, {
            connected: (session) => {
              if (session.peerCertificateCn) clientCertSubject = session.peerCertificateCn;
            },
            data: onHttp,
          });
        }
        if (bytes.length === 0) return;
        if (tls) tls.receive(bytes);
        else onHttp(bytes);
      };

      return {
        data: (bytes) => {
          if (stage === 'app') return startApp(bytes);
          pending = concatBytes(pending, bytes);
          const parsed = parseProxyHeader(pending);
          if (parsed.status === 'incomplete') return;
          if (parsed.status === 'ok' && parsed.header.version === (expectProxyProtocol === 'v1' ? 1 : 2)) {
            proxySource = parsed.header.command === 'PROXY' ? parsed.header.sourceAddress : undefined;
            const rest = pending.subarray(parsed.length);
            pending = new Uint8Array(0);
            return startApp(rest);
          }
          const expected = expectProxyProtocol === 'v1' ? 'v1' as const : 'v2' as const;
          ctx.log.note('parse.failed', info.id, parsed.status === 'ok'
            ? { what: 'proxy-header', code: 'proxy-header-version', expected, got: parsed.header.version }
            : parsed.status === 'absent'
              ? { what: 'proxy-header', code: 'proxy-header-missing', expected, startsWith: pending[0] === 0x16 ? 'tls-handshake' : 'bytes', preview: bytesToText(pending.subarray(0, 24)).replace(/[^\x20-\x7e]/g, '.') }
              : { what: 'proxy-header', code: 'proxy-header-malformed', diagnostic: parsed.reason });
          side.reset();
        },
        peerClosed: () => side.close(),
      };
    },
  });
}

