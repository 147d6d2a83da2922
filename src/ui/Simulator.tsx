import { lazy, Suspense, useRef, type ReactNode, type RefObject } from 'react';
import type { Scenario } from '../sim/index';
import { selectScenario } from '../state/selectors';
import { FileNotice } from './authoring/FileNotice';
import { useFileDrop } from './authoring/useFileDrop';
import { ModeChanges } from './controls/ModeChanges';
import { ModeSwitch } from './controls/ModeSwitch';
import { ProtocolSwitch } from './controls/ProtocolSwitch';
import { OptionsPanel } from './controls/OptionsPanel';
import { RequestEditor } from './controls/RequestEditor';
import { ScenarioPicker } from './controls/ScenarioPicker';
import { Ladder } from './ladder/Ladder';
import { LessonPanel } from './lessons/LessonPanel';
import { NarrationPanel } from './narration/NarrationPanel';
import { PlayerControls } from './player/PlayerControls';
import { useKeyboardShortcuts } from './player/useKeyboardShortcuts';
import { usePlaybackClock } from './player/usePlaybackClock';
import { StatusLine } from './StatusLine';
import { Topology } from './topology/Topology';
import { useSim } from './SimContext';
import { useMediaQuery } from './useMediaQuery';
import { PlayPause } from './share/PlayPause';

// The detail panels load after the first paint (and framer-motion with the topology's packets, see Topology).
const DetailPanels = lazy(() => import('./DetailPanels'));

/** Runs the clock and the keyboard shortcuts of one simulator instance. */
function Drivers({ root, reduced }: { root: RefObject<HTMLDivElement | null>; reduced: boolean }) {
  usePlaybackClock(reduced);
  useKeyboardShortcuts(root);
  return null;
}

/**
 * A key that changes when the scenario object does: a trainer's scenario loaded again under its id (a fixed file,
 * the editor's preview) is a new scenario, and the request editor must start from its requests.
 */
const scenarioKeys = new WeakMap<Scenario, number>();
let nextScenarioKey = 0;
function keyOf(scenario: Scenario | undefined): string {
  if (!scenario) return 'none';
  if (!scenarioKeys.has(scenario)) scenarioKeys.set(scenario, nextScenarioKey++);
  return `${scenario.id}:${scenarioKeys.get(scenario)}`;
}

/** How much chrome to show: the full page, or an embed (embed=1, controls=, lock=mode, panels=). */
export interface SimulatorLayout {
  readonly embed: boolean;
  readonly controls: 'full' | 'minimal' | 'none';
  readonly lockMode: boolean;
  /** lock=protocol: the TLS version selector is hidden (and setProtocol commands refused). */
  readonly lockProtocol?: boolean;
  /** Panel ids to show (null = all); the others are hidden by CSS (`hide-panel-<id>`). */
  readonly panels: readonly string[] | null;
  readonly allPanels: readonly string[];
}

export const FULL_LAYOUT: SimulatorLayout = { embed: false, controls: 'full', lockMode: false, panels: null, allPanels: [] };

export interface SimulatorProps {
  readonly layout?: SimulatorLayout;
  /** The share buttons (composed by the app, which knows the URL). */
  readonly share?: ReactNode;
  /** Notices about the link (ignored parameters). */
  readonly notices?: ReactNode;
  /** The trainer's files beside the scenario picker (open, save, copy a link: the app knows the URL). */
  readonly files?: ReactNode;
}

/** The whole simulator: controls, topology with packets, sequence diagram, narration, inspector and panels. */
export function Simulator({ layout = FULL_LAYOUT, share, notices, files }: SimulatorProps) {
  const root = useRef<HTMLDivElement>(null);
  const scenario = useSim(selectScenario);
  const reduced = useMediaQuery('(prefers-reduced-motion: reduce)');
  // The inspector and the panels have nothing to show before the first run: keep them out of the first paint.
  const hasRun = useSim((s) => Object.keys(s.runs).length > 0);
  const { embed, controls, lockMode, panels } = layout;
  const lockProtocol = layout.lockProtocol ?? false;
  const full = controls === 'full';
  // Files are opened where the scenario picker is: the full controls only.
  const dragging = useFileDrop(root, full && files !== undefined);
  const inLesson = useSim((s) => s.lesson !== null);
  // The full page always offers the lessons; an embed shows them only when its link opened one (lesson=).
  const lessons = !embed || inLesson;
  const hidden = panels ? layout.allPanels.filter((id) => !panels.includes(id)).map((id) => `hide-panel-${id}`) : [];
  const className = ['simulator', embed ? 'embed' : '', `controls-${controls}`, panels ? 'panels-limited' : '', inLesson ? 'in-lesson' : '', ...hidden].filter(Boolean).join(' ');
  return (
    <div className={className} ref={root} data-motion={reduced ? 'reduced' : 'full'}>
      <Drivers root={root} reduced={reduced} />
      {embed ? (
        <h1 className="sr-only">Passthrough Lab</h1>
      ) : (
        <header className="sim-header">
          <h1>Passthrough Lab</h1>
          <p className="tagline">TLS passthrough, offloading and bridging at a load balancer, with real TLS running in your browser.</p>
        </header>
      )}
      <main>
        {notices}
        <FileNotice />
        {dragging && <p className="drop-hint">Drop the .json file to open it as a scenario or a lesson.</p>}
        {controls !== 'none' && (full || !lockMode || !lockProtocol) && (
          <div className="controls">
            {full && (
              <div className="scenario-block">
                <ScenarioPicker />
              </div>
            )}
            {!lockMode && <ModeSwitch />}
            {!lockProtocol && <ProtocolSwitch />}
          </div>
        )}
        <div className="controls-more">
          {full && <OptionsPanel />}
          {full && <RequestEditor key={keyOf(scenario)} />}
          <StatusLine />
          {full && share}
          {full && files}
        </div>
        <div className="stage">
          <div className="stage-main">
            <Topology />
            {controls === 'none' ? <PlayPause /> : <PlayerControls />}
            {controls !== 'none' && <ModeChanges />}
            <NarrationPanel />
          </div>
          <div className="stage-side">
            {lessons && <LessonPanel />}
            {controls !== 'none' && <Ladder />}
          </div>
        </div>
        {hasRun && controls !== 'none' && (
          <Suspense fallback={<p className="panel">Loading the inspector and the panels…</p>}>
            <DetailPanels />
          </Suspense>
        )}
      </main>
    </div>
  );
}
