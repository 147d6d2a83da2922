/**
 * postMessage loadScenario / loadLesson: the file field is exempt from the command's field limits but bounded by
 * the file limit (before it is read), and the parent hears scenarioLoaded / lessonLoaded or fileRejected.
 */
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../src/sim/index';
import { connectEmbedBridge } from '../../src/embed/bridge';
import { PROTOCOL, checkCommand, postedFileText } from '../../src/embed/messages';
import { createSimStore } from '../../src/state/store';
import { ACME_FILE, ACME_LESSON } from './helpers/trainerFiles';

const ORIGIN = 'https://docs.example.org';

function fakeFrame() {
  const sent: Array<Record<string, unknown>> = [];
  const listeners: Array<(event: MessageEvent) => void> = [];
  const parent = { postMessage: (message: Record<string, unknown>) => sent.push(message) };
  const win = {
    parent, document,
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.push(listener),
    removeEventListener: () => undefined,
  } as unknown as Window;
  return { win, sent, deliver: (data: unknown) => { for (const l of listeners) l({ origin: ORIGIN, source: parent, data } as unknown as MessageEvent); } };
}

/** Resolves once the parent has heard a message of one of these types (file loading waits for the lessons' ids). */
async function heard(sent: Array<Record<string, unknown>>, types: readonly string[]): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const found = sent.find((m) => types.includes(m.type as string));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`nothing of ${types.join(', ')} was sent: ${JSON.stringify(sent)}`);
}

describe('loadScenario and loadLesson commands', () => {
  it('carry the file as JSON text, whether posted as an object or a string', () => {
    expect(checkCommand({ protocol: PROTOCOL, type: 'loadScenario', file: ACME_FILE })).toEqual({ command: { type: 'loadScenario', text: JSON.stringify(ACME_FILE) } });
    expect(checkCommand({ protocol: PROTOCOL, type: 'loadLesson', file: '{"x":1}' })).toEqual({ command: { type: 'loadLesson', text: '{"x":1}' } });
    expect(checkCommand({ protocol: PROTOCOL, type: 'loadScenario' })).toMatchObject({ refused: expect.stringContaining('not a valid command') });
    // The exemption is the file field's only: any other object field is still refused.
    expect(checkCommand({ protocol: PROTOCOL, type: 'loadScenario', file: ACME_FILE, extra: {} })).toMatchObject({ refused: expect.stringContaining('"extra" is an object') });
    expect(checkCommand({ protocol: PROTOCOL, type: 'setMode', mode: 'offload', file: {} })).toMatchObject({ refused: expect.stringContaining('"file" is an object') });
  });

  it('a file over the limit is null before it is serialized, also a huge array or a cycle', () => {
    expect(postedFileText('x'.repeat(FILE_LIMITS.fileBytes + 1))).toBeNull();
    expect(postedFileText(new Array(2_000_000).fill(0))).toBeNull();
    const cyclic: Record<string, unknown> = { format: 'x' };
    cyclic.self = cyclic;
    expect(postedFileText(cyclic)).toBeNull();
    expect(postedFileText({ a: 'b' })).toBe('{"a":"b"}');
  });
});

describe('the bridge loads a posted file and answers the parent', () => {
  it('scenarioLoaded with the id, and the scenario is on screen', async () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const frame = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: ORIGIN, lockMode: false, win: frame.win });
    frame.deliver({ protocol: PROTOCOL, type: 'loadScenario', file: ACME_FILE });
    expect(await heard(frame.sent, ['scenarioLoaded', 'fileRejected'])).toEqual({ protocol: PROTOCOL, type: 'scenarioLoaded', id: 'acme-login' });
    expect(store.getState().scenarioId).toBe('acme-login');
    // setScenario knows the library's scenarios too; an unknown id is refused with a reason.
    frame.deliver({ protocol: PROTOCOL, type: 'setScenario', scenario: 'cart' });
    frame.deliver({ protocol: PROTOCOL, type: 'setScenario', scenario: 'acme-login' });
    expect(store.getState().scenarioId).toBe('acme-login');
    frame.deliver({ protocol: PROTOCOL, type: 'setScenario', scenario: 'no-such-scenario' });
    expect(frame.sent.at(-1)).toMatchObject({ type: 'rejected', reason: 'no such scenario: no-such-scenario' });
    bridge.dispose();
  });

  it('lessonLoaded for a lesson file posted as text', async () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const frame = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: ORIGIN, lockMode: false, win: frame.win });
    frame.deliver({ protocol: PROTOCOL, type: 'loadLesson', file: JSON.stringify(ACME_LESSON) });
    expect(await heard(frame.sent, ['lessonLoaded', 'fileRejected'])).toEqual({ protocol: PROTOCOL, type: 'lessonLoaded', id: 'acme-onboarding' });
    expect(store.getState().lesson).toEqual({ id: 'acme-onboarding', beat: 0 });
    bridge.dispose();
  });

  it('fileRejected with the problems in words for a bad file, a file of the other kind and an oversized one', async () => {
    const store = createSimStore({ scenarioId: 'cart', mode: 'passthrough', seed: 1 });
    const frame = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: ORIGIN, lockMode: false, win: frame.win });
    frame.deliver({ protocol: PROTOCOL, type: 'loadScenario', file: { ...ACME_FILE, requests: [{ method: 'GET', path: '/', body: 1 }] } });
    expect(await heard(frame.sent, ['scenarioLoaded', 'fileRejected'])).toEqual({ protocol: PROTOCOL, type: 'fileRejected', problems: [expect.stringMatching(/^requests\[0\]\.body: /)] });
    frame.sent.length = 0;
    frame.deliver({ protocol: PROTOCOL, type: 'loadLesson', file: ACME_FILE });
    expect(await heard(frame.sent, ['lessonLoaded', 'fileRejected'])).toMatchObject({ type: 'fileRejected', problems: [expect.stringMatching(/^format: /)] });
    frame.sent.length = 0;
    frame.deliver({ protocol: PROTOCOL, type: 'loadScenario', file: { padding: 'x'.repeat(FILE_LIMITS.fileBytes) } });
    expect(await heard(frame.sent, ['scenarioLoaded', 'fileRejected'])).toMatchObject({ type: 'fileRejected', problems: [expect.stringMatching(/larger than 256 KB/)] });
    expect(store.getState()).toMatchObject({ scenarioId: 'cart', library: { scenarios: [], lessons: [] } });
    bridge.dispose();
  });
});
