/**
 * The engine's TLS is real TLS: its forge endpoint talks to OpenSSL (through Node's `tls` module) over loopback
 * sockets, in both directions, with the lab's own certificates. Settings from QUALITY.md ("Interop with OpenSSL").
 */
import crypto from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_DATE, generateLabPki } from '../../src/sim/engine';
import type { LabPki } from '../../src/sim/engine';
import { createTlsEndpoint } from '../../src/sim/tls/endpoint';
import { certificatePem, privateKeyPem } from '../../src/sim/tls/pki';
import type { TlsClientConfig, TlsFailure, TlsSessionInfo } from '../../src/sim/tls/endpoint';

const HOST = '127.0.0.1';
const STEP_MS = 8_000;
const TEST_MS = 10_000;
const REQUEST = 'GET /whoami HTTP/1.1\r\nHost: shop.example.com\r\nConnection: close\r\n\r\n';
const BODY = 'hello from the other TLS stack\n';
const RESPONSE = `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`;
const LEGACY = { minVersion: 'TLSv1', ciphers: 'AES128-SHA:@SECLEVEL=0' } as const;

// The lab certificates are valid 2026-01-01 .. 2027-01-01 (src/sim/tls/pki.ts). The engine checks them against
// SIM_DATE, but OpenSSL checks them against the real clock. Outside that window the Node client below cannot
// verify the dates, so it then runs with rejectUnauthorized: false and the test asserts that the only complaint
// is the date (the chain and the hostname are still checked by hand).
const clockInWindow = Date.now() >= Date.UTC(2026, 0, 1) && Date.now() < Date.UTC(2027, 0, 1);

let pki: LabPki;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

function track<T extends net.Socket>(socket: T): T {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  return socket;
}

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve((server.address() as net.AddressInfo).port));
  });
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), STEP_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
/** True once `text` holds a whole HTTP message with a Content-Length body (or no body). */
function complete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end));
  return text.length >= end + 4 + (length ? Number(length[1]) : 0);
}

interface EngineClientResult { info: TlsSessionInfo | null; response: string; failure: TlsFailure | null }

/** The engine's forge client on a real TCP socket: socket data -> endpoint.receive, endpoint send -> socket.write. */
function engineClient(port: number, config: Omit<TlsClientConfig, 'role' | 'validityDate'>): Promise<EngineClientResult> {
  return new Promise((resolve) => {
    const result: EngineClientResult = { info: null, response: '', failure: null };
    const socket = track(net.connect(port, HOST));
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(result);
    };
    const endpoint = createTlsEndpoint({ role: 'client', validityDate: SIM_DATE, ...config }, {
      send: (bytes) => void socket.write(bytes),
      connected: (info) => {
        result.info = info;
        endpoint.write(Buffer.from(REQUEST, 'latin1'));
      },
      data: (bytes) => {
        result.response += latin1(bytes);
        if (complete(result.response)) finish();
      },
      failed: (failure) => {
        result.failure = failure;
        // Let the fatal alert reach the server before the socket goes away.
        setTimeout(finish, 50);
      },
      closed: finish,
    });
    socket.on('connect', () => endpoint.start());
    socket.on('data', (chunk: Buffer) => endpoint.receive(new Uint8Array(chunk)));
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

beforeAll(async () => {
  pki = await generateLabPki();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('engine client -> OpenSSL server (Node tls.createServer)', () => {
  it('negotiates TLS 1.1 / AES128-SHA, verifies the site certificate and reads the HTTP response', async () => {
    const seen: { protocol: string | null; cipher: string; request: string }[] = [];
    const server = tls.createServer({ key: privateKeyPem(pki, 'site'), cert: certificatePem(pki, 'site'), ...LEGACY }, (socket) => {
      track(socket);
      const entry = { protocol: socket.getProtocol(), cipher: socket.getCipher().name, request: '' };
      seen.push(entry);
      socket.on('data', (chunk: Buffer) => {
        entry.request += chunk.toString('latin1');
        if (complete(entry.request)) socket.end(RESPONSE);
      });
      socket.on('error', () => socket.destroy());
    });
    const port = await listen(server);

    const result = await within(engineClient(port, {
      serverName: 'shop.example.com', trustedCaPem: [certificatePem(pki, 'publicRootCa')], verifyPeer: true,
    }), 'engine client exchange');

    expect(result.failure).toBeNull();
    expect(seen).toEqual([{ protocol: 'TLSv1.1', cipher: 'AES128-SHA', request: REQUEST }]);
    expect(result.info).toMatchObject({ version: 'TLS 1.1', cipherSuite: 'TLS_RSA_WITH_AES_128_CBC_SHA', peerCertificateCn: 'shop.example.com' });
    expect(result.info!.clientRandomHex).toMatch(/^[0-9a-f]{64}$/);
    expect(result.info!.masterSecretHex).toMatch(/^[0-9a-f]{96}$/);
    expect(result.response).toBe(RESPONSE);
  }, TEST_MS);

  it('refuses a real server whose certificate is for another name: bad_certificate, and OpenSSL hears the alert', async () => {
    const serverErrors: string[] = [];
    const server = tls.createServer({ key: privateKeyPem(pki, 'site'), cert: certificatePem(pki, 'siteWrongHost'), ...LEGACY }, (socket) => track(socket));
    server.on('tlsClientError', (error: NodeJS.ErrnoException) => serverErrors.push(`${error.code ?? ''} ${error.message}`));
    const port = await listen(server);

    const result = await within(engineClient(port, {
      serverName: 'shop.example.com', trustedCaPem: [certificatePem(pki, 'publicRootCa')], verifyPeer: true,
    }), 'engine client refusal');

    expect(result.info).toBeNull();
    expect(result.response).toBe('');
    expect(result.failure).toMatchObject({ alert: 'bad_certificate', code: 42, local: true });
    expect(result.failure!.message).toContain('www.other-shop.example');
    await within(new Promise<void>((resolve) => {
      const poll = (): void => (serverErrors.length > 0 ? resolve() : void setTimeout(poll, 10));
      poll();
    }), 'server tlsClientError');
    expect(serverErrors.join('\n')).toMatch(/bad.certificate/i);
  }, TEST_MS);
});

describe('OpenSSL client (Node tls.connect) -> engine server', () => {
  it('negotiates TLS 1.1 / AES128-SHA, Node verifies the lab chain and hostname, and the HTTP bytes cross intact', async () => {
    const engineSide: { info: TlsSessionInfo | null; request: string; failure: TlsFailure | null } = { info: null, request: '', failure: null };
    const server = net.createServer((socket) => {
      track(socket);
      const endpoint = createTlsEndpoint({
        role: 'server',
        certificateChainPem: [certificatePem(pki, 'site')],
        privateKeyPem: privateKeyPem(pki, 'site'),
        validityDate: SIM_DATE,
      }, {
        send: (bytes) => void socket.write(bytes),
        connected: (info) => {
          engineSide.info = info;
        },
        data: (bytes) => {
          engineSide.request += latin1(bytes);
          if (complete(engineSide.request)) endpoint.write(Buffer.from(RESPONSE, 'latin1'));
        },
        failed: (failure) => {
          engineSide.failure = failure;
        },
        closed: () => socket.end(),
      });
      socket.on('data', (chunk: Buffer) => endpoint.receive(new Uint8Array(chunk)));
      socket.on('error', () => socket.destroy());
    });
    const port = await listen(server);

    const client = await within(new Promise<{ protocol: string | null; cipher: string; authorized: boolean; authorizationError: string | null; response: string }>((resolve, reject) => {
      const socket = track(tls.connect({
        host: HOST, port, servername: 'shop.example.com', ca: certificatePem(pki, 'publicRootCa'),
        minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'AES128-SHA:@SECLEVEL=0',
        secureOptions: crypto.constants.SSL_OP_LEGACY_SERVER_CONNECT,
        ...(clockInWindow ? {} : { rejectUnauthorized: false }),
      }));
      let response = '';
      const out = { protocol: null as string | null, cipher: '', authorized: false, authorizationError: null as string | null };
      socket.on('secureConnect', () => {
        out.protocol = socket.getProtocol();
        out.cipher = socket.getCipher().name;
        out.authorized = socket.authorized;
        out.authorizationError = socket.authorizationError ? String(socket.authorizationError) : null;
        socket.write(REQUEST);
      });
      socket.on('data', (chunk: Buffer) => {
        response += chunk.toString('latin1');
        if (complete(response)) {
          socket.end();
          resolve({ ...out, response });
        }
      });
      socket.on('error', reject);
    }), 'Node client exchange');

    expect(engineSide.failure).toBeNull();
    expect(client.protocol).toBe('TLSv1.1');
    expect(client.cipher).toBe('AES128-SHA');
    if (clockInWindow) {
      expect(client.authorized).toBe(true);
    } else {
      // Only the wall-clock date check can fail; chain and name were fine.
      expect(client.authorizationError).toMatch(/^CERT_(HAS_EXPIRED|NOT_YET_VALID)$/);
      expect(tls.checkServerIdentity('shop.example.com', new crypto.X509Certificate(certificatePem(pki, 'site')).toLegacyObject())).toBeUndefined();
    }
    expect(engineSide.request).toBe(REQUEST);
    expect(client.response).toBe(RESPONSE);
    expect(engineSide.info).toMatchObject({ version: 'TLS 1.1', cipherSuite: 'TLS_RSA_WITH_AES_128_CBC_SHA', peerCertificateCn: null });
  }, TEST_MS);
});
