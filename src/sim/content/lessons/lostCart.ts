import type { Lesson } from '../../lessons/types';

export const lostCart: Lesson = {
  id: 'lost-cart',
  title: 'The lost shopping cart',
  summary: 'Tell when a shopper keeps their cart: a cookie the load balancer reads, or the client\'s address, and where each fails.',
  beats: [
    {
      id: 'cart-passthrough',
      title: 'A cart on one backend',
      setup: { scenarioId: 'cart', mode: 'passthrough', step: { at: 'start' } },
      text: 'The shop keeps each cart in the memory of one backend. Every request here opens a new connection, and the load balancer takes turns between backends (round robin). Guess what the shopper sees at the end.',
      question: {
        id: 'cart-kept-passthrough',
        spec: { kind: 'cart' },
        prompt: 'Predict: what will the cart show at the end in passthrough?',
        predict: true,
        explain: 'The items went to different backends, so the one that shows the cart knows nothing of them. A relaying load balancer cannot read or set a cookie to pin the shopper. Open the last GET /cart answer: it names the backend that served it.',
      },
    },
    {
      id: 'cart-offload',
      title: 'A cookie pins the shopper',
      setup: { scenarioId: 'cart', mode: 'offload', step: { at: 'end' } },
      text: 'A load balancer that reads HTTP can add a cookie naming the backend it chose, and send every later request with that cookie to the same place. This is a {sticky session|sticky-session}.',
      question: {
        id: 'cart-served-offload',
        spec: { kind: 'served-by', request: { target: '/cart', which: 'last' } },
        prompt: 'Which backend shows the cart in offloading?',
        explain: 'The backend that got the login: the cookie the load balancer set on the first answer brings every later request back to it. View the final GET /cart as the load balancer to see the cookie it reads.',
      },
    },
    {
      id: 'cart-source-ip',
      title: 'Layer 4\'s answer: the client\'s address',
      setup: { scenarioId: 'cart-source-ip', mode: 'passthrough', step: { at: 'end' } },
      text: 'Without cookies, a {layer 4|layer-4} load balancer can still pick the backend from the client\'s address, so the same address always lands on the same server. This is {source-IP affinity|source-ip-affinity}.',
      question: {
        id: 'cart-kept-source-ip',
        spec: { kind: 'cart' },
        prompt: 'What does the cart show in passthrough with source-IP affinity?',
        explain: 'Every connection came from one address, so every one went to the same backend and the cart is whole. The routing notes show the same backend chosen each time.',
      },
    },
    {
      id: 'cart-mobile',
      title: 'The phone changes networks',
      setup: { scenarioId: 'mobile-handover', mode: 'passthrough', step: { at: 'start' } },
      text: 'Halfway through, the phone moves from Wi-Fi to mobile data and gets a new public address. The address hash now points somewhere else.',
      question: {
        id: 'cart-kept-mobile',
        spec: { kind: 'cart' },
        prompt: 'Predict: what will the cart show after the phone changed address?',
        predict: true,
        explain: 'The later requests came from the new address and were hashed to another backend, which has an empty cart. A cookie would have followed the phone; an address does not. Compare the source address of the last packets with the first ones.',
      },
    },
    {
      id: 'cart-nat',
      title: 'Six shoppers behind one address',
      setup: { scenarioId: 'nat-pileup', mode: 'passthrough', step: { at: 'end' } },
      text: 'An office of six people shares one public address behind a NAT router. To source-IP affinity they all look like one client.',
      question: {
        id: 'cart-nat-first-view',
        spec: { kind: 'served-by', request: { target: '/cart', method: 'GET' } },
        prompt: 'Which backend shows the first shopper\'s cart in passthrough?',
        explain: 'Every shopper was hashed to the same backend, which carries the whole office while the others sit idle. Switch to offloading: the cookie spreads the six over all backends and each still keeps a cart. The load figures in the summary show the pile-up.',
      },
    },
  ],
};
