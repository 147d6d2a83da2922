import { useEffect, useState } from 'react';
import { lessonContentIfLoaded, loadLessonContent, type LessonContent } from '../../state/lessonContent';

/** The lessons' words, or null while their chunk is on the way. */
export function useLessonContent(): LessonContent | null {
  const [content, setContent] = useState<LessonContent | null>(lessonContentIfLoaded);
  useEffect(() => {
    if (content) return;
    let live = true;
    void loadLessonContent().then((c) => {
      if (live) setContent(c);
    });
    return () => {
      live = false;
    };
  }, [content]);
  return content;
}
