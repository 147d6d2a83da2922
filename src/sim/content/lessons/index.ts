/**
 * The lessons' words (catalog, choices, feedback, glossary markup): a chunk of its own, fetched when the lessons
 * are first shown (src/state/lessonContent.ts), so the simulator's first paint does not carry them.
 */
export { LESSONS, findLesson } from './catalog';
export { choiceText, REQUIREMENT_TEXT, REQUIREMENT_BROKEN_TEXT } from './choiceText';
export { feedbackText } from './feedbackText';
export type { Feedback } from './feedbackText';
export { richText, plainText, linkedIds } from './richText';
export type { RichPiece } from './richText';
