/**
 * Test-only backends and client for the HAProxy fidelity test. Each backend answers every request with a JSON
 * report of what it saw (its TLS peer's SNI, a TLS exporter value, the request headers) and keeps the PROXY
 * headers it received, so the
 * test can compare what reached the backend with what the client sent.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { parseProxyHeader } from '../../../src/sim/net/proxyProtocol';
import type { ProxyHeader } from '../../../src/sim/net/proxyProtocol';

const LOOPBACK = '127.0.0.1';
/** RFC 5705 exporter label: both ends of one TLS session derive the same bytes, ends of different sessions do not. */
export const EXPORTER_LABEL = 'EXPERIMENTAL passthrough-lab';
const EXPORTER_CONTEXT = Buffer.from('fidelity');
const EXCHANGE_MS = 6_000;

export interface Seen {
  readonly backend: string;
  readonly tls: boolean;
  /** The SNI the backend's TLS peer sent (null for plain HTTP). */
  readonly servername: string | null;
  readonly exporter: string | null;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

export interface Backend {
  readonly id: string;
  readonly port: number;
  readonly seen: Seen[];
  /**
   * Every PROXY header received, in order. HAProxy's health checks send one too (v1: a TCP4 line with the check
   * connection's own addresses; v2: LOCAL), so a test finds the client's by its source port.
   */
  readonly proxyHeaders: ProxyHeader[];
  close(): Promise<void>;
}

export interface TlsBackendOptions {
  readonly id: string;
  readonly key: string;
  readonly cert: string;
  /** Expect a PROXY header before the TLS bytes (HAProxy send-proxy / send-proxy-v2). */
  readonly proxy?: boolean;
}

export async function startTlsBackend(o: TlsBackendOptions): Promise<Backend> {
  const seen: Seen[] = [];
  const proxyHeaders: ProxyHeader[] = [];
  const server = https.createServer({ key: o.key, cert: o.cert }, (req, res) => {
    const socket = req.socket as tls.TLSSocket;
    const entry: Seen = {
      backend: o.id, tls: true,
      servername: typeof socket.servername === 'string' ? socket.servername : null,
      exporter: socket.exportKeyingMaterial(32, EXPORTER_LABEL, EXPORTER_CONTEXT).toString('hex'),
      method: req.method ?? '', url: req.url ?? '', headers: flatten(req.headers),
    };
    answer(seen, entry, req, res);
  });
  server.on('tlsClientError', () => {});
  if (!o.proxy) return listening(o.id, server, seen, [], () => server.closeAllConnections());
  // PROXY protocol first: read the header, then hand the rest to the HTTPS server through a stream (a TLSSocket
  // made from the raw socket would read its handle directly and miss bytes already read here).
  const front = net.createServer((raw) => {
    let pending = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      pending = Buffer.concat([pending, chunk]);
      const parsed = parseProxyHeader(new Uint8Array(pending));
      if (parsed.status === 'incomplete') return;
      raw.off('data', onData);
      if (parsed.status !== 'ok') return void raw.destroy();
      proxyHeaders.push(parsed.header);
      server.emit('connection', afterHeader(raw, pending.subarray(parsed.length)));
    };
    raw.on('data', onData);
    raw.on('error', () => raw.destroy());
  });
  return listening(o.id, front, seen, proxyHeaders, () => server.closeAllConnections());
}

/** A duplex stream carrying `rest` and then whatever else arrives on `raw`; writes go back to `raw`. */
function afterHeader(raw: net.Socket, rest: Buffer): Duplex {
  const stream = new Duplex({
    read: () => void raw.resume(),
    write: (chunk: Buffer, _encoding, done) => void raw.write(chunk, done),
    final: (done) => {
      raw.end();
      done();
    },
    destroy: (error, done) => {
      raw.destroy();
      done(error);
    },
  });
  if (rest.length > 0) stream.push(rest);
  raw.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) raw.pause();
  });
  raw.on('end', () => stream.push(null));
  raw.on('close', () => stream.destroy());
  return stream;
}

export async function startHttpBackend(id: string): Promise<Backend> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    answer(seen, { backend: id, tls: false, servername: null, exporter: null, method: req.method ?? '', url: req.url ?? '', headers: flatten(req.headers) }, req, res);
  });
  return listening(id, server, seen, [], () => server.closeAllConnections());
}

function answer(seen: Seen[], entry: Seen, req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  req.on('end', () => {
    seen.push(entry);
    const body = JSON.stringify(entry);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}

function listening(id: string, server: net.Server, seen: Seen[], proxyHeaders: ProxyHeader[], dropAll: () => void): Promise<Backend> {
  const open = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve({
      id, seen, proxyHeaders, port: (server.address() as net.AddressInfo).port,
      close: () => new Promise<void>((done) => {
        dropAll();
        for (const s of open) s.destroy();
        server.close(() => done());
      }),
    }));
  });
}

const flatten = (h: http.IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));

export interface Exchange {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly setCookies: string[];
  readonly body: string;
  /** This client's exporter value for its TLS session (compare with the backend's). */
  readonly exporter: string;
  readonly peerCn: string;
  /** The client's own TCP port (a PROXY header should carry it). */
  readonly localPort: number;
}

export interface ExchangeOptions {
  readonly port: number;
  readonly ca: string;
  readonly servername?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One HTTPS request over a fresh connection (Connection: close), verifying the server against `ca` and the SNI. */
export function httpsExchange(o: ExchangeOptions): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const servername = o.servername ?? 'shop.example.com';
    const socket = tls.connect({ host: LOOPBACK, port: o.port, servername, ca: [o.ca], ...(o.cert ? { cert: o.cert, key: o.key } : {}) });
    let raw = Buffer.alloc(0);
    let exporter = '';
    let peerCn = '';
    let localPort = 0;
    socket.once('secureConnect', () => {
      localPort = socket.localPort ?? 0;
      exporter = socket.exportKeyingMaterial(32, EXPORTER_LABEL, EXPORTER_CONTEXT).toString('hex');
      const cn = socket.getPeerCertificate().subject?.CN;
      peerCn = Array.isArray(cn) ? cn.join(',') : (cn ?? '');
      const body = o.body ?? '';
      const head = [`${o.method ?? 'GET'} ${o.path ?? '/'} HTTP/1.1`, `Host: ${servername}`, 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`,
        ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
    });
    socket.on('data', (chunk: Buffer) => void (raw = Buffer.concat([raw, chunk])));
    socket.setTimeout(EXCHANGE_MS, () => socket.destroy(new Error(`no complete response within ${EXCHANGE_MS} ms`)));
    socket.once('error', reject);
    // Connection: close, so the response ends when the connection does.
    socket.once('close', () => {
      const text = raw.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP response (${raw.length} bytes)`));
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      const setCookies: string[] = [];
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'set-cookie') setCookies.push(value);
        headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, setCookies, body: text.slice(split + 4), exporter, peerCn, localPort });
    });
  });
}
