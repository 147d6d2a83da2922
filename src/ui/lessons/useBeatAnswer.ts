import { useMemo } from 'react';
import { answerQuestion, type Beat, type QuestionAnswer } from '../../sim/index';
import { runsMatchBeat } from '../../state/derive/beatSetup';
import { useSim } from '../SimContext';

/**
 * The beat's question answered by the runs on screen, when they are the beat's runs (its scenario and options;
 * the mode's run is looked up whatever mode the learner is looking at). `offBeat`: the learner changed the
 * scenario, options or requests, so the runs are not the beat's and the question waits.
 */
export function useBeatAnswer(beat: Beat | undefined): { answer: QuestionAnswer | null; offBeat: boolean } {
  const runs = useSim((s) => s.runs);
  const scenarioId = useSim((s) => s.scenarioId);
  const options = useSim((s) => s.options);
  const requests = useSim((s) => s.requests);
  const offBeat = beat !== undefined && !runsMatchBeat({ scenarioId, options, requests }, beat.setup);
  const answer = useMemo(
    () => (beat?.question && !offBeat ? answerQuestion(beat.question.spec, runs, beat.setup.mode) : null),
    [beat, offBeat, runs],
  );
  return { answer, offBeat };
}
