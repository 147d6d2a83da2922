/**
 * A trainer's file carried in the link's fragment, so a scenario or lesson can be shared without a server (the
 * fragment never reaches one): `#scenario=<value>` (a scenario file) and `#lesson=<value>` (a lesson file), both
 * deflated JSON in base64url (the engine's link codec, encodeFileForLink / decodeFileFromLink), together as
 * `#lesson=…&scenario=…`. Any other fragment (a glossary anchor) is not ours and is left alone.
 *
 * Reading is guarded like the query's (urlState.ts): the value's size and alphabet, the inflated size, then the
 * one file validator; a bad file becomes notices, never an exception, and nothing of it is rendered as HTML.
 */
import { LINK_LIMIT, decodeFileFromLink, encodeFileForLink, parseScenarioFile, scenarioToFile, type FileResult, type Scenario } from '../sim/index';
import { isLibraryScenario, lessonById, selectScenario } from '../state/selectors';
import type { SimState } from '../state/store';
import { lessonSourceOf } from '../state/trainerFiles';

export interface LinkFiles {
  /** `#scenario=`: the scenario, or why it was refused; null = the fragment carries none. */
  readonly scenario: FileResult<Scenario> | null;
  /** `#lesson=`: the decoded file, still to be read (the lessons' ids come with their content chunk); null = none. */
  readonly lesson: FileResult<unknown> | null;
}

const NONE: LinkFiles = { scenario: null, lesson: null };
/** Ours: a fragment that starts with one of our two names. */
const OURS = /^#(scenario|lesson)=/;

/** The files a fragment carries (`location.hash`, with its '#'). */
export function readLinkFiles(hash: string): LinkFiles {
  if (!OURS.test(hash)) return NONE;
  // Both values together, their names and the '&' between them: anything longer was not written by this lab.
  if (hash.length > 2 * LINK_LIMIT + 32) {
    const tooLong: FileResult<never> = { ok: false, problems: [{ path: '', code: 'link-too-long', limit: LINK_LIMIT, value: String(hash.length) }] };
    return { scenario: hash.startsWith('#scenario=') ? tooLong : null, lesson: hash.startsWith('#lesson=') ? tooLong : null };
  }
  const params = new URLSearchParams(hash.slice(1));
  const scenarioValue = params.get('scenario');
  const lessonValue = params.get('lesson');
  const scenario = scenarioValue === null ? null : decodeFileFromLink(scenarioValue);
  return {
    scenario: scenario === null ? null : scenario.ok ? parseScenarioFile(scenario.value) : scenario,
    lesson: lessonValue === null ? null : decodeFileFromLink(lessonValue),
  };
}

/** True for a fragment of ours (the address bar drops it once no file is on screen). */
export const isFileFragment = (hash: string): boolean => OURS.test(hash);

/** A file's link value, once per file object (the address bar is written a few times a second); null = too long. */
const linkValues = new WeakMap<object, string | null>();
function linkValueOf(key: object, file: () => object): string | null {
  if (!linkValues.has(key)) {
    const value = encodeFileForLink(file());
    linkValues.set(key, value.length > LINK_LIMIT ? null : value);
  }
  return linkValues.get(key)!;
}

/**
 * The fragment for what is on screen: the open lesson's file when it is a trainer's lesson, and the scenario's
 * file when it is a trainer's scenario that lesson did not bring along; '' when neither (or they are too long for a
 * link: then only the file itself can carry them). The learner's changes travel in the query, as for any scenario.
 */
export function fragmentOf(state: SimState): string {
  const parts: string[] = [];
  const lesson = state.lesson ? lessonById(state, null, state.lesson.id) : undefined;
  const lessonSource = lesson ? lessonSourceOf(lesson) : undefined;
  const lessonValue = lesson && lessonSource ? linkValueOf(lesson, () => lessonSource.file as object) : null;
  if (lessonValue) parts.push(`lesson=${lessonValue}`);
  const scenario = selectScenario(state);
  const broughtByLesson = lessonValue !== null && lessonSource?.scenarioIds.includes(state.scenarioId) === true;
  if (scenario && isLibraryScenario(state, scenario.id) && !broughtByLesson) {
    const value = linkValueOf(scenario, () => scenarioToFile(scenario));
    if (value) parts.push(`scenario=${value}`);
  }
  return parts.length > 0 ? `#${parts.join('&')}` : '';
}
