import type { Lesson } from '../../lessons/types';

export const whereTheKeysLive: Lesson = {
  id: 'where-the-keys-live',
  title: 'Where do the keys live?',
  summary: 'Tell which machines hold the site\'s certificate and private key in each mode, and who has to renew them.',
  beats: [
    {
      id: 'keys-passthrough',
      title: 'Passthrough: a key on every backend',
      setup: { scenarioId: 'basic', mode: 'passthrough', step: { at: 'start' } },
      text: 'To prove it is the real shop, a server shows a {certificate|certificate} and uses the matching {private key|private-key}, which must stay secret. Whoever ends the browser\'s TLS session needs both. Guess where they sit when the load balancer only relays.',
      question: {
        id: 'key-holders-passthrough',
        spec: { kind: 'key-holders' },
        prompt: 'Predict: which machines hold the shop\'s private key in passthrough? Tick every one.',
        predict: true,
        explain: 'Each backend ends a TLS session with the browser, so each one needs its own copy of the key: three copies to protect and three certificates to renew. The "Where the keys are" panel lists them; the load balancer holds none.',
      },
    },
    {
      id: 'keys-offload',
      title: 'Offloading: one key, in one place',
      setup: { scenarioId: 'basic', mode: 'offload', step: { at: 'end' } },
      text: 'When the load balancer ends the TLS session, the key moves to it. One place to renew the certificate is convenient, but that machine now becomes the most valuable target in the network.',
      question: {
        id: 'key-holders-offload',
        spec: { kind: 'key-holders' },
        prompt: 'Which machines hold the shop\'s private key in offloading? Tick every one.',
        explain: 'Only the load balancer: it answers the browser\'s handshake, and the backends speak plain HTTP, so they need no key at all. Check the "Where the keys are" panel: the backends\' rows are empty.',
      },
    },
    {
      id: 'keys-bridge',
      title: 'Bridging: the site key and internal keys',
      setup: { scenarioId: 'basic', mode: 'bridge', step: { at: 'end' } },
      text: 'Bridging ends the browser\'s session at the load balancer and starts a new one to the backend. The backends therefore need certificates too, but only internal ones, signed by the company\'s own {certificate authority|ca}.',
      question: {
        id: 'key-holders-bridge',
        spec: { kind: 'key-holders' },
        prompt: 'Which machines hold the shop\'s own (public) private key in bridging? Tick every one.',
        explain: 'The public site key lives only on the load balancer, as in offloading. The backends hold internal keys that browsers never see; renewing them is the internal CA\'s job. The "Where the keys are" panel shows both kinds.',
      },
    },
  ],
};
