/**
 * The `#scenario=` codec: a file survives encode -> decode, the link alphabet is URL-safe, and the guards hold on
 * the malformed links of test/fixtures/scenario-files/malformed/links.json (a deflate bomb, an over-long value,
 * damaged and non-JSON values).
 */
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS, LINK_LIMIT, decodeFileFromLink, encodeFileForLink, linkTooLong, parseScenarioFile, scenarioToFile } from '../../src/sim/authoring/index';
import { SCENARIOS } from '../../src/sim/scenarios/catalog';
import { inflateBounded } from '../../src/sim/authoring/link';
import { MALFORMED_LINKS, fixtureText } from './helpers/scenarioFiles';

const key = (p: { path: string; code: string }): string => `${p.path} ${p.code}`;

describe('encodeFileForLink / decodeFileFromLink', () => {
  it('round-trips the acme file, in base64url without padding', () => {
    const file = JSON.parse(fixtureText('acme-login.json')) as object;
    const link = encodeFileForLink(file);
    expect(link).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(JSON.stringify(file).length);
    expect(decodeFileFromLink(link)).toEqual({ ok: true, value: file });
  });

  it('carries every built-in scenario\'s saved file in a link that loads back', () => {
    for (const s of SCENARIOS) {
      const file = scenarioToFile(s);
      expect(linkTooLong(file), s.id).toBeNull();
      const decoded = decodeFileFromLink(encodeFileForLink(file));
      expect(decoded.ok && parseScenarioFile(decoded.value).ok, s.id).toBe(true);
    }
  });

  it('keeps non-ASCII text intact', () => {
    const file = { title: 'Caf\u00e9 \u{1F512} \u00fcber' };
    expect(decodeFileFromLink(encodeFileForLink(file))).toEqual({ ok: true, value: file });
  });

  it.each(MALFORMED_LINKS.map((l) => [l.name, l] as const))('%s is refused with its problem', (_name, l) => {
    const decoded = decodeFileFromLink(l.link);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problems.map(key)).toEqual(l.expect.map(key));
  });

  it('stops inflating a bomb early instead of unpacking it all', () => {
    const bomb = MALFORMED_LINKS.find((l) => l.name === 'deflate-bomb')!;
    expect(bomb.link.length).toBeLessThanOrEqual(LINK_LIMIT);
    // 50 MB of zeros in about 50 KB of deflate: the inflater stops within the first few KB of it.
    const big = deflateSync(new Uint8Array(50 * 1024 * 1024));
    const result = inflateBounded(big, FILE_LIMITS.fileBytes);
    expect('stoppedAt' in result && result.stoppedAt).toBeLessThan(big.length / 10);
  });

  it('accepts a text of exactly the size limit after inflating, and refuses one byte more', () => {
    const sized = (n: number): string => {
      const skeleton = '{"t":""}';
      return encodeLinkOf(`{"t":"${'x'.repeat(n - skeleton.length)}"}`);
    };
    expect(decodeFileFromLink(sized(FILE_LIMITS.fileBytes)).ok).toBe(true);
    expect(decodeFileFromLink(sized(FILE_LIMITS.fileBytes + 1))).toMatchObject({ ok: false, problems: [{ code: 'too-large-after-inflate' }] });
  });
});

describe('linkTooLong', () => {
  it('says when a file is too long for a link, with the limit and the length', () => {
    // Random-looking text hardly compresses: 14,000 hex digits (7,000 bytes of entropy) from the high bits of an LCG.
    let x = 1;
    const noise = Array.from({ length: 14_000 }, () => (((x = (x * 1103515245 + 12345) % 2 ** 31) >>> 16) % 16).toString(16)).join('');
    const problem = linkTooLong({ title: noise });
    expect(problem).toMatchObject({ path: '', code: 'link-too-long', limit: LINK_LIMIT });
    expect(Number(problem!.value)).toBeGreaterThan(LINK_LIMIT);
    expect(linkTooLong({ title: 'short' })).toBeNull();
  });
});

function encodeLinkOf(text: string): string {
  const bytes = deflateSync(strToU8(text));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
