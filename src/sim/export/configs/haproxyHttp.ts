/**
 * HAProxy in offloading and bridging: `mode http` behind `bind ... ssl crt`. Because HAProxy decrypted the
 * request it can run the WAF, count logins, cache, compress, route by Host and path, insert a persistence cookie
 * and add the forwarding headers, in the same order as the simulator's LB does (WAF, rate rule, cache, backend).
 */
import type { ConfigPlan } from './plan';
import { ln } from './plan';
import { backendName, balanceLine } from './haproxyShared';

const COMPRESSIBLE = 'text/html text/plain text/css application/json application/javascript application/xml';

export function haproxyHttpSections(plan: ConfigPlan): string[] {
  const { options, params } = plan;
  const files = params.haproxy;
  const out: string[] = [];
  if (options.cache) {
    out.push(
      ln('cache shop_cache', 'a small in-memory HTTP cache'),
      ln('    total-max-size 64', 'megabytes of memory for cached responses'),
      ln('    max-age 60', 'serve nothing older than 60 s, whatever Cache-Control says'),
      '',
    );
  }
  if (plan.loginLimit > 0) {
    out.push(
      ln('backend st_login', 'a table only: login attempts per client address'),
      ln(`    stick-table type ip size 100k expire ${plan.rateWindowSeconds}s store http_req_rate(${plan.rateWindowSeconds}s)`, `request rate over ${plan.rateWindowSeconds} s`),
      '',
    );
  }
  const mtls = options.clientCertificate ? ` ca-file ${files.clientCa} verify required` : '';
  out.push(
    'frontend fe_https',
    ln(`    bind ${params.listenAddress}:${params.httpsPort} ssl crt ${files.siteBundle}${mtls}`, 'terminate TLS here: this PEM holds the site\'s certificate AND private key'),
  );
  if (options.clientCertificate) out.push('    # ca-file + verify required: HAProxy demands a client certificate signed by the client CA and checks it');
  out.push(...filters(plan));
  out.push(
    ln('    http-request del-header X-SSL-Client-Cert-Subject', 'only HAProxy may vouch for a client identity: drop forged copies'),
  );
  if (options.clientCertificate) {
    out.push(ln('    http-request set-header X-SSL-Client-Cert-Subject CN=%[ssl_c_s_dn(cn)] if { ssl_c_used }', 'tell the backend who the verified client is (CN=alice)'));
  }
  if (options.waf) {
    out.push(
      ln('    http-request set-var(txn.coraza.app) str(shop)', 'which Coraza rule set applies'),
      ln('    http-request send-spoe-group coraza coraza-req', 'hand the decrypted request to the WAF agent and wait for its verdict'),
      ln('    http-request deny deny_status 403 if { var(txn.coraza.action) -m str deny }', 'the WAF matched (SQL injection, XSS ...): answer 403 here'),
    );
  }
  if (plan.loginLimit > 0) {
    out.push(
      ln('    acl is_post method POST', 'login attempts are POSTs...'),
      ln('    acl is_login path /login', '...to /login'),
      ln('    http-request track-sc0 src table st_login if is_post is_login', 'count them per client address'),
      ln(`    http-request deny deny_status 429 if is_post is_login { sc_http_req_rate(0) gt ${plan.loginLimit} }`, `more than ${plan.loginLimit} in ${plan.rateWindowSeconds} s: 429 Too Many Requests`),
    );
  }
  if (options.cache) {
    out.push(
      ln('    http-request cache-use shop_cache', 'answer repeated GETs from the cache, no backend involved'),
      ln('    http-response cache-store shop_cache', 'store responses whose Cache-Control allows it'),
    );
  }
  out.push(options.forwardedForAppend
    ? ln('    option forwardfor', 'add X-Forwarded-For: <client address> after any the client sent')
    : ln('    http-request set-header X-Forwarded-For %[src]', 'overwrite X-Forwarded-For: a client-sent value never reaches the backend'));
  out.push(options.forwardedProto
    ? ln('    http-request set-header X-Forwarded-Proto https', 'the backend sees plain HTTP (or HAProxy\'s TLS): tell it the client used HTTPS')
    : ln('    http-request del-header X-Forwarded-Proto', 'no X-Forwarded-Proto (a backend that forces HTTPS will loop)'));
  if (options.compression) {
    out.push(
      ln('    compression algo gzip', 'gzip responses for clients that send Accept-Encoding: gzip'),
      ln(`    compression type ${COMPRESSIBLE}`, 'only text types are worth compressing'),
    );
  }
  if (plan.apiPool) {
    out.push(
      ln(`    acl host_api req.hdr(host),field(1,:) -i ${plan.apiHostname}`, 'the Host header, without a port'),
      ln('    acl path_api path /api', 'routing by path: possible only because HAProxy decrypted the request'),
      ln('    acl path_api path_beg /api/', '(two acl lines with one name mean "either")'),
      ln(`    use_backend ${backendName(plan.apiPool)} if host_api || path_api`, 'the API pool'),
    );
  }
  out.push(ln(`    default_backend ${backendName(plan.defaultPool)}`, 'everything else'), '');
  out.push(
    'frontend fe_http',
    ln(`    bind ${params.listenAddress}:${params.httpPort}`, 'cleartext HTTP on port 80'),
    ln('    http-request redirect scheme https code 301', 'HAProxy reads the request and answers the redirect itself'),
  );
  for (const pool of plan.pools) out.push('', ...backendSection(plan, pool));
  if (options.waf) {
    out.push(
      '',
      ln('backend coraza-spoa', 'where the Coraza SPOA agent listens'),
      ln('    mode tcp', 'SPOP is a binary protocol over TCP'),
      ln('    server coraza 127.0.0.1:9000', 'coraza-spoa on the same host'),
    );
  }
  return out;
}

/**
 * With a SPOE filter, HAProxy requires every filter to be declared explicitly (the cache and compression
 * filters are otherwise implicit), and in a defined order: the cache before compression.
 */
function filters(plan: ConfigPlan): string[] {
  const { options } = plan;
  if (!options.waf) return [];
  const out = [
    ln('    option http-buffer-request', 'wait for the whole request body, so the WAF sees POSTed forms'),
    ln(`    filter spoe engine coraza config ${plan.params.haproxy.corazaSpoe}`, 'the WAF: a Coraza agent inspects each decrypted request'),
  ];
  if (options.cache) out.push(ln('    filter cache shop_cache', 'declared explicitly because another filter is present'));
  if (options.compression) out.push(ln('    filter compression', 'declared explicitly because another filter is present'));
  return out;
}

function backendSection(plan: ConfigPlan, pool: ConfigPlan['pools'][number]): string[] {
  const { options } = plan;
  const out = [`backend ${backendName(pool)}`, balanceLine(plan)];
  if (plan.cookieSticky) {
    out.push(
      ln(`    cookie ${plan.cookieName} insert indirect nocache httponly`, 'stickiness: set SERVERID=<server> on the first response;'),
      '    # indirect: strip the cookie before the backend sees it; nocache: mark that response uncacheable',
    );
  }
  out.push(`    # ${serverHelp(plan)}`);
  for (const b of pool.backends) {
    const tls = !plan.upstreamTls
      ? ''
      : options.verifyBackendCertificate
        ? ` ssl verify required ca-file ${plan.params.haproxy.internalCa} sni str(${b.hostname}) check-sni ${b.hostname}`
        : ` ssl verify none sni str(${b.hostname})`;
    const cookie = plan.cookieSticky ? ` cookie ${b.id}` : '';
    out.push(`    server ${b.id} ${b.address}:${plan.upstreamPort(b)} check${tls}${cookie}`);
  }
  return out;
}

function serverHelp(plan: ConfigPlan): string {
  const cookie = plan.cookieSticky ? '; cookie: the value SERVERID takes for this server' : '';
  if (!plan.upstreamTls) return `port 80, plain HTTP: the backends hold no certificate or key${cookie}`;
  if (plan.options.verifyBackendCertificate) {
    return `ssl: a second TLS session; verify required + ca-file: the certificate must chain to the internal CA; sni: the backend's own name, which is also checked against its certificate${cookie}`;
  }
  return `ssl verify none: encrypted but NOT authenticated, any certificate is accepted (nginx's default, a classic mistake)${cookie}`;
}
