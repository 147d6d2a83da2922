import { SPEEDS } from '../../state/playback';
import { momentAt } from '../../state/derive/moments';
import { selectCurrentEvent, selectCursor, selectDetail, selectMoments, selectPlaying, selectSpeed, selectStepCount } from '../../state/selectors';
import { nextStep, previousStep, stepNext, stepPrevious } from '../../state/stepping';
import { isPacket } from '../../state/derive/events';
import { eventWords } from '../../state/content';
import { useContent } from '../useContent';
import { Icon, type IconName } from '../Icon';
import { useSim, useSimStore } from '../SimContext';

/** An icon button whose accessible name starts with its visible word (WCAG 2.5.3): "Next" -> "Next step". */
function ControlButton({ icon, text, name, onClick, disabled }: {
  icon: IconName; text: string; name?: string; onClick: () => void; disabled: boolean;
}) {
  return (
    <button type="button" className="control-button" onClick={onClick} disabled={disabled} aria-label={name ?? text}>
      <Icon name={icon} size={18} />
      <span className="control-text">{text}</span>
    </button>
  );
}

/** Play / Pause, stepping, jumps, the scrubber, the speed and the step counter. */
export function PlayerControls() {
  const count = useSim(selectStepCount);
  const cursor = useSim(selectCursor);
  const playing = useSim(selectPlaying);
  const speed = useSim(selectSpeed);
  const event = useSim(selectCurrentEvent);
  const detail = useSim(selectDetail);
  const moments = useSim(selectMoments);
  const store = useSimStore();
  // Actions never change: read them once instead of subscribing (the playhead changes every frame).
  const actions = store.getState();
  // Next and Previous go event by event, or moment by moment in the beginner's view.
  const canNext = useSim((s) => nextStep(s) !== null);
  const canPrevious = useSim((s) => previousStep(s) !== null);
  const byMoment = detail === 'moments';
  const none = count === 0;
  const content = useContent(event !== undefined);
  const what = event ? (isPacket(event) ? event.label : eventWords(event, undefined, content)) : '';
  return (
    <div className="player" role="group" aria-label="Playback">
      <div className="player-buttons">
        <ControlButton icon="start" text="Start" name="Start (jump to start)" onClick={actions.toStart} disabled={none || cursor === 0} />
        <ControlButton icon="prev" text="Previous" name={byMoment ? 'Previous moment' : 'Previous step'} onClick={() => stepPrevious(store)} disabled={none || !canPrevious} />
        <ControlButton icon={playing ? 'pause' : 'play'} text={playing ? 'Pause' : 'Play'} onClick={actions.togglePlay} disabled={none} />
        <ControlButton icon="next" text="Next" name={byMoment ? 'Next moment' : 'Next step'} onClick={() => stepNext(store)} disabled={none || !canNext} />
        <ControlButton icon="end" text="End" name="End (jump to end)" onClick={actions.toEnd} disabled={none || cursor >= count - 1} />
      </div>
      <div className="player-scrub">
        <span className="step-counter" data-testid="step-counter">{none ? 'No steps yet' : `Step ${cursor + 1} of ${count}`}</span>
        {byMoment && !none && moments.length > 0 && (
          <span className="moment-counter" data-testid="moment-counter">{`Moment ${Math.max(0, momentAt(moments, cursor)) + 1} of ${moments.length}`}</span>
        )}
        <input
          type="range" className="scrubber" aria-label="Step" min={1} max={Math.max(1, count)} value={cursor + 1} disabled={none}
          aria-valuetext={none ? 'no steps' : `Step ${cursor + 1} of ${count}: ${what.slice(0, 80)}`}
          onChange={(e) => actions.seek(Number(e.currentTarget.value) - 1)}
        />
        <label className="speed">
          <span>Speed</span>
          <select value={speed} onChange={(e) => actions.setSpeed(Number(e.currentTarget.value))}>
            {SPEEDS.map((s) => <option key={s} value={s}>{`${s}x`}</option>)}
          </select>
        </label>
      </div>
      <p className="key-hint">Keys: Space plays or pauses, Left and Right arrows step, Home and End jump.</p>
    </div>
  );
}
