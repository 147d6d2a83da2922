/**
 * docs/scenario-format.md and docs/xapi.md say what the code does: the examples are valid files, the limits table
 * is FILE_LIMITS, the shell recipe for a link makes a value the lab decodes, and the xAPI examples are JSON with the
 * documented verbs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS, decodeFileFromLink, parseFileText } from '../../src/sim/authoring/index';
import { LESSONS } from '../../src/sim/content/lessons/index';
import { fixtureText } from './helpers/scenarioFiles';

const doc = (name: string): string => readFileSync(fileURLToPath(new URL(`../../docs/${name}`, import.meta.url)), 'utf8');
const jsonBlocks = (text: string): string[] => [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
const format = doc('scenario-format.md');

describe('docs/scenario-format.md', () => {
  it('has a scenario and a lesson example, each a valid file', () => {
    const kinds = jsonBlocks(format).map((block) => {
      const read = parseFileText(block, LESSONS.map((l) => l.id));
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      return read.value.kind;
    });
    expect(kinds).toEqual(['scenario', 'lesson']);
  });

  it('lists every limit with the value of FILE_LIMITS', () => {
    const rows = [...format.matchAll(/^\| `(\w+)`[^|]*\| (\d+) \|$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(rows)).toEqual(FILE_LIMITS);
  });

  it('its shell recipe for a link (raw deflate, base64url) makes a value the lab decodes', () => {
    const text = fixtureText('acme-login.json');
    const value = deflateRawSync(Buffer.from(text)).toString('base64url');
    expect(decodeFileFromLink(value)).toEqual({ ok: true, value: JSON.parse(text) });
  });
});

describe('docs/xapi.md', () => {
  it('has one example statement per announcement, with its verb', () => {
    const statements = jsonBlocks(doc('xapi.md')).map((b) => JSON.parse(b) as { verb: { id: string }; object: { id: string } });
    expect(statements.map((s) => s.verb.id)).toEqual(['attempted', 'answered', 'completed'].map((v) => `http://adlnet.gov/expapi/verbs/${v}`));
    expect(statements[1]!.object.id).toBe(`${statements[0]!.object.id}/questions/acme-cart-backend`);
  });
});
