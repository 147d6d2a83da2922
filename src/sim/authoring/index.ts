/**
 * The trainer's files (docs/scenario-format.md): reading a scenario or lesson file into the engine's Scenario and
 * Lesson (every problem as a fact with its field's path), writing a scenario back as a file, and the link codec.
 * The words for the problems are content/fileProblems.ts's: this layer sits below content and never imports it.
 */
export { SCENARIO_FORMAT, LESSON_FORMAT } from './types';
export type { ScenarioFile, LessonFile, RequestEntry, ClientEntry, StepEntry, FileProblem, FileProblemCode, FileShape, FileResult } from './types';
export { FILE_LIMITS, LINK_LIMIT, FILE_METHODS } from './limits';
export { parseScenarioFile } from './scenarioFile';
export { parseLessonFile } from './lessonFile';
export { parseFileText, parseFileValue } from './fileText';
export type { LoadedFile } from './fileText';
export { scenarioToFile } from './toFile';
export type { ScenarioEdits } from './toFile';
export { encodeFileForLink, decodeFileFromLink, linkTooLong } from './link';
export { lessonToFile } from './lessonToFile';
