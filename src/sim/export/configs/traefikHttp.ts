/**
 * Traefik at layer 7: an IngressRoute terminates TLS with the site's secret and routes by Host and path; the
 * Middlewares are the lab's LB features (rate rule, compression, client identity, header hygiene, redirect).
 */
import { NAMESPACE, serviceName } from './kubernetes';
import type { ConfigPlan, Pool } from './plan';
import { ln, SHARED_BACKEND_NAME } from './plan';
import { museumComment } from './tlsVersions';

/** The TLSOption the IngressRoute names. */
const TLS_OPTION = 'shop-tls';

const STRATEGY = { 'round-robin': null, 'least-connections': 'p2c', 'source-ip-hash': 'hrw' } as const;

export function traefikHttpDocuments(plan: ConfigPlan): string[] {
  const { options } = plan;
  const common = ['forwarding-headers', ...(options.compression ? ['compress'] : []), ...(options.clientCertificate ? ['client-identity'] : [])];
  const hosts = `Host(\`${plan.siteHostname}\`) || Host(\`${plan.apiHostname}\`)`;
  const out = [
    '---',
    'apiVersion: traefik.io/v1alpha1',
    'kind: IngressRoute',
    'metadata:',
    '  name: shop',
    `  namespace: ${NAMESPACE}`,
    'spec:',
    ln('  entryPoints: [websecure]', 'port 443, TLS terminated by Traefik'),
    '  routes:',
  ];
  if (plan.loginLimit > 0) {
    out.push(...route(plan, `(${hosts}) && Method(\`POST\`) && Path(\`/login\`)`, ['login-rate', ...common], plan.defaultPool, 'login attempts: rate limited'));
  }
  if (plan.apiPool) {
    out.push(...route(plan, `Host(\`${plan.apiHostname}\`) || Path(\`/api\`) || PathPrefix(\`/api/\`)`, common, plan.apiPool, 'routing by Host and path: readable after decryption'));
  }
  out.push(
    ...route(plan, hosts, common, plan.defaultPool, 'everything else'),
    '  tls:',
    ln(`    secretName: ${plan.siteHostname.replace(/\./g, '-')}-tls`, 'a kubernetes.io/tls Secret: the site\'s certificate AND private key'),
  );
  out.push(ln(`    options: { name: ${TLS_OPTION} }`, 'the TLSOption below: TLS versions' + (options.clientCertificate ? ' and client certificates' : '')));
  out.push(
    '---',
    'apiVersion: traefik.io/v1alpha1',
    'kind: IngressRoute',
    'metadata:',
    '  name: shop-port-80',
    `  namespace: ${NAMESPACE}`,
    'spec:',
    '  entryPoints: [web]',
    '  routes:',
    '  - match: PathPrefix(`/`)',
    '    kind: Rule',
    ln('    middlewares: [{ name: redirect-https }]', 'Traefik reads the request and redirects it itself'),
    ln('    services: [{ name: noop@internal, kind: TraefikService }]', 'a route needs a service; this one is never reached'),
    ...middleware('redirect-https', [ln('  redirectScheme: { scheme: https, permanent: true }', '301 to https://')]),
    ...middleware('forwarding-headers', forwardingHeaders(plan)),
  );
  if (options.compression) out.push(...middleware('compress', [ln('  compress: { minResponseBodyBytes: 256 }', 'gzip responses for clients that accept it')]));
  if (options.clientCertificate) {
    out.push(
      ...middleware('client-identity', [ln('  passTLSClientCert: { info: { subject: { commonName: true } } }', 'X-Forwarded-Tls-Client-Cert-Info: Subject="CN=alice"')]),
    );
  }
  out.push(...tlsOption(plan));
  if (plan.loginLimit > 0) {
    out.push(...middleware('login-rate', [
      ln(`  rateLimit: { average: ${plan.loginLimit}, period: ${plan.rateWindowSeconds}s, burst: ${plan.loginLimit} }`, 'per client address (the default source criterion); 429 when exceeded'),
    ]));
  }
  if (plan.upstreamTls) out.push(...serversTransport(plan));
  return out;
}

function route(plan: ConfigPlan, match: string, middlewares: readonly string[], pool: Pool, why: string): string[] {
  const out = [
    ln(`  - match: ${match}`, why),
    '    kind: Rule',
    `    middlewares: [${middlewares.map((m) => `{ name: ${m} }`).join(', ')}]`,
    '    services:',
    `    - name: ${serviceName(pool)}`,
    ln(`      port: ${plan.upstreamTls ? 'https' : 'http'}`, plan.upstreamTls ? 'a second TLS session to the backends' : 'plain HTTP to the backends'),
  ];
  if (plan.upstreamTls) out.push('      scheme: https', ln('      serversTransport: backend-tls', 'how the backends are verified'));
  const strategy = STRATEGY[plan.algorithm];
  if (strategy) out.push(ln(`      strategy: ${strategy}`, plan.algorithm === 'source-ip-hash' ? 'hash of the client address' : 'fewer active requests of two picks'));
  if (plan.cookieSticky) out.push(ln(`      sticky: { cookie: { name: ${plan.cookieName}, httpOnly: true } }`, 'stickiness: a cookie names the server'));
  return out;
}

function middleware(name: string, spec: readonly string[]): string[] {
  return ['---', 'apiVersion: traefik.io/v1alpha1', 'kind: Middleware', 'metadata:', `  name: ${name}`, `  namespace: ${NAMESPACE}`, 'spec:', ...spec];
}

function forwardingHeaders(plan: ConfigPlan): string[] {
  const out = [
    '  headers:',
    '    customRequestHeaders:',
    ln('      X-SSL-Client-Cert-Subject: ""', 'an empty value deletes a client-forged identity header'),
  ];
  if (!plan.options.forwardedProto) out.push(ln('      X-Forwarded-Proto: ""', 'Traefik sets it by default; deleted as the lab asks'));
  return out;
}

function serversTransport(plan: ConfigPlan): string[] {
  const spec = plan.options.verifyBackendCertificate
    ? [
      ln(`  serverName: ${SHARED_BACKEND_NAME}`, 'the SNI sent and the name checked, one for the whole service'),
      ln('  rootCAs: [{ secret: internal-ca }]', 'backend certificates must chain to the internal CA'),
    ]
    : [ln('  insecureSkipVerify: true', 'ANY certificate is accepted: encrypted, not authenticated')];
  return [
    '---', 'apiVersion: traefik.io/v1alpha1', 'kind: ServersTransport', 'metadata:', '  name: backend-tls', `  namespace: ${NAMESPACE}`, 'spec:', ...spec,
    '  # no TLS version field here: Traefik (Go crypto/tls) offers the backends TLS 1.2 and 1.3',
  ];
}

/** The TLSOption the IngressRoute names: the accepted versions and, with client certificates, their CA. */
function tlsOption(plan: ConfigPlan): string[] {
  const { tls } = plan;
  const out = [
    '---', 'apiVersion: traefik.io/v1alpha1', 'kind: TLSOption', 'metadata:', `  name: ${TLS_OPTION}`, `  namespace: ${NAMESPACE}`, 'spec:',
    ...museumComment(tls, '`minVersion: VersionTLS11` plus `cipherSuites: [TLS_RSA_WITH_AES_128_CBC_SHA]`, an RSA key-exchange suite recent Go releases leave out by default').map((l) => `  # ${l}`),
    ln(`  minVersion: VersionTLS${tls.min.replace('.', '')}`, tls.why),
    ln(`  maxVersion: VersionTLS${tls.max.replace('.', '')}`, 'the newest version Traefik will negotiate'),
  ];
  if (plan.options.clientCertificate) {
    out.push(
      '  clientAuth:',
      ln('    secretNames: [client-ca]', 'CA that signs client certificates'),
      ln('    clientAuthType: RequireAndVerifyClientCert', 'no valid client certificate, no connection'),
    );
  }
  return out;
}
