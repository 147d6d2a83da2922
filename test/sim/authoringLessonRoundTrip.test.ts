/**
 * Every built-in lesson written as a lesson file reads back with the same beats (setups, steps, texts, questions):
 * the lesson format can say all that the lab's own lessons say. A lesson file's own scenarios travel with it.
 */
import { describe, expect, it } from 'vitest';
import { lessonToFile, parseLessonFile } from '../../src/sim/authoring/index';
import { LESSONS } from '../../src/sim/content/lessons/index';
import { fixtureText } from './helpers/scenarioFiles';

const LESSON_IDS = LESSONS.map((l) => l.id);
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('lessonToFile -> parseLessonFile', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))('%s round-trips', (_id, lesson) => {
    const file = lessonToFile(lesson, [], LESSON_IDS);
    expect(file.id).toBe(`my-${lesson.id}`);
    const read = parseLessonFile(viaJson(file), LESSON_IDS);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.value.lesson.beats).toEqual(lesson.beats);
    expect(read.value.lesson.title).toBe(lesson.title);
  });

  it('writes the file\'s own scenarios with it, and only those its beats use', () => {
    const read = parseLessonFile(JSON.parse(fixtureText('acme-lesson.json')), LESSON_IDS);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const unused = { ...read.value.scenarios[0]!, id: 'unused' };
    const file = lessonToFile(read.value.lesson, [...read.value.scenarios, unused], LESSON_IDS);
    expect(file.id).toBe('acme-onboarding');
    expect(file.scenarios!.map((s) => s.id)).toEqual(['acme-login']);
    const again = parseLessonFile(viaJson(file), LESSON_IDS);
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.value).toEqual(read.value);
  });
});
