/**
 * The decrypted TLS 1.3 handshake, field by field: the client (an end of the session) reads the server's encrypted
 * flight message by message; the load balancer in passthrough and the eavesdropper read none of it; and the parser
 * never throws on a message cut off at any length.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findScenario, generateLabPki, runScenario } from '../../src/sim/engine';
import type { LabPki, SegmentSentEvent, Timeline } from '../../src/sim/engine';
import { parseInnerHandshake13, parseInnerHandshakeMessage13 } from '../../src/sim/observe/decoder/innerHandshakeFields13';
import type { InnerHandshakeMessage13 } from '../../src/sim/observe/decoder/innerHandshakeFields13';
import { decodeConnection } from '../../src/sim/observe/decoder/passiveDecoder';
import { keyringOf } from '../../src/sim/observe/visibility';
import { encodeCertificateRequest, encodeCertificateVerify, encodeEncryptedExtensions, encodeFinished, encodeKeyUpdate } from '../../src/sim/tlsShared/messages';

let pki: LabPki;
let t: Timeline;
beforeAll(async () => {
  pki = await generateLabPki();
  t = runScenario(findScenario('basic')!, { mode: 'passthrough', seed: 1, options: { protocol: 'tls1.3', eavesdroppers: true } }, pki);
}, 60_000);

const segments = (): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent' && e.payload.length > 0);
/** The segments of the server's first encrypted flight, as the client decrypted them (internet link, s2c). */
const flight = (): SegmentSentEvent[] => {
  const s2c = segments().filter((s) => s.link === 'internet' && s.direction === 's2c');
  const first = s2c[0]!;
  return s2c.filter((s) => s.connectionId === first.connectionId && (s.views.client?.decryptedHandshake?.length ?? 0) > 0);
};
const messagesOf = (segs: SegmentSentEvent[]) => segs.flatMap((s) => [...(s.views.client?.decryptedHandshake ?? [])]);
const field = (m: { fields: readonly { label: string; value: string; explanation?: string }[] } | undefined, label: string) => m?.fields.find((f) => f.label === label);

describe("the client's view of the server's encrypted flight (TLS 1.3, passthrough)", () => {
  it('lists EncryptedExtensions, Certificate, CertificateVerify and Finished, field by field', () => {
    const msgs = messagesOf(flight());
    expect(msgs.map((m) => m.typeName).slice(0, 4)).toEqual(['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']);
    const [ee, cert, cv, fin] = msgs;
    expect(field(ee, 'ALPN protocol name')?.value).toBe('http/1.1');
    expect(field(cert, 'Certificate 1 (leaf)')?.value).toMatch(/CN=shop\.example\.com/);
    expect(field(cert, 'Certificate request context')?.value).toBe('empty');
    expect(field(cert, 'Issuer')?.value).toBeTruthy();
    expect(field(cv, 'Signature scheme')?.value).toBe('rsa_pss_rsae_sha256');
    expect(field(cv, 'Signature length')?.value).toBe('256');
    expect(field(cv, 'Signature')?.value).toMatch(/^256 bytes: [0-9a-f]{64}…$/);
    expect(field(cv, 'Signature')?.explanation).toMatch(/^RSA-PSS signature over the transcript hash: proves the server holds the private key/);
    expect(field(fin, 'Verify data')?.value).toMatch(/^32 bytes: [0-9a-f]{64}$/);
    expect(field(fin, 'Verify data')?.explanation).toMatch(/^HMAC over the transcript with the finished key/);
    for (const m of msgs) expect(m.fields.find((f) => f.label === 'Error')).toBeUndefined();
  });

  it('the load balancer and the internet eavesdropper see the same segments without any decrypted message', () => {
    const segs = flight();
    expect(segs.length).toBeGreaterThan(0);
    for (const s of segs) {
      for (const observer of ['lb', 'eve-internet'] as const) {
        const view = s.views[observer]!;
        expect(view).toBeDefined();
        expect(view.decryptedHandshake).toBeUndefined();
        expect(view.readability).toBe('encrypted');
      }
    }
  });

  it("the client's own Finished is decrypted by the server end (backend-1), not by the LB", () => {
    const c2s = segments().filter((s) => s.link === 'internet' && s.direction === 'c2s');
    const own = c2s.find((s) => s.views.client?.decryptedHandshake?.some((m) => m.typeName === 'Finished'));
    expect(own).toBeDefined();
    expect(own!.views.lb?.decryptedHandshake).toBeUndefined();
  });
});

describe('parseInnerHandshakeMessage13 / parseInnerHandshake13 on crafted and cut-off input', () => {
  const alpn = new Uint8Array([0, 9, 8, ...new TextEncoder().encode('http/1.1')]);
  const sigAlgs = new Uint8Array([0, 4, 0x08, 0x04, 0x04, 0x03]);
  const samples = (): Uint8Array[] => [
    encodeEncryptedExtensions([[16, alpn]]),
    encodeCertificateRequest(new Uint8Array(0), [[13, sigAlgs]]),
    encodeCertificateVerify(0x0804, new Uint8Array(256).fill(7)),
    encodeFinished(new Uint8Array(32).fill(1)),
    encodeKeyUpdate(true),
    new Uint8Array([99, 0, 0, 3, 1, 2, 3]),
  ];

  it('reads CertificateRequest, KeyUpdate and an unknown type', () => {
    const [, cr, , , ku, other] = samples().map((m) => parseInnerHandshake13(m)[0]!);
    expect(cr!.typeName).toBe('CertificateRequest');
    expect(cr!.fields.filter((f) => f.label === 'Signature algorithm').map((f) => f.value)).toEqual(['rsa_pss_rsae_sha256', 'ecdsa_secp256r1_sha256']);
    expect(field(ku, 'Request update')?.value).toBe('update_requested (1)');
    expect(other!.typeName).toBe('Unknown(99)');
    expect(field(other, 'Message body')?.value).toBe('3 bytes');
    for (const m of [cr, ku, other]) expect(m!.error).toBeUndefined();
  });

  it('a message cut at every length never throws and says what went wrong', () => {
    const cert = flight().flatMap((s) => [...(s.views.client?.decryptedHandshake ?? [])]).length; // the run happened
    expect(cert).toBeGreaterThan(0);
    for (const msg of samples()) {
      const body = msg.subarray(4);
      for (let n = 0; n < body.length; n++) {
        let out: InnerHandshakeMessage13 | undefined;
        expect(() => { out = parseInnerHandshakeMessage13(msg[0]!, body.subarray(0, n), 'server', body.length); }).not.toThrow();
        expect(out!.error, `type ${msg[0]} cut at ${n}`).toBeTruthy();
        expect(out!.fields.at(-1)!.label).toBe('Error');
      }
      for (let n = 0; n <= msg.length; n++) expect(() => parseInnerHandshake13(msg.subarray(0, n))).not.toThrow();
    }
  });

  it('the real Certificate, cut at every length, never throws', () => {
    const recordBytes = realCertificate();
    const body = recordBytes.subarray(4);
    for (let n = 0; n < body.length; n += 1) {
      const out = parseInnerHandshakeMessage13(11, body.subarray(0, n), 'server', body.length);
      expect(out.error).toBeTruthy();
    }
    expect(parseInnerHandshakeMessage13(11, body).error).toBeUndefined();
  });
});

/** The server's Certificate message as the client decrypted it (the decoder's plaintext of that record). */
function realCertificate(): Uint8Array {
  const first = segments().find((s) => s.link === 'internet')!;
  const chunks = segments().filter((s) => s.connectionId === first.connectionId).map((s) => ({ direction: s.direction, bytes: s.payload }));
  const sources = { sessions: t.sessions, keyPlacement: t.keyPlacement, pki, eavesdroppers: true };
  const records = decodeConnection(chunks, keyringOf('client', sources)).flatMap((r) => r.records);
  const rec = records.find((r) => r.status === 'decrypted' && r.handshake13?.[0]?.typeName === 'Certificate');
  expect(rec?.plaintext?.[0]).toBe(11);
  return rec!.plaintext!;
}
