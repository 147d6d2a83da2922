/**
 * AWS offloading and bridging: an Application Load Balancer with an HTTPS listener (the certificate lives in ACM),
 * an HTTP target group (offloading) or an HTTPS one (bridging), listener rules for Host and path, lb_cookie
 * stickiness, and AWS WAF, which can be attached to an ALB but never to an NLB.
 */
import { attachments } from './awsNlb';
import { awsWafResources } from './awsWaf';
import type { ConfigPlan, Pool } from './plan';
import { hcl } from './plan';
import { museumComment, type TlsVersion } from './tlsVersions';

/** AWS's predefined policies by lowest version: TLS 1.2 and 1.3, or TLS 1.3 only (both allow 1.3, AES-GCM, ECDHE). */
const SSL_POLICY: Readonly<Record<TlsVersion, string>> = {
  '1.2': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  '1.3': 'ELBSecurityPolicy-TLS13-1-3-2021-06',
};

const ALGORITHM = { 'round-robin': 'round_robin', 'least-connections': 'least_outstanding_requests', 'source-ip-hash': 'round_robin' } as const;

export function albResources(plan: ConfigPlan): string[] {
  const { options } = plan;
  const out = [
    'resource "aws_lb" "shop" {',
    '  name                       = "shop-alb"',
    hcl('  load_balancer_type         = "application"', 'layer 7: terminates TLS and reads HTTP'),
    '  internal                   = false',
    '  security_groups            = [var.alb_security_group_id]',
    '  subnets                    = var.public_subnet_ids',
    hcl('  xff_header_processing_mode = "append"', 'add the client address to X-Forwarded-For (ALB cannot overwrite it)'),
    '}',
    '',
  ];
  for (const pool of plan.pools) out.push(...targetGroup(plan, pool), ...attachments(groupId(pool), pool.backends, plan.upstreamPort));
  if (options.clientCertificate) {
    out.push(
      hcl('resource "aws_lb_trust_store" "clients" {', 'the CA bundle client certificates must chain to'),
      '  name                             = "shop-client-ca"',
      '  ca_certificates_bundle_s3_bucket = var.trust_store_bucket',
      '  ca_certificates_bundle_s3_key    = "client-ca.pem"',
      '}',
      '',
    );
  }
  out.push(
    'resource "aws_lb_listener" "https" {',
    '  load_balancer_arn = aws_lb.shop.arn',
    `  port              = ${plan.params.httpsPort}`,
    hcl('  protocol          = "HTTPS"', 'terminate TLS at the ALB'),
    ...museumComment(plan.tls, 'the 2017 policy ELBSecurityPolicy-TLS-1-1-2017-01').map((l) => `  # ${l}`),
    hcl(`  ssl_policy        = "${SSL_POLICY[plan.tls.min]}"`, `${plan.tls.why}; the policy names the lowest version`),
    hcl('  certificate_arn   = var.certificate_arn', 'the site\'s certificate in ACM; AWS holds the private key'),
  );
  if (options.clientCertificate) {
    out.push(
      '',
      '  mutual_authentication {',
      hcl('    mode            = "verify"', 'the ALB demands and verifies a client certificate'),
      '    trust_store_arn = aws_lb_trust_store.clients.arn',
      '  }',
    );
  }
  out.push('', '  default_action {', '    type             = "forward"', `    target_group_arn = aws_lb_target_group.${groupId(plan.defaultPool)}.arn`, '  }', '}', '');
  if (plan.apiPool) {
    out.push(...listenerRule('api_host', 10, plan.apiPool, `host_header {\n      values = ["${plan.apiHostname}"]\n    }`, 'routing by Host'));
    out.push(...listenerRule('api_path', 20, plan.apiPool, 'path_pattern {\n      values = ["/api", "/api/*"]\n    }', 'routing by path: possible because the ALB decrypted the request'));
  }
  out.push(
    'resource "aws_lb_listener" "http" {',
    '  load_balancer_arn = aws_lb.shop.arn',
    `  port              = ${plan.params.httpPort}`,
    '  protocol          = "HTTP"',
    '',
    '  default_action {',
    hcl('    type = "redirect"', 'the ALB reads the request and redirects it itself'),
    '',
    '    redirect {',
    '      port        = "443"',
    '      protocol    = "HTTPS"',
    '      status_code = "HTTP_301"',
    '    }',
    '  }',
    '}',
    '',
    ...awsWafResources(plan),
  );
  return out;
}

const groupId = (pool: Pool): string => `shop_${pool.name}`;

function targetGroup(plan: ConfigPlan, pool: Pool): string[] {
  const tls = plan.upstreamTls;
  const out = [
    `resource "aws_lb_target_group" "${groupId(pool)}" {`,
    `  name                          = "shop-${pool.name}"`,
    `  port                          = ${tls ? 443 : 80}`,
    hcl(`  protocol                      = "${tls ? 'HTTPS' : 'HTTP'}"`, tls ? 'bridging: a second TLS session to each target (NOT verified, see notes)' : 'offloading: plain HTTP to the targets'),
    '  vpc_id                        = var.vpc_id',
    '  target_type                   = "ip"',
    hcl(`  load_balancing_algorithm_type = "${ALGORITHM[plan.algorithm]}"`, plan.algorithm === 'source-ip-hash' ? 'ALB has no source-IP hashing (see notes)' : plan.algorithm === 'least-connections' ? 'fewest requests in flight' : 'each request to the next target'),
  ];
  if (plan.cookieSticky) {
    out.push(
      '',
      '  stickiness {',
      hcl('    enabled         = true', 'the ALB sets its AWSALB cookie naming the target'),
      '    type            = "lb_cookie"',
      '    cookie_duration = 86400',
      '  }',
    );
  }
  out.push('', '  health_check {', `    protocol = "${tls ? 'HTTPS' : 'HTTP'}"`, '    path     = "/"', hcl('    matcher  = "200-399"', 'a redirect still means alive'), '  }', '}', '');
  return out;
}

function listenerRule(id: string, priority: number, pool: Pool, condition: string, why: string): string[] {
  return [
    `resource "aws_lb_listener_rule" "${id}" {`,
    '  listener_arn = aws_lb_listener.https.arn',
    `  priority     = ${priority}`,
    '',
    '  action {',
    '    type             = "forward"',
    `    target_group_arn = aws_lb_target_group.${groupId(pool)}.arn`,
    '  }',
    '',
    hcl('  condition {', why),
    `    ${condition}`,
    '  }',
    '}',
    '',
  ];
}
