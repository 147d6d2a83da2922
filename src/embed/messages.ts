/**
 * The postMessage protocol between an embedded simulator and the page around it (documented in
 * docs/embedding.md). Every message is an object tagged with PROTOCOL; anything else — including node-forge's
 * own 'forge.setImmediate' strings — is not ours and is ignored.
 */
import { MODES, SCENARIOS, TLS_PROTOCOLS, type Mode, type TlsProtocol } from '../sim/index';

export const PROTOCOL = 'passthrough-lab/1';

export type Command =
  | { readonly type: 'setMode'; readonly mode: Mode }
  /** The TLS version of the run ("tls1.3"); the field is not called `protocol`, which tags every message. */
  | { readonly type: 'setTlsVersion'; readonly version: TlsProtocol }
  | { readonly type: 'setScenario'; readonly scenario: string }
  | { readonly type: 'seek'; readonly step: number }
  | { readonly type: 'play' }
  | { readonly type: 'pause' };

export type Announcement =
  | { readonly type: 'ready'; readonly mode: Mode; readonly tlsVersion: TlsProtocol; readonly scenario: string; readonly steps: number }
  | { readonly type: 'step'; readonly step: number; readonly steps: number; readonly mode: Mode; readonly tlsVersion: TlsProtocol }
  | { readonly type: 'mode'; readonly mode: Mode }
  | { readonly type: 'resize'; readonly height: number }
  | { readonly type: 'error'; readonly message: string };

/** Validates an incoming message; null for anything that is not a well-formed command of this protocol. */
export function parseCommand(data: unknown): Command | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const m = data as Record<string, unknown>;
  if (m.protocol !== PROTOCOL) return null;
  switch (m.type) {
    case 'setMode':
      return typeof m.mode === 'string' && (MODES as readonly string[]).includes(m.mode) ? { type: 'setMode', mode: m.mode as Mode } : null;
    case 'setTlsVersion':
      return typeof m.version === 'string' && (TLS_PROTOCOLS as readonly string[]).includes(m.version) ? { type: 'setTlsVersion', version: m.version as TlsProtocol } : null;
    case 'setScenario':
      return typeof m.scenario === 'string' && SCENARIOS.some((s) => s.id === m.scenario) ? { type: 'setScenario', scenario: m.scenario } : null;
    case 'seek':
      return Number.isInteger(m.step) && (m.step as number) >= 0 && (m.step as number) <= 100_000 ? { type: 'seek', step: m.step as number } : null;
    case 'play':
    case 'pause':
      return { type: m.type };
    default:
      return null;
  }
}

export function envelope(announcement: Announcement): Announcement & { protocol: string } {
  return { protocol: PROTOCOL, ...announcement };
}
