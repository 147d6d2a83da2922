/**
 * nginx in offloading and bridging: the http module with `listen 443 ssl`. nginx decrypts, so it can count
 * logins, cache, gzip, route by Host and path and set forwarding headers; bridging adds the proxy_ssl_* lines
 * for the second TLS session, including the `proxy_ssl_verify on` that nginx leaves off by default.
 */
import type { ConfigPlan } from './plan';
import { ln, SHARED_BACKEND_NAME } from './plan';
import { nginxUpstreams, upstreamName } from './nginxShared';
import { museumComment } from './tlsVersions';
const GZIP_TYPES = 'text/plain text/css application/json application/javascript application/xml';

export function nginxHttpBlock(plan: ConfigPlan): string[] {
  const { options, params } = plan;
  const files = params.nginx;
  const scheme = plan.upstreamTls ? 'https' : 'http';
  const target = plan.apiPool ? '$host_pool' : upstreamName(plan.defaultPool);
  const out = [ln('http {', 'layer 7: nginx reads every request'), ln(`    access_log ${files.accessLog};`, 'one line per request')];
  if (files.tempDir !== undefined) {
    out.push('    # temporary files below one writable directory (needed when nginx runs unprivileged, as in the tests)');
    for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) out.push(`    ${kind}_temp_path ${files.tempDir}/${kind};`);
  }
  if (options.cache) {
    out.push(ln(`    proxy_cache_path ${files.cacheDir} levels=1:2 keys_zone=shop_cache:10m max_size=100m inactive=10m use_temp_path=off;`, 'an on-disk cache of responses'));
  }
  if (plan.loginLimit > 0) {
    out.push(
      ln('    map $request_method $login_limit_key {', 'count only login POSTs:'),
      ln('        POST $binary_remote_addr;', 'POSTs count per client address'),
      ln('        default "";', 'an empty key is never counted'),
      '    }',
      ln(`    limit_req_zone $login_limit_key zone=login:10m rate=${plan.loginLimit * 6}r/m;`, `${plan.loginLimit} per ${plan.rateWindowSeconds} s, as a leaky bucket`),
    );
  }
  if (options.clientCertificate) {
    out.push(
      ln('    map $ssl_client_s_dn $client_cn_subject {', 'the verified client\'s CN, e.g. CN=alice'),
      '        "~(?:^|,)(?<cn>CN=[^,]+)" $cn;',
      '        default "";',
      '    }',
    );
  }
  if (plan.apiPool) {
    out.push(
      ln('    map $host $host_pool {', 'routing by Host: readable because nginx decrypted the request'),
      `        ${plan.apiHostname} ${upstreamName(plan.apiPool)};`,
      `        default ${upstreamName(plan.defaultPool)};`,
      '    }',
    );
  }
  const extra = [ln('        keepalive 16;', 'reuse idle connections to the backends')];
  if (plan.cookieSticky) extra.push(ln(`        # sticky cookie ${plan.cookieName} path=/ httponly;`, 'NGINX Plus only: open-source nginx cannot insert a cookie'));
  out.push('', ...nginxUpstreams(plan, plan.upstreamPort, '', extra), '');
  out.push(
    '    server {',
    ln(`        listen ${params.listenAddress}:${params.httpPort};`, 'cleartext HTTP on port 80'),
    ln('        return 301 https://$host$request_uri;', 'nginx reads the request and redirects it itself'),
    '    }',
    '',
    '    server {',
    ln(`        listen ${params.listenAddress}:${params.httpsPort} ssl;`, 'terminate TLS here'),
    ln(`        server_name ${plan.siteHostname} ${plan.apiHostname};`, 'both names are on the site certificate'),
    ln(`        ssl_certificate ${files.siteCertificate};`, 'the site\'s certificate chain'),
    ln(`        ssl_certificate_key ${files.siteKey};`, 'the site\'s PRIVATE KEY lives on the load balancer'),
    ...museumComment(plan.tls, '`ssl_protocols TLSv1.1 TLSv1.2 TLSv1.3;` plus `ssl_ciphers AES128-SHA:@SECLEVEL=0;`').map((l) => `        # ${l}`),
    ln(`        ssl_protocols ${protocols(plan)};`, `${plan.tls.why}; say it, older nginx defaults still list TLS 1.0 and 1.1`),
  );
  if (options.clientCertificate) {
    out.push(
      ln(`        ssl_client_certificate ${files.clientCa};`, 'CA that signs client certificates'),
      ln('        ssl_verify_client on;', 'no valid client certificate, no request'),
    );
  }
  if (options.compression) {
    out.push(
      ln('        gzip on;', 'compress responses for clients that accept gzip'),
      ln(`        gzip_types ${GZIP_TYPES};`, 'text/html is always included'),
      ln('        gzip_min_length 256;', 'small bodies are not worth it'),
      ln('        gzip_vary on;', 'Vary: Accept-Encoding, so caches keep both versions'),
    );
  }
  if (options.waf) {
    out.push(
      ln('        # modsecurity on;', 'WAF: needs the ModSecurity connector module (see notes)'),
      ln('        # modsecurity_rules_file /etc/nginx/modsec/main.conf;', 'OWASP CRS rules for SQL injection, XSS ...'),
    );
  }
  if (options.cache) {
    out.push(
      ln('        proxy_cache shop_cache;', 'answer repeated GETs from the cache (Cache-Control is honoured)'),
      ln('        proxy_cache_key $host$request_uri;', 'one entry per host and URL'),
      ln('        add_header X-Cache $upstream_cache_status;', 'HIT or MISS, for the curious'),
    );
  }
  out.push(
    ln('        proxy_http_version 1.1;', 'needed for keep-alive to the backends'),
    ln('        proxy_set_header Connection "";', 'do not forward the client\'s Connection header'),
    ln('        proxy_set_header Host $host;', 'the name the client asked for (nginx would send the upstream\'s name)'),
    options.forwardedForAppend
      ? ln('        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', 'append the client address to any X-Forwarded-For it sent')
      : ln('        proxy_set_header X-Forwarded-For $remote_addr;', 'overwrite: a client-sent X-Forwarded-For never reaches the backend'),
    options.forwardedProto
      ? ln('        proxy_set_header X-Forwarded-Proto $scheme;', '"https": the client used TLS, even if the backend sees plain HTTP')
      : ln('        proxy_set_header X-Forwarded-Proto "";', 'an empty value removes the header (a backend that forces HTTPS will loop)'),
    options.clientCertificate
      ? ln('        proxy_set_header X-SSL-Client-Cert-Subject $client_cn_subject;', 'who the verified client is; replaces any forged copy')
      : ln('        proxy_set_header X-SSL-Client-Cert-Subject "";', 'drop a client-forged identity header'),
  );
  if (plan.upstreamTls) out.push(...proxySsl(plan));
  if (plan.loginLimit > 0) {
    out.push(
      ln('        location = /login {', 'the login form'),
      ln(`            limit_req zone=login burst=${Math.max(plan.loginLimit - 1, 0)} nodelay;`, `${plan.loginLimit} attempts at once, then the rate applies`),
      ln('            limit_req_status 429;', 'answer 429 Too Many Requests (the default is 503)'),
      ln(`            proxy_pass ${scheme}://${target};`, 'then on to the usual pool'),
      '        }',
    );
  }
  if (plan.apiPool) {
    const api = `${scheme}://${upstreamName(plan.apiPool)}`;
    out.push(
      ln('        location = /api {', 'routing by path: the API pool'),
      `            proxy_pass ${api};`,
      '        }',
      '        location /api/ {',
      ln(`            proxy_pass ${api};`, 'and everything below /api/'),
      '        }',
    );
  }
  out.push(
    '        location / {',
    ln(`            proxy_pass ${scheme}://${target};`, plan.upstreamTls ? 'a new TLS session to the backend' : 'plain HTTP to the backend'),
    '        }',
    '    }',
    '}',
  );
  return out;
}

function proxySsl(plan: ConfigPlan): string[] {
  const files = plan.params.nginx;
  if (!plan.options.verifyBackendCertificate) {
    return [
      ln('        proxy_ssl_verify off;', 'nginx\'s DEFAULT: any certificate is accepted, the second leg is not authenticated'),
      ln('        proxy_ssl_server_name on;', 'send SNI to the backend'),
      ln(`        proxy_ssl_name ${SHARED_BACKEND_NAME};`, 'the SNI sent'),
      ln(`        proxy_ssl_protocols ${protocols(plan)};`, 'the same versions on the internal leg'),
    ];
  }
  return [
    ln('        proxy_ssl_verify on;', 'verify the backend\'s certificate (nginx leaves this OFF by default)'),
    ln(`        proxy_ssl_trusted_certificate ${files.internalCa};`, 'against the internal CA'),
    ln('        proxy_ssl_verify_depth 2;', 'backend certificate, then the internal CA'),
    ln('        proxy_ssl_server_name on;', 'send SNI to the backend'),
    ln(`        proxy_ssl_name ${SHARED_BACKEND_NAME};`, 'the SNI sent AND the name the certificate must carry, one for the whole pool'),
    ln(`        proxy_ssl_protocols ${protocols(plan)};`, 'the same versions on the internal leg'),
  ];
}

/** nginx lists every accepted version (`ssl_protocols TLSv1.2 TLSv1.3`); it has no min/max pair. */
const protocols = (plan: ConfigPlan): string => plan.tls.versions.map((v) => `TLSv${v}`).join(' ');
