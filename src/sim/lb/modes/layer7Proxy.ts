/**
 * The part offloading and bridging share (HAProxy `mode http`): terminate the client's TLS with the site's key,
 * parse each HTTP request, let the WAF, the rate rule and the cache look at it, choose a backend, add the
 * forwarding headers, and relay (and maybe compress) the response. The two modes differ only in the upstream
 * leg, which each passes in as an `UpstreamFactory`.
 */
import { bytesToText } from '../../core/bytes';
import { HttpStreamParser } from '../../http/parser';
import { makeResponse, serializeResponse } from '../../http/serialize';
import type { HttpRequest, HttpResponse } from '../../http/types';
import type { BackendFailure } from '../../core/reasons';
import type { BackendInfo } from '../../net/topology';
import { frontCertificate } from '../../tls/keyPlacement';
import { SIM_DATE, certificatePem, privateKeyPem } from '../../tls/pki';
import { tlsOverTcp, type TlsChannel } from '../../nodes/tlsOverTcp';
import type { LbServices, ModeModule } from '../services';
import type { Mode } from '../../scenarios/types';
import { persistenceResponseHeaders, stripPersistenceCookie } from '../stickiness';
import { addForwardingHeaders, chooseBackend } from '../layer7/forwarding';
import { applyWaf, createLoginRateRule } from '../layer7/inspection';
import { compressResponse, createResponseCache } from '../layer7/responseFeatures';
import { redirectToHttps } from '../layer7/redirect';

/** One connection from the LB to a backend that carries HTTP, in clear or inside TLS. */
export interface Upstream {
  send(request: HttpRequest): void;
  close(): void;
}

export interface UpstreamHandlers {
  response(response: HttpResponse): void;
  /** The upstream could not be used; the client gets a 502. */
  failed(failure: BackendFailure): void;
}

export type UpstreamFactory = (lb: LbServices, backend: BackendInfo, handlers: UpstreamHandlers) => Upstream;

export function layer7Mode(id: Mode, openUpstream: UpstreamFactory): ModeModule {
  return {
    id,
    acceptPlainHttp: redirectToHttps,
    acceptClient(front, lb) {
      const { ctx } = lb;
      const parser = new HttpStreamParser('request');
      const upstreams = new Map<string, Upstream>();
      const queue: HttpRequest[] = [];
      const cache = createResponseCache(ctx);
      const rateRule = createLoginRateRule(ctx);
      let busy = false;
      let clientIdentity: string | null = null;
      let tls: TlsChannel | null = null;

      const finish = (request: HttpRequest, response: HttpResponse, pinTo: BackendInfo | null): void => {
        const pinned = pinTo ? { ...response, headers: [...response.headers, ...persistenceResponseHeaders(pinTo)] } : response;
        tls?.write(serializeResponse(compressResponse(ctx, request, pinned)));
        busy = false;
        pump();
      };

      const forward = (request: HttpRequest): void => {
        const early = applyWaf(ctx, request) ?? rateRule(request, front.remote.ip) ?? cache.lookup(request);
        if (early) return finish(request, early, null);
        const { backend, detail } = chooseBackend(lb, request, front.remote.ip);
        const pinTo = ctx.options.stickyCookie && detail.basis !== 'cookie' ? backend : null;
        ctx.log.note('lb.routed', 'lb', detail);
        const unpinned = ctx.options.stickyCookie ? stripPersistenceCookie(request) : request;
        const outgoing = addForwardingHeaders(lb, unpinned, front.remote.ip, clientIdentity);
        let upstream = upstreams.get(backend.id);
        if (!upstream) {
          upstream = openUpstream(lb, backend, {
            response: (response) => {
              cache.store(request, response);
              finish(request, response, pinTo);
            },
            failed: (failure) => {
              upstreams.delete(backend.id);
              ctx.log.note('lb.backendRejected', 'lb', { backend: backend.id, failure, status: 502 });
              finish(request, makeResponse({ status: 502, contentType: 'text/plain', body: `502 Bad Gateway: ${failure.code}\n` }), null);
            },
          });
          upstreams.set(backend.id, upstream);
        }
        upstream.send(outgoing);
      };

      const pump = (): void => {
        if (busy) return;
        const next = queue.shift();
        if (!next) return;
        busy = true;
        forward(next);
      };

      tls = tlsOverTcp(ctx, 'lb', front, {
        role: 'server',
        certificateChainPem: [certificatePem(ctx.pki, frontCertificate(ctx.faults))],
        privateKeyPem: privateKeyPem(ctx.pki, 'site'),
        ...(ctx.options.clientCertificate ? { clientCaPem: [certificatePem(ctx.pki, 'clientCa')] } : {}),
        validityDate: SIM_DATE,
      }, {
        connected: (session) => {
          clientIdentity = session.peerCertificateCn;
        },
        data: (bytes) => {
          const result = parser.push(bytes);
          for (const m of result.messages) if (m.kind === 'request') queue.push(m.message);
          if (result.error) {
            ctx.log.note('parse.failed', 'lb', { what: 'http-request', code: 'malformed-http', diagnostic: result.error });
            tls?.write(serializeResponse(makeResponse({ status: result.errorStatus ?? 400, contentType: 'text/plain', body: `Bad request: ${result.error}\n` })));
            return;
          }
          pump();
        },
      });

      return {
        data: (bytes) => tls?.receive(bytes),
        peerClosed: () => {
          front.close();
          for (const u of upstreams.values()) u.close();
        },
      };
    },
  };
}

/** Reads responses off an upstream byte stream. */
export function responseReader(handlers: UpstreamHandlers): (bytes: Uint8Array) => void {
  const parser = new HttpStreamParser('response');
  return (bytes) => {
    const result = parser.push(bytes);
    for (const m of result.messages) if (m.kind === 'response') handlers.response(m.message);
    if (result.error) handlers.failed({ code: 'malformed-response', diagnostic: `${result.error}: ${bytesToText(bytes.subarray(0, 40))}` });
  };
}

