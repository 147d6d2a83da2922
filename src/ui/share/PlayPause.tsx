import { selectPlaying, selectStepCount } from '../../state/selectors';
import { Icon } from '../Icon';
import { useSim, useSimStore } from '../SimContext';

/** The one control an embed with controls=none keeps: anything that moves can be paused (WCAG 2.2.2). */
export function PlayPause() {
  const playing = useSim(selectPlaying);
  const count = useSim(selectStepCount);
  const store = useSimStore();
  return (
    <div className="player player-minimal" role="group" aria-label="Playback">
      <button type="button" className="control-button" onClick={() => store.getState().togglePlay()} disabled={count === 0} aria-label={playing ? 'Pause' : 'Play'}>
        <Icon name={playing ? 'pause' : 'play'} size={18} />
        <span className="control-text">{playing ? 'Pause' : 'Play'}</span>
      </button>
    </div>
  );
}
