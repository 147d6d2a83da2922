/**
 * nginx in passthrough: the stream module. `ssl_preread` parses the ClientHello nginx has buffered, a map turns
 * its SNI into an upstream, and the connection is relayed as bytes; no certificate or key appears anywhere.
 */
import type { ConfigPlan } from './plan';
import { ln } from './plan';
import { nginxBalance, nginxUpstreams, upstreamName } from './nginxShared';

export function nginxStreamBlock(plan: ConfigPlan): string[] {
  const { params, options } = plan;
  const web = upstreamName(plan.defaultPool);
  const api = plan.apiPool ? upstreamName(plan.apiPool) : web;
  const out = [
    ln('stream {', 'layer 4: TCP relaying, no HTTP'),
    ln('    map $ssl_preread_server_name $sni_pool {', 'SNI routing: the name from the cleartext ClientHello picks the pool'),
    ln(`        ${plan.siteHostname} ${web};`, 'the shop'),
    ln(`        ${plan.apiHostname} ${api};`, plan.apiPool ? 'the API pool (only the name is visible; /api/* paths are encrypted)' : 'same certificate, same pool'),
    ln(`        "" ${web};`, 'a ClientHello without SNI'),
    ln('        default unknown_sni;', 'a site not hosted here'),
    '    }',
    '',
    ...nginxUpstreams(plan, (b) => b.httpsPort),
    ln('    upstream unknown_sni {', 'no live server: nginx closes the connection'),
    ln('        server 127.0.0.1:9 down;', 'marked down, never contacted'),
    '    }',
    ln(`    upstream ${upstreamName(plan.defaultPool, '_http')} {`, 'port 80, relayed as bytes as well'),
    nginxBalance(plan),
    ...plan.defaultPool.backends.map((b) => `        server ${b.address}:${b.httpPort};`),
    '    }',
    '',
  ];
  if (plan.loginLimit > 0) {
    out.push(ln('    limit_conn_zone $binary_remote_addr zone=per_client:10m;', 'concurrent connections per client address (stream has no rate limit)'), '');
  }
  out.push(
    '    server {',
    ln(`        listen ${params.listenAddress}:${params.httpsPort};`, 'no "ssl": nginx does not terminate TLS and holds no key'),
    ln('        ssl_preread on;', 'parse the ClientHello (waits for all of it) without decrypting'),
    '        # no ssl_protocols: nginx is not a TLS endpoint here, the backends pick the version',
    ln('        proxy_pass $sni_pool;', 'relay the whole connection, byte for byte, to the chosen pool'),
  );
  if (options.proxyProtocol === 'v1') {
    out.push(ln('        proxy_protocol on;', 'send "PROXY TCP4 <client> ..." first; backends must expect it (listen ... proxy_protocol)'));
  } else if (options.proxyProtocol === 'v2') {
    out.push(ln('        # proxy_protocol on;', 'would send PROXY v1 only: nginx cannot send v2 (see notes)'));
  } else {
    out.push('        # without proxy_protocol the backends see nginx\'s address as the client');
  }
  out.push(
    ln('        proxy_connect_timeout 5s;', 'time allowed to connect to a backend'),
    ln('        proxy_timeout 30s;', 'idle time allowed on either side'),
  );
  if (plan.loginLimit > 0) {
    out.push(ln(`        limit_conn per_client ${plan.loginLimit};`, `at most ${plan.loginLimit} open connections per address: connections, not logins`));
  }
  out.push(
    '    }',
    '',
    '    server {',
    ln(`        listen ${params.listenAddress}:${params.httpPort};`, 'cleartext HTTP: cannot be read here, so it cannot be redirected'),
    ln(`        proxy_pass ${upstreamName(plan.defaultPool, '_http')};`, 'the backends answer with their own redirect'),
    '    }',
    '}',
  );
  return out;
}
