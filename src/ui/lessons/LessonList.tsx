import type { Lesson } from '../../sim/index';
import { useSim } from '../SimContext';

/** Every lesson, in teaching order, as links (a link opens the lesson at its first beat, and can be copied). */
export function LessonList({ lessons, current, label = 'Lessons' }: { readonly lessons: readonly Lesson[]; readonly current: string | null; readonly label?: string }) {
  const openLesson = useSim((s) => s.openLesson);
  return (
    <nav aria-label={label} className="lesson-list">
      <ol>
        {lessons.map((lesson) => (
          <li key={lesson.id}>
            <a href={`?lesson=${encodeURIComponent(lesson.id)}&beat=1`} aria-current={lesson.id === current ? 'true' : undefined}
              onClick={(e) => { e.preventDefault(); openLesson(lesson.id, 0); }}>
              {lesson.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
