import type { Lesson } from '../../lessons/types';

const injection = { target: "/search?q=%27" } as const;

export const wafBlindSpot: Lesson = {
  id: 'waf-blind-spot',
  title: 'What the WAF cannot see',
  summary: 'See why a web application firewall stops SQL injection and XSS only where the load balancer decrypts the traffic.',
  beats: [
    {
      id: 'sqli-passthrough',
      title: 'An attack in a search box',
      setup: { scenarioId: 'sqli', mode: 'passthrough', step: { at: 'start' } },
      text: 'The second search asks for \' OR \'1\'=\'1, a trick that makes a careless database return every row (SQL injection). A {web application firewall|waf} on the load balancer is switched on to catch it. Guess whether it can.',
      question: {
        id: 'sqli-waf-passthrough',
        spec: { kind: 'waf-verdict', request: injection },
        prompt: 'Predict: what will the WAF do with the SQL injection in passthrough?',
        predict: true,
        explain: 'The WAF is handed encrypted TLS records it cannot parse, so it never sees the search text and the attack reaches the backend. Open the WAF\'s note after the request and choose "View as: Load balancer": only ciphertext.',
      },
    },
    {
      id: 'sqli-offload',
      title: 'The same attack, decrypted first',
      setup: { scenarioId: 'sqli', mode: 'offload', step: { at: 'event', match: { type: 'http.requestSent', target: '/search?q=%27' } } },
      text: 'Now the load balancer ends TLS, so the request reaches the WAF as readable HTTP. Play on and watch the WAF\'s note for the second search.',
      question: {
        id: 'sqli-waf-offload',
        spec: { kind: 'waf-verdict', request: injection },
        prompt: 'What does the WAF do with the SQL injection in offloading?',
        explain: 'It reads the query string, matches a SQL-injection rule and answers 403 itself. The WAF note names the rule that fired; viewed as the load balancer, the request line is plain text.',
      },
    },
    {
      id: 'sqli-served',
      title: 'Who answered the attack?',
      setup: { scenarioId: 'sqli', mode: 'passthrough', step: { at: 'end' } },
      text: 'A blocked request never reaches a backend: the load balancer answers it. Back in passthrough, find out who answered the injection.',
      question: {
        id: 'sqli-served-passthrough',
        spec: { kind: 'served-by', request: injection },
        prompt: 'Who answered the SQL injection in passthrough?',
        explain: 'A backend did: it ran the injected query and sent the rows back. The response packet names the backend; compare with offloading, where the load balancer\'s 403 is the only answer.',
      },
    },
    {
      id: 'xss-offload',
      title: 'A script hidden in a comment',
      setup: { scenarioId: 'xss', mode: 'offload', step: { at: 'start' } },
      text: 'Cross-site scripting (XSS) hides a script in something the shop will show other visitors, here a comment. The script sits in the request body, which only a load balancer that decrypts can read.',
      question: {
        id: 'xss-served-offload',
        spec: { kind: 'served-by', request: { target: '/comment' } },
        prompt: 'Who answers the comment with the script in offloading?',
        explain: 'The load balancer itself: its WAF read the body, found the script tag and blocked it, so no backend stored it. The WAF note shows the matched rule; in passthrough the same comment is stored by a backend.',
      },
    },
  ],
};
