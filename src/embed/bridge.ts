/**
 * The postMessage bridge of an embedded simulator (docs/embedding.md). Active only inside a frame and only when
 * the page gave its origin (parentOrigin=): announcements go to exactly that origin, never '*'; commands are
 * accepted only from that origin *and* from the parent window, validated by checkCommand; everything else
 * (node-forge's 'forge.setImmediate' strings, other frames, other protocols) is ignored.
 */
import { FILE_LIMITS } from '../sim/index';
import { scenarioById } from '../state/selectors';
import type { SimState, SimStore } from '../state/store';
import { loadFileText, refuseFile, type FileKind } from '../state/trainerFiles';
import { checkCommand, envelope, type Announcement } from './messages';

/** How a notice names a file the parent page posted. */
const POSTED = 'the file the page sent';

export interface EmbedBridgeOptions {
  readonly parentOrigin: string | null;
  /** lock=mode: setMode commands are refused. */
  readonly lockMode: boolean;
  /** lock=protocol: setTlsVersion commands are refused. */
  readonly lockProtocol?: boolean;
  readonly win?: Window;
}

export interface EmbedBridge {
  readonly active: boolean;
  dispose(): void;
}

const INACTIVE: EmbedBridge = { active: false, dispose: () => undefined };

export function connectEmbedBridge(store: SimStore, { parentOrigin, lockMode, lockProtocol = false, win = window }: EmbedBridgeOptions): EmbedBridge {
  if (!parentOrigin || parentOrigin === '*' || win.parent === win || !win.parent) return INACTIVE;
  const parent = win.parent;
  let disposed = false;
  const send = (message: Announcement): void => {
    if (disposed) return;
    try {
      parent.postMessage(envelope(message), parentOrigin);
    } catch {
      // A parent that navigated away: nothing to tell.
    }
  };

  /** Loads a posted file and tells the parent what became of it (the notices area says so too). */
  const loadPosted = async (kind: FileKind, text: string | null): Promise<void> => {
    const outcome = text === null
      ? refuseFile(store, POSTED, [{ path: '', code: 'file-too-large', limit: FILE_LIMITS.fileBytes }])
      : await loadFileText(store, text, POSTED, kind);
    if (!outcome.ok) send({ type: 'fileRejected', problems: outcome.problems });
    else send(outcome.kind === 'scenario' ? { type: 'scenarioLoaded', id: outcome.id } : { type: 'lessonLoaded', id: outcome.id });
  };

  const onMessage = (event: MessageEvent): void => {
    if (event.origin !== parentOrigin || event.source !== parent) return;
    const checked = checkCommand(event.data);
    if (!checked) return;
    if ('refused' in checked) return send({ type: 'rejected', reason: checked.refused });
    const { command } = checked;
    const s = store.getState();
    switch (command.type) {
      case 'setMode':
        if (!lockMode) s.setMode(command.mode);
        break;
      case 'setTlsVersion':
        if (!lockProtocol) s.setProtocol(command.version);
        break;
      case 'setScenario':
        if (scenarioById(s, command.scenario)) s.setScenario(command.scenario);
        else send({ type: 'rejected', reason: `no such scenario: ${command.scenario}` });
        break;
      case 'loadScenario':
      case 'loadLesson':
        void loadPosted(command.type === 'loadScenario' ? 'scenario' : 'lesson', command.text);
        break;
      case 'seek':
        // A step past the end lands on the last step. The store's change announces the new step; when the cursor
        // was there already, say so anyway, so a parent that asked for step 500 of 64 learns where it is.
        s.seek(command.step);
        if (store.getState().cursor === s.cursor) announceState();
        break;
      case 'play':
        s.play();
        break;
      case 'pause':
        s.pause();
        break;
    }
  };
  win.addEventListener('message', onMessage);

  // Announcements follow the store.
  const announceState = (): void => {
    const s = store.getState();
    const run = s.runs[s.mode];
    if (run) send({ type: 'step', step: s.cursor, steps: run.timeline.events.length, mode: s.mode, tlsVersion: run.timeline.options.protocol });
  };
  const announceLesson = (s: SimState, p: SimState): void => {
    const lesson = s.lesson?.id;
    if (lesson && lesson !== p.lesson?.id) send({ type: 'lessonStarted', lesson });
    if (lesson && s.answers !== p.answers) {
      for (const [question, answer] of Object.entries(s.answers)) {
        if (p.answers[question]?.attempt !== answer.attempt) send({ type: 'answered', lesson, question, correct: answer.correct, choice: answer.choice });
      }
    }
    if (s.completedLesson && s.completedLesson !== p.completedLesson) {
      const answers = Object.values(s.answers);
      send({ type: 'lessonCompleted', lesson: s.completedLesson, answered: answers.length, correct: answers.filter((a) => a.correct).length });
    }
  };
  const initial = store.getState();
  if (initial.lesson) send({ type: 'lessonStarted', lesson: initial.lesson.id });
  if (initial.runs[initial.mode]) {
    const run = initial.runs[initial.mode]!;
    send({ type: 'ready', mode: initial.mode, tlsVersion: run.timeline.options.protocol, scenario: initial.scenarioId, steps: run.timeline.events.length });
  }
  const unsubscribe = store.subscribe((s, p) => {
    const run = s.runs[s.mode];
    if (s.mode !== p.mode) send({ type: 'mode', mode: s.mode });
    // The current mode's run arrived (first load, new scenario or options).
    if (run && p.runs[s.mode] !== run) {
      send({ type: 'ready', mode: s.mode, tlsVersion: run.timeline.options.protocol, scenario: s.scenarioId, steps: run.timeline.events.length });
    }
    if (run && (s.cursor !== p.cursor || s.mode !== p.mode || run !== p.runs[p.mode])) announceState();
    if (s.status === 'error' && p.status !== 'error') send({ type: 'error', message: (s.error ?? 'the engine failed').slice(0, 500) });
    announceLesson(s, p);
  });

  // Content height, for auto-resizing iframes; deduplicated.
  let lastHeight = -1;
  const measure = (): void => {
    const height = Math.ceil(win.document.documentElement.scrollHeight);
    if (height === lastHeight || height <= 0) return;
    lastHeight = height;
    send({ type: 'resize', height });
  };
  let observer: ResizeObserver | null = null;
  if (typeof ResizeObserver !== 'undefined') {
    observer = new ResizeObserver(measure);
    observer.observe(win.document.documentElement);
    if (win.document.body) observer.observe(win.document.body);
  }
  measure();

  return {
    active: true,
    dispose() {
      disposed = true;
      unsubscribe();
      observer?.disconnect();
      win.removeEventListener('message', onMessage);
    },
  };
}
