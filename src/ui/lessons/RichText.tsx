import type { LessonContent } from '../../state/lessonContent';
import { glossaryAnchor } from '../narration/anchors';

/** Lesson prose with its glossary links, built as React text and links (never HTML). */
export function RichText({ text, content }: { readonly text: string; readonly content: LessonContent }) {
  return (
    <>
      {content.richText(text).map((piece, i) => ('glossary' in piece
        ? <a key={i} href={`#${glossaryAnchor(piece.glossary)}`}>{piece.text}</a>
        : <span key={i}>{piece.text}</span>))}
    </>
  );
}
