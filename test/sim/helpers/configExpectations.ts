/**
 * Test-only: what the exported configurations must say for a mode and options, product by product. Checked
 * against the text with comments stripped (`directives`), so an explanation that mentions "ssl crt" never
 * counts as configuring it.
 */
import { expect } from 'vitest';
import type { Mode, RealConfig, RunOptions } from '../../../src/sim/engine';

export const directives = (text: string): string => text.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '')).join('\n');

export function byName(configs: readonly RealConfig[], filename: string): RealConfig {
  const found = configs.find((c) => c.filename === filename);
  if (!found) throw new Error(`no ${filename} among ${configs.map((c) => c.filename).join(', ')}`);
  return found;
}

interface Texts { haproxy: string; nginx: string; envoy: string; traefik: string; ingress: string; aws: string; notes: (f: string) => string }

function texts(configs: readonly RealConfig[]): Texts {
  const d = (f: string): string => directives(byName(configs, f).text);
  return {
    haproxy: d('haproxy.cfg'), nginx: d('nginx.conf'), envoy: d('envoy.yaml'), traefik: d('traefik.yaml'),
    ingress: d('ingress-nginx.yaml'), aws: d('main.tf'), notes: (f) => byName(configs, f).notes.join('\n'),
  };
}

export function expectModeShape(mode: Mode, o: RunOptions, configs: readonly RealConfig[], siteBundle: string): void {
  const t = texts(configs);
  if (mode === 'passthrough') {
    for (const s of ['mode tcp', 'req.ssl_sni', 'tcp-request inspect-delay', 'req.ssl_hello_type 1']) expect(t.haproxy).toContain(s);
    expect(t.haproxy).not.toMatch(/\bssl\b|\bcrt\b|mode http/);
    expect(byName(configs, 'haproxy.cfg').text).not.toContain(siteBundle);
    expect(t.nginx).toMatch(/stream \{[\s\S]*map \$ssl_preread_server_name[\s\S]*ssl_preread on;/);
    expect(t.nginx).not.toMatch(/ssl_certificate|^http \{/m);
    expect(t.envoy).toMatch(/tls_inspector[\s\S]*server_names:[\s\S]*tcp_proxy/);
    expect(t.envoy).not.toMatch(/DownstreamTlsContext|private_key/);
    expect(t.traefik).toMatch(/kind: IngressRouteTCP[\s\S]*HostSNI\(`shop\.example\.com`\)[\s\S]*passthrough: true/);
    expect(t.ingress).toContain('nginx.ingress.kubernetes.io/ssl-passthrough: "true"');
    expect(byName(configs, 'ingress-nginx.yaml').text).toContain('--enable-ssl-passthrough');
    expect(t.aws).toMatch(/load_balancer_type = "network"/);
    expect(t.aws).toMatch(/protocol\s+= "TCP"/);
    expect(t.aws).not.toMatch(/certificate_arn|aws_wafv2/);
    return;
  }
  expect(t.haproxy).toContain('mode http');
  expect(t.haproxy).toContain(`ssl crt ${siteBundle}`);
  expect(t.nginx).toMatch(/listen [\d.]+:\d+ ssl;[\s\S]*ssl_certificate_key/);
  expect(t.envoy).toMatch(/DownstreamTlsContext[\s\S]*private_key[\s\S]*use_remote_address: true/);
  expect(t.traefik).toMatch(/kind: IngressRoute\n[\s\S]*secretName:/);
  expect(t.aws).toMatch(/load_balancer_type\s+= "application"/);
  expect(t.aws).toMatch(/protocol\s+= "HTTPS"\n\s+ssl_policy/);
  if (mode === 'offload') {
    expect(t.haproxy).toMatch(/server backend-1 10\.0\.1\.11:80 check/);
    expect(t.haproxy).not.toMatch(/server .*\b(ssl|verify)\b/);
    expect(t.nginx).toContain('proxy_pass http://');
    expect(t.nginx).not.toContain('proxy_ssl');
    expect(t.envoy).not.toContain('UpstreamTlsContext');
    expect(t.traefik).not.toContain('ServersTransport');
    expect(t.ingress).not.toContain('backend-protocol');
    expect(t.aws).toMatch(/port\s+= 80\n\s+protocol\s+= "HTTP"/);
    return;
  }
  expect(t.haproxy).toMatch(/server backend-1 10\.0\.1\.11:443 check ssl/);
  expect(t.nginx).toContain('proxy_pass https://');
  expect(t.nginx).toContain('proxy_ssl_server_name on;');
  expect(t.envoy).toContain('UpstreamTlsContext');
  expect(t.envoy).toContain('sni: backend-1.internal');
  expect(t.traefik).toContain('kind: ServersTransport');
  expect(t.ingress).toContain('backend-protocol: "HTTPS"');
  expect(t.aws).toMatch(/port\s+= 443\n\s+protocol\s+= "HTTPS"/);
  if (o.verifyBackendCertificate) {
    expect(t.haproxy).toMatch(/ssl verify required ca-file \S+ sni str\(backend-1\.internal\)/);
    expect(t.nginx).toMatch(/proxy_ssl_verify on;[\s\S]*proxy_ssl_trusted_certificate /);
    expect(t.envoy).toMatch(/trusted_ca: \{ filename: \S+ \}\s+match_typed_subject_alt_names/);
    expect(t.traefik).toContain('rootCAs:');
    expect(t.ingress).toContain('proxy-ssl-verify: "on"');
    expect(t.notes('main.tf')).toMatch(/does NOT verify/);
  } else {
    expect(t.haproxy).toContain('ssl verify none');
    expect(t.nginx).toContain('proxy_ssl_verify off;');
    expect(t.envoy).not.toContain('match_typed_subject_alt_names');
    expect(t.traefik).toContain('insecureSkipVerify: true');
    for (const f of ['haproxy.cfg', 'nginx.conf', 'envoy.yaml', 'traefik.yaml']) expect(t.notes(f)).toMatch(/WARNING/);
  }
}

export function expectOptionShape(mode: Mode, o: RunOptions, configs: readonly RealConfig[]): void {
  const t = texts(configs);
  const l7 = mode !== 'passthrough';
  const balance = { 'round-robin': 'roundrobin', 'least-connections': 'leastconn', 'source-ip-hash': 'source' } as const;
  const sticky = !l7 && o.stickyCookie ? 'source-ip-hash' : o.algorithm;
  expect(t.haproxy).toContain(`balance ${balance[sticky]}`);
  expect(t.envoy).toContain(`lb_policy: ${{ 'round-robin': 'ROUND_ROBIN', 'least-connections': 'LEAST_REQUEST', 'source-ip-hash': 'RING_HASH' }[sticky]}`);
  if (sticky === 'least-connections') expect(t.nginx).toContain('least_conn;');
  if (sticky === 'source-ip-hash') expect(t.nginx).toContain('hash $remote_addr consistent;');
  if (o.stickyCookie && !l7) {
    expect(t.haproxy).not.toContain('cookie SERVERID');
    expect(t.notes('haproxy.cfg')).toMatch(/impossible/);
  }
  if (o.stickyCookie && l7) {
    expect(t.haproxy).toMatch(/cookie SERVERID insert indirect nocache[\s\S]*server backend-1 \S+ check.* cookie backend-1/);
    expect(t.notes('nginx.conf')).toMatch(/NGINX Plus/);
    expect(t.envoy).toContain('stateful_session');
    expect(t.traefik).toContain('sticky: { cookie: { name: SERVERID');
    expect(t.ingress).toContain('affinity: "cookie"');
    expect(t.aws).toMatch(/type\s+= "lb_cookie"/);
  }
  const pp = l7 ? 'off' : o.proxyProtocol;
  expect(/send-proxy-v2/.test(t.haproxy)).toBe(pp === 'v2');
  expect(/send-proxy$/m.test(t.haproxy)).toBe(pp === 'v1');
  expect(/^\s*proxy_protocol on;/m.test(t.nginx)).toBe(pp === 'v1');
  expect(t.envoy.includes('upstream_proxy_protocol')).toBe(pp !== 'off');
  expect(/proxy_protocol_v2\s+= true/.test(t.aws)).toBe(pp === 'v2');
  if (pp === 'v2') expect(t.notes('nginx.conf')).toMatch(/v1 only/);
  if (o.clientCertificate) {
    if (l7) {
      expect(t.haproxy).toMatch(/ssl crt \S+ ca-file \S+ verify required/);
      expect(t.haproxy).toContain('set-header X-SSL-Client-Cert-Subject CN=%[ssl_c_s_dn(cn)]');
      expect(t.nginx).toContain('ssl_verify_client on;');
      expect(t.envoy).toContain('require_client_certificate: true');
      expect(t.aws).toContain('mutual_authentication {');
    } else {
      expect(t.haproxy).not.toContain('ca-file');
      expect(t.notes('haproxy.cfg')).toMatch(/backend must request and verify/);
    }
  }
  if (o.poolRouting) {
    if (l7) expect(t.haproxy).toMatch(/path_beg \/api\/[\s\S]*use_backend be_api if host_api \|\| path_api/);
    else {
      expect(t.haproxy).toContain('use_backend be_api if { req.ssl_sni -i api.example.com }');
      expect(t.haproxy).not.toContain('path_beg');
      expect(t.notes('main.tf')).toMatch(/cannot route by SNI/);
    }
  }
  expect(t.haproxy.includes('filter spoe')).toBe(l7 && o.waf);
  expect(configs.some((c) => c.filename === 'coraza-spoe.cfg')).toBe(l7 && o.waf);
  expect(t.aws.includes('aws_wafv2_web_acl_association')).toBe(l7 && (o.waf || o.loginRateLimit > 0));
  if (o.waf && !l7) expect(t.notes('haproxy.cfg')).toMatch(/WAF/);
  expect(t.haproxy.includes('cache-use')).toBe(l7 && o.cache);
  expect(t.nginx.includes('proxy_cache shop_cache')).toBe(l7 && o.cache);
  expect(t.haproxy.includes('compression algo gzip')).toBe(l7 && o.compression);
  expect(t.nginx.includes('gzip on;')).toBe(l7 && o.compression);
  expect(t.haproxy.includes('deny_status 429')).toBe(l7 && o.loginRateLimit > 0);
  expect(t.haproxy.includes('sc_conn_rate')).toBe(!l7 && o.loginRateLimit > 0);
  expect(t.nginx.includes('limit_req zone=login')).toBe(l7 && o.loginRateLimit > 0);
  if (l7) {
    expect(t.haproxy.includes('option forwardfor')).toBe(o.forwardedForAppend);
    expect(t.nginx.includes('$proxy_add_x_forwarded_for')).toBe(o.forwardedForAppend);
    expect(t.haproxy.includes('del-header X-Forwarded-Proto')).toBe(!o.forwardedProto);
  } else {
    expect(t.haproxy).not.toMatch(/forwardfor|http-request/);
  }
}

/**
 * The TLS versions each product accepts, from the run's protocol: TLS 1.3 runs export TLS 1.3 only, TLS 1.2 runs
 * TLS 1.2 and 1.3, and the lab's TLS 1.1 keeps a TLS 1.2 floor with a comment on why (OpenSSL 3 refuses 1.1).
 * A passthrough LB has no such setting: the backends choose.
 */
export function expectTlsVersions(mode: Mode, o: RunOptions, configs: readonly RealConfig[]): void {
  const t = texts(configs);
  const full = (f: string): string => byName(configs, f).text;
  const onlyThirteen = o.protocol === 'tls1.3';
  const min = onlyThirteen ? '1.3' : '1.2';
  const nginxList = onlyThirteen ? 'TLSv1.3' : 'TLSv1.2 TLSv1.3';
  for (const f of ['haproxy.cfg', 'nginx.conf', 'envoy.yaml', 'traefik.yaml', 'ingress-nginx.yaml', 'main.tf']) {
    expect(t.notes(f), f).toMatch(mode === 'passthrough' ? /no TLS version setting; the backends choose/ : new RegExp(`accepts ${onlyThirteen ? 'TLS 1\\.3,' : 'TLS 1\\.2 and TLS 1\\.3'}`));
    if (o.protocol === 'tls1.1') expect(t.notes(f), f).toMatch(/OpenSSL 3 refuses/);
  }
  if (mode === 'passthrough') {
    expect(t.haproxy).not.toMatch(/ssl-min-ver|ssl-max-ver/);
    expect(t.nginx).not.toMatch(/ssl_protocols/);
    expect(t.envoy).not.toContain('tls_params');
    expect(t.traefik).not.toContain('kind: TLSOption');
    expect(t.ingress).not.toContain('ssl-protocols');
    expect(t.aws).not.toContain('ssl_policy');
    return;
  }
  expect(t.haproxy).toContain(`ssl-default-bind-options ssl-min-ver TLSv${min} ssl-max-ver TLSv1.3`);
  expect(t.nginx).toContain(`ssl_protocols ${nginxList};`);
  expect(t.envoy).toMatch(new RegExp(`common_tls_context:\\s+tls_params: \\{ tls_minimum_protocol_version: TLSv${min.replace('.', '_')}, tls_maximum_protocol_version: TLSv1_3 \\}\\s+tls_certificates:`));
  expect(t.traefik).toMatch(new RegExp(`kind: TLSOption\\s+metadata:\\s+name: shop-tls[\\s\\S]*minVersion: VersionTLS${min.replace('.', '')}\\s+maxVersion: VersionTLS13`));
  expect(t.traefik).toContain('options: { name: shop-tls }');
  expect(t.ingress).toContain(`ssl-protocols: "${nginxList}"`);
  expect(t.aws).toMatch(new RegExp(`ssl_policy\\s+= "ELBSecurityPolicy-TLS13-1-${onlyThirteen ? '3' : '2'}-2021-06"`));
  // The TLS 1.1 museum piece: said in a comment beside the setting, in each product's own words.
  const museum = /this configuration refuses on purpose\. RFC 8996 deprecated TLS 1\.0/;
  for (const f of ['haproxy.cfg', 'nginx.conf', 'envoy.yaml', 'traefik.yaml', 'ingress-nginx.yaml', 'main.tf']) {
    expect(museum.test(full(f)), f).toBe(o.protocol === 'tls1.1');
  }
  if (mode === 'offload') {
    expect(t.haproxy).not.toContain('ssl-default-server-options');
    expect(t.nginx).not.toContain('proxy_ssl_protocols');
    expect(t.ingress).not.toContain('proxy-ssl-protocols');
    return;
  }
  // Bridging: the same versions on the second leg (Envoy's upstream default would stop at TLS 1.2).
  expect(t.haproxy).toContain(`ssl-default-server-options ssl-min-ver TLSv${min} ssl-max-ver TLSv1.3`);
  expect(t.nginx).toContain(`proxy_ssl_protocols ${nginxList};`);
  expect(t.ingress).toContain(`proxy-ssl-protocols: "${nginxList}"`);
  const upstream = t.envoy.slice(t.envoy.indexOf('transport_socket_matches'));
  const perBackend = upstream.match(/UpstreamTlsContext[\s\S]*?tls_params: \{ tls_minimum_protocol_version: (TLSv1_\d), tls_maximum_protocol_version: TLSv1_3 \}/g) ?? [];
  expect(perBackend.length).toBe(upstream.split('UpstreamTlsContext').length - 1);
  expect(perBackend.length).toBeGreaterThan(0);
  for (const m of perBackend) expect(m).toContain(`tls_minimum_protocol_version: TLSv${min.replace('.', '_')}`);
}
