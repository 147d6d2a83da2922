/**
 * The part offloading and bridging share (HAProxy `mode http`): terminate the client's TLS with the site's key,
 * parse each HTTP request, choose a backend, add the forwarding headers, and relay the response. The two modes
 * differ only in the upstream leg, which each passes in as an `UpstreamFactory`.
 */
import { bytesToText } from '../../core/bytes';
import { getHeader, withHeader, withoutHeader } from '../../http/headers';
import { HttpStreamParser } from '../../http/parser';
import { makeResponse, serializeResponse } from '../../http/serialize';
import type { HttpRequest, HttpResponse } from '../../http/types';
import type { TcpSide } from '../../net/network';
import type { BackendInfo } from '../../net/topology';
import { frontCertificate } from '../../run/keyPlacement';
import { SIM_DATE, certificatePem, privateKeyPem } from '../../tls/pki';
import { tlsOverTcp, type TlsChannel } from '../../nodes/tlsOverTcp';
import { backendById, type LbServices, type ModeModule } from '../loadBalancer';
import type { BackendRef } from '../balancing';
import { persistenceResponseHeaders, readPersistenceCookie, stripPersistenceCookie } from '../stickiness';
import type { Mode } from '../../scenarios/types';

/** One connection from the LB to a backend that carries HTTP, in clear or inside TLS. */
export interface Upstream {
  send(request: HttpRequest): void;
  close(): void;
}

export interface UpstreamHandlers {
  response(response: HttpResponse): void;
  /** The upstream could not be used; `reason` is shown to the learner and the client gets a 502. */
  failed(reason: string): void;
}

export type UpstreamFactory = (lb: LbServices, backend: BackendInfo, handlers: UpstreamHandlers) => Upstream;

export function layer7Mode(id: Mode, openUpstream: UpstreamFactory): ModeModule {
  return {
    id,
    acceptClient(front, lb) {
      const { ctx } = lb;
      const parser = new HttpStreamParser('request');
      const upstreams = new Map<string, Upstream>();
      const queue: HttpRequest[] = [];
      let busy = false;
      let clientIdentity: string | null = null;
      let tls: TlsChannel | null = null;

      /** Backend to pin the client to with a new persistence cookie on this response, if any. */
      let pinTo: BackendRef | null = null;

      const reply = (response: HttpResponse): void => {
        const pinned = pinTo
          ? { ...response, headers: [...response.headers, ...persistenceResponseHeaders(pinTo)] }
          : response;
        pinTo = null;
        tls?.write(serializeResponse(pinned));
        busy = false;
        pump();
      };

      const forward = (request: HttpRequest): void => {
        const { backend, basis, reason } = chooseBackend(lb, request, front);
        if (ctx.options.stickyCookie && basis !== 'cookie') pinTo = backend;
        ctx.log.note('lb.routed', 'lb', { backend: backend.id, basis, reason },
          `The load balancer read ${request.method} ${request.target} and sent it to ${backend.name} (${reason}).`);
        const unpinned = ctx.options.stickyCookie ? stripPersistenceCookie(request) : request;
        const outgoing = addForwardingHeaders(lb, unpinned, front, clientIdentity);
        let upstream = upstreams.get(backend.id);
        if (!upstream) {
          upstream = openUpstream(lb, backend, {
            response: (response) => reply(response),
            failed: (reason) => {
              upstreams.delete(backend.id);
              ctx.log.note('lb.backendRejected', 'lb', { backend: backend.id, reason, status: 502 },
                `The load balancer could not use ${backend.name}: ${reason}. The client gets 502 Bad Gateway.`);
              reply(makeResponse({ status: 502, contentType: 'text/plain', body: `502 Bad Gateway: ${reason}\n` }));
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
            ctx.log.note('parse.failed', 'lb', { what: 'HTTP request', reason: result.error }, `The load balancer rejected a malformed request: ${result.error}`);
            reply(makeResponse({ status: result.errorStatus ?? 400, contentType: 'text/plain', body: `Bad request: ${result.error}\n` }));
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

/**
 * Cookie persistence first (HAProxy `cookie SERVERID insert indirect nocache`): only a layer-7 LB can read the
 * cookie, because it decrypted the request. Without a valid cookie, the balancing algorithm chooses.
 */
function chooseBackend(lb: LbServices, request: HttpRequest, front: TcpSide): { backend: BackendInfo; basis: string; reason: string } {
  const refs = lb.backends.map((b) => ({ id: b.id, name: b.name, address: b.address }));
  const sticky = lb.ctx.options.stickyCookie ? readPersistenceCookie(request, undefined, refs) : null;
  if (sticky?.backend) return { backend: backendById(lb, sticky.backend.id), basis: 'cookie', reason: sticky.reason };
  const pick = lb.balancer.pick({ sourceIp: front.remote.ip });
  const reason = sticky ? `${sticky.reason}; ${pick.reason}` : pick.reason;
  return { backend: backendById(lb, pick.backend.id), basis: lb.ctx.options.algorithm, reason };
}

/**
 * `option forwardfor` / `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`: the backend's TCP peer is
 * now the LB, so the client's address travels in a header. A client-sent X-Forwarded-For is either kept and
 * appended to (the backend must then trust only the right-most entry) or overwritten.
 */
function addForwardingHeaders(lb: LbServices, request: HttpRequest, front: TcpSide, clientIdentity: string | null): HttpRequest {
  const clientIp = front.remote.ip;
  const existing = getHeader(request.headers, 'x-forwarded-for');
  const xff = lb.ctx.options.forwardedForAppend && existing !== undefined ? `${existing}, ${clientIp}` : clientIp;
  let headers = withHeader(request.headers, 'X-Forwarded-For', xff);
  headers = withHeader(headers, 'X-Forwarded-Proto', 'https');
  // The client certificate was checked here, so only the LB can vouch for the identity: a client-sent copy is a forgery.
  headers = withoutHeader(headers, 'X-SSL-Client-Cert-Subject');
  if (clientIdentity) headers = withHeader(headers, 'X-SSL-Client-Cert-Subject', `CN=${clientIdentity}`);
  lb.ctx.log.note('lb.headerAdded', 'lb', { name: 'X-Forwarded-For', value: xff },
    `The load balancer set X-Forwarded-For: ${xff} and X-Forwarded-Proto: https${clientIdentity ? `, and X-SSL-Client-Cert-Subject: CN=${clientIdentity}` : ''}.`);
  return { ...request, headers };
}

/** Reads responses off an upstream byte stream. */
export function responseReader(handlers: UpstreamHandlers, describe: string): (bytes: Uint8Array) => void {
  const parser = new HttpStreamParser('response');
  return (bytes) => {
    const result = parser.push(bytes);
    for (const m of result.messages) if (m.kind === 'response') handlers.response(m.message);
    if (result.error) handlers.failed(`${describe} sent a malformed response (${result.error}): ${bytesToText(bytes.subarray(0, 40))}`);
  };
}

