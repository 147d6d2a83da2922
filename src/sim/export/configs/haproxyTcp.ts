/**
 * HAProxy in passthrough: frontends and backends in `mode tcp`. HAProxy waits for the ClientHello, reads its SNI
 * without decrypting anything, and from then on copies bytes; no line here names a certificate or a key.
 */
import type { ConfigPlan } from './plan';
import { ln } from './plan';
import { backendName, balanceLine } from './haproxyShared';

const PROXY_KEYWORD = { off: '', v1: ' send-proxy', v2: ' send-proxy-v2' } as const;

export function haproxyTcpSections(plan: ConfigPlan): string[] {
  const { params } = plan;
  const out: string[] = [];
  if (plan.loginLimit > 0) {
    out.push(
      ln('backend st_conn_rate', 'a table only: new connections per client address'),
      ln(`    stick-table type ip size 100k expire ${plan.rateWindowSeconds}s store conn_rate(${plan.rateWindowSeconds}s)`, `connection rate over ${plan.rateWindowSeconds} s`),
      '',
    );
  }
  out.push(
    'frontend fe_https',
    ln(`    bind ${params.listenAddress}:${params.httpsPort}`, 'no "ssl crt": TLS is not terminated here, HAProxy holds no private key'),
  );
  if (plan.loginLimit > 0) {
    out.push(
      ln('    tcp-request connection track-sc0 src table st_conn_rate', 'count this connection against the client\'s address'),
      ln(`    tcp-request connection reject if { sc_conn_rate(0) gt ${plan.loginLimit} }`, `over ${plan.loginLimit} new connections in ${plan.rateWindowSeconds} s: close (login requests are invisible here)`),
    );
  }
  out.push(
    ln('    tcp-request inspect-delay 5s', 'hold the connection up to 5 s while the ClientHello arrives;'),
    '    # rules that need the ClientHello wait for it whole, even across TCP segments. Order matters: "accept" ends the list',
    ln(`    tcp-request content reject if { req.ssl_sni -m found } !{ req.ssl_sni -i ${plan.siteHostname} ${plan.apiHostname} }`, 'an SNI for a site not hosted here: close the connection'),
    ln('    tcp-request content accept if { req.ssl_hello_type 1 }', 'a complete ClientHello: go on and route it'),
    ln('    tcp-request content reject', 'anything else (cleartext HTTP, garbage) is not TLS: close it'),
  );
  if (plan.apiPool) {
    out.push(ln(`    use_backend ${backendName(plan.apiPool)} if { req.ssl_sni -i ${plan.apiHostname} }`, 'SNI routing: the name is read from the cleartext ClientHello; /api/* paths are encrypted and cannot be routed'));
  }
  out.push(ln(`    default_backend ${backendName(plan.defaultPool)}`, `${plan.siteHostname} (or a ClientHello without SNI)`), '');

  out.push(
    'frontend fe_http',
    ln(`    bind ${params.listenAddress}:${params.httpPort}`, 'cleartext HTTP on port 80'),
    ln(`    default_backend ${backendName(plan.defaultPool, '_http')}`, 'a layer-4 LB cannot read the request to redirect it: the backends must'),
  );

  for (const pool of plan.pools) {
    out.push('', `backend ${backendName(pool)}`, balanceLine(plan));
    out.push(`    # check: TCP health check${serverHelp(plan)}`);
    for (const b of pool.backends) out.push(`    server ${b.id} ${b.address}:${b.httpsPort} check${PROXY_KEYWORD[plan.proxyProtocol]}`);
  }
  const http = plan.defaultPool;
  out.push('', `backend ${backendName(http, '_http')}`, balanceLine(plan), '    # port 80 is relayed as bytes too: no PROXY header, the backend answers with its own redirect');
  for (const b of http.backends) out.push(`    server ${b.id} ${b.address}:${b.httpPort} check`);
  return out;
}

function serverHelp(plan: ConfigPlan): string {
  if (plan.proxyProtocol === 'v1') return '; send-proxy: a PROXY v1 text line with the client\'s address goes first (backends must expect it: accept-proxy / proxy_protocol)';
  if (plan.proxyProtocol === 'v2') return '; send-proxy-v2: a binary PROXY v2 header with the client\'s address goes first (backends must expect it)';
  return '; without PROXY protocol the backends see HAProxy\'s address as the client';
}
