import { useEffect } from 'react';
import type { Lesson } from '../../sim/index';
import { lessonById, selectLibrary } from '../../state/selectors';
import { useSim } from '../SimContext';
import { LessonList } from './LessonList';
import { QuestionForm } from './QuestionForm';
import { RichText } from './RichText';
import { useBeatAnswer } from './useBeatAnswer';
import { useLessonContent } from './useLessonContent';

/** The lessons a trainer loaded, under a heading of their own (their words are the trainer's, not the lab's). */
function LibraryLessons({ lessons, current }: { readonly lessons: readonly Lesson[]; readonly current: string | null }) {
  if (lessons.length === 0) return null;
  return (
    <>
      <h3 className="lesson-list-heading">Your lessons (from a file)</h3>
      <LessonList lessons={lessons} current={current} label="Your lessons" />
    </>
  );
}

/**
 * The guided lessons beside the stage: the list of lessons, and for the open one its current beat (what to look
 * at, the question the run answers) with the way to the next beat. Opening a beat puts the lab where it says.
 */
export function LessonPanel() {
  const content = useLessonContent();
  const lessonState = useSim((s) => s.lesson);
  const completed = useSim((s) => s.completedLesson);
  const openLesson = useSim((s) => s.openLesson);
  const closeLesson = useSim((s) => s.closeLesson);
  const applyBeat = useSim((s) => s.applyBeat);
  const completeLesson = useSim((s) => s.completeLesson);
  const library = useSim(selectLibrary);
  const lesson = lessonState && content ? lessonById({ library }, content, lessonState.id) : undefined;
  const beatIndex = lesson ? Math.min(lessonState!.beat, lesson.beats.length - 1) : 0;
  const beat = lesson?.beats[beatIndex];
  const { answer, offBeat } = useBeatAnswer(beat);

  useEffect(() => {
    if (beat) applyBeat(beat.setup);
  }, [beat, applyBeat]);

  if (!content) return <aside className="lessons panel" aria-label="Guided lessons"><p>Loading the lessons…</p></aside>;
  // The next lesson in the same list: the lab's own in teaching order, or the trainer's in the order loaded.
  const siblings: readonly Lesson[] = lesson && library.lessons.includes(lesson) ? library.lessons : content.LESSONS;
  const nextLesson = lesson ? siblings[siblings.indexOf(lesson) + 1] : undefined;
  const last = lesson !== undefined && beatIndex === lesson.beats.length - 1;
  return (
    <aside className="lessons panel" aria-labelledby="lessons-heading">
      {!lesson || !beat ? (
        <>
          <h2 id="lessons-heading">Guided lessons</h2>
          <p>Short walks through the lab. Each one sets the lab up, tells you what to look at, and asks questions that the run itself answers.</p>
          <LessonList lessons={content.LESSONS} current={null} />
          <LibraryLessons lessons={library.lessons} current={null} />
        </>
      ) : (
        <>
          <p className="lesson-crumb">{lesson.title} · {`Beat ${beatIndex + 1} of ${lesson.beats.length}`}</p>
          <h2 id="lessons-heading">{beat.title}</h2>
          <p className="lesson-text"><RichText text={beat.text} content={content} /></p>
          {offBeat && (
            <p className="lesson-offbeat">
              You changed the set-up, so the question waits for this beat&apos;s run.{' '}
              <button type="button" onClick={() => applyBeat(beat.setup)}>Back to this beat&apos;s set-up</button>
            </p>
          )}
          {beat.question && <QuestionForm key={`${lesson.id}:${beat.id}`} question={beat.question} answer={answer} content={content} />}
          <div className="lesson-nav">
            <button type="button" disabled={beatIndex === 0} onClick={() => openLesson(lesson.id, beatIndex - 1)}>Previous beat</button>
            {last
              ? <button type="button" onClick={() => completeLesson(lesson.id)}>Finish the lesson</button>
              : <button type="button" onClick={() => openLesson(lesson.id, beatIndex + 1)}>Next beat</button>}
            <button type="button" onClick={closeLesson}>Leave the lesson</button>
          </div>
          {last && completed === lesson.id && (
            <p className="lesson-done">
              {`You finished “${lesson.title}”.`}{' '}
              {nextLesson && <button type="button" onClick={() => openLesson(nextLesson.id, 0)}>{`Next lesson: ${nextLesson.title}`}</button>}
            </p>
          )}
          <details className="lesson-all">
            <summary>All lessons</summary>
            <LessonList lessons={content.LESSONS} current={lesson.id} />
            <LibraryLessons lessons={library.lessons} current={lesson.id} />
          </details>
        </>
      )}
    </aside>
  );
}
