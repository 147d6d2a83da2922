/**
 * Test-only harness shared by the TLS 1.2 and TLS 1.3 endpoint tests: an engine endpoint on a real loopback
 * socket against Node's `tls` (OpenSSL) at default settings, in both directions, and two engine ends wired
 * through a FIFO queue (never calling receive() from inside a callback).
 */
import net from 'node:net';
import tls from 'node:tls';
import { SIM_DATE } from '../../../src/sim/engine';
import type { LabPki } from '../../../src/sim/engine';
import { certificatePem, privateKeyPem } from '../../../src/sim/tls/pki';
import type { TlsEndpoint, TlsEndpointCallbacks, TlsFailure, TlsSessionInfo } from '../../../src/sim/tls/endpoint';
import type { Tls13ClientConfig, Tls13ServerConfig } from '../../../src/sim/tls13/endpoint13';

export type EndpointFactory = (config: Tls13ClientConfig | Tls13ServerConfig, callbacks: TlsEndpointCallbacks) => TlsEndpoint;

export const HOST = '127.0.0.1';
export const STEP_MS = 8_000;
export const REQUEST = 'GET /whoami HTTP/1.1\r\nHost: shop.example.com\r\nConnection: close\r\n\r\n';
const BODY = 'hello from the other TLS stack\n';
export const RESPONSE = `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`;
/** The lab certificates are valid 2026-01-01 .. 2027-01-01; OpenSSL checks them against the real clock (see interop.test.ts). */
export const clockInWindow = Date.now() >= Date.UTC(2026, 0, 1) && Date.now() < Date.UTC(2027, 0, 1);

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

export function track<T extends net.Socket>(socket: T): T {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  return socket;
}

export async function closeAll(): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
}

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve((server.address() as net.AddressInfo).port));
  });
}

export function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), STEP_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function until(condition: () => boolean, what: string): Promise<void> {
  return within(new Promise<void>((resolve) => {
    const poll = (): void => (condition() ? resolve() : void setTimeout(poll, 10));
    poll();
  }), what);
}

export const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
export const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

/** True once `text` holds a whole HTTP message with a Content-Length body (or no body). */
export function complete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end));
  return text.length >= end + 4 + (length ? Number(length[1]) : 0);
}

/** NSS key log lines -> label -> secret hex, for the session with this client random. */
export function keyLog(lines: readonly string[], clientRandomHex: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const [label, random, secret] = line.trim().split(' ');
    if (label && secret && random === clientRandomHex) out[label] = secret;
  }
  return out;
}

export const publicRootClient = (pki: LabPki): Omit<Tls13ClientConfig, 'role' | 'validityDate'> => ({
  serverName: 'shop.example.com', trustedCaPem: [certificatePem(pki, 'publicRootCa')], verifyPeer: true,
});

export const siteServer = (pki: LabPki): Tls13ServerConfig => ({
  role: 'server', certificateChainPem: [certificatePem(pki, 'site')], privateKeyPem: privateKeyPem(pki, 'site'), validityDate: SIM_DATE,
});

export interface EngineClientResult { info: TlsSessionInfo | null; response: string; failure: TlsFailure | null }

/** An engine client on a real TCP socket: sends REQUEST once connected, collects the response. */
export function engineClient(factory: EndpointFactory, port: number, config: Omit<Tls13ClientConfig, 'role' | 'validityDate'>): Promise<EngineClientResult> {
  return within(new Promise((resolve) => {
    const result: EngineClientResult = { info: null, response: '', failure: null };
    const socket = track(net.connect(port, HOST));
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(result);
    };
    const endpoint = factory({ role: 'client', validityDate: SIM_DATE, ...config }, {
      send: (b) => void socket.write(b),
      connected: (info) => {
        result.info = info;
        endpoint.write(bytes(REQUEST));
      },
      data: (b) => {
        result.response += latin1(b);
        if (complete(result.response)) finish();
      },
      failed: (failure) => {
        result.failure = failure;
        setTimeout(finish, 50); // let the alert reach the server first
      },
      closed: finish,
    });
    socket.on('connect', () => endpoint.start());
    socket.on('data', (chunk: Buffer) => endpoint.receive(new Uint8Array(chunk)));
    socket.on('error', finish);
    socket.on('close', finish);
  }), 'engine client exchange');
}

/** A Node TLS server (defaults plus `options`) that answers one HTTP request; records what OpenSSL saw. */
export async function nodeServer(options: tls.TlsOptions) {
  const seen: { protocol: string | null; cipher: string; request: string; authorized: boolean; peerCn: string | null }[] = [];
  const keylog: string[] = [];
  const errors: string[] = [];
  const server = tls.createServer(options, (socket) => {
    track(socket);
    const peer = socket.getPeerCertificate();
    const entry = { protocol: socket.getProtocol(), cipher: socket.getCipher().name, request: '', authorized: socket.authorized, peerCn: peer?.subject?.CN ? String(peer.subject.CN) : null };
    seen.push(entry);
    socket.on('data', (chunk: Buffer) => {
      entry.request += chunk.toString('latin1');
      if (complete(entry.request)) socket.end(RESPONSE);
    });
    socket.on('error', () => socket.destroy());
  });
  server.on('keylog', (line: Buffer) => keylog.push(line.toString('latin1')));
  server.on('tlsClientError', (error: NodeJS.ErrnoException) => errors.push(`${error.code ?? ''} ${error.message}`));
  const port = await listen(server);
  return { port, seen, keylog, errors };
}

/** An engine server behind a plain TCP listener; answers one HTTP request. */
export async function engineServer(factory: EndpointFactory, pki: LabPki, extra: Partial<Tls13ServerConfig> = {}) {
  const side = { info: null as TlsSessionInfo | null, request: '', failure: null as TlsFailure | null, sent: [] as Uint8Array[] };
  const server = net.createServer((socket) => {
    track(socket);
    const endpoint: TlsEndpoint = factory({ ...siteServer(pki), ...extra }, {
      send: (b) => {
        side.sent.push(b);
        socket.write(b);
      },
      connected: (info) => void (side.info = info),
      data: (b) => {
        side.request += latin1(b);
        if (complete(side.request)) endpoint.write(bytes(RESPONSE));
      },
      failed: (failure) => void (side.failure = failure),
      closed: () => socket.end(),
    });
    socket.on('data', (chunk: Buffer) => endpoint.receive(new Uint8Array(chunk)));
    socket.on('error', () => socket.destroy());
  });
  return { port: await listen(server), side };
}

/** Node's TLS client (defaults plus `options`), trusting the lab root, sending REQUEST. */
export function nodeClient(pki: LabPki, port: number, options: tls.ConnectionOptions = {}) {
  return within(new Promise<{ protocol: string | null; cipher: string; authorized: boolean; authorizationError: string | null; response: string; keylog: string[] }>((resolve, reject) => {
    const socket = track(tls.connect({
      host: HOST, port, servername: 'shop.example.com', ca: certificatePem(pki, 'publicRootCa'),
      ...(clockInWindow ? {} : { rejectUnauthorized: false }), ...options,
    }));
    const keylog: string[] = [];
    socket.on('keylog', (line: Buffer) => keylog.push(line.toString('latin1')));
    let response = '';
    const out = { protocol: null as string | null, cipher: '', authorized: false, authorizationError: null as string | null };
    socket.on('secureConnect', () => {
      Object.assign(out, {
        protocol: socket.getProtocol(), cipher: socket.getCipher().name, authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
      });
      socket.write(REQUEST);
    });
    socket.on('data', (chunk: Buffer) => {
      response += chunk.toString('latin1');
      if (complete(response)) {
        socket.end();
        resolve({ ...out, response, keylog });
      }
    });
    socket.on('error', reject);
  }), 'Node client exchange');
}

export interface EndLog { info: TlsSessionInfo | null; data: string; failure: TlsFailure | null; sent: Uint8Array[]; closed: boolean }

export type Tamper = (bytes: Uint8Array, from: 'client' | 'server', clientConnected: boolean) => Uint8Array;

/** Engine client and server through a FIFO queue; the client sends REQUEST once connected, the server answers RESPONSE. */
export function pair(factory: EndpointFactory, pki: LabPki, server: Partial<Tls13ServerConfig>, client: Partial<Tls13ClientConfig>, tamper?: Tamper) {
  const queue: { to: 'client' | 'server'; bytes: Uint8Array }[] = [];
  const log = { client: newLog(), server: newLog() };
  const s: TlsEndpoint = factory({ ...siteServer(pki), ...server },
    callbacksFor(log.server, (b) => queue.push({ to: 'client', bytes: b }), (text) => complete(text) && s.write(bytes(RESPONSE))));
  const c: TlsEndpoint = factory({ role: 'client', ...publicRootClient(pki), validityDate: SIM_DATE, ...client },
    callbacksFor(log.client, (b) => queue.push({ to: 'server', bytes: tamper ? tamper(b, 'client', c.isConnected) : b }), () => undefined, () => c.write(bytes(REQUEST))));
  c.start();
  for (let steps = 0; queue.length > 0 && steps < 100; steps++) {
    const next = queue.shift()!;
    (next.to === 'client' ? c : s).receive(next.bytes);
  }
  return log;
}

function newLog(): EndLog {
  return { info: null, data: '', failure: null, sent: [], closed: false };
}

function callbacksFor(log: EndLog, send: (b: Uint8Array) => void, onData: (text: string) => unknown, onConnected?: () => void): TlsEndpointCallbacks {
  return {
    send: (b) => {
      log.sent.push(b);
      send(b);
    },
    connected: (info) => {
      log.info = info;
      onConnected?.();
    },
    data: (b) => {
      log.data += latin1(b);
      onData(log.data);
    },
    failed: (failure) => void (log.failure = failure),
    closed: () => void (log.closed = true),
  };
}

/** Flips one byte of the first chunk the client sends after it is connected (an application record). */
export function tamperFirstApplicationRecord(): { tamper: Tamper; readonly done: boolean } {
  let done = false;
  return {
    tamper: (b, from, clientConnected) => {
      if (from !== 'client' || !clientConnected || done) return b;
      done = true;
      const copy = b.slice();
      copy[10]! ^= 0x01;
      return copy;
    },
    get done() {
      return done;
    },
  };
}
