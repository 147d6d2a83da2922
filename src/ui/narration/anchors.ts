/** The id of a glossary term's entry, the target of the narration's links. */
export const glossaryAnchor = (id: string): string => `glossary-${id}`;
