import { useContent } from '../useContent';
import { glossaryAnchor } from './anchors';

/** The short glossary the narration links to; each term is a link target. */
export function Glossary() {
  const content = useContent();
  if (!content) return null;
  return (
    <section className="glossary panel" aria-labelledby="glossary-heading">
      <h2 id="glossary-heading">Glossary</h2>
      <dl>
        {content.GLOSSARY_IDS.map((id) => {
          const entry = content.GLOSSARY[id];
          return (
            <div key={id} id={glossaryAnchor(id)} className="glossary-entry" tabIndex={-1}>
              <dt>{entry.term}</dt>
              <dd>{entry.definition}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
