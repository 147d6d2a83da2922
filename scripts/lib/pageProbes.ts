/**
 * Measurements taken inside the page, as JavaScript source strings: they are injected verbatim, so no
 * transpiler helper (tsx/esbuild `__name`) can leak into the browser. Times are performance.now() values,
 * i.e. milliseconds since navigation start, taken after the frame that shows the state has been painted
 * (requestAnimationFrame, then a message-channel task, which runs after that frame's paint).
 */

export const BENCH_GLOBAL = '__passthroughLabBench';

/**
 * Init script (runs before the app's scripts): records `firstView` when `firstViewSelector` matches a visible
 * element and `ready` when a role="status" element's text matches `readyPattern`.
 */
export function navigationMarksScript(firstViewSelector: string, readyPattern: RegExp): string {
  return `(() => {
  const SELECTOR = ${JSON.stringify(firstViewSelector)};
  const READY = new RegExp(${JSON.stringify(readyPattern.source)});
  const marks = { firstView: null, ready: null };
  window[${JSON.stringify(BENCH_GLOBAL)}] = marks;
  const afterPaint = (key) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { if (marks[key] === null) marks[key] = performance.now(); };
    channel.port2.postMessage(0);
  });
  let seenFirst = false;
  let seenReady = false;
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const check = () => {
    if (!seenFirst && Array.from(document.querySelectorAll(SELECTOR)).some(visible)) { seenFirst = true; afterPaint('firstView'); }
    if (!seenReady && Array.from(document.querySelectorAll('[role="status"]')).some((el) => READY.test((el.textContent || '').trim()))) { seenReady = true; afterPaint('ready'); }
    if (seenFirst && seenReady) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
${WORKER_PHASES}
})();`;
}

/**
 * Where "ready" goes, from the engine worker's own replies (src/worker/protocol.ts), seen by wrapping `Worker`:
 * `workerCreated` (page time), `keysReady` (page time of the reply) with the worker's `keygenMs` (from the
 * worker's start to its first keys), so `keysReady - keygenMs` is about when the worker's code began to run;
 * `firstRunDone` (page time) with the worker's `runMs` for that run. Only the first of each is kept.
 */
const WORKER_PHASES = `  const RealWorker = window.Worker;
  window.Worker = class extends RealWorker {
    constructor(...args) {
      super(...args);
      if (marks.workerCreated === undefined) marks.workerCreated = performance.now();
      this.addEventListener('message', (event) => {
        const reply = event.data || {};
        if (reply.type === 'keysReady' && marks.keysReady === undefined) { marks.keysReady = performance.now(); marks.keygenMs = reply.ms; }
        if (reply.type === 'runDone' && marks.firstRunDone === undefined) { marks.firstRunDone = performance.now(); marks.runMs = reply.ms; }
      });
    }
  };`;

/** The marks above, as `navigationMarks` returns them. */
export interface NavigationMarks {
  readonly firstView: number;
  readonly ready: number;
  readonly workerCreated?: number;
  readonly keysReady?: number;
  readonly keygenMs?: number;
  readonly firstRunDone?: number;
  readonly runMs?: number;
}

export const navigationMarksReady = `Boolean(window[${JSON.stringify(BENCH_GLOBAL)}] && window[${JSON.stringify(BENCH_GLOBAL)}].ready !== null && window[${JSON.stringify(BENCH_GLOBAL)}].firstView !== null)`;
export const navigationMarks = `window[${JSON.stringify(BENCH_GLOBAL)}]`;

export const TARGET_ATTRIBUTE = 'data-bench-target';

/**
 * Expression: clicks the element marked with TARGET_ATTRIBUTE and resolves with the ms until a role="status"
 * element matches `statusPattern` and that frame has been painted.
 */
export function clickUntilStatusExpression(statusPattern: RegExp, timeoutMs: number): string {
  return `new Promise((resolve, reject) => {
  const PATTERN = new RegExp(${JSON.stringify(statusPattern.source)});
  const target = document.querySelector('[${TARGET_ATTRIBUTE}]');
  if (!target) return reject(new Error('no element marked ${TARGET_ATTRIBUTE}'));
  target.removeAttribute('${TARGET_ATTRIBUTE}');
  let done = false;
  const t0 = performance.now();
  const finish = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - t0);
      channel.port2.postMessage(0);
    });
  };
  const check = () => { if (Array.from(document.querySelectorAll('[role="status"]')).some((el) => PATTERN.test((el.textContent || '').trim()))) finish(); };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  const timer = setTimeout(() => { if (!done) { done = true; observer.disconnect(); reject(new Error('status did not match ' + PATTERN + ' within ${timeoutMs} ms')); } }, ${timeoutMs});
  target.click();
  check();
})`;
}

export const PLAYBACK_GLOBAL = '__passthroughLabPlayback';

/** What `playbackProbeResult` resolves with. */
export interface PlaybackSample {
  /** 'loaf': PerformanceObserver 'long-animation-frame'; 'raf': unsupported, so rAF gaps > threshold counted. */
  readonly source: 'loaf' | 'raf';
  readonly longFrames: number;
  /** requestAnimationFrame timestamp gaps (ms) from the first frame playing to the frame the Play button is back. */
  readonly gaps: readonly number[];
  readonly durationMs: number;
}

/**
 * Expression, evaluated before Play is clicked: starts a rAF loop that records frame timestamps while the
 * player's button reads "Pause" and stops at the first frame after it reads "Play" again; and a
 * 'long-animation-frame' observer (buffered: false) whose entries `playbackProbeResultExpression` filters.
 */
export function playbackProbeStartExpression(timeoutMs: number): string {
  return `(() => {
  const state = { done: false, error: null, started: null, ended: null, stamps: [], loaf: [], supported: false, observer: null };
  window[${JSON.stringify(PLAYBACK_GLOBAL)}] = state;
  const supported = typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes || []).includes('long-animation-frame');
  state.supported = supported;
  if (supported) {
    state.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) state.loaf.push({ startTime: e.startTime, duration: e.duration }); });
    state.observer.observe({ type: 'long-animation-frame', buffered: false });
  }
  const playing = () => document.querySelector('button[aria-label="Pause"]') !== null;
  const stopped = () => document.querySelector('button[aria-label="Play"]') !== null;
  const t0 = performance.now();
  const tick = (ts) => {
    if (state.done) return;
    if (state.started === null) {
      if (playing()) { state.started = ts; state.stamps.push(ts); }
    } else {
      state.stamps.push(ts);
      if (stopped()) {
        state.ended = ts;
        // Long-animation-frame entries are delivered after their frame: give them two frames, then take the rest.
        requestAnimationFrame(() => requestAnimationFrame(() => {
          if (state.observer) { for (const e of state.observer.takeRecords()) state.loaf.push({ startTime: e.startTime, duration: e.duration }); state.observer.disconnect(); }
          state.done = true;
        }));
        return;
      }
    }
    if (ts - t0 > ${timeoutMs}) { state.error = 'playback did not end within ${timeoutMs} ms'; state.done = true; if (state.observer) state.observer.disconnect(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return supported;
})()`;
}

export const playbackProbeDone = `Boolean(window[${JSON.stringify(PLAYBACK_GLOBAL)}] && window[${JSON.stringify(PLAYBACK_GLOBAL)}].done)`;

/** Expression: the finished probe's sample (throws in the page if the probe failed). */
export function playbackProbeResultExpression(longFrameMs: number): string {
  return `(() => {
  const LONG = ${longFrameMs};
  const s = window[${JSON.stringify(PLAYBACK_GLOBAL)}];
  if (s.error) throw new Error(s.error);
  const gaps = [];
  for (let i = 1; i < s.stamps.length; i++) gaps.push(s.stamps[i] - s.stamps[i - 1]);
  // A long frame belongs to playback when it overlaps [started, ended].
  const inWindow = (e) => e.startTime + e.duration >= s.started && e.startTime <= s.ended;
  const longFrames = s.supported ? s.loaf.filter((e) => e.duration > LONG && inWindow(e)).length : gaps.filter((g) => g > LONG).length;
  return { source: s.supported ? 'loaf' : 'raf', longFrames, gaps, durationMs: s.ended - s.started };
})()`;
}

/** One PerformanceResourceTiming entry, as `resourceEntriesExpression` returns it (times in the realm's own clock). */
export interface ResourceEntry {
  readonly name: string;
  readonly initiatorType: string;
  readonly startTime: number;
  readonly responseEnd: number;
}

/**
 * Expression, in the page or in a worker: the realm's resource timing entries and its time origin (ms since the
 * epoch), so a worker's entries can be put on the page's clock (`entry + workerOrigin - pageOrigin`). A dedicated
 * worker's own script is in the page's list (Chromium gives it a late startTime but a true responseEnd); what the
 * worker imports or fetches itself is in the worker's list.
 */
export const resourceEntriesExpression = `({
  timeOrigin: performance.timeOrigin,
  entries: performance.getEntriesByType('resource').map((e) => ({ name: e.name, initiatorType: e.initiatorType, startTime: e.startTime, responseEnd: e.responseEnd })),
})`;

export interface ResourceEntries {
  readonly timeOrigin: number;
  readonly entries: readonly ResourceEntry[];
}

/** Expression: the first-contentful-paint time (ms since navigation start), or null before it. */
export const firstContentfulPaintExpression = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null";
export const firstContentfulPaintDone = "performance.getEntriesByName('first-contentful-paint').length > 0";
