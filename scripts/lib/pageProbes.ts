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
})();`;
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
