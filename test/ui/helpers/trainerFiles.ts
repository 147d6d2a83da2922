/** Small trainer's files for the unit tests: a scenario with its own hostnames, and a lesson that brings one. */
import { LESSON_FORMAT, SCENARIO_FORMAT } from '../../../src/sim/index';

export const ACME_FILE = {
  format: SCENARIO_FORMAT,
  id: 'acme-login',
  title: 'Logging in to the Acme training shop',
  summary: 'Alice logs in.',
  hostname: 'training.acme.test',
  apiHostname: 'api.acme.test',
  clients: [{ name: 'alice', ip: '203.0.113.10' }],
  requests: [
    { method: 'GET', path: '/', purpose: 'open the home page' },
    { method: 'POST', path: '/login', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'user=alice&password=acme', purpose: 'log in' },
  ],
  options: { protocol: 'tls1.2', waf: true },
} as const;

export const ACME_LESSON = {
  format: LESSON_FORMAT,
  id: 'acme-onboarding',
  title: 'Acme: who reads the login',
  summary: 'Tell who can read a password.',
  scenarios: [{ ...ACME_FILE, format: undefined, id: 'acme-lesson-login' }],
  beats: [
    { id: 'one', title: 'Through a relay', scenario: 'acme-lesson-login', mode: 'passthrough', step: 'start', text: 'Look at the hops.' },
    { id: 'two', title: 'Offloaded', scenario: 'basic', mode: 'offload', step: 'end', text: 'Now the LB reads it.' },
  ],
};
