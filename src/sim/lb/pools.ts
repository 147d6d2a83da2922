/**
 * Which backends may serve a connection or request. With pool routing on, api.example.com and /api/* go to an
 * API pool (backend-3) and everything else to the web pool (backend-1, backend-2). A passthrough LB can only
 * use the SNI it read in the ClientHello; the path is inside the encryption (MODES.md: routing by path: no).
 */
import { API_HOSTNAME, BACKENDS, type BackendInfo } from '../net/topology';
import type { RunOptions } from '../scenarios/types';

export type PoolName = 'all' | 'web' | 'api';

export interface PoolChoice {
  readonly pool: PoolName;
  readonly backends: readonly BackendInfo[];
  readonly reason: string;
}

const WEB = BACKENDS.filter((b) => b.id !== 'backend-3');
const API = BACKENDS.filter((b) => b.id === 'backend-3');

export function choosePool(options: RunOptions, seen: { serverName?: string | null; host?: string; path?: string }): PoolChoice {
  if (!options.poolRouting) return { pool: 'all', backends: BACKENDS, reason: 'one pool of three backends' };
  const name = (seen.host ?? seen.serverName ?? '').toLowerCase().replace(/:\d+$/, '');
  if (name === API_HOSTNAME) return { pool: 'api', backends: API, reason: `${seen.host !== undefined ? 'Host' : 'SNI'} ${name} → API pool` };
  if (seen.path !== undefined && (seen.path === '/api' || seen.path.startsWith('/api/'))) {
    return { pool: 'api', backends: API, reason: `path ${seen.path} → API pool` };
  }
  const why = seen.path !== undefined ? `path ${seen.path}` : `SNI ${name || '(none)'}; the path is encrypted, so /api/* cannot be told apart`;
  return { pool: 'web', backends: WEB, reason: `${why} → web pool` };
}
