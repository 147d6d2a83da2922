/**
 * A beat's `question` in a lesson file: the common fields (id, kind, prompt, predict, explain) and the one field its
 * kind needs (vocabulary.ts: QUESTION_FIELDS). A field another kind needs is an unknown key here, so a trainer who
 * gives a `request` to a `cart` question learns that it is not used. The answer is never in the file: the lab
 * computes it from the beat's runs, as for its own lessons.
 */
import type { Question, QuestionSpec, RequestRef, Requirement } from '../lessons/types';
import { isRequestPath } from '../scenarios/validate';
import { FILE_LIMITS, FILE_METHODS } from './limits';
import { isHostname, isId } from './names';
import type { Problems} from './reader';
import { fieldPath, itemPath, readBoolean, readList, readObject, readOneOf, readShaped, readString } from './reader';
import { QUESTION_FIELDS, QUESTION_KINDS, REQUIREMENTS, SECRETS } from './vocabulary';

const COMMON_KEYS = ['id', 'kind', 'prompt', 'predict', 'explain'] as const;
const REQUEST_REF_KEYS = ['target', 'method', 'host', 'which'] as const;

function readRequestRef(problems: Problems, path: string, value: unknown): RequestRef | undefined {
  if (value === undefined) return void problems.add({ path, code: 'required' });
  const fields = readObject(problems, path, value, REQUEST_REF_KEYS);
  if (!fields) return undefined;
  const target = readShaped(problems, fieldPath(path, 'target'), fields.target, 'request-path', isRequestPath, true);
  const method = readOneOf(problems, fieldPath(path, 'method'), fields.method, FILE_METHODS);
  const host = readShaped(problems, fieldPath(path, 'host'), fields.host, 'hostname', isHostname);
  const which = readOneOf(problems, fieldPath(path, 'which'), fields.which, ['first', 'last'] as const);
  if (target === undefined) return undefined;
  return { target, ...(method ? { method } : {}), ...(host ? { host } : {}), ...(which ? { which } : {}) };
}

function readRequirements(problems: Problems, path: string, value: unknown): Requirement[] {
  const requirements: Requirement[] = [];
  readList(problems, path, value, 1, REQUIREMENTS.length, true)?.forEach((entry, i) => {
    const requirement = readOneOf(problems, itemPath(path, i), entry, REQUIREMENTS);
    if (requirement && requirements.includes(requirement)) problems.add({ path: itemPath(path, i), code: 'duplicate', value: requirement });
    else if (requirement) requirements.push(requirement);
  });
  return requirements;
}

/** The spec of a kind, reading the one field it needs; undefined when that field is wrong. */
function readSpec(problems: Problems, path: string, kind: QuestionSpec['kind'], fields: Readonly<Record<string, unknown>>): QuestionSpec | undefined {
  switch (kind) {
    case 'who-reads': {
      const secret = readOneOf(problems, fieldPath(path, 'secret'), fields.secret, SECRETS, true);
      return secret && { kind, secret };
    }
    case 'served-by':
    case 'client-ip':
    case 'waf-verdict':
    case 'handled-count':
    case 'request-succeeds': {
      const request = readRequestRef(problems, fieldPath(path, 'request'), fields.request);
      return request && { kind, request };
    }
    case 'choose-mode':
      return { kind, requirements: readRequirements(problems, fieldPath(path, 'requirements'), fields.requirements) };
    default:
      return { kind };
  }
}

/** `defaultId` is `<lesson id>-<beat id>`: unique in the file because beat ids are, and apart from the lab's own. */
export function readQuestion(problems: Problems, path: string, value: unknown, defaultId: string): Question | undefined {
  const before = problems.count;
  const kindValue = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  const kind = typeof kindValue === 'string' && (QUESTION_KINDS as readonly string[]).includes(kindValue) ? (kindValue as QuestionSpec['kind']) : undefined;
  const extra = kind ? QUESTION_FIELDS[kind] : null;
  const fields = readObject(problems, path, value, extra ? [...COMMON_KEYS, extra] : COMMON_KEYS);
  if (!fields) return undefined;
  const id = fields.id === undefined ? defaultId : readShaped(problems, fieldPath(path, 'id'), fields.id, 'id', isId);
  readOneOf(problems, fieldPath(path, 'kind'), fields.kind, QUESTION_KINDS, true);
  const spec = kind && readSpec(problems, path, kind, fields);
  const prompt = readString(problems, fieldPath(path, 'prompt'), fields.prompt, { required: true, min: 1, max: FILE_LIMITS.prompt, plain: true });
  const predict = readBoolean(problems, fieldPath(path, 'predict'), fields.predict);
  const explain = readString(problems, fieldPath(path, 'explain'), fields.explain, { required: true, min: 1, max: FILE_LIMITS.explain, plain: true });
  if (problems.count > before || !id || !spec || prompt === undefined || explain === undefined) return undefined;
  return { id, spec, prompt, explain, ...(predict ? { predict } : {}) };
}
