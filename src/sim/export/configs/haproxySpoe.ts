/**
 * The SPOE file that connects HAProxy to the Coraza WAF agent (coraza-spoa): which request parts HAProxy sends
 * and where the verdict lands (txn.coraza.action). Follows coraza-spoa's example configuration.
 */
import { MODE_LABELS } from '../../scenarios/types';
import type { ConfigPlan } from './plan';
import { ln } from './plan';
import type { RealConfig } from './types';

export function corazaSpoeConfig(plan: ConfigPlan): RealConfig {
  const text = [
    '# coraza-spoe.cfg: referenced by "filter spoe engine coraza config ..." in haproxy.cfg.',
    ln('[coraza]', 'the engine name used by the filter line'),
    ln('spoe-agent coraza-agent', 'HAProxy\'s side of the conversation with coraza-spoa'),
    ln('    groups coraza-req', 'messages sent on demand by "http-request send-spoe-group"'),
    ln('    option var-prefix coraza', 'verdicts arrive as txn.coraza.*'),
    ln('    option set-on-error error', 'agent unreachable: txn.coraza.error is set and the request goes on'),
    ln('    timeout hello 2s', 'agent handshake'),
    ln('    timeout idle 2m', 'keep idle agent connections this long'),
    ln('    timeout processing 500ms', 'a verdict must arrive within 500 ms'),
    ln('    use-backend coraza-spoa', 'the backend in haproxy.cfg that points at the agent'),
    '',
    ln('spoe-message coraza-req', 'what the WAF sees: the whole decrypted request'),
    '    args app=var(txn.coraza.app) src-ip=src src-port=src_port dst-ip=dst dst-port=dst_port method=method path=path query=query version=req.ver headers=req.hdrs body=req.body',
    '',
    ln('spoe-group coraza-req', 'the group haproxy.cfg sends'),
    '    messages coraza-req',
  ].join('\n') + '\n';
  return {
    product: 'HAProxy',
    filename: 'coraza-spoe.cfg',
    language: 'haproxy',
    text,
    notes: [
      'The WAF itself runs outside HAProxy: coraza-spoa with the OWASP Core Rule Set, on 127.0.0.1:9000. haproxy.cfg sets `option http-buffer-request` so that request bodies (a SQL injection in a login form) reach the agent whole.',
      `It inspects requests HAProxy has decrypted (${MODE_LABELS[plan.mode].toLowerCase()}); a passthrough HAProxy has nothing to send it.`,
    ],
  };
}
