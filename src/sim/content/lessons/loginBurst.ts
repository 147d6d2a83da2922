import type { Lesson } from '../../lessons/types';

const logins = { target: '/login', method: 'POST' } as const;

export const loginBurst: Lesson = {
  id: 'login-burst',
  title: 'Counting password guesses',
  summary: 'Find out why only a load balancer that reads HTTP can slow down a password-guessing burst.',
  beats: [
    {
      id: 'burst-passthrough',
      title: 'Six guesses, one connection',
      setup: { scenarioId: 'login-burst', mode: 'passthrough', step: { at: 'start' } },
      text: 'An attacker tries six passwords in a second. The load balancer has a {rate limit|rate-limit}: three logins per client per ten seconds. The guesses share one {kept-alive|keep-alive} connection, so at {layer 4|layer-4} they look like one long conversation.',
      question: {
        id: 'burst-handled-passthrough',
        spec: { kind: 'handled-count', request: logins },
        prompt: 'Predict: how many login attempts will reach a backend in passthrough?',
        predict: true,
        explain: 'All six: a relaying load balancer cannot tell one request from the next inside encrypted records, so it cannot count logins. Each backend log line in the run is one guess that got through.',
      },
    },
    {
      id: 'burst-offload',
      title: 'Counting requests at layer 7',
      setup: { scenarioId: 'login-burst', mode: 'offload', step: { at: 'event', match: { type: 'http.requestSent', target: '/login' } } },
      text: 'Once it decrypts, the load balancer sees each POST /login on its own and can count them per client. This is the same blind spot an intrusion-detection system or a layer-7 DDoS filter has behind passthrough.',
      question: {
        id: 'burst-handled-offload',
        spec: { kind: 'handled-count', request: logins },
        prompt: 'How many login attempts reach a backend in offloading?',
        explain: 'Three: from the fourth guess on, the load balancer answers 429 Too Many Requests itself. The rate-limit note marks the first refused guess; the backends\' logs end before it.',
      },
    },
  ],
};
