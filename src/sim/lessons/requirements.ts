/**
 * The "choose the mode" exercise: each requirement is measured on each mode's own run of the beat (the WAF's
 * verdicts, the key placement, the internal tap's views, the backends' sessions and logs), so the modes that
 * meet them all are found by running, not by a table.
 */
import { CLIENT_ADDRESS } from '../net/topology';
import { MODES } from '../scenarios/types';
import type { Choice, LessonRun, LessonRuns, ModeMeasure, QuestionAnswer } from './answers';
import { isPacket } from '../core/eventIndex';
import { cartsByClient } from '../run/outcome';
import type { Requirement } from './types';

const MEASURES: Readonly<Record<Requirement, (run: LessonRun) => boolean>> = {
  'waf-inspects': ({ summary }) => summary.wafVerdicts.some((v) => v.inspected),
  'lb-holds-no-key': ({ timeline }) => !timeline.keyPlacement.lb.some((held) => held.role === 'site'),
  // The packets' keyless dissection: HTTP there means anybody on that wire reads it.
  'internal-encrypted': ({ timeline }) => !timeline.events.some((e) => isPacket(e) && e.link === 'internal' && e.layers.some((l) => l.kind === 'http')),
  'backends-skip-tls': ({ timeline }) => !timeline.sessions.some((s) => s.established && s.node.startsWith('backend-')),
  'backend-sees-client-ip': ({ summary }) => summary.backendSawClientIpPerRequest.length > 0
    && summary.backendSawClientIpPerRequest.every((r) => r.clientIp === CLIENT_ADDRESS),
  // Every shopper who added items found all of them again.
  'cart-kept': ({ timeline }) => {
    const carts = cartsByClient(timeline);
    return carts.length > 0 && carts.every((c) => c.code === 'cart-kept');
  },
};

/** Which modes meet every requirement; null until all three modes have run. */
export function measureModes(requirements: readonly Requirement[], runs: LessonRuns): QuestionAnswer | null {
  const measures: ModeMeasure[] = [];
  for (const mode of MODES) {
    const run = runs[mode];
    if (!run) return null;
    measures.push({ mode, broken: requirements.filter((r) => !MEASURES[r](run)) });
  }
  const meeting = measures.filter((m) => m.broken.length === 0).map((m) => m.mode);
  const choices: Choice[] = [...MODES.map((mode): Choice => ({ id: mode, fact: { kind: 'mode', mode } })), { id: 'none', fact: { kind: 'no-mode' } }];
  return {
    multiple: false,
    choices,
    // Where two modes meet them all, either is right: the check accepts any one of the correct choices.
    correct: meeting.length > 0 ? meeting : ['none'],
    proof: { step: null, panel: 'compare-modes' },
    measures,
  };
}
