/**
 * The postMessage bridge against a fake parent window: oversized commands are refused with a reason, and a seek
 * past the last step lands on the last step and says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { connectEmbedBridge } from '../../src/embed/bridge';
import { COMMAND_LIMITS, PROTOCOL } from '../../src/embed/messages';
import { createSimStore, type ModeRun, type SimStore } from '../../src/state/store';
import type { Mode } from '../../src/sim/index';
import { runAllModes } from './helpers/timelines';

const ORIGIN = 'https://docs.example.org';

interface FakeFrame {
  readonly win: Window;
  readonly sent: Array<Record<string, unknown>>;
  /** Delivers a message as if the parent had posted it. */
  deliver(data: unknown): void;
}

function fakeFrame(): FakeFrame {
  const sent: Array<Record<string, unknown>> = [];
  const listeners: Array<(event: MessageEvent) => void> = [];
  const parent = { postMessage: (message: Record<string, unknown>) => sent.push(message) };
  const win = {
    parent,
    document,
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.push(listener),
    removeEventListener: () => undefined,
  } as unknown as Window;
  return {
    win, sent,
    deliver: (data) => { for (const l of listeners) l({ origin: ORIGIN, source: parent, data } as unknown as MessageEvent); },
  };
}

let runs: Record<Mode, ModeRun>;
beforeAll(async () => {
  runs = await runAllModes('basic');
});

function readyStore(): SimStore {
  const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
  for (const mode of ['passthrough', 'offload', 'bridge'] as const) store.getState().storeRun(mode, runs[mode]);
  return store;
}

describe('embed bridge', () => {
  it('refuses a command with a two-million-element extra field, says why, and keeps working', () => {
    const store = readyStore();
    const frame = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: ORIGIN, lockMode: false, win: frame.win });
    frame.deliver({ protocol: PROTOCOL, type: 'setMode', mode: 'offload', padding: new Array(2_000_000).fill(0) });
    expect(store.getState().mode).toBe('passthrough');
    expect(frame.sent.at(-1)).toMatchObject({ protocol: PROTOCOL, type: 'rejected', reason: expect.stringContaining('"padding" is an object or array') });

    frame.deliver({ protocol: PROTOCOL, type: 'setScenario', scenario: 'x'.repeat(COMMAND_LIMITS.stringLength + 1) });
    expect(frame.sent.at(-1)).toMatchObject({ type: 'rejected', reason: expect.stringContaining(`longer than ${COMMAND_LIMITS.stringLength}`) });
    const manyFields = Object.fromEntries(Array.from({ length: COMMAND_LIMITS.fields + 1 }, (_, i) => [`f${i}`, i]));
    frame.deliver({ ...manyFields, protocol: PROTOCOL, type: 'play' });
    expect(frame.sent.at(-1)).toMatchObject({ type: 'rejected', reason: expect.stringContaining(`at most ${COMMAND_LIMITS.fields} fields`) });

    // A well-formed command still works afterwards.
    frame.deliver({ protocol: PROTOCOL, type: 'setMode', mode: 'offload' });
    expect(store.getState().mode).toBe('offload');
    bridge.dispose();
  });

  it('ignores messages of other protocols without answering (node-forge posts strings to its own window)', () => {
    const frame = fakeFrame();
    const bridge = connectEmbedBridge(readyStore(), { parentOrigin: ORIGIN, lockMode: false, win: frame.win });
    const before = frame.sent.length;
    frame.deliver('forge.setImmediate');
    frame.deliver({ protocol: 'other/1', type: 'play', big: new Array(10).fill(0) });
    expect(frame.sent.length).toBe(before);
    bridge.dispose();
  });

  it('seek beyond the last step lands on the last step and announces it, also when already there', () => {
    const store = readyStore();
    const frame = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: ORIGIN, lockMode: false, win: frame.win });
    const steps = runs.passthrough.timeline.events.length;
    frame.deliver({ protocol: PROTOCOL, type: 'seek', step: 5000 });
    expect(store.getState().cursor).toBe(steps - 1);
    expect(frame.sent.at(-1)).toMatchObject({ type: 'step', step: steps - 1, steps });
    const count = frame.sent.length;
    frame.deliver({ protocol: PROTOCOL, type: 'seek', step: 5000 });
    expect(frame.sent.length).toBe(count + 1);
    expect(frame.sent.at(-1)).toMatchObject({ type: 'step', step: steps - 1, steps });
    bridge.dispose();
  });

  it('announces lessonStarted, every checked answer and lessonCompleted to the parent', () => {
    const store = readyStore();
    const frame = fakeFrame();
    const bridge = connectEmbedBridge(store, { parentOrigin: ORIGIN, lockMode: false, win: frame.win });
    const s = store.getState();
    s.openLesson('who-reads-the-password', 1);
    s.recordAnswer('password-readers-passthrough', false, ['lb']);
    s.recordAnswer('password-readers-passthrough', true, ['client', 'backend-1']);
    s.openLesson('who-reads-the-password', 3);
    s.completeLesson('who-reads-the-password');
    const lessonMessages = frame.sent.filter((m) => ['lessonStarted', 'answered', 'lessonCompleted'].includes(m.type as string));
    expect(lessonMessages).toEqual([
      { protocol: PROTOCOL, type: 'lessonStarted', lesson: 'who-reads-the-password' },
      { protocol: PROTOCOL, type: 'answered', lesson: 'who-reads-the-password', question: 'password-readers-passthrough', correct: false, choice: ['lb'] },
      { protocol: PROTOCOL, type: 'answered', lesson: 'who-reads-the-password', question: 'password-readers-passthrough', correct: true, choice: ['client', 'backend-1'] },
      { protocol: PROTOCOL, type: 'lessonCompleted', lesson: 'who-reads-the-password', answered: 1, correct: 1 },
    ]);
    bridge.dispose();
  });

  it('a beat on the runs already there switches mode and finds its step without computing again', () => {
    const store = readyStore();
    const generation = store.getState().generation;
    store.getState().applyBeat({ scenarioId: 'basic', mode: 'offload', step: { at: 'event', match: { type: 'waf.inspected' } } });
    const s = store.getState();
    expect(s.generation).toBe(generation);
    expect(s.mode).toBe('offload');
    expect(runs.offload.timeline.events[s.cursor]?.type).toBe('waf.inspected');
    store.getState().applyBeat({ scenarioId: 'sqli', mode: 'passthrough', options: { waf: false } });
    expect(store.getState()).toMatchObject({ generation: generation + 1, scenarioId: 'sqli', options: { waf: false }, pendingStep: { at: 'start' }, runs: {} });
  });
});

