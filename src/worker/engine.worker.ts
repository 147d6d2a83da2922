/**
 * The engine off the main thread: key generation and the runs of all three modes happen here, so the page
 * keeps painting (ARCHITECTURE.md: heavy work off the animation path). node-forge lives only in this chunk.
 * Keys are generated on demand: the first run waits only for the keys its mode needs; the rest follow.
 */
import { FIRST_KEYS, KEY_NAMES, LAB_KEY_PARAMS, checkOptions, checkRequests, createPkiGenerator, requiredKeys, runScenario, summarize } from '../sim/engine';
import { MODES, TLS_PROTOCOLS, siteNamesOf, type Mode } from '../sim/engine';
import { effectiveOptions } from '../state/derive/effectiveOptions';
import { protocolRow } from '../state/derive/protocolCompare';
import type { KeyName } from '../sim/engine';
import type { PageKeysMessage, RunRequest, WorkerReply } from './protocol';
import { scenarioOf } from './requestScenario';

const post = (reply: WorkerReply): void => (self as unknown as Worker).postMessage(reply);
const clock = (): number => performance.now();
const generator = createPkiGenerator();
const started = clock();
/** Keys the page promised and has not handed over yet: generated here after all if they take longer than this. */
const PAGE_KEYS_WAIT_MS = 10_000;
let receivePageKeys: ((keys: Partial<Record<KeyName, CryptoKey>>) => void) | null = null;

/** Only what really is a lab key: an extractable RSA private key for PKCS#1 v1.5 signatures (the page's message is outside input). */
function labKeys(given: unknown): Partial<Record<KeyName, CryptoKey>> {
  const out: Partial<Record<KeyName, CryptoKey>> = {};
  if (!given || typeof given !== 'object') return out;
  for (const name of FIRST_KEYS) {
    const key = (given as Record<string, unknown>)[name];
    if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey && key.type === 'private' && key.extractable && key.algorithm.name === LAB_KEY_PARAMS.name) out[name] = key;
  }
  return out;
}

/** The page makes the first keys (announced before any run request): wait for those instead of making others. */
function expectPageKeys(): void {
  if (receivePageKeys) return;
  const handed = new Promise<Partial<Record<KeyName, CryptoKey>>>((resolve) => {
    receivePageKeys = resolve;
    setTimeout(() => resolve({}), PAGE_KEYS_WAIT_MS);
  });
  generator.adopt(handed, FIRST_KEYS);
}
/**
 * Requests run one after another; a newer request makes older ones pointless. Every request that is not
 * superseded ends in 'done' or 'failed' (the page's watchdog counts on it).
 */
let latest = 0;
let queue: Promise<void> = Promise.resolve();

/**
 * Lets the worker's event loop deliver the page's newer requests before the next run. Awaiting keys that exist
 * already resolves in a microtask, and microtasks run before any message event: without this turn, a burst of
 * changes queued a hundred requests that each ran all nine runs to the end, none ever seeing it was superseded,
 * and the page waited minutes for the one it wanted.
 */
const turn = new MessageChannel();
const waiting: Array<() => void> = [];
turn.port1.onmessage = () => waiting.shift()?.();
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    turn.port2.postMessage(null);
  });
}

/** True when no newer request has arrived (checked after giving the page's messages a turn). */
async function stillWanted(request: RunRequest): Promise<boolean> {
  await nextTurn();
  return request.id === latest;
}

async function serve(request: RunRequest): Promise<void> {
  const found = scenarioOf(request);
  if ('refused' in found) return post({ type: 'failed', id: request.id, message: found.refused });
  const { scenario } = found;
  // The page validated these already; the worker does not trust its input either.
  const options = checkOptions(request.options).value;
  const requests = request.requests === undefined ? undefined : checkRequests(request.requests).value;
  const seed = Number.isInteger(request.seed) && request.seed >= 0 && request.seed <= 999_999_999 ? request.seed : 1;
  const modes = Array.isArray(request.modes) ? request.modes.filter((m): m is Mode => (MODES as readonly unknown[]).includes(m)) : [];
  for (const [index, mode] of modes.entries()) {
    if (!(await stillWanted(request))) return;
    try {
      const pki = await generator.ensure(requiredKeys(scenario, mode, options), siteNamesOf(scenario));
      if (index === 0) post({ type: 'keysReady', ms: clock() - started });
      const t0 = clock();
      const timeline = runScenario(scenario, { mode, seed, options, ...(requests ? { requests } : {}) }, pki, { clock });
      post({ type: 'runDone', id: request.id, mode, timeline, summary: summarize(timeline), ms: clock() - t0 });
    } catch (error) {
      post({ type: 'failed', id: request.id, message: `${mode}: ${(error as Error).message}` });
    }
  }
  // The same modes under the other TLS versions, for "Compare protocols": after every mode on screen is ready, one
  // run at a time, and abandoned as soon as a newer request arrives. Only the facts cross back, not the timelines.
  if (request.compareProtocols) {
    for (const mode of modes) {
      for (const protocol of TLS_PROTOCOLS) {
        if (!(await stillWanted(request))) return;
        // The version the mode's own run used is on screen already: the page computes that row itself.
        if (protocol === effectiveOptions(scenario, mode, options).protocol) continue;
        try {
          const withProtocol = { ...options, protocol };
          const pki = await generator.ensure(requiredKeys(scenario, mode, withProtocol), siteNamesOf(scenario));
          const timeline = runScenario(scenario, { mode, seed, options: withProtocol, ...(requests ? { requests } : {}) }, pki, { clock });
          post({ type: 'protocolRow', id: request.id, mode, protocol, row: protocolRow(timeline, summarize(timeline)) });
        } catch {
          // A version that cannot run this scenario simply has no row; the page says "not available".
        }
      }
    }
  }
  post({ type: 'done', id: request.id });
  // Everything else in the background, so switching scenario later does not wait for keys.
  generator.ensure(KEY_NAMES).catch(() => undefined);
}

/** Whatever goes wrong while serving ends in a 'failed' reply, and the queue goes on to the next request. */
async function serveSafely(request: RunRequest): Promise<void> {
  try {
    await serve(request);
  } catch (error) {
    post({ type: 'failed', id: request.id, message: (error as Error)?.message ?? String(error) });
  }
}

self.addEventListener('message', (event: MessageEvent<RunRequest | PageKeysMessage>) => {
  const message = event.data;
  if (message?.type === 'pageKeysComing') return expectPageKeys();
  if (message?.type === 'pageKeys') return receivePageKeys?.(labKeys(message.keys));
  const request = message;
  if (!request || request.type !== 'run' || typeof request.id !== 'number') return;
  latest = request.id;
  // A rejected link would skip every later request (then() passes a rejection on): serveSafely never rejects.
  queue = queue.then(() => serveSafely(request));
});
