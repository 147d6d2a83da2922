import { LINK_KIND_LABELS, type LinkSummary } from '../../sim/index';
import { LOCK_PATH, UNLOCK_PATH } from './glyphs';
import type { Point } from './layout';

/** A link's name and, with a lock or an open lock, what a tap on it reads so far in this mode. */
export function LinkLabel({ at, name, summary }: { at: Point; name: string; summary: LinkSummary }) {
  const locked = summary.kind === 'encrypted';
  const state = LINK_KIND_LABELS[summary.kind];
  // Centred under the link's name (icon and words together), so a longer state never runs into the WAF badge
  // beside the load balancer; 15px text is about 8 units a character.
  const stateWidth = 14 + state.length * 8;
  return (
    <g className={`link-label link-label-${summary.kind}`} transform={`translate(${at.x} ${at.y})`}>
      <text className="link-name" textAnchor={at.x < 60 ? 'start' : 'middle'}>{name}</text>
      <g transform={`translate(${at.x < 60 ? 8 : -stateWidth / 2} 22)`}>
        <path d={locked ? LOCK_PATH : UNLOCK_PATH} transform="scale(1.6)" className="link-icon" />
        <text x={14} y={6} className="link-state">{state}</text>
      </g>
    </g>
  );
}
