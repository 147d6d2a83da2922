/**
 * The browser: resolves the shop's name, opens TCP and TLS to the load balancer's VIP, sends the scenario's
 * requests one after another (on one keep-alive connection or a new one each), keeps cookies, and gives up on
 * a TLS failure as a browser would.
 */
import { asciiBytes, bytesToText } from '../core/bytes';
import { getAllHeaders, getHeader } from '../http/headers';
import { HttpStreamParser } from '../http/parser';
import { makeRequest, serializeRequest } from '../http/serialize';
import type { HttpResponse } from '../http/types';
import type { TcpSide } from '../net/network';
import { CLIENT_ADDRESS, DNS, LB_VIP, SITE_HOSTNAME } from '../net/topology';
import type { RunContext } from '../run/context';
import type { ScriptedRequest } from '../scenarios/types';
import { SIM_DATE, certificatePem, privateKeyPem } from '../tls/pki';
import { tlsOverTcp, type TlsChannel } from './tlsOverTcp';

export interface ClientOutcome {
  readonly responses: { index: number; status: number; servedBy: string | null; body: string }[];
  /** Requests never answered, with why (a TLS failure, a reset). */
  readonly failures: { index: number; reason: string }[];
}

interface OpenConnection {
  side: TcpSide;
  tls: TlsChannel | null;
  parser: HttpStreamParser;
  onResponse: ((response: HttpResponse) => void) | null;
  broken: string | null;
}

export function startClient(ctx: RunContext, requests: readonly ScriptedRequest[]): ClientOutcome {
  const outcome: ClientOutcome = { responses: [], failures: [] };
  const cookies = new Map<string, string>();
  let connection: OpenConnection | null = null;

  const hostOf = (r: ScriptedRequest): string => r.host ?? SITE_HOSTNAME;

  const fail = (index: number, reason: string): void => {
    outcome.failures.push({ index, reason });
  };

  const openConnection = (host: string, ready: (c: OpenConnection) => void, index: number): void => {
    const address = DNS[host] ?? LB_VIP;
    ctx.log.note('dns.resolved', 'client', { name: host, address }, `DNS: ${host} resolves to ${address}, the load balancer's public address, not to any backend.`);
    const local = { ip: CLIENT_ADDRESS, port: ctx.network.nextEphemeralPort() };
    const open: OpenConnection = { side: null as unknown as TcpSide, tls: null, parser: new HttpStreamParser('response'), onResponse: null, broken: null };
    const onPlain = (bytes: Uint8Array): void => {
      const result = open.parser.push(bytes);
      for (const m of result.messages) if (m.kind === 'response') open.onResponse?.(m.message);
      if (result.error) ctx.log.note('parse.failed', 'client', { what: 'HTTP response', reason: result.error }, `The client could not parse the response: ${result.error}`);
    };
    open.side = ctx.network.connect({ from: 'client', local, to: 'lb', remote: { ip: address, port: 443 }, link: 'internet' }, {
      open: () => {
        if (ctx.faults.garbageClientHello) {
          open.side.send(asciiBytes('GET / HTTP/1.1\r\nHost: shop.example.com\r\n\r\n'));
          return;
        }
        open.tls = tlsOverTcp(ctx, 'client', open.side, {
          role: 'client', serverName: host, trustedCaPem: [certificatePem(ctx.pki, 'publicRootCa')], verifyPeer: true,
          validityDate: SIM_DATE,
          ...(ctx.options.clientCertificate
            ? { clientCertificatePem: certificatePem(ctx.pki, 'clientAlice'), clientPrivateKeyPem: privateKeyPem(ctx.pki, 'client') }
            : {}),
        }, {
          connected: () => ready(open),
          data: onPlain,
          failed: (reason) => {
            open.broken = reason;
          },
        });
        const tls = open.tls;
        ctx.cost.measure('client', 'handshake', () => tls.endpoint.start());
      },
      data: (bytes) => (open.tls ? open.tls.receive(bytes) : onPlain(bytes)),
      peerClosed: (reset) => {
        if (!open.broken) open.broken = reset ? 'the connection was reset' : 'the server closed the connection';
        if (open.onResponse) {
          open.onResponse = null;
          fail(index, open.tls?.endpoint.failure?.message ?? open.broken);
        }
        if (connection === open) connection = null;
        open.side.close();
      },
    });
    connection = open;
  };

  const send = (index: number): void => {
    const request = requests[index];
    if (!request) {
      connection?.side.close();
      return;
    }
    const dispatch = (c: OpenConnection): void => {
      const cookieHeader = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const headers: [string, string][] = [
        ['User-Agent', 'PassthroughLab/1.0 (simulated browser)'],
        ...(cookieHeader ? [['Cookie', cookieHeader] as [string, string]] : []),
        ...(request.body !== undefined && !request.headers?.some(([n]) => n.toLowerCase() === 'content-type')
          ? [['Content-Type', 'application/x-www-form-urlencoded'] as [string, string]] : []),
        ...(request.headers ?? []).map(([n, v]) => [n, v] as [string, string]),
        ...(ctx.options.keepAlive ? [] : [['Connection', 'close'] as [string, string]]),
      ];
      const http = makeRequest({ method: request.method, target: request.path, host: hostOf(request), headers, ...(request.body !== undefined ? { body: request.body } : {}) });
      c.onResponse = (response) => {
        c.onResponse = null;
        for (const setCookie of getAllHeaders(response.headers, 'set-cookie')) {
          const pair = setCookie.split(';')[0] ?? '';
          const eq = pair.indexOf('=');
          if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
        }
        const servedBy = getHeader(response.headers, 'x-served-by') ?? null;
        const body = bytesToText(response.body);
        outcome.responses.push({ index, status: response.status, servedBy, body });
        ctx.log.note('http.responseReceived', 'client', { status: response.status, servedBy, index, bodyPreview: body.slice(0, 160) },
          `The client got ${response.status} ${response.reason}${servedBy ? ` from ${servedBy}` : ''} for ${request.method} ${request.path}.`);
        const reuse = ctx.options.keepAlive && getHeader(response.headers, 'connection')?.toLowerCase() !== 'close';
        if (!reuse) {
          c.side.close();
          if (connection === c) connection = null;
        }
        send(index + 1);
      };
      ctx.log.note('http.requestSent', 'client', { method: request.method, target: request.path, index }, `The client sends ${request.method} ${request.path}: ${request.purpose}`);
      const bytes = serializeRequest(http);
      if (c.tls) c.tls.write(bytes);
      else c.side.send(bytes);
    };
    const current = connection as OpenConnection | null;
    if (current && !current.broken && (current.tls?.endpoint.isConnected ?? false)) dispatch(current);
    else {
      openConnection(hostOf(request), dispatch, index);
      // A connection that dies before it is ready still owes the learner an explanation.
      const pending = connection as OpenConnection | null;
      if (pending) pending.onResponse = () => {};
    }
  };

  send(0);
  return outcome;
}
