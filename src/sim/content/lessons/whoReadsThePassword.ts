import type { Lesson } from '../../lessons/types';

const loginRecord = { at: 'event', match: { type: 'tcp.segmentSent', from: 'client', to: 'lb', carriesHttp: true }, nth: 1 } as const;

export const whoReadsThePassword: Lesson = {
  id: 'who-reads-the-password',
  title: 'Who can read your password?',
  summary: 'Follow one login through the load balancer in each mode and tell who could read the password.',
  beats: [
    {
      id: 'meet-the-lab',
      title: 'Meet the lab',
      setup: { scenarioId: 'basic', mode: 'passthrough', step: { at: 'start' } },
      text: 'A browser (the client) visits a shop and logs in. Its requests go to a {load balancer|vip}, which hands each one to one of three backend servers. Press Next to move through the visit one moment at a time; the diagram shows where each packet is.',
    },
    {
      id: 'passthrough-password',
      title: 'Passthrough: the LB only relays',
      setup: { scenarioId: 'basic', mode: 'passthrough', step: { at: 'start' } },
      text: 'In passthrough the load balancer forwards the encrypted bytes without opening them: the {TLS|record} session runs from the browser all the way to a backend. Before you play the run, make a guess.',
      question: {
        id: 'password-readers-passthrough',
        spec: { kind: 'who-reads', secret: 'password' },
        prompt: 'Predict: who will be able to read the password in passthrough? Tick every one.',
        predict: true,
        explain: 'Only the two ends of the TLS session hold its keys: the browser and the backend that served the login. The load balancer and both eavesdroppers see only encrypted records. Open the login packet and choose "View as: Load balancer" to see what it got.',
      },
    },
    {
      id: 'offload-password',
      title: 'Offloading: the LB decrypts',
      setup: { scenarioId: 'basic', mode: 'offload', step: loginRecord },
      text: 'Offloading (also called TLS termination) makes the load balancer the end of the browser\'s TLS session. It decrypts every request, so it can read and change it, and then sends it on to a backend as plain HTTP on port 80.',
      question: {
        id: 'password-readers-offload',
        spec: { kind: 'who-reads', secret: 'password' },
        prompt: 'Who can read the password in offloading? Tick every one.',
        explain: 'The load balancer decrypts the login, and the backend gets it as plain HTTP. Anyone who can tap the internal network reads it too: that is the price of offloading. On the internet link it is still encrypted.',
      },
    },
    {
      id: 'bridge-password',
      title: 'Bridging: decrypt, then encrypt again',
      setup: { scenarioId: 'basic', mode: 'bridge', step: loginRecord },
      text: 'Bridging (re-encryption) also ends the browser\'s TLS at the load balancer, but it opens a second TLS session to the backend. The LB still reads everything; the internal network sees only encrypted records.',
      question: {
        id: 'password-readers-bridge',
        spec: { kind: 'who-reads', secret: 'password' },
        prompt: 'Who can read the password in bridging? Tick every one.',
        explain: 'The browser, the load balancer and the backend each hold the keys of a session the password travels in. The eavesdropper on the internal network now sees only ciphertext, unlike in offloading.',
      },
    },
  ],
};
