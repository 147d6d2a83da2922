import { lazy, Suspense } from 'react';
import { BACKENDS, CLIENT_ADDRESS, keyNoteText, LB_INTERNAL_ADDRESS, LB_VIP, MODE_LABELS, verdictText, type BackendId, type LinkId, type LinkSummary, type NodeId, type SimEvent } from '../../sim/index';
import { activeBackendAt } from '../../state/derive/activeBackend';
import { capabilities } from '../../state/derive/capabilities';
import { isPacket } from '../../state/derive/events';
import { linkSummaries } from '../../state/derive/linkReadability';
import { outcomesUpTo } from '../../state/derive/outcomes';
import { sessionKeyHolders } from '../../state/derive/sessionKeys';
import { selectCurrentRun, selectCursor, selectMode } from '../../state/selectors';
import { useSim } from '../SimContext';
import { useContent } from '../useContent';
import { useMediaQuery } from '../useMediaQuery';
import { TALL, WIDE } from './layout';
import { LinkLabel } from './LinkLabel';
import { OutcomeBanner } from './OutcomeBanner';
import { StageCaption } from './StageCaption';
import { TopologyNode } from './TopologyNode';

const NODE_ADDRESSES: Readonly<Record<NodeId, string>> = {
  client: CLIENT_ADDRESS, lb: `${LB_VIP} / ${LB_INTERNAL_ADDRESS}`,
  ...Object.fromEntries(BACKENDS.map((b) => [b.id, b.address])) as Record<Exclude<NodeId, 'client' | 'lb'>, string>,
};

// The packets and framer-motion come after the first paint; the network itself is drawn at once.
const PacketLayer = lazy(() => import('./PacketLayer'));

const NO_EVENTS: readonly SimEvent[] = [];
const NO_NODES: readonly NodeId[] = [];
/** A key per run, so packets of a new run (another mode, new options) mount afresh. */
const runKeys = new WeakMap<readonly SimEvent[], string>();
let runCount = 0;
function runKeyOf(events: readonly SimEvent[]): string {
  let key = runKeys.get(events);
  if (!key) runKeys.set(events, (key = `run${++runCount}`));
  return key;
}
const WAITING: LinkSummary = { kind: 'idle', readable: [], quiet: 'waiting' };
const WAITING_LINKS: Readonly<Record<LinkId, LinkSummary>> = { internet: WAITING, internal: WAITING };

function activeNodes(event: SimEvent | undefined): ReadonlySet<string> {
  if (!event) return new Set();
  return new Set(isPacket(event) ? [event.from, event.to] : [event.node]);
}

/** A backend's branch of the internal network: the one this connection goes to, one it does not, or no choice yet. */
function branchClass(backend: BackendId, active: BackendId | null): string {
  return active === null ? '' : active === backend ? ' branch-active' : ' branch-other';
}

/**
 * The network: client, internet link, load balancer with its WAF, internal network, three backends and the two
 * eavesdroppers, with the packets of the current moment on the wire. Everything it says is as of the current step
 * (events 0..cursor): what a tap on each link has been able to read, the WAF's verdicts so far, who holds session
 * keys, which backend this connection goes to, and, once decided, how the run ended.
 */
export function Topology() {
  const run = useSim(selectCurrentRun);
  const cursor = useSim(selectCursor);
  const mode = useSim(selectMode);
  const inspect = useSim((s) => s.inspect);
  const content = useContent(run !== undefined);
  const layout = useMediaQuery('(max-width: 560px)') ? TALL : WIDE;
  const events = run?.timeline.events ?? NO_EVENTS;
  // Before the first run arrives the network is drawn without traffic, so the page is useful at once.
  const timeline = run?.timeline;
  const links = run ? linkSummaries(events, cursor) : WAITING_LINKS;
  const waf = timeline ? capabilities(events, timeline.options, cursor).find((c) => c.id === 'waf') : undefined;
  const active = activeNodes(events[cursor]);
  const activeBackend = run ? activeBackendAt(events, cursor) : undefined;
  const sessionHolders = run ? sessionKeyHolders(events, cursor) : undefined;
  const eavesdroppers = timeline?.options.eavesdroppers ?? true;
  // The private keys are configuration, in place before the first packet; session keys appear as the run goes.
  const keys = timeline?.keyPlacement;
  const keyNote = (node: NodeId): string | undefined => keyNoteText(keys?.[node] ?? [], (sessionHolders ?? NO_NODES).includes(node));
  // Roughly 8 units per character at the badge's 14px bold font.
  const wafVerdict = waf ? verdictText(waf.verdict) : '';
  const wafWidth = Math.max(150, (waf ? `WAF: ${wafVerdict}`.length : 10) * 8.2 + 24);
  const boxWidth = layout.name === 'wide' ? 170 : 116;
  const n = layout.nodes;
  const line = (a: { x: number; y: number }, b: { x: number; y: number }, cls: string, key: string) => (
    <line key={key} x1={a.x} y1={a.y} x2={b.x} y2={b.y} className={cls} />
  );
  return (
    <figure className="topology" aria-labelledby="topology-caption-title">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} className={`topology-svg layout-${layout.name}`} role="img"
        aria-label={`Network topology in ${MODE_LABELS[mode]} mode: client, internet link, load balancer with WAF, internal network, three backends and two eavesdroppers.`}>
        {line(n.client, n.lb, `topo-link link-${links.internet.kind}`, 'internet')}
        {line(n.lb, layout.hub, `topo-link link-${links.internal.kind}`, 'lb-hub')}
        {BACKENDS.map((b) => line(layout.hub, n[b.id], `topo-link link-${links.internal.kind}${branchClass(b.id, activeBackend ?? null)}`, b.id))}
        {line(n['eve-internet'], layout.taps['eve-internet'], `topo-tap${eavesdroppers ? '' : ' dimmed'}`, 'tap1')}
        {line(n['eve-internal'], layout.taps['eve-internal'], `topo-tap${eavesdroppers ? '' : ' dimmed'}`, 'tap2')}
        <circle cx={layout.hub.x} cy={layout.hub.y} r={9} className="topo-hub" />
        <LinkLabel at={layout.labels.internet} name="Internet" summary={links.internet} />
        <LinkLabel at={layout.labels.internal} name="Internal network" summary={links.internal} />
        <TopologyNode at={n.client} title="Client" subtitle={NODE_ADDRESSES.client} keyNote={keyNote('client')} active={active.has('client')} kind="host" width={boxWidth} />
        <TopologyNode at={n.lb} title="Load balancer" subtitle={NODE_ADDRESSES.lb} keyNote={keyNote('lb')} active={active.has('lb')} kind="lb" width={boxWidth + 30}>
          {waf && (
            <g key={wafVerdict} className={`waf-badge waf-${waf.status}`} transform="translate(0 -52)">
              <rect x={-wafWidth / 2} y={-14} width={wafWidth} height={26} rx={13} />
              <text y={4} textAnchor="middle">{`WAF: ${wafVerdict}`}</text>
            </g>
          )}
        </TopologyNode>
        {BACKENDS.map((b) => (
          <TopologyNode key={b.id} at={n[b.id]} title={b.name} subtitle={NODE_ADDRESSES[b.id]} keyNote={keyNote(b.id)} active={active.has(b.id)} kind="host" width={boxWidth} />
        ))}
        <TopologyNode at={n['eve-internet']} title="Eavesdropper" subtitle={eavesdroppers ? 'on the internet' : 'switched off'} active={false} kind="eavesdropper" dimmed={!eavesdroppers} width={boxWidth} />
        <TopologyNode at={n['eve-internal']} title="Eavesdropper" subtitle={eavesdroppers ? 'on the internal net' : 'switched off'} active={false} kind="eavesdropper" dimmed={!eavesdroppers} width={boxWidth} />
        {run && (
          <Suspense fallback={null}>
            <PacketLayer events={events} cursor={cursor} layout={layout} runKey={runKeyOf(events)} onInspect={inspect} />
          </Suspense>
        )}
      </svg>
      {timeline && <OutcomeBanner outcomes={outcomesUpTo(timeline, cursor)} content={content} />}
      <StageCaption links={links} waf={waf} keys={keys} sessionHolders={sessionHolders} activeBackend={activeBackend} eavesdroppers={eavesdroppers} events={events} mode={mode} content={content} />
    </figure>
  );
}
