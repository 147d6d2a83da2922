/**
 * A tiny static file server for the built site (dist/): 127.0.0.1, a random port, honest MIME types, optional
 * extra response headers (e.g. a Content-Security-Policy), 404 for missing files, and no way out of the root.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Added to every response, e.g. `{ 'Content-Security-Policy': "default-src 'self'" }`. */
  readonly headers?: Readonly<Record<string, string>>;
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function mimeType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path onto a file under `root`, or returns null when it would leave the root (`..`, encoded
 * slashes or backslashes, NUL bytes) or cannot be decoded.
 */
export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split(/[?#]/, 1)[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return null;
  const absoluteRoot = resolve(root);
  const file = resolve(join(absoluteRoot, ...segments.filter((s) => s !== '' && s !== '.')));
  if (file !== absoluteRoot && !file.startsWith(absoluteRoot + sep)) return null;
  return file;
}

export async function startStaticServer(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const extra = options.headers ?? {};
  const send = (res: ServerResponse, status: number, type: string, body: Buffer | string, head: boolean): void => {
    res.writeHead(status, { ...extra, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
    res.end(head ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', head);
    const url = req.url ?? '/';
    // The raw target is checked before any URL normalisation could hide a `..`.
    let file = resolveInside(root, url.startsWith('/') ? url : `/${url}`);
    if (file === null) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden\n', head);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      send(res, 200, mimeType(file), body, head);
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n', head);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error\n', false);
      else res.destroy();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
