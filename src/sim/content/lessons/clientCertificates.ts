import type { Lesson } from '../../lessons/types';

export const clientCertificates: Lesson = {
  id: 'client-certificates',
  title: 'When the client shows a certificate',
  summary: 'Tell who checks a client certificate in each mode and why a backend must not trust an identity header from anyone but its load balancer.',
  beats: [
    {
      id: 'mtls-passthrough',
      title: 'Both ends prove who they are',
      setup: { scenarioId: 'mtls', mode: 'passthrough', step: { at: 'start' } },
      text: 'Usually only the server shows a certificate. With {mutual TLS|mtls}, the browser shows one too, and the end of the TLS session checks it. Guess who that is when the load balancer only relays.',
      question: {
        id: 'mtls-checked-passthrough',
        spec: { kind: 'client-cert-checked-by' },
        prompt: 'Predict: who will check Alice\'s client certificate in passthrough? Tick every one.',
        predict: true,
        explain: 'The backend that ended her TLS session: the certificate crossed the load balancer inside the handshake, which the backend verifies itself. The backend\'s "handshake completed" step names the certificate it received.',
      },
    },
    {
      id: 'mtls-offload',
      title: 'The load balancer checks, the backend trusts',
      setup: { scenarioId: 'mtls', mode: 'offload', step: { at: 'end' } },
      text: 'When the load balancer ends TLS, it receives the certificate and checks it. The backend only learns who Alice is from a header the load balancer adds, so it must accept that header only from the load balancer.',
      question: {
        id: 'mtls-checked-offload',
        spec: { kind: 'client-cert-checked-by' },
        prompt: 'Who checks Alice\'s client certificate in offloading? Tick every one.',
        explain: 'The load balancer alone. The second request in this run comes straight to backend-2 with a forged identity header: open its "request handled" note to see what a backend that trusts any sender does with it.',
      },
    },
  ],
};
