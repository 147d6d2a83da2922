import type { GlossaryId } from '../../sim/index';
import type { Content } from '../../state/content';
import { glossaryAnchor } from './anchors';

/**
 * "Terms: SNI, Certificate": links to the glossary entries. `focusable` false keeps them out of the Tab order
 * (a step list row that is not current: the list is one tab stop).
 */
export function GlossaryLinks({ ids, content, className, focusable = true }: {
  ids: readonly GlossaryId[]; content: Content; className: string; focusable?: boolean;
}) {
  if (ids.length === 0) return null;
  return (
    <p className={className}>
      <span>Terms: </span>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <a href={`#${glossaryAnchor(id)}`} tabIndex={focusable ? undefined : -1}>{content.GLOSSARY[id]?.term ?? id}</a>
        </span>
      ))}
    </p>
  );
}
