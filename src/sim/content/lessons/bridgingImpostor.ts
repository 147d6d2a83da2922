import type { Lesson } from '../../lessons/types';

export const bridgingImpostor: Lesson = {
  id: 'bridging-impostor',
  title: 'Bridging and the impostor backend',
  summary: 'See that re-encrypting to the backends protects the internal network only if the load balancer checks who it is talking to.',
  beats: [
    {
      id: 'bridge-hybrid',
      title: 'The hybrid',
      setup: { scenarioId: 'impostor-backend', mode: 'bridge', step: { at: 'start' } },
      text: 'Bridging gives the load balancer everything offloading gives it (the WAF, cookies, headers) and still encrypts the internal hop. Here backend-2 has been swapped for an impostor with a certificate from a rogue {certificate authority|ca}, and the load balancer verifies backend certificates.',
      question: {
        id: 'impostor-verified-readers',
        spec: { kind: 'who-reads', secret: 'request' },
        prompt: 'Predict: who will read the requests in plaintext when the load balancer verifies the backends? Tick every one.',
        predict: true,
        explain: 'The browser, the load balancer and the two genuine backends. The impostor\'s certificate fails the check, so the load balancer refuses to send it anything and answers 502 for that request. Look for the rejected backend step.',
      },
    },
    {
      id: 'bridge-unverified',
      title: 'Encrypted, but to whom?',
      setup: { scenarioId: 'impostor-unverified', mode: 'bridge', step: { at: 'end' } },
      text: 'Now verification is off, which is what some proxies do by default. The internal hop is still encrypted, but encryption without checking the other end only proves you have a private line to somebody.',
      question: {
        id: 'impostor-unverified-readers',
        spec: { kind: 'who-reads', secret: 'request' },
        prompt: 'Who reads the requests in plaintext with verification off? Tick every one.',
        explain: 'The impostor in backend-2\'s place reads its request in full: the load balancer finished a handshake with it without checking its certificate. View the request to backend-2 as backend-2. Turning verification on is what makes bridging safe.',
      },
    },
  ],
};
