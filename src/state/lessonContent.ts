/**
 * The lessons' words (catalog, choices, feedback) are a chunk of their own, fetched once the page has painted
 * (or at once for a ?lesson= link), so the simulator's first paint does not carry them.
 */
import type * as LessonModule from '../sim/content/lessons/index';

export type LessonContent = typeof LessonModule;

let loading: Promise<LessonContent> | null = null;
let loaded: LessonContent | null = null;

export function loadLessonContent(): Promise<LessonContent> {
  loading ??= import('../sim/content/lessons/index').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

export const lessonContentIfLoaded = (): LessonContent | null => loaded;
