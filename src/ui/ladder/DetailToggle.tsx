import { selectDetail } from '../../state/selectors';
import { useSim } from '../SimContext';

/** "Show every packet": the expert's full ladder, or (unchecked) the run as its key moments. */
export function DetailToggle() {
  const detail = useSim(selectDetail);
  const setDetail = useSim((s) => s.setDetail);
  return (
    <label className="detail-toggle">
      <input type="checkbox" checked={detail === 'packets'} onChange={(e) => setDetail(e.currentTarget.checked ? 'packets' : 'moments')} />
      Show every packet
    </label>
  );
}
