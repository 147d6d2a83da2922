import type { Lesson } from '../../lessons/types';

export const chooseTheMode: Lesson = {
  id: 'choose-the-mode',
  title: 'Choose the mode',
  summary: 'Given what a site needs, pick the mode that delivers it, or see that none can.',
  beats: [
    {
      id: 'choose-key-and-waf',
      title: 'A WAF, but no key on the load balancer',
      setup: { scenarioId: 'sqli', mode: 'passthrough', step: { at: 'end' } },
      text: 'The security team wants the WAF to check every request, and the compliance team wants no copy of the site\'s key on the load balancer. Each mode is run and measured against both wishes.',
      question: {
        id: 'choose-waf-no-key',
        spec: { kind: 'choose-mode', requirements: ['waf-inspects', 'lb-holds-no-key'] },
        prompt: 'Which mode meets both requirements?',
        explain: 'None: to read a request the load balancer must end TLS, and to end TLS it must hold the key. The "Compare modes" panel shows which wish each mode broke; the usual way out is a WAF on the backends themselves.',
      },
    },
    {
      id: 'choose-waf-internal',
      title: 'A WAF and an encrypted internal network',
      setup: { scenarioId: 'sqli', mode: 'bridge', step: { at: 'end' } },
      text: 'The WAF must check every request, and nobody tapping the internal network may read HTTP.',
      question: {
        id: 'choose-waf-encrypted',
        spec: { kind: 'choose-mode', requirements: ['waf-inspects', 'internal-encrypted'] },
        prompt: 'Which mode meets both requirements?',
        explain: 'Bridging: the load balancer decrypts to inspect, then encrypts again to the backend. Passthrough fails the WAF; offloading sends plain HTTP inside. The "Compare modes" panel lists each mode\'s broken requirement.',
      },
    },
    {
      id: 'choose-cheap-backends',
      title: 'Spare the backends',
      setup: { scenarioId: 'cart', mode: 'offload', step: { at: 'end' } },
      text: 'The backends are small and must not spend time on TLS, and shoppers must keep their carts.',
      question: {
        id: 'choose-cart-no-tls',
        spec: { kind: 'choose-mode', requirements: ['cart-kept', 'backends-skip-tls'] },
        prompt: 'Which mode meets both requirements?',
        explain: 'Offloading: only the load balancer runs TLS, and its cookie keeps each shopper on one backend. Bridging keeps the cart but makes the backends run handshakes; passthrough does both wrong here. See the "Compare modes" panel.',
      },
    },
    {
      id: 'choose-real-address',
      title: 'No key, and the real address',
      setup: { scenarioId: 'client-ip', mode: 'passthrough', options: { proxyProtocol: 'v2' }, step: { at: 'end' } },
      text: 'The key must stay on the backends, and the backends must log each client\'s real address. PROXY protocol v2 is switched on.',
      question: {
        id: 'choose-no-key-real-ip',
        spec: { kind: 'choose-mode', requirements: ['lb-holds-no-key', 'backend-sees-client-ip'] },
        prompt: 'Which mode meets both requirements?',
        explain: 'Passthrough: the key stays on the backends and the PROXY header carries the client\'s address. The other two modes put the key on the load balancer. Turn PROXY protocol off and no mode meets both; the "Compare modes" panel shows why.',
      },
    },
  ],
};
