import type { Lesson } from '../../lessons/types';

export const sniRouting: Lesson = {
  id: 'sni-routing',
  title: 'Routing without reading the request',
  summary: 'Tell what a layer-4 load balancer can route on (the server name in the ClientHello) and what it cannot (the path, a plain-HTTP visit).',
  beats: [
    {
      id: 'sni-name',
      title: 'The one name sent in the clear',
      setup: { scenarioId: 'basic', mode: 'passthrough', step: { at: 'event', match: { type: 'lb.sniRead' } } },
      text: 'The browser\'s first TLS message, the ClientHello, names the site it wants before anything is encrypted: the {Server Name Indication|sni}. A passthrough load balancer peeks at it, at {layer 4|layer-4}, without holding any key.',
      question: {
        id: 'sni-seen-basic',
        spec: { kind: 'sni-seen' },
        prompt: 'Which server name did the load balancer read in the ClientHello?',
        explain: 'The shop\'s name, read from the cleartext ClientHello. Open the SNI note, or the ClientHello packet viewed as the load balancer: the name is readable, everything after the handshake is not.',
      },
    },
    {
      id: 'sni-pool-by-name',
      title: 'A pool chosen by name',
      setup: { scenarioId: 'pool-routing', mode: 'passthrough', step: { at: 'end' } },
      text: 'Requests for api.example.com belong to an API pool (backend-3). The name is in the ClientHello, so a passthrough load balancer can send them there.',
      question: {
        id: 'pool-api-host-passthrough',
        spec: { kind: 'served-by', request: { target: '/api/status', host: 'api.example.com' } },
        prompt: 'Which backend served the call to api.example.com in passthrough?',
        explain: 'backend-3, the API pool: the load balancer matched the SNI. The routing note for that connection says it chose by server name.',
      },
    },
    {
      id: 'sni-pool-by-path',
      title: 'A pool chosen by path',
      setup: { scenarioId: 'pool-routing', mode: 'passthrough', step: { at: 'end' } },
      text: 'The other API call uses the shop\'s own name with the path /api/status. The path travels inside the encrypted request, so routing on it needs {layer 7|layer-7}.',
      question: {
        id: 'pool-api-path-passthrough',
        spec: { kind: 'served-by', request: { target: '/api/status', host: 'shop.example.com' } },
        prompt: 'Which backend served /api/status on shop.example.com in passthrough?',
        explain: 'A web backend, not the API pool: the load balancer saw only shop.example.com and could not read the path. Switch to offloading and the same call goes to backend-3, because the routing note can now cite the path.',
      },
    },
    {
      id: 'http-redirect',
      title: 'Port 80: plain HTTP',
      setup: { scenarioId: 'http-redirect', mode: 'passthrough', step: { at: 'start' } },
      text: 'Someone types the address without https, so the browser connects to port 80 and speaks plain HTTP. Something must answer with a redirect to https ({HTTPS redirect|https-redirect}).',
      question: {
        id: 'redirect-served-passthrough',
        spec: { kind: 'served-by', request: { target: '/' } },
        prompt: 'Predict: who answers the plain-HTTP visit with the redirect in passthrough?',
        predict: true,
        explain: 'A backend: a layer-4 load balancer only forwards port 80 as it forwards 443, so each backend must redirect on its own. In offloading the load balancer answers the redirect itself; its note names the new location.',
      },
    },
  ],
};
