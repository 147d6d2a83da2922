/**
 * AWS passthrough: a Network Load Balancer with TCP listeners. It relays TCP and can neither read SNI for routing
 * nor set cookies; client addresses reach the backends through PROXY protocol v2 or client IP preservation.
 */
import type { ConfigPlan } from './plan';
import { hcl } from './plan';
import type { BackendTarget } from './types';

export function nlbResources(plan: ConfigPlan): string[] {
  const backends = plan.params.backends;
  const sticky = plan.algorithm === 'source-ip-hash';
  const v2 = plan.proxyProtocol === 'v2';
  return [
    'resource "aws_lb" "shop" {',
    '  name               = "shop-nlb"',
    hcl('  load_balancer_type = "network"', 'layer 4: TCP listeners relay bytes'),
    '  internal           = false',
    '  subnets            = var.public_subnet_ids',
    '}',
    '',
    ...targetGroup('shop_tls', 'shop-tls', 443, [
      hcl(`  proxy_protocol_v2  = ${v2}`, v2 ? 'prepend a PROXY v2 header with the client\'s address' : plan.proxyProtocol === 'v1' ? 'NLB sends only v2: v1 is impossible (see notes)' : 'no PROXY header'),
      hcl('  preserve_client_ip = "false"', 'backends see the NLB\'s address ("true" would keep the client\'s, no header needed)'),
      '',
      '  stickiness {',
      hcl(`    enabled = ${sticky}`, sticky ? 'source-IP affinity: the only stickiness an NLB has' : 'the NLB\'s flow hash decides'),
      '    type    = "source_ip"',
      '  }',
    ]),
    ...attachments('shop_tls', backends, (b) => b.httpsPort),
    ...targetGroup('shop_http', 'shop-http', 80, []),
    ...attachments('shop_http', backends, (b) => b.httpPort),
    ...listener('https', plan.params.httpsPort, 'shop_tls', 'not "TLS": a TLS listener would terminate (offloading)'),
    ...listener('http', plan.params.httpPort, 'shop_http', 'relayed as bytes: the backends redirect to HTTPS themselves'),
  ];
}

function targetGroup(id: string, name: string, port: number, extra: readonly string[]): string[] {
  return [
    `resource "aws_lb_target_group" "${id}" {`,
    `  name               = "${name}"`,
    `  port               = ${port}`,
    hcl('  protocol           = "TCP"', port === 443 ? 'the backends terminate TLS themselves' : 'cleartext port 80'),
    '  vpc_id             = var.vpc_id',
    hcl('  target_type        = "ip"', 'targets by address, as the lab\'s backends'),
    ...extra,
    '',
    '  health_check {',
    hcl('    protocol = "TCP"', 'a TCP connect: the NLB cannot check an HTTPS page it cannot decrypt'),
    '  }',
    '}',
    '',
  ];
}

export function attachments(group: string, backends: readonly BackendTarget[], port: (b: BackendTarget) => number): string[] {
  return backends.flatMap((b) => [
    `resource "aws_lb_target_group_attachment" "${group}_${b.id.replace(/\W/g, '_')}" {`,
    `  target_group_arn = aws_lb_target_group.${group}.arn`,
    hcl(`  target_id        = "${b.address}"`, b.id),
    `  port             = ${port(b)}`,
    '}',
    '',
  ]);
}

function listener(id: string, port: number, group: string, why: string): string[] {
  return [
    `resource "aws_lb_listener" "${id}" {`,
    '  load_balancer_arn = aws_lb.shop.arn',
    `  port              = ${port}`,
    hcl('  protocol          = "TCP"', why),
    '',
    '  default_action {',
    '    type             = "forward"',
    `    target_group_arn = aws_lb_target_group.${group}.arn`,
    '  }',
    '}',
    '',
  ];
}
