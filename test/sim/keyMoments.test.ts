/**
 * The beginner's view on real runs: basic is at most 12 key moments in every mode and every TLS version; for every
 * scenario in every mode the moments point at ascending, valid, distinct events, account for every request and
 * every response, and the content words each of them (a sentence, known glossary terms); a failing handshake ends
 * in a failure moment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODES, SCENARIOS, TLS_PROTOCOLS, generateLabPki, keyMoments } from '../../src/sim/engine';
import type { KeyMoment, LabPki, Mode } from '../../src/sim/engine';
import { GLOSSARY_IDS, momentText } from '../../src/sim/content/index';
import { createRunCache } from './helpers/runCache';

let pki: LabPki;
const run = createRunCache(() => pki, 1);
const basic = SCENARIOS.find((s) => s.id === 'basic')!;

beforeAll(async () => {
  pki = await generateLabPki();
});

/** How many requests and responses the moments account for: their own moments, or folded into a repeat. */
function requestsCovered(moments: readonly KeyMoment[]): { sent: number; answered: number } {
  let sent = 0;
  let answered = 0;
  for (const m of moments) {
    if (m.kind === 'request') sent++;
    if (m.kind === 'response') answered++;
    if (m.kind === 'repeats') {
      sent += m.requests.length;
      answered += m.requests.filter((r) => r.status !== null).length;
    }
  }
  return { sent, answered };
}

describe('key moments', () => {
  for (const mode of MODES) {
    for (const protocol of TLS_PROTOCOLS) {
      it(`basic, ${mode}, ${protocol}: at most 12 moments, from the name lookup to the last answer`, () => {
        const moments = keyMoments(run(basic, mode, { protocol }).t.events);
        expect(moments.length).toBeLessThanOrEqual(12);
        expect(moments.map((m) => m.kind).slice(0, 5)).toEqual(['dns', 'connection', 'hello', 'certificate', 'keys']);
        expect(moments.some((m) => m.kind === 'waf')).toBe(true);
        expect(moments.some((m) => m.kind === 'backend')).toBe(true);
      });
    }
  }

  it('every scenario in every mode: ascending valid indices, every request and response, and words for each', () => {
    const glossary = new Set<string>(GLOSSARY_IDS);
    for (const scenario of SCENARIOS) {
      for (const mode of MODES as readonly Mode[]) {
        const { t } = run(scenario, mode);
        const moments = keyMoments(t.events);
        const where = `${scenario.id}/${mode}`;
        expect(moments.length, where).toBeGreaterThan(0);
        moments.forEach((m, k) => {
          expect(Number.isInteger(m.index) && m.index >= 0 && m.index < t.events.length, where).toBe(true);
          if (k > 0) expect(m.index, where).toBeGreaterThan(moments[k - 1]!.index);
          const words = momentText(m, mode, t.protocol.id);
          expect(words.sentence.trim().length, `${where} ${m.kind}`).toBeGreaterThan(10);
          expect(words.title.length).toBeGreaterThan(0);
          for (const id of words.glossary) expect(glossary.has(id), `${where} ${m.kind}: ${id}`).toBe(true);
        });
        const requests = t.events.filter((e) => e.type === 'http.requestSent').length;
        const responses = t.events.filter((e) => e.type === 'http.responseReceived').length;
        expect(requestsCovered(moments), where).toEqual({ sent: requests, answered: responses });
      }
    }
  });

  for (const id of ['wrong-host', 'expired', 'untrusted-ca']) {
    it(`${id}: the failed handshake is a failure moment in every mode`, () => {
      const scenario = SCENARIOS.find((s) => s.id === id)!;
      for (const mode of MODES) {
        const moments = keyMoments(run(scenario, mode).t.events);
        const failure = moments.find((m) => m.kind === 'failure');
        expect(failure, `${id}/${mode}`).toBeDefined();
        expect(failure?.kind === 'failure' && failure.failure.cause).toBe('tls-alert-sent');
        expect(moments.some((m) => m.kind === 'keys')).toBe(false);
      }
    });
  }
});
