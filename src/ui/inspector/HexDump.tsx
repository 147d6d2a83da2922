import { memo, type CSSProperties, type MouseEvent } from 'react';

const hex = (b: number): string => b.toString(16).padStart(2, '0');
const printable = (b: number): string => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/** A run of bytes rendered as one text node; `at` is the offset of its first byte. */
function Segment({ bytes, at, kind, on }: { bytes: Uint8Array; at: number; kind: 'hex' | 'ascii'; on: boolean }) {
  if (bytes.length === 0) return null;
  // Three characters per byte in the hex column ("4a "), one in the ASCII column: the hover maths relies on it.
  const text = kind === 'hex' ? Array.from(bytes, (b) => `${hex(b)} `).join('') : Array.from(bytes, printable).join('');
  const Tag = on ? 'mark' : 'span';
  return <Tag data-at={at} data-kind={kind}>{text}</Tag>;
}

interface RowProps {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly perRow: number;
  /** Highlighted range clipped to this row (start inclusive, end exclusive); from = to = -1 for none. */
  readonly from: number;
  readonly to: number;
}

/**
 * One line of the dump, as a few text runs (before, highlighted, after) rather than one element per byte: a
 * 1460-byte segment stays a few hundred nodes, cheap to lay out while the playback runs.
 */
const HexRow = memo(function HexRow({ bytes, start, perRow, from, to }: RowProps) {
  const a = from < 0 ? bytes.length : from - start;
  const b = to < 0 ? bytes.length : to - start;
  const parts = (kind: 'hex' | 'ascii') => [
    <Segment key="a" bytes={bytes.subarray(0, a)} at={start} kind={kind} on={false} />,
    <Segment key="b" bytes={bytes.subarray(a, b)} at={start + a} kind={kind} on />,
    <Segment key="c" bytes={bytes.subarray(b)} at={start + b} kind={kind} on={false} />,
  ];
  const pad = ' '.repeat(Math.max(0, perRow - bytes.length) * 3);
  return (
    <div className="hex-row">
      <span className="hex-offset">{start.toString(16).padStart(4, '0')}</span>
      {'  '}
      {parts('hex')}
      {`${pad} `}
      {parts('ascii')}
    </div>
  );
});

export interface HexDumpProps {
  readonly payload: Uint8Array;
  /** Bytes per row: 16 as in Wireshark, 8 on a phone. */
  readonly perRow: number;
  readonly highlight: { readonly offset: number; readonly length: number } | null;
  readonly onHoverByte: (offset: number | null) => void;
}

/** The byte under the pointer, from the text run and the character offset inside it. */
function byteAt(event: MouseEvent<HTMLDivElement>): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const position = doc.caretPositionFromPoint?.(event.clientX, event.clientY)
    ?? (() => {
      const range = document.caretRangeFromPoint?.(event.clientX, event.clientY);
      return range ? { offsetNode: range.startContainer, offset: range.startOffset } : null;
    })();
  const run = position?.offsetNode.parentElement;
  if (!position || !run?.dataset.at) return null;
  const at = Number(run.dataset.at);
  return run.dataset.kind === 'hex' ? at + Math.floor(position.offset / 3) : at + position.offset;
}

/** The TCP payload as Wireshark shows it; hovering a byte highlights its field, and a field's bytes light up here. */
export function HexDump({ payload, perRow, highlight, onHoverByte }: HexDumpProps) {
  if (payload.length === 0) return <p className="hex-empty">No payload: this segment carries only the TCP/IP header.</p>;
  const from = highlight ? highlight.offset : -1;
  const to = highlight ? highlight.offset + highlight.length : -1;
  const rows: number[] = [];
  for (let start = 0; start < payload.length; start += perRow) rows.push(start);
  return (
    <div className="hexdump" role="group" tabIndex={0} aria-label={`Hex dump of the TCP payload, ${payload.length} bytes`}
      onMouseMove={(e) => onHoverByte(byteAt(e))} onMouseLeave={() => onHoverByte(null)} style={{ '--per-row': perRow } as CSSProperties}>
      {rows.map((start) => {
        const end = start + perRow;
        const overlaps = from < end && to > start;
        return (
          <HexRow key={start} bytes={payload.subarray(start, end)} start={start} perRow={perRow}
            from={overlaps ? Math.max(from, start) : -1} to={overlaps ? Math.min(to, end) : -1} />
        );
      })}
    </div>
  );
}
