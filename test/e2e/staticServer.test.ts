/** The e2e harness's static server: MIME types, extra headers, 404, and no way out of the served directory. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside, startStaticServer, type StaticServer } from '../../scripts/lib/browser/staticServer';

/** A raw GET that sends the path exactly as written (fetch would normalise `..` away). */
function rawGet(base: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('staticServer', () => {
  let root: string;
  let server: StaticServer;
  const CSP = "default-src 'self'; script-src 'self'; worker-src 'self'";

  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'static-server-'));
    root = join(parent, 'site');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(join(root, 'assets', 'a.js'), 'export {};');
    await writeFile(join(root, 'assets', 'b.css'), 'body{}');
    await writeFile(join(root, 'assets', 'c.wasm'), Buffer.from([0, 97, 115, 109]));
    await writeFile(join(parent, 'secret.txt'), 'secret');
    server = await startStaticServer(root, { headers: { 'Content-Security-Policy': CSP } });
  });

  afterAll(async () => {
    await server?.close();
    await rm(join(root, '..'), { recursive: true, force: true });
  });

  it('serves index.html for / with the extra headers, on 127.0.0.1', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await rawGet(server.url, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(CSP);
  });

  it.each([
    ['/assets/a.js', /^text\/javascript/],
    ['/assets/b.css?v=1', /^text\/css/],
    ['/assets/c.wasm', /^application\/wasm$/],
  ])('serves %s as %s', async (path, type) => {
    const res = await rawGet(server.url, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(type);
  });

  it('answers 404 for a missing file', async () => {
    expect((await rawGet(server.url, '/nope.js')).status).toBe(404);
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00'])(
    'refuses %s',
    async (path) => {
      const res = await rawGet(server.url, path);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain('secret');
    },
  );

  it('resolveInside keeps every path under the root', () => {
    expect(resolveInside('/srv/site', '/a/b.js')).toBe('/srv/site/a/b.js');
    expect(resolveInside('/srv/site', '/a/../../etc/passwd')).toBeNull();
    expect(resolveInside('/srv/site', '/%E0%A4%A')).toBeNull();
  });
});
