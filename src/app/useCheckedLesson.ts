import { useEffect, useState } from 'react';
import type { FileResult } from '../sim/index';
import type { UrlState } from '../embed/urlState';
import { loadLessonContent } from '../state/lessonContent';
import { lessonById } from '../state/selectors';
import type { SimStore } from '../state/store';
import { loadFileValue, refuseFile } from '../state/trainerFiles';

/**
 * lesson= and beat= can only be checked once the lessons have loaded: an unknown lesson is closed, a beat past
 * the end opens the last one, each with the usual notice. A lesson file in the fragment (`#lesson=`) is read then
 * too (its id must not be one of the lab's): it opens at its first beat, or at beat= when lesson= names it.
 */
export function useCheckedLesson(store: SimStore, url: UrlState, linkedLesson: FileResult<unknown> | null = null): readonly string[] {
  const [notices, setNotices] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!url.lesson && !linkedLesson) return undefined;
    let live = true;
    void (async () => {
      const content = await loadLessonContent();
      if (!live) return;
      if (linkedLesson && !linkedLesson.ok) refuseFile(store, 'the lesson in the link', linkedLesson.problems);
      else if (linkedLesson) await loadFileValue(store, linkedLesson.value, 'the link', 'lesson');
      const id = url.lesson;
      if (!live || !id) return;
      const lesson = lessonById(store.getState(), content, id);
      if (!lesson) {
        store.getState().closeLesson();
        setNotices([`Ignored lesson=${id}: no such lesson; the lessons are listed beside the stage.`]);
      } else if (url.beat >= lesson.beats.length) {
        store.getState().openLesson(id, lesson.beats.length - 1);
        setNotices([`Ignored beat=${url.beat + 1}: “${lesson.title}” has ${lesson.beats.length} beats; it opens at the last one.`]);
      } else if (store.getState().lesson?.id !== id || store.getState().lesson?.beat !== url.beat) {
        // The linked lesson file opened at its first beat; the link names the beat to be at.
        store.getState().openLesson(id, url.beat);
      }
    })();
    return () => {
      live = false;
    };
  }, [store, url, linkedLesson]);
  return notices;
}
