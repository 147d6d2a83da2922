/**
 * The Kubernetes objects Traefik and ingress-nginx route to: one Service per pool, and because the lab's
 * backends have fixed addresses, an EndpointSlice that lists them (a Service without a selector). In a real
 * cluster the backends would be pods and the selector would find them.
 */
import { MODE_LABELS } from '../../scenarios/types';
import type { ConfigPlan, Pool } from './plan';
import { ln } from './plan';

export const NAMESPACE = 'shop';
export const serviceName = (pool: Pool): string => (pool.name === 'shop' ? 'shop' : `shop-${pool.name}`);

/** `sessionAffinity` says whether kube-proxy pins a client address to one endpoint (used where the LB cannot). */
export function kubernetesServices(plan: ConfigPlan, sessionAffinity: boolean): string[] {
  const out: string[] = [];
  for (const pool of plan.pools) {
    const name = serviceName(pool);
    const first = pool.backends[0];
    const https = first?.httpsPort ?? 443;
    const http = first?.httpPort ?? 80;
    out.push(
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: ${name}`,
      `  namespace: ${NAMESPACE}`,
      'spec:',
    );
    if (sessionAffinity) out.push(ln('  sessionAffinity: ClientIP', 'kube-proxy keeps a source address on one endpoint (see notes)'));
    out.push(
      ln('  ports:', 'no selector: the endpoints are listed below'),
      ln(`  - { name: https, port: ${https}, targetPort: ${https} }`, plan.cleartextUpstream ? `unused in ${MODE_LABELS[plan.mode].toLowerCase()}` : 'the backends terminate TLS here'),
      ln(`  - { name: http, port: ${http}, targetPort: ${http} }`, plan.cleartextUpstream ? 'plain HTTP from the load balancer' : 'cleartext port 80'),
      '---',
      'apiVersion: discovery.k8s.io/v1',
      'kind: EndpointSlice',
      'metadata:',
      `  name: ${name}-lab`,
      `  namespace: ${NAMESPACE}`,
      '  labels:',
      ln(`    kubernetes.io/service-name: ${name}`, 'ties this slice to the Service'),
      'addressType: IPv4',
      'ports:',
      `- { name: https, port: ${https}, protocol: TCP }`,
      `- { name: http, port: ${http}, protocol: TCP }`,
      pool.backends.length > 0 ? 'endpoints:' : 'endpoints: []',
      ...pool.backends.map((b) => ln(`- addresses: ["${b.address}"]`, b.id)),
    );
  }
  return out;
}
