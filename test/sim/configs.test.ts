/**
 * The "real configuration" export, for every mode and a matrix of options: HAProxy's and nginx's own parsers
 * accept what the lab writes (`haproxy -c`, `nginx -t`, with the lab's certificates as files), the text says
 * what the mode means (passthrough holds no key, offloading talks plain HTTP, bridging verifies), and every
 * directive that matters carries its explanation. Terraform's formatter checks the HCL where it is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, MODES, realConfigurations } from '../../src/sim/engine';
import type { ConfigOverrides, Mode, RealConfig, RunOptions } from '../../src/sim/engine';
import { LOGIN_WINDOW_MS } from '../../src/sim/lb/layer7/inspection';
import { RATE_WINDOW_MS, makePlan } from '../../src/sim/export/configs/plan';
import { DEFAULT_PARAMS } from '../../src/sim/export/configs/types';
import { MODE_FACTS } from '../../src/sim/scenarios/modes';
import { byName, expectModeShape, expectOptionShape, expectTlsVersions } from './helpers/configExpectations';
import { freePort, HAPROXY } from './helpers/haproxyProcess';
import { writePkiFiles } from './helpers/pkiFiles';

const NGINX = '/usr/sbin/nginx';
const STREAM_MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';

const OPTION_SETS: ReadonlyArray<readonly [string, Partial<RunOptions>]> = [
  ['defaults', {}],
  // The TLS versions each export accepts follow the run's protocol; the sets below keep the default protocol.
  ['TLS 1.1 (node-forge)', { protocol: 'tls1.1' }],
  ['TLS 1.2', { protocol: 'tls1.2' }],
  ['TLS 1.3', { protocol: 'tls1.3' }],
  ['least connections', { algorithm: 'least-connections' }],
  ['source-IP hash', { algorithm: 'source-ip-hash' }],
  ['PROXY v1', { proxyProtocol: 'v1' }],
  ['PROXY v2', { proxyProtocol: 'v2' }],
  ['cookie stickiness', { stickyCookie: true }],
  ['cookie stickiness with least connections', { stickyCookie: true, algorithm: 'least-connections' }],
  ['no WAF', { waf: false }],
  ['client certificate', { clientCertificate: true }],
  ['backend certificate not verified', { verifyBackendCertificate: false }],
  ['pool routing', { poolRouting: true }],
  ['cache', { cache: true }],
  ['compression', { compression: true }],
  ['X-Forwarded-For overwritten', { forwardedForAppend: false }],
  ['no X-Forwarded-Proto', { forwardedProto: false }],
  ['login rate limit', { loginRateLimit: 3 }],
  ['everything on', {
    protocol: 'tls1.3', algorithm: 'source-ip-hash', stickyCookie: true, proxyProtocol: 'v2', waf: true, clientCertificate: true, poolRouting: true,
    cache: true, compression: true, loginRateLimit: 5, forwardedForAppend: false, forwardedProto: false,
  }],
  ['everything off', { protocol: 'tls1.1', waf: false, keepAlive: false, verifyBackendCertificate: false, forwardedProto: false, sniReassembly: false, proxyProtocol: 'v1', backendProxyProtocol: 'v2' }],
];
const CASES = MODES.flatMap((mode) => OPTION_SETS.map(([name, options]) => [mode, name, { ...DEFAULT_OPTIONS, ...options }] as const));

let dir: string;
let overrides: ConfigOverrides;
const hasTerraform = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-configs-'));
  const files = await writePkiFiles(dir, { realClock: false });
  // Debian builds the stream module as a loadable module (libnginx-mod-stream); nginx.org builds have it built in.
  const dynamicStream = /--with-stream=dynamic/.test(spawnSync(NGINX, ['-V'], { encoding: 'utf8' }).stderr);
  if (dynamicStream && !existsSync(STREAM_MODULE)) throw new Error(`${STREAM_MODULE} is missing: apt-get install libnginx-mod-stream`);
  const modules = path.join(dir, 'modules.conf');
  writeFileSync(modules, dynamicStream ? `load_module ${STREAM_MODULE};\n` : '');
  mkdirSync(path.join(dir, 'tmp'));
  // nginx -t binds its listen sockets, so the VIP becomes loopback with free ports; backends stay the lab's.
  overrides = {
    listenAddress: '127.0.0.1', httpsPort: await freePort(), httpPort: await freePort(),
    haproxy: { siteBundle: files.bundle('site'), internalCa: files.cert('internalCa'), clientCa: files.cert('clientCa'), corazaSpoe: path.join(dir, 'coraza-spoe.cfg') },
    nginx: {
      siteCertificate: files.cert('site'), siteKey: files.key('site'), internalCa: files.cert('internalCa'), clientCa: files.cert('clientCa'),
      modulesInclude: modules, pidFile: path.join(dir, 'nginx.pid'), errorLog: path.join(dir, 'error.log'), accessLog: path.join(dir, 'access.log'),
      cacheDir: path.join(dir, 'cache'), tempDir: path.join(dir, 'tmp'),
    },
  };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportTo(mode: Mode, options: RunOptions, name: string): { configs: RealConfig[]; at: string } {
  const at = path.join(dir, `${mode}-${name.replace(/\W+/g, '-')}`);
  mkdirSync(at, { recursive: true });
  const configs = realConfigurations(mode, options, overrides);
  for (const c of configs) writeFileSync(path.join(at, c.filename), c.text);
  // haproxy.cfg names the SPOE file by its absolute path (the overrides): put it there too.
  const spoe = configs.find((c) => c.filename === 'coraza-spoe.cfg');
  if (spoe) writeFileSync(overrides.haproxy?.corazaSpoe ?? '', spoe.text);
  return { configs, at };
}

function run(binary: string, args: readonly string[]): { ok: boolean; output: string } {
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 10_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

describe.each(CASES)('%s, %s', (mode, name, options) => {
  it('HAProxy accepts it (haproxy -c) and nginx accepts it (nginx -t)', () => {
    const { at, configs } = exportTo(mode, options, name);
    const haproxy = run(HAPROXY, ['-c', '-q', '-f', path.join(at, 'haproxy.cfg')]);
    expect(haproxy.ok, `${haproxy.output}\n${byName(configs, 'haproxy.cfg').text}`).toBe(true);
    const nginx = run(NGINX, ['-t', '-q', '-e', path.join(dir, 'error.log'), '-c', path.join(at, 'nginx.conf')]);
    expect(nginx.ok, `${nginx.output}\n${byName(configs, 'nginx.conf').text}`).toBe(true);
  });

  it('says what the mode and the options mean, product by product', () => {
    const configs = realConfigurations(mode, options, overrides);
    expect(new Set(configs.map((c) => c.product))).toEqual(new Set(['HAProxy', 'nginx', 'Envoy', 'Traefik', 'Kubernetes ingress-nginx', 'AWS']));
    for (const c of configs) {
      expect(c.text.endsWith('\n')).toBe(true);
      expect(c.notes.length).toBeGreaterThan(0);
      for (const n of c.notes) expect(n.trim().length).toBeGreaterThan(10);
    }
    expectModeShape(mode, options, configs, overrides.haproxy?.siteBundle ?? '');
    expectOptionShape(mode, options, configs);
    expectTlsVersions(mode, options, configs);
  });

  it('explains every directive that matters', () => {
    for (const c of realConfigurations(mode, options, overrides)) expect(unexplained(c), c.filename).toEqual([]);
  });

  it.skipIf(!hasTerraform)('the Terraform is already formatted (terraform fmt -check)', () => {
    const { at } = exportTo(mode, options, name);
    const fmt = run('terraform', ['fmt', '-check', '-diff', path.join(at, 'main.tf')]);
    expect(fmt.ok, fmt.output).toBe(true);
  });
});

/**
 * Directives (HAProxy and nginx keywords that change behaviour) without an explanation on the line or on the
 * comment line right above. `server` lines are explained once per block, by the comment above the first.
 */
const KEY_DIRECTIVES = /^\s*(bind|mode|balance|option|cookie|tcp-request|http-request|http-response|use_backend|default_backend|filter|compression|stick-table|listen|ssl_\w+|proxy_ssl_\w+|proxy_pass|proxy_protocol|proxy_set_header|limit_\w+|gzip\w*|hash|least_conn|return|map)\b/;
function unexplained(c: RealConfig): string[] {
  if (c.language !== 'haproxy' && c.language !== 'nginx') return [];
  const lines = c.text.split('\n');
  return lines.filter((line, i) => KEY_DIRECTIVES.test(line) && !/\s#\s/.test(line) && !/^\s*#/.test(lines[i - 1] ?? '')
    // a location's single proxy_pass is explained by the location line
    && !(/^\s*proxy_pass /.test(line) && /location .*#/.test(lines[i - 1] ?? '')));
}

describe('the export stays fit for the browser', () => {
  it('imports no Node API (the UI shows these texts)', () => {
    const source = path.join(import.meta.dirname, '../../src/sim/export/configs');
    for (const f of readdirSync(source)) expect(readFileSync(path.join(source, f), 'utf8'), f).not.toMatch(/from 'node:|require\(/);
  });

  it('plans each mode from its facts (run/modes.ts), as the simulator runs it', () => {
    for (const mode of MODES) {
      const facts = MODE_FACTS[mode];
      const plan = makePlan(mode, { ...DEFAULT_OPTIONS, proxyProtocol: 'v2' }, DEFAULT_PARAMS);
      const backend = DEFAULT_PARAMS.backends[0]!;
      expect(plan.facts).toBe(facts);
      expect(plan.layer7, mode).toBe(facts.layer === 7);
      expect(plan.upstreamTls, mode).toBe(facts.backendTls);
      expect(plan.upstreamPort(backend), mode).toBe(facts.backendPort === 80 ? backend.httpPort : backend.httpsPort);
      expect(plan.proxyProtocol, mode).toBe(facts.clientAddressBy === 'proxy-protocol' ? 'v2' : 'off');
    }
  });

  it('counts logins over the simulator\'s window', () => {
    expect(RATE_WINDOW_MS).toBe(LOGIN_WINDOW_MS);
  });

  it('is deterministic and uses the lab\'s addresses and conventional paths by default', () => {
    const a = realConfigurations('bridge', DEFAULT_OPTIONS);
    expect(realConfigurations('bridge', DEFAULT_OPTIONS)).toEqual(a);
    expect(byName(a, 'haproxy.cfg').text).toContain('bind 198.51.100.1:443 ssl crt /etc/haproxy/certs/site.pem');
    expect(byName(a, 'nginx.conf').text).toContain('proxy_ssl_trusted_certificate /etc/nginx/certs/internal-ca.pem;');
  });
});
