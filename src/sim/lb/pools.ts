/**
 * Which backends may serve a connection or request. With pool routing on, the API's name (api.example.com) and /api/* go to an
 * API pool (backend-3) and everything else to the web pool (backend-1, backend-2). A passthrough LB can only
 * use the SNI it read in the ClientHello; the path is inside the encryption (MODES.md: routing by path: no).
 */
import { BACKENDS, type BackendInfo } from '../net/topology';
import type { SiteNames } from '../net/siteNames';
import type { PoolChoiceFacts, PoolName } from '../core/reasons';
import type { RunOptions } from '../scenarios/types';

export type { PoolName };

export interface PoolChoice {
  readonly pool: PoolName;
  readonly backends: readonly BackendInfo[];
  readonly why: PoolChoiceFacts;
}

const WEB = BACKENDS.filter((b) => b.id !== 'backend-3');
const API = BACKENDS.filter((b) => b.id === 'backend-3');

export function choosePool(options: RunOptions, names: SiteNames, seen: { serverName?: string | null; host?: string; path?: string }): PoolChoice {
  if (!options.poolRouting) return { pool: 'all', backends: BACKENDS, why: { pool: 'all', by: 'single' } };
  const name = (seen.host ?? seen.serverName ?? '').toLowerCase().replace(/:\d+$/, '');
  if (name === names.api) return { pool: 'api', backends: API, why: { pool: 'api', by: seen.host !== undefined ? 'host' : 'sni', name } };
  if (seen.path !== undefined && (seen.path === '/api' || seen.path.startsWith('/api/'))) {
    return { pool: 'api', backends: API, why: { pool: 'api', by: 'path', path: seen.path } };
  }
  return { pool: 'web', backends: WEB, why: seen.path !== undefined ? { pool: 'web', by: 'path', path: seen.path } : { pool: 'web', by: 'sni', name } };
}
