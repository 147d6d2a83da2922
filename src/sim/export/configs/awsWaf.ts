/**
 * AWS WAF for the ALB: managed rule groups for SQL injection and XSS, and a rate-based rule scoped to POST
 * /login. AWS WAF attaches to an ALB (or CloudFront, API Gateway), never to an NLB: it needs decrypted HTTP.
 */
import type { ConfigPlan } from './plan';
import { hcl } from './plan';

/** AWS WAF's floor for a rate-based rule (requests per evaluation window) and its shortest window in seconds. */
export const AWS_RATE_MIN = 10;
export const AWS_WINDOW_MIN_S = 60;

export function awsWafResources(plan: ConfigPlan): string[] {
  const { options } = plan;
  if (!options.waf && plan.loginLimit === 0) return [];
  const out = [
    'resource "aws_wafv2_web_acl" "shop" {',
    '  name  = "shop"',
    hcl('  scope = "REGIONAL"', 'for an ALB (CloudFront would be "CLOUDFRONT")'),
    '',
    '  default_action {',
    hcl('    allow {}', 'requests no rule blocks go through'),
    '  }',
    '',
  ];
  if (options.waf) {
    out.push(
      ...managedGroup('common', 1, 'AWSManagedRulesCommonRuleSet', 'OWASP-style rules, XSS among them'),
      ...managedGroup('sqli', 2, 'AWSManagedRulesSQLiRuleSet', 'SQL injection'),
    );
  }
  if (plan.loginLimit > 0) out.push(...rateRule(plan));
  out.push(
    ...visibility('shop', '  '),
    '}',
    '',
    hcl('resource "aws_wafv2_web_acl_association" "shop" {', 'attach the ACL to the ALB (impossible for an NLB)'),
    '  resource_arn = aws_lb.shop.arn',
    '  web_acl_arn  = aws_wafv2_web_acl.shop.arn',
    '}',
    '',
  );
  return out;
}

function managedGroup(name: string, priority: number, group: string, why: string): string[] {
  return [
    '  rule {',
    `    name     = "${name}"`,
    `    priority = ${priority}`,
    '',
    '    override_action {',
    hcl('      none {}', 'keep the group\'s own block actions'),
    '    }',
    '',
    '    statement {',
    '      managed_rule_group_statement {',
    hcl(`        name        = "${group}"`, why),
    '        vendor_name = "AWS"',
    '      }',
    '    }',
    '',
    ...visibility(name, '    '),
    '  }',
    '',
  ];
}

function rateRule(plan: ConfigPlan): string[] {
  const limit = Math.max(plan.loginLimit, AWS_RATE_MIN);
  return [
    '  rule {',
    '    name     = "login-rate"',
    '    priority = 3',
    '',
    '    action {',
    '      block {',
    '        custom_response {',
    hcl('          response_code = 429', 'Too Many Requests'),
    '        }',
    '      }',
    '    }',
    '',
    '    statement {',
    '      rate_based_statement {',
    hcl(`        limit                 = ${limit}`, `requests per window and client address (AWS minimum ${AWS_RATE_MIN})`),
    hcl(`        evaluation_window_sec = ${AWS_WINDOW_MIN_S}`, `the shortest window AWS offers (the lab counts ${plan.rateWindowSeconds} s)`),
    '        aggregate_key_type    = "IP"',
    '',
    hcl('        scope_down_statement {', 'count only POST /login'),
    '          and_statement {',
    ...matchStatement('uri_path', '/login', 'EXACTLY'),
    ...matchStatement('method', 'POST', 'EXACTLY'),
    '          }',
    '        }',
    '      }',
    '    }',
    '',
    ...visibility('login-rate', '    '),
    '  }',
    '',
  ];
}

function matchStatement(field: string, value: string, position: string): string[] {
  return [
    '            statement {',
    '              byte_match_statement {',
    `                search_string         = "${value}"`,
    `                positional_constraint = "${position}"`,
    '',
    '                field_to_match {',
    `                  ${field} {}`,
    '                }',
    '',
    '                text_transformation {',
    '                  priority = 0',
    '                  type     = "NONE"',
    '                }',
    '              }',
    '            }',
  ];
}

function visibility(metric: string, indent: string): string[] {
  return [
    `${indent}visibility_config {`,
    `${indent}  cloudwatch_metrics_enabled = true`,
    `${indent}  metric_name                = "${metric}"`,
    `${indent}  sampled_requests_enabled   = true`,
    `${indent}}`,
  ];
}
