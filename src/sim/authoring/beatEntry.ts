/**
 * One beat of a lesson file: the state it sets (scenario, mode, options, step), its text and maybe a question.
 * `step` is written the short way ("start", "end", or an event pattern with `nth`) and becomes a StepTarget.
 */
import type { Beat, EventPattern, StepTarget } from '../lessons/types';
import { MODES } from '../scenarios/types';
import { isRequestPath } from '../scenarios/validate';
import { FILE_LIMITS } from './limits';
import { isId } from './names';
import { readOptions } from './optionsEntry';
import { readQuestion } from './questionEntry';
import type { Problems} from './reader';
import { fieldPath, quoted, readBoolean, readInteger, readObject, readOneOf, readShaped, readString } from './reader';
import { EVENT_TYPES, NODE_IDS } from './vocabulary';

const BEAT_KEYS = ['id', 'title', 'scenario', 'mode', 'options', 'step', 'text', 'question'] as const;
const STEP_KEYS = ['event', 'from', 'to', 'carriesHttp', 'target', 'nth'] as const;

/** What a beat is read against: the lesson's id (for default question ids) and the scenario ids it may name. */
export interface BeatContext {
  readonly lessonId: string;
  readonly scenarioIds: readonly string[];
}

function readStep(problems: Problems, path: string, value: unknown): StepTarget | undefined {
  if (value === undefined) return undefined;
  if (value === 'start' || value === 'end') return { at: value };
  if (typeof value === 'string') return void problems.add({ path, code: 'one-of', allowed: ['start', 'end'], value: quoted(value) });
  const fields = readObject(problems, path, value, STEP_KEYS);
  if (!fields) return undefined;
  const type = readOneOf(problems, fieldPath(path, 'event'), fields.event, EVENT_TYPES, true);
  const from = readOneOf(problems, fieldPath(path, 'from'), fields.from, NODE_IDS);
  const to = readOneOf(problems, fieldPath(path, 'to'), fields.to, NODE_IDS);
  const carriesHttp = readBoolean(problems, fieldPath(path, 'carriesHttp'), fields.carriesHttp);
  const target = readShaped(problems, fieldPath(path, 'target'), fields.target, 'request-path', isRequestPath);
  const nth = readInteger(problems, fieldPath(path, 'nth'), fields.nth, 0, FILE_LIMITS.nth);
  if (!type) return undefined;
  const match: EventPattern = {
    type,
    ...(from ? { from } : {}), ...(to ? { to } : {}), ...(carriesHttp !== undefined ? { carriesHttp } : {}), ...(target !== undefined ? { target } : {}),
  };
  return { at: 'event', match, ...(nth !== undefined ? { nth } : {}) };
}

export function readBeat(problems: Problems, path: string, value: unknown, context: BeatContext): Beat | undefined {
  const before = problems.count;
  const fields = readObject(problems, path, value, BEAT_KEYS);
  if (!fields) return undefined;
  const id = readShaped(problems, fieldPath(path, 'id'), fields.id, 'id', isId, true);
  const title = readString(problems, fieldPath(path, 'title'), fields.title, { required: true, min: 1, max: FILE_LIMITS.title, plain: true });
  const scenarioPath = fieldPath(path, 'scenario');
  const scenarioId = readString(problems, scenarioPath, fields.scenario, { required: true, min: 1, max: FILE_LIMITS.id });
  if (scenarioId !== undefined && !context.scenarioIds.includes(scenarioId)) problems.add({ path: scenarioPath, code: 'unknown-ref', value: quoted(scenarioId) });
  const mode = readOneOf(problems, fieldPath(path, 'mode'), fields.mode, MODES, true);
  const options = readOptions(problems, fieldPath(path, 'options'), fields.options);
  const step = readStep(problems, fieldPath(path, 'step'), fields.step);
  const text = readString(problems, fieldPath(path, 'text'), fields.text, { required: true, min: 1, max: FILE_LIMITS.beatText, plain: true });
  const question = fields.question === undefined ? undefined : readQuestion(problems, fieldPath(path, 'question'), fields.question, `${context.lessonId}-${id ?? 'beat'}`);
  if (problems.count > before || !id || title === undefined || !scenarioId || !mode || text === undefined) return undefined;
  return {
    id, title, text,
    setup: { scenarioId, mode, ...(options && Object.keys(options).length ? { options } : {}), ...(step ? { step } : {}) },
    ...(question ? { question } : {}),
  };
}
