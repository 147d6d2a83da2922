import type { ReactNode } from 'react';
import { KEY_PATH } from './glyphs';
import type { Point } from './layout';

export interface TopologyNodeProps {
  readonly at: Point;
  readonly title: string;
  readonly subtitle: string;
  /** "holds the site key": shown with a key glyph under the box. */
  readonly keyNote?: string;
  /** Current step involves this node: a thicker, dashed outline (not colour alone). */
  readonly active: boolean;
  readonly kind: 'host' | 'lb' | 'eavesdropper';
  readonly dimmed?: boolean;
  readonly width: number;
  readonly children?: ReactNode;
}

/** One box of the topology: name, address, and the keys it holds in this mode. */
export function TopologyNode({ at, title, subtitle, keyNote, active, kind, dimmed, width, children }: TopologyNodeProps) {
  const height = 58;
  return (
    <g className={`topo-node topo-${kind}${active ? ' active' : ''}${dimmed ? ' dimmed' : ''}`} transform={`translate(${at.x} ${at.y})`}>
      <rect x={-width / 2} y={-height / 2} width={width} height={height} rx={kind === 'eavesdropper' ? 29 : 8} className="topo-box" />
      <text className="topo-title" y={-5} textAnchor="middle">{title}</text>
      <text className="topo-sub" y={17} textAnchor="middle">{subtitle}</text>
      {keyNote && (
        <g className="topo-key" transform={`translate(${-width / 2 + 10} ${height / 2 + 16})`}>
          <path d={KEY_PATH} transform="translate(4 0)" />
          <text x={18} y={5}>{keyNote}</text>
        </g>
      )}
      {children}
    </g>
  );
}
