import { memo } from 'react';
import { MOMENT_LABELS, type KeyMoment, type Mode, type TlsProtocol } from '../../sim/index';
import { useContent } from '../useContent';
import { GlossaryLinks } from '../narration/GlossaryLinks';

export interface MomentRowProps {
  readonly moment: KeyMoment;
  /** 0-based position among the run's moments. */
  readonly position: number;
  readonly count: number;
  readonly current: boolean;
  /** The row that holds the list's one tab stop (the current one, or the first before any is current). */
  readonly focusable: boolean;
  readonly mode: Mode;
  readonly protocol: TlsProtocol | undefined;
  readonly onSelect: (index: number) => void;
}

/**
 * One key moment of the beginner's view: its title and plain sentence in the row's button, its terms as glossary
 * links beside it (links cannot sit inside a button). Until the prose has loaded, the short title alone.
 */
export const MomentRow = memo(function MomentRow({ moment, position, count, current, focusable, mode, protocol, onSelect }: MomentRowProps) {
  const content = useContent();
  const words = content ? content.momentText(moment, mode, protocol) : null;
  return (
    <li className={`ladder-row moment-row${current ? ' current' : ''}`}>
      <button type="button" tabIndex={focusable ? 0 : -1} aria-current={current ? 'step' : undefined} onClick={() => onSelect(moment.index)} data-step={moment.index}>
        <span className="moment-number" aria-hidden="true">{position + 1}</span>
        <span className="moment-words">
          <span className="sr-only">Moment {position + 1} of {count}: </span>
          <span className="moment-title">{words?.title ?? MOMENT_LABELS[moment.kind]}</span>
          {words && <span className="moment-sentence"><span className="sr-only">. </span>{words.sentence}</span>}
        </span>
      </button>
      {words && content && <GlossaryLinks ids={words.glossary} content={content} className="moment-terms" focusable={current} />}
    </li>
  );
});
