import { useEffect, useState } from 'react';
import type { UrlState } from '../embed/urlState';
import { loadLessonContent } from '../state/lessonContent';
import type { SimStore } from '../state/store';

/**
 * lesson= and beat= can only be checked once the lessons have loaded: an unknown lesson is closed, a beat past
 * the end opens the last one, each with the usual notice.
 */
export function useCheckedLesson(store: SimStore, url: UrlState): readonly string[] {
  const [notices, setNotices] = useState<readonly string[]>([]);
  useEffect(() => {
    const id = url.lesson;
    if (!id) return undefined;
    let live = true;
    void loadLessonContent().then((content) => {
      if (!live) return;
      const lesson = content.findLesson(id);
      if (!lesson) {
        store.getState().closeLesson();
        setNotices([`Ignored lesson=${id}: no such lesson; the lessons are listed beside the stage.`]);
      } else if (url.beat >= lesson.beats.length) {
        store.getState().openLesson(id, lesson.beats.length - 1);
        setNotices([`Ignored beat=${url.beat + 1}: “${lesson.title}” has ${lesson.beats.length} beats; it opens at the last one.`]);
      }
    });
    return () => {
      live = false;
    };
  }, [store, url]);
  return notices;
}
