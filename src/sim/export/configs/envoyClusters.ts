/**
 * Envoy clusters: one per pool. In passthrough a cluster may wrap its connections in a PROXY protocol header;
 * in bridging each endpoint gets its own UpstreamTlsContext (SNI and the name checked are per backend) through
 * `transport_socket_matches`, which is how Envoy does per-server TLS settings inside one balanced cluster.
 */
import type { ConfigPlan, Pool } from './plan';
import { ln } from './plan';
import type { BackendTarget } from './types';

export const clusterName = (pool: Pool, suffix = ''): string => `${pool.name}_pool${suffix}`;

const LB_POLICY = { 'round-robin': 'ROUND_ROBIN', 'least-connections': 'LEAST_REQUEST', 'source-ip-hash': 'RING_HASH' } as const;
const LB_HELP = {
  'round-robin': 'each new connection or request to the next endpoint in turn',
  'least-connections': 'the endpoint with fewer active requests (power of two choices)',
  'source-ip-hash': 'consistent hashing on the hash_policy (the client address)',
} as const;

export function envoyClusters(plan: ConfigPlan): string[] {
  const out = ['  clusters:'];
  for (const pool of plan.pools) out.push(...cluster(plan, pool, clusterName(pool), plan.upstreamPort, true));
  if (!plan.layer7) out.push(...cluster(plan, plan.defaultPool, clusterName(plan.defaultPool, '_http'), (b) => b.httpPort, false));
  return out;
}

function cluster(plan: ConfigPlan, pool: Pool, name: string, port: (b: BackendTarget) => number, main: boolean): string[] {
  const out = [
    `  - name: ${name}`,
    ln('    type: STATIC', 'fixed addresses (no DNS)'),
    ln('    connect_timeout: 5s', 'time allowed to connect to a backend'),
    ln(`    lb_policy: ${LB_POLICY[plan.algorithm]}`, LB_HELP[plan.algorithm]),
  ];
  if (main && plan.upstreamTls) out.push(...tlsMatches(plan, pool));
  if (main && plan.proxyProtocol !== 'off') out.push(...proxyProtocolSocket(plan));
  out.push('    load_assignment:', `      cluster_name: ${name}`, '      endpoints:', '      - lb_endpoints:');
  for (const b of pool.backends) {
    out.push(
      '        - endpoint:',
      '            address:',
      `              socket_address: { address: ${b.address}, port_value: ${port(b)} }`,
    );
    if (main && plan.upstreamTls) {
      out.push(
        ln('          metadata:', 'selects this backend\'s entry in transport_socket_matches'),
        '            filter_metadata:',
        `              envoy.transport_socket_match: { backend: ${b.id} }`,
      );
    }
  }
  return out;
}

function proxyProtocolSocket(plan: ConfigPlan): string[] {
  const version = plan.proxyProtocol === 'v1' ? 'V1' : 'V2';
  return [
    ln('    transport_socket:', `prepend a PROXY ${version} header with the client's address to each connection`),
    '      name: envoy.transport_sockets.upstream_proxy_protocol',
    '      typed_config:',
    '        "@type": type.googleapis.com/envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport',
    ln(`        config: { version: ${version} }`, 'the backends must expect exactly this version'),
    '        transport_socket:',
    ln('          name: envoy.transport_sockets.raw_buffer', 'then the client\'s bytes, untouched (still encrypted)'),
    '          typed_config:',
    '            "@type": type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer',
  ];
}

function tlsMatches(plan: ConfigPlan, pool: Pool): string[] {
  const verify = plan.options.verifyBackendCertificate;
  const out = [ln('    transport_socket_matches:', 'a second TLS session to each backend, with its own SNI')];
  for (const b of pool.backends) {
    out.push(
      `    - name: ${b.id}`,
      `      match: { backend: ${b.id} }`,
      '      transport_socket:',
      '        name: envoy.transport_sockets.tls',
      '        typed_config:',
      '          "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      ln(`          sni: ${b.hostname}`, 'the backend\'s own name'),
      '          common_tls_context:',
      // Envoy's upstream default is TLS 1.2 at most: without this line a TLS 1.3-only backend is unreachable.
      ln(`            tls_params: ${envoyTlsParams(plan)}`, 'the versions offered to the backend (the client-side default stops at TLS 1.2)'),
    );
    if (verify) {
      out.push(
        '            validation_context:',
        ln(`              trusted_ca: { filename: ${plan.params.envoy.internalCa} }`, 'the certificate must chain to the internal CA...'),
        ln('              match_typed_subject_alt_names:', '...and name this backend'),
        `              - san_type: DNS`,
        `                matcher: { exact: ${b.hostname} }`,
      );
    } else {
      out.push('            # no validation_context: Envoy then accepts ANY certificate (encrypted, not authenticated)');
    }
  }
  return out;
}

/** Envoy's TlsParameters (common.proto) as a flow mapping: `{ tls_minimum_protocol_version: TLSv1_2, ... }`. */
export function envoyTlsParams(plan: ConfigPlan): string {
  const v = (version: string): string => `TLSv${version.replace('.', '_')}`;
  return `{ tls_minimum_protocol_version: ${v(plan.tls.min)}, tls_maximum_protocol_version: ${v(plan.tls.max)} }`;
}
