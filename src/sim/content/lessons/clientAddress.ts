import type { Lesson } from '../../lessons/types';

const whoami = { target: '/whoami' } as const;

export const clientAddress: Lesson = {
  id: 'client-address',
  title: 'Who is the client?',
  summary: 'Tell which address a backend logs for the client in each mode, how X-Forwarded-For and PROXY protocol carry the real one, and how each can go wrong.',
  beats: [
    {
      id: 'ip-passthrough',
      title: 'The backend sees the load balancer',
      setup: { scenarioId: 'client-ip', mode: 'passthrough', options: { proxyProtocol: 'off' }, step: { at: 'start' } },
      text: 'In passthrough the backend\'s TCP connection comes from the load balancer, not from the browser. The backend cannot add anything to the encrypted request either.',
      question: {
        id: 'ip-logged-passthrough',
        spec: { kind: 'client-ip', request: whoami },
        prompt: 'Predict: which address will the backend log for the client in passthrough?',
        predict: true,
        explain: 'The load balancer\'s internal address: that is the only peer the backend ever talks to. Open the backend\'s "request handled" note to read the address it logged.',
      },
    },
    {
      id: 'ip-offload',
      title: 'A header carries the address',
      setup: { scenarioId: 'client-ip', mode: 'offload', step: { at: 'end' } },
      text: 'A load balancer that reads HTTP writes the browser\'s address into a header, {X-Forwarded-For|x-forwarded-for}, before passing the request on. A backend that trusts the load balancer reads it from there.',
      question: {
        id: 'ip-logged-offload',
        spec: { kind: 'client-ip', request: whoami },
        prompt: 'Which address does the backend log in offloading?',
        explain: 'The browser\'s own address, taken from the header the load balancer added. View the packet to the backend as the backend: the X-Forwarded-For line is there in plain HTTP.',
      },
    },
    {
      id: 'ip-proxy-v2',
      title: 'PROXY protocol: a line before the TLS',
      setup: { scenarioId: 'client-ip', mode: 'passthrough', options: { proxyProtocol: 'v2' }, step: { at: 'event', match: { type: 'lb.proxyHeaderSent' } } },
      text: 'A relaying load balancer cannot edit the request, but it can send a short header of its own at the start of the connection, before any TLS: {PROXY protocol|proxy-protocol}. Version 1 is a text line, version 2 a compact binary block; both name the real client.',
      question: {
        id: 'ip-logged-proxy-v2',
        spec: { kind: 'client-ip', request: whoami },
        prompt: 'Which address does the backend log in passthrough with PROXY protocol v2?',
        explain: 'The browser\'s address, read from the PROXY header the load balancer sent first. Open that first packet to the backend: the header sits in front of the ClientHello. Try v1 in the options to see the same facts as text.',
      },
    },
    {
      id: 'ip-proxy-mismatch',
      title: 'Both ends must agree',
      setup: { scenarioId: 'proxy-mismatch', mode: 'passthrough', step: { at: 'start' } },
      text: 'Here the load balancer sends a PROXY header, but the backends were not told to expect one. They read it as the start of TLS.',
      question: {
        id: 'proxy-mismatch-succeeds',
        spec: { kind: 'request-succeeds', request: whoami },
        prompt: 'Predict: does the browser get an answer when only one side speaks PROXY protocol?',
        predict: true,
        explain: 'No: the backend takes the header for a broken handshake and sends an alert, and the browser gives up. Open the backend\'s first answer as the load balancer: it is an alert, not a ServerHello. Turn the option on at both ends, or at neither.',
      },
    },
    {
      id: 'ip-forged',
      title: 'A header the client wrote itself',
      setup: { scenarioId: 'xff-forged', mode: 'passthrough', step: { at: 'end' } },
      text: 'Anyone can put an X-Forwarded-For header into their own request. Here the browser claims to be 6.6.6.6. A backend that trusts the header from its load balancer may believe it.',
      question: {
        id: 'ip-logged-forged',
        spec: { kind: 'client-ip', request: whoami },
        prompt: 'Which address does the backend log for the forged request in passthrough?',
        explain: 'The made-up 6.6.6.6: the encrypted request crossed the load balancer untouched, so the client\'s own header arrived from a trusted peer. In offloading the load balancer appends the real address and the backend takes the last entry. View the backend\'s note in both modes.',
      },
    },
  ],
};
