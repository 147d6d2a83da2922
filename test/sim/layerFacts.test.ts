/**
 * The engine hands typed facts across the layers (packet layers, observer views) and content words them: every
 * packet of every scenario in every mode has a reason code from the union, and content phrases every layer, every
 * reason and every handshake fact to a sentence. Rewording one of them cannot change what a panel decides.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODES, SCENARIOS, generateLabPki } from '../../src/sim/engine';
import type { LabPki } from '../../src/sim/engine';
import { VIEW_REASON_CODES, type ViewReason, type ViewReasonCode } from '../../src/sim/core/views';
import { handshakeFactsText, layerSummary, viewReasonText } from '../../src/sim/content/layerText';
import { createRunCache, segments } from './helpers/runCache';

let pki: LabPki;
const cachedRun = createRunCache(() => pki, 1);

beforeAll(async () => {
  pki = await generateLabPki();
});

const CODES: ReadonlySet<string> = new Set(VIEW_REASON_CODES);

/** A sentence: not empty, no placeholder leaked from a missing value. */
function expectSentence(text: string): void {
  expect(text.trim().length).toBeGreaterThan(3);
  expect(text).not.toMatch(/undefined|null|NaN|\[object/);
}

function expectKnownReason(reason: ViewReason): void {
  expect(CODES.has(reason.code), reason.code).toBe(true);
  if (reason.code === 'partial-record') expectKnownReason(reason.completesWith);
}

describe('every packet of every scenario in every mode', () => {
  for (const scenario of SCENARIOS) {
    for (const mode of MODES) {
      it(`${scenario.id} / ${mode}: typed reasons and facts, all worded by content`, () => {
        const { t } = cachedRun(scenario, mode);
        for (const packet of segments(t)) {
          for (const layer of packet.layers) expectSentence(layerSummary(layer));
          if (packet.payload.length > 0) {
            expect(Object.keys(packet.views).length).toBeGreaterThan(0);
            expectSentence(packet.label);
          }
          for (const view of Object.values(packet.views)) {
            if (!view) continue;
            expectKnownReason(view.reason);
            expectSentence(viewReasonText(view.reason));
            for (const fact of handshakeFactsText(view)) expectSentence(fact);
            // The convenience fields agree with the records they come from.
            if (view.handshake.sni) expect(view.handshake.records.some((r) => r.sni === view.handshake.sni)).toBe(true);
          }
        }
      });
    }
  }
});

/** One reason of each code: content has words for all of them (the Record type makes the table exhaustive). */
const SAMPLES: Readonly<Record<ViewReasonCode, ViewReason>> = {
  'cleartext-stream': { code: 'cleartext-stream' },
  'cleartext-proxy-header': { code: 'cleartext-proxy-header' },
  'cleartext-handshake': { code: 'cleartext-handshake' },
  'cleartext-change-cipher-spec': { code: 'cleartext-change-cipher-spec' },
  'cleartext-before-encryption': { code: 'cleartext-before-encryption' },
  'cleartext-tls13-hello': { code: 'cleartext-tls13-hello' },
  'cleartext-tls13-compat-ccs': { code: 'cleartext-tls13-compat-ccs' },
  'own-session-keys': { code: 'own-session-keys' },
  'own-resumed-session': { code: 'own-resumed-session' },
  'own-tls13-secret': { code: 'own-tls13-secret', side: 'server', secret: 'application', keyUpdates: 2 },
  'holds-private-key': { code: 'holds-private-key' },
  'no-key-for-session': { code: 'no-key-for-session', tls13: false },
  'forward-secrecy': { code: 'forward-secrecy', protocol: 'tls1.2', group: 'x25519' },
  'resumed-session-unknown': { code: 'resumed-session-unknown' },
  'client-hello-not-seen': { code: 'client-hello-not-seen' },
  'server-hello-not-seen': { code: 'server-hello-not-seen' },
  'client-key-exchange-not-seen': { code: 'client-key-exchange-not-seen' },
  'unsupported-ssl3': { code: 'unsupported-ssl3' },
  'unsupported-cipher-suite': { code: 'unsupported-cipher-suite', cipherSuite: 'TLS_RSA_WITH_RC4_128_MD5' },
  'pre-master-secret-rejected': { code: 'pre-master-secret-rejected', problem: 'length', length: 47 },
  'mac-check-failed': { code: 'mac-check-failed', check: 'hmac' },
  'malformed-record': { code: 'malformed-record', problem: 'cbc-length', length: 33, blockSize: 16, explicitIv: true },
  'secret-never-derived': { code: 'secret-never-derived' },
  'framing-mismatch': { code: 'framing-mismatch', negotiated: 'tls1.3' },
  'partial-record': { code: 'partial-record', completesWith: { code: 'no-key-for-session', tls13: true } },
  'record-continues': { code: 'record-continues', bufferedBytes: 1460 },
  'stream-ends-in-record': { code: 'stream-ends-in-record', bufferedBytes: 12 },
  'stream-out-of-sync': { code: 'stream-out-of-sync', problem: 'content type 71 (0x47) is not a TLS content type (20-24)' },
  'no-complete-record': { code: 'no-complete-record' },
};

describe('content words every reason code', () => {
  it('the list of codes is the union, once each', () => {
    expect([...VIEW_REASON_CODES].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const [code, reason] of Object.entries(SAMPLES)) {
    it(`${code}`, () => expectSentence(viewReasonText(reason)));
  }

  it('keeps the lessons of the old wording', () => {
    expect(viewReasonText(SAMPLES['no-key-for-session'])).toBe('encrypted: no key for this session (observer holds no private key matching the server certificate, and was not an endpoint)');
    expect(viewReasonText({ code: 'forward-secrecy', protocol: 'tls1.3', group: 'x25519' })).toMatch(/ephemeral x25519 keys that never crossed the wire.*\(forward secrecy\)$/);
    expect(viewReasonText(SAMPLES['holds-private-key'])).toMatch(/RSA key transport has no forward secrecy/);
    expect(viewReasonText(SAMPLES['own-tls13-secret'])).toBe("decrypted with the session's server application traffic secret (after 2 KeyUpdates) (this node is an endpoint of this TLS 1.3 session)");
    expect(viewReasonText(SAMPLES['partial-record'])).toMatch(/^first part of a TLS record that completes in a later segment; there: encrypted: no key/);
    expect(viewReasonText({ code: 'mac-check-failed', check: 'aead-tag' })).toMatch(/AES-GCM tag does not match/);
  });
});
