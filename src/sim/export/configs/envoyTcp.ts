/**
 * Envoy in passthrough: a `tls_inspector` listener filter reads the SNI, `filter_chain_match.server_names` picks
 * a filter chain, and `tcp_proxy` relays the connection. No DownstreamTlsContext, so no certificate or key.
 */
import { clusterName } from './envoyClusters';
import type { ConfigPlan, Pool } from './plan';
import { ln } from './plan';

export function envoyTcpListeners(plan: ConfigPlan): string[] {
  const { params } = plan;
  const out = [
    '  listeners:',
    '  - name: https_passthrough',
    '    address:',
    ln(`      socket_address: { address: ${params.listenAddress}, port_value: ${params.httpsPort} }`, 'the VIP'),
    '    listener_filters:',
    ln('    - name: envoy.filters.listener.tls_inspector', 'reads SNI (and ALPN) from the cleartext ClientHello; decrypts nothing'),
    '      typed_config:',
    '        "@type": type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
    ln('    filter_chains:', 'one chain per SNI; a name matching no chain is refused'),
  ];
  if (plan.apiPool) out.push(...chain(plan, [plan.apiHostname], plan.apiPool, 'SNI routing: only the name is visible, /api/* paths are encrypted'));
  const names = plan.apiPool ? [plan.siteHostname] : [plan.siteHostname, plan.apiHostname];
  out.push(...chain(plan, names, plan.defaultPool, 'SNI routing on the name the client sent'));
  out.push(
    '  - name: http_passthrough',
    '    address:',
    ln(`      socket_address: { address: ${params.listenAddress}, port_value: ${params.httpPort} }`, 'cleartext HTTP, relayed as bytes too: the backends redirect'),
    '    filter_chains:',
    '    - filters:',
    ...tcpProxy(plan, plan.defaultPool, '_http'),
  );
  return out;
}

function chain(plan: ConfigPlan, names: readonly string[], pool: Pool, why: string): string[] {
  const out = [
    '    - filter_chain_match:',
    ln(`        server_names: [${names.join(', ')}]`, why),
    '      filters:',
  ];
  if (plan.loginLimit > 0) {
    out.push(
      ln('      - name: envoy.filters.network.local_ratelimit', 'new connections, not logins: one bucket shared by ALL clients'),
      '        typed_config:',
      '          "@type": type.googleapis.com/envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit',
      `          stat_prefix: ${pool.name}_connection_rate`,
      ln(`          token_bucket: { max_tokens: ${plan.loginLimit}, tokens_per_fill: ${plan.loginLimit}, fill_interval: ${plan.rateWindowSeconds}s }`, `${plan.loginLimit} connections per ${plan.rateWindowSeconds} s`),
    );
  }
  out.push(...tcpProxy(plan, pool, ''));
  return out;
}

function tcpProxy(plan: ConfigPlan, pool: Pool, suffix: string): string[] {
  const out = [
    ln('      - name: envoy.filters.network.tcp_proxy', 'relay the connection byte for byte'),
    '        typed_config:',
    '          "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
    `          stat_prefix: ${clusterName(pool, suffix)}`,
    `          cluster: ${clusterName(pool, suffix)}`,
  ];
  if (plan.algorithm === 'source-ip-hash') out.push(ln('          hash_policy: [{ source_ip: {} }]', 'the ring hash key: the client address'));
  return out;
}
