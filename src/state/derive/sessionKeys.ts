/**
 * Which nodes hold TLS session keys up to a step: an end derives them during its handshake (tls.keysDerived; the
 * TLS 1.1 engine reports only the completed handshake). Unlike the private keys, which are configuration and exist
 * before the run, session keys appear as the run goes.
 */
import type { NodeId, SimEvent } from '../../sim/index';

interface RunKeys {
  /** Each node with the first step at which it held session keys, in that order. */
  readonly first: ReadonlyArray<{ node: NodeId; index: number }>;
  readonly byStep: Map<number, readonly NodeId[]>;
}

const cache = new WeakMap<readonly SimEvent[], RunKeys>();

function firstHeld(events: readonly SimEvent[]): { node: NodeId; index: number }[] {
  const seen = new Set<NodeId>();
  const out: { node: NodeId; index: number }[] = [];
  events.forEach((e, index) => {
    if ((e.type === 'tls.keysDerived' || e.type === 'tls.handshakeCompleted') && !seen.has(e.node)) {
      seen.add(e.node);
      out.push({ node: e.node, index });
    }
  });
  return out;
}

/** The nodes holding session keys at step `upTo`, in the order they got them. */
export function sessionKeyHolders(events: readonly SimEvent[], upTo: number): readonly NodeId[] {
  let run = cache.get(events);
  if (!run) cache.set(events, (run = { first: firstHeld(events), byStep: new Map() }));
  let out = run.byStep.get(upTo);
  if (!out) run.byStep.set(upTo, (out = run.first.filter((f) => f.index <= upTo).map((f) => f.node)));
  return out;
}
