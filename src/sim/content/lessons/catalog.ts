/** The guided lessons, in the order a newcomer should take them. */
import type { Lesson } from '../../lessons/types';
import { whoReadsThePassword } from './whoReadsThePassword';

export const LESSONS: readonly Lesson[] = [
  whoReadsThePassword,
];

export const findLesson = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);
