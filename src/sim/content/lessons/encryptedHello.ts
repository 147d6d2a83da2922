import type { Lesson } from '../../lessons/types';

const apiCall = { target: '/api/status', host: 'api.example.com' } as const;

export const encryptedHello: Lesson = {
  id: 'encrypted-client-hello',
  title: 'When even the name is hidden',
  summary: 'See why Encrypted Client Hello breaks routing by server name at a passthrough load balancer, and why a terminating one copes.',
  beats: [
    {
      id: 'ech-name',
      title: 'A public name on the outside',
      setup: { scenarioId: 'ech-breaks-sni-routing', mode: 'passthrough', step: { at: 'event', match: { type: 'lb.sniRead' } } },
      text: 'With {Encrypted Client Hello|ech}, the browser seals the real ClientHello, name included, inside an outer one that carries only a shared public name. Look at what the load balancer reads for the API call.',
      question: {
        id: 'ech-sni-seen',
        spec: { kind: 'sni-seen' },
        prompt: 'Which server name does the passthrough load balancer read?',
        explain: 'Only the public name: the real one is inside the encrypted part. Open the SNI note, or the ClientHello viewed as the load balancer: it says ECH is in use and shows the outer name.',
      },
    },
    {
      id: 'ech-passthrough-route',
      title: 'The API call goes astray',
      setup: { scenarioId: 'ech-breaks-sni-routing', mode: 'passthrough', step: { at: 'end' } },
      text: 'API traffic belongs to the API pool on backend-3, and a passthrough load balancer picks the pool from the server name. It no longer sees that name.',
      question: {
        id: 'ech-served-passthrough',
        spec: { kind: 'served-by', request: apiCall },
        prompt: 'Which backend served the API call in passthrough with ECH?',
        explain: 'A web backend: the load balancer routed by the public name it saw, and the API pool never got the call. The routing note for the second connection shows the name it used.',
      },
    },
    {
      id: 'ech-offload-route',
      title: 'A terminating load balancer reads the Host',
      setup: { scenarioId: 'ech-breaks-sni-routing', mode: 'offload', step: { at: 'end' } },
      text: 'A load balancer that ends TLS holds the ECH key, opens the sealed hello and then reads the request\'s Host header. It routes by what the request really asks for.',
      question: {
        id: 'ech-served-offload',
        spec: { kind: 'served-by', request: apiCall },
        prompt: 'Which backend served the API call in offloading with ECH?',
        explain: 'backend-3, the API pool: the routing note cites the Host header the load balancer decrypted. Turn ECH off in passthrough to see SNI routing work again.',
      },
    },
  ],
};
