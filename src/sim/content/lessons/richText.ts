/**
 * Lesson prose links words to the glossary with `{words|glossary-id}`. It is parsed into plain pieces and links,
 * never into HTML, so a trainer's text is always shown as text.
 */
import { GLOSSARY, type GlossaryId } from '../glossary';

export type RichPiece = { readonly text: string } | { readonly text: string; readonly glossary: GlossaryId };

const LINK = /\{([^{}|]+)\|([a-z0-9-]+)\}/g;

export const isGlossaryId = (id: string): id is GlossaryId => Object.hasOwn(GLOSSARY, id);

/** The pieces of a text; a link to an unknown glossary id stays as its words. */
export function richText(text: string): RichPiece[] {
  const pieces: RichPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    if (m.index > last) pieces.push({ text: text.slice(last, m.index) });
    const [, words, id] = m;
    pieces.push(isGlossaryId(id!) ? { text: words!, glossary: id } : { text: words! });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/** The text as a screen reader or the CLI says it: the markup gone. */
export const plainText = (text: string): string => richText(text).map((p) => p.text).join('');

/** The glossary ids a text links to (for tests: every link must resolve). */
export const linkedIds = (text: string): string[] => [...text.matchAll(LINK)].map((m) => m[2]!);
