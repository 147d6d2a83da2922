/**
 * Envoy in offloading and bridging: a DownstreamTlsContext terminates TLS and an http_connection_manager with
 * `use_remote_address: true` reads each request; routes pick the cluster by Host and path, and HTTP filters do
 * the rate rule, cookie stickiness, caching and compression the simulator's LB does.
 */
import { clusterName, envoyTlsParams } from './envoyClusters';
import type { ConfigPlan, Pool } from './plan';
import { ln } from './plan';
import { museumComment } from './tlsVersions';

const TYPE = 'type.googleapis.com/envoy.extensions';
const ROUTER = ['          - name: envoy.filters.http.router', '            typed_config:', `              "@type": ${TYPE}.filters.http.router.v3.Router`];

export function envoyHttpListeners(plan: ConfigPlan): string[] {
  const { params, options } = plan;
  const files = params.envoy;
  const out = [
    '  listeners:',
    '  - name: https',
    '    address:',
    ln(`      socket_address: { address: ${params.listenAddress}, port_value: ${params.httpsPort} }`, 'the VIP'),
    '    filter_chains:',
    '    - transport_socket:',
    ln('        name: envoy.transport_sockets.tls', 'terminate the client\'s TLS here'),
    '        typed_config:',
    `          "@type": ${TYPE}.transport_sockets.tls.v3.DownstreamTlsContext`,
  ];
  if (options.clientCertificate) out.push(ln('          require_client_certificate: true', 'no valid client certificate, no connection'));
  out.push(
    '          common_tls_context:',
    ...museumComment(plan.tls, '`tls_minimum_protocol_version: TLSv1_1` plus `cipher_suites: [AES128-SHA]`').map((l) => `            # ${l}`),
    ln(`            tls_params: ${envoyTlsParams(plan)}`, plan.tls.why),
    '            tls_certificates:',
    ln(`            - certificate_chain: { filename: ${files.siteCertificate} }`, 'the site\'s certificate chain'),
    ln(`              private_key: { filename: ${files.siteKey} }`, 'the site\'s PRIVATE KEY lives on Envoy'),
  );
  if (options.clientCertificate) {
    out.push('            validation_context:', ln(`              trusted_ca: { filename: ${files.clientCa} }`, 'CA that signs client certificates'));
  }
  out.push(
    '      filters:',
    '      - name: envoy.filters.network.http_connection_manager',
    '        typed_config:',
    `          "@type": ${TYPE}.filters.network.http_connection_manager.v3.HttpConnectionManager`,
    '          stat_prefix: https',
    ln('          use_remote_address: true', 'Envoy is the edge: append the TCP peer (the client) to X-Forwarded-For'),
  );
  if (options.clientCertificate) {
    out.push(
      ln('          forward_client_cert_details: SANITIZE_SET', 'drop a client-sent x-forwarded-client-cert, set Envoy\'s own'),
      ln('          set_current_client_cert_details: { subject: true }', 'x-forwarded-client-cert: ...;Subject="CN=alice,..."'),
    );
  }
  out.push(...routeConfig(plan), '          http_filters:', ...httpFilters(plan), ...ROUTER);
  out.push(
    '  - name: http',
    '    address:',
    ln(`      socket_address: { address: ${params.listenAddress}, port_value: ${params.httpPort} }`, 'cleartext HTTP on port 80'),
    '    filter_chains:',
    '    - filters:',
    '      - name: envoy.filters.network.http_connection_manager',
    '        typed_config:',
    `          "@type": ${TYPE}.filters.network.http_connection_manager.v3.HttpConnectionManager`,
    '          stat_prefix: http',
    '          route_config:',
    '            virtual_hosts:',
    '            - name: redirect',
    '              domains: ["*"]',
    '              routes:',
    '              - match: { prefix: / }',
    ln('                redirect: { https_redirect: true }', 'Envoy reads the request and answers 301 to https:// itself'),
    '          http_filters:',
    ...ROUTER,
  );
  return out;
}

function routeConfig(plan: ConfigPlan): string[] {
  const { options } = plan;
  const out = ['          route_config:', '            name: shop'];
  if (!options.forwardedForAppend) {
    out.push(
      ln('            request_headers_to_add:', 'overwrite X-Forwarded-For with the real client address'),
      '            - header: { key: x-forwarded-for, value: "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%" }',
      '              append_action: OVERWRITE_IF_EXISTS_OR_ADD',
    );
  }
  if (!options.forwardedProto) out.push(ln('            request_headers_to_remove: [x-forwarded-proto]', 'Envoy sets it by default; removed here as the lab asks'));
  out.push('            virtual_hosts:');
  if (plan.apiPool) {
    out.push(
      ln('            - name: api', 'routing by Host: possible because Envoy decrypted the request'),
      `              domains: ["${plan.apiHostname}", "${plan.apiHostname}:*"]`,
      '              routes:',
      ...route(plan, '{ prefix: / }', plan.apiPool),
    );
  }
  const domains = plan.apiPool ? [plan.siteHostname] : [plan.siteHostname, plan.apiHostname];
  out.push('            - name: shop', `              domains: [${domains.flatMap((d) => [`"${d}"`, `"${d}:*"`]).join(', ')}]`, '              routes:');
  if (plan.loginLimit > 0) {
    out.push(
      ln('              - match: { path: /login, headers: [{ name: ":method", string_match: { exact: POST } }] }', 'login attempts'),
      ...route(plan, null, plan.defaultPool),
      '                typed_per_filter_config:',
      '                  envoy.filters.http.local_ratelimit:',
      `                    "@type": ${TYPE}.filters.http.local_ratelimit.v3.LocalRateLimit`,
      '                    stat_prefix: login_rate',
      ln(`                    token_bucket: { max_tokens: ${plan.loginLimit}, tokens_per_fill: ${plan.loginLimit}, fill_interval: ${plan.rateWindowSeconds}s }`, 'one bucket for ALL clients (see notes); 429 when empty'),
      '                    filter_enabled: { default_value: { numerator: 100, denominator: HUNDRED } }',
      '                    filter_enforced: { default_value: { numerator: 100, denominator: HUNDRED } }',
    );
  }
  if (plan.apiPool) {
    out.push(...route(plan, '{ path: /api }', plan.apiPool, 'routing by path: the API pool'), ...route(plan, '{ prefix: /api/ }', plan.apiPool));
  }
  out.push(...route(plan, '{ prefix: / }', plan.defaultPool));
  return out;
}

/** One route entry; `match` null continues an entry whose match line was already written. */
function route(plan: ConfigPlan, match: string | null, pool: Pool, why?: string): string[] {
  const out = match === null ? [] : [ln(`              - match: ${match}`, why)];
  if (plan.algorithm === 'source-ip-hash') {
    out.push(
      `                route: { cluster: ${clusterName(pool)}, hash_policy: [{ connection_properties: { source_ip: true } }] }`,
    );
  } else {
    out.push(`                route: { cluster: ${clusterName(pool)} }`);
  }
  return out;
}

function httpFilters(plan: ConfigPlan): string[] {
  const { options } = plan;
  const out: string[] = [];
  if (options.waf) {
    out.push(ln('          # - name: envoy.filters.http.wasm', 'WAF: coraza-proxy-wasm with the OWASP CRS (see notes)'));
  }
  if (plan.loginLimit > 0) {
    out.push(
      ln('          - name: envoy.filters.http.local_ratelimit', 'enabled per route (the /login route above)'),
      '            typed_config:',
      `              "@type": ${TYPE}.filters.http.local_ratelimit.v3.LocalRateLimit`,
      '              stat_prefix: login_rate',
    );
  }
  if (plan.cookieSticky) {
    out.push(
      ln('          - name: envoy.filters.http.stateful_session', 'stickiness: a cookie names the backend that served the first request'),
      '            typed_config:',
      `              "@type": ${TYPE}.filters.http.stateful_session.v3.StatefulSession`,
      '              session_state:',
      '                name: envoy.http.stateful_session.cookie',
      '                typed_config:',
      `                  "@type": ${TYPE}.http.stateful_session.cookie.v3.CookieBasedSessionState`,
      ln(`                  cookie: { name: ${plan.cookieName}, path: /, ttl: 0s }`, 'a session cookie; its value encodes the backend address'),
    );
  }
  if (options.cache) {
    out.push(
      ln('          - name: envoy.filters.http.cache', 'answer repeated GETs from memory (Cache-Control is honoured)'),
      '            typed_config:',
      `              "@type": ${TYPE}.filters.http.cache.v3.CacheConfig`,
      '              typed_config:',
      `                "@type": ${TYPE}.http.cache.simple_http_cache.v3.SimpleHttpCacheConfig`,
    );
  }
  if (options.compression) {
    out.push(
      ln('          - name: envoy.filters.http.compressor', 'gzip responses for clients that accept it'),
      '            typed_config:',
      `              "@type": ${TYPE}.filters.http.compressor.v3.Compressor`,
      '              response_direction_config:',
      '                common_config:',
      ln('                  min_content_length: 256', 'small bodies are not worth it'),
      '                  content_type: [text/html, text/plain, text/css, application/json, application/javascript, application/xml]',
      '              compressor_library:',
      '                name: gzip',
      '                typed_config:',
      `                  "@type": ${TYPE}.compression.gzip.compressor.v3.Gzip`,
    );
  }
  return out;
}
