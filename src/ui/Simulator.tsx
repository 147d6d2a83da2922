import { lazy, Suspense, useRef, type RefObject } from 'react';
import { selectScenarioId } from '../state/selectors';
import { ModeChanges } from './controls/ModeChanges';
import { ModeSwitch } from './controls/ModeSwitch';
import { OptionsPanel } from './controls/OptionsPanel';
import { RequestEditor } from './controls/RequestEditor';
import { ScenarioPicker } from './controls/ScenarioPicker';
import { Ladder } from './ladder/Ladder';
import { NarrationPanel } from './narration/NarrationPanel';
import { PlayerControls } from './player/PlayerControls';
import { useKeyboardShortcuts } from './player/useKeyboardShortcuts';
import { usePlaybackClock } from './player/usePlaybackClock';
import { StatusLine } from './StatusLine';
import { Topology } from './topology/Topology';
import { useSim } from './SimContext';
import { useMediaQuery } from './useMediaQuery';

// The detail panels load after the first paint (and framer-motion with the topology's packets, see Topology).
const DetailPanels = lazy(() => import('./DetailPanels'));

/** Runs the clock and the keyboard shortcuts of one simulator instance. */
function Drivers({ root, reduced }: { root: RefObject<HTMLDivElement | null>; reduced: boolean }) {
  usePlaybackClock(reduced);
  useKeyboardShortcuts(root);
  return null;
}

/** The whole simulator: controls, topology with packets, sequence diagram, narration, inspector and panels. */
export function Simulator() {
  const root = useRef<HTMLDivElement>(null);
  const scenarioId = useSim(selectScenarioId);
  const reduced = useMediaQuery('(prefers-reduced-motion: reduce)');
  // The inspector and the panels have nothing to show before the first run: keep them out of the first paint.
  const hasRun = useSim((s) => Object.keys(s.runs).length > 0);
  return (
    <div className="simulator" ref={root} data-motion={reduced ? 'reduced' : 'full'}>
      <Drivers root={root} reduced={reduced} />
      <header className="sim-header">
        <h1>Passthrough Lab</h1>
        <p className="tagline">TLS passthrough, offloading and bridging at a load balancer, with real TLS running in your browser.</p>
      </header>
      <main>
        <div className="controls">
          <ScenarioPicker />
          <ModeSwitch />
        </div>
        <div className="controls-more">
          <OptionsPanel />
          <RequestEditor key={scenarioId} />
          <StatusLine />
        </div>
        <div className="stage">
          <div className="stage-main">
            <Topology />
            <PlayerControls />
            <ModeChanges />
            <NarrationPanel />
          </div>
          <Ladder />
        </div>
        {hasRun && (
          <Suspense fallback={<p className="panel">Loading the inspector and the panels…</p>}>
            <DetailPanels />
          </Suspense>
        )}
      </main>
    </div>
  );
}
