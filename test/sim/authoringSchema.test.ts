/**
 * The JSON Schema files (docs/schema/*-v1.schema.json) agree with the validator: they accept every valid fixture,
 * reject every malformed fixture a schema can express, and carry the engine's own lists and limits. The few rules
 * only the validator can check (references between fields, duplicates by a key, names that must differ, the text
 * before it is JSON) are listed below by fixture, with the reason; the schemas accept those files.
 * ajv is a devDependency of this test only; nothing in src/ imports it.
 */
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS, FILE_METHODS } from '../../src/sim/authoring/limits';
import { EVENT_TYPES, QUESTION_KINDS, REQUIREMENTS } from '../../src/sim/authoring/vocabulary';
import { LESSONS } from '../../src/sim/content/lessons/index';
import { SCENARIOS } from '../../src/sim/scenarios/catalog';
import { DEFAULT_OPTIONS } from '../../src/sim/scenarios/types';
import { OPTION_CHOICES } from '../../src/sim/scenarios/validate';
import { BACKENDS, LB_INTERNAL_ADDRESS, LB_VIP } from '../../src/sim/net/topology';
import { MALFORMED, VALID_FILES, fixtureText, malformedText } from './helpers/scenarioFiles';

type Json = Record<string, unknown>;
const schemaFile = (name: string): Json => JSON.parse(readFileSync(fileURLToPath(new URL(`../../docs/schema/${name}`, import.meta.url)), 'utf8')) as Json;
const scenarioSchema = schemaFile('scenario-v1.schema.json');
const lessonSchema = schemaFile('lesson-v1.schema.json');

// strictRequired is off: `not: { required: [...] }` (sticky with stickyCookie, a field another question kind needs) names fields defined beside it.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
// The lesson schema refers to the scenario schema's definitions by its file name, as an editor resolves them.
ajv.addSchema(scenarioSchema, 'scenario-v1.schema.json');
const validateScenario = ajv.getSchema('scenario-v1.schema.json')!;
const validateLesson = ajv.compile(lessonSchema);

/** The schema a file is checked against: by its format, as the lab dispatches (the scenario schema otherwise). */
const schemaAccepts = (value: unknown): boolean =>
  (typeof value === 'object' && value !== null && (value as Json).format === 'passthrough-lab/lesson@1' ? validateLesson(value) : validateScenario(value)) as boolean;

/** Malformed fixtures whose only mistakes a JSON Schema cannot state, and why. */
const VALIDATOR_ONLY: Readonly<Record<string, string>> = {
  'not-json.json': 'not JSON at all: there is nothing to check a schema against',
  'client-unknown-ref.json': 'a request names a client: a reference between fields',
  'client-ref-no-clients.json': 'a request names a client the (absent) list does not have: a reference',
  'host-not-in-file.json': 'a request\'s host must be the file\'s hostname or apiHostname: a reference',
  'host-default-when-renamed.json': 'the same, with the default name: a reference',
  'header-duplicate.json': 'two header names that differ only in case: uniqueness by a derived key',
  'client-duplicate.json': 'two clients with one name: uniqueness by a field (uniqueItems compares whole entries)',
  'hostname-same.json': 'hostname and apiHostname must differ: a comparison between fields',
  'hostname-ech-clash.json': 'apiHostname must differ from the ECH name derived from hostname: a computed comparison',
  'beat-missing-scenario.json': 'a beat names a scenario: a reference to the built-in catalog or the file\'s scenarios',
  'beat-duplicate-id.json': 'two beats with one id: uniqueness by a field',
  'question-duplicate-id.json': 'two questions with one id: uniqueness by a field',
  'lesson-scenario-duplicate.json': 'two of the lesson\'s scenarios with one id: uniqueness by a field',
};

describe('the schemas', () => {
  it('are draft 2020-12 and compile in strict mode', () => {
    expect(scenarioSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(lessonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it.each(VALID_FILES)('accept %s', (file) => {
    expect(schemaAccepts(JSON.parse(fixtureText(file))), JSON.stringify(ajv.errors)).toBe(true);
  });

  it.each(MALFORMED.filter((c) => !(c.file in VALIDATOR_ONLY)).map((c) => [c.file, c] as const))('reject %s', (_file, c) => {
    expect(schemaAccepts(JSON.parse(malformedText(c)))).toBe(false);
  });

  it.each(Object.keys(VALIDATOR_ONLY))('accept %s, which only the validator refuses', (file) => {
    const c = MALFORMED.find((m) => m.file === file);
    expect(c, `${file} is in the corpus`).toBeDefined();
    if (file === 'not-json.json') return void expect(() => JSON.parse(malformedText(c!))).toThrow();
    expect(schemaAccepts(JSON.parse(malformedText(c!))), JSON.stringify(ajv.errors)).toBe(true);
  });
});

describe('the schemas carry the engine\'s lists and limits', () => {
  const defs = scenarioSchema.$defs as Record<string, Json>;
  const scenarioProps = (defs.scenario!.properties as Record<string, Json>);
  const requestProps = (defs.request!.properties as Record<string, Json>);
  const lessonDefs = lessonSchema.$defs as Record<string, Json>;
  const questionProps = lessonDefs.question!.properties as Record<string, Json>;
  const notEnum = (p: Json): unknown => ((p.allOf as Json[])[1]!.not as Json).enum;

  it('the built-in ids a file may not take', () => {
    expect(notEnum(scenarioProps.id!)).toEqual(SCENARIOS.map((s) => s.id));
    expect(notEnum((lessonSchema.properties as Record<string, Json>).id!)).toEqual(LESSONS.map((l) => l.id));
  });

  it('the options, their choices and defaults', () => {
    const options = defs.options!.properties as Record<string, Json>;
    expect(Object.keys(options).sort()).toEqual([...Object.keys(DEFAULT_OPTIONS), 'sticky'].sort());
    for (const [key, value] of Object.entries(DEFAULT_OPTIONS)) {
      expect(options[key]!.default, key).toEqual(value);
      const choices = OPTION_CHOICES[key as keyof typeof DEFAULT_OPTIONS];
      if (choices) expect(options[key]!.enum, key).toEqual(choices);
    }
  });

  it('the methods, event types, question kinds and requirements', () => {
    expect(defs.method!.enum).toEqual(FILE_METHODS);
    expect(((lessonDefs.step!.oneOf as Json[])[1]!.properties as Record<string, Json>).event!.enum).toEqual(EVENT_TYPES);
    expect(questionProps.kind!.enum).toEqual(QUESTION_KINDS);
    expect((questionProps.requirements!.items as Json).enum).toEqual(REQUIREMENTS);
  });

  it('the sizes and counts of FILE_LIMITS', () => {
    expect([scenarioProps.title!.maxLength, scenarioProps.summary!.maxLength, scenarioProps.lesson!.maxLength]).toEqual([FILE_LIMITS.title, FILE_LIMITS.summary, FILE_LIMITS.lesson]);
    expect([(scenarioProps.clients!).maxItems, (scenarioProps.requests!).maxItems]).toEqual([FILE_LIMITS.clients, FILE_LIMITS.requests]);
    expect([defs.requestPath!.maxLength, defs.headers!.maxProperties, (defs.headers!.propertyNames as Json).maxLength, (defs.headers!.additionalProperties as Json).maxLength])
      .toEqual([FILE_LIMITS.path, FILE_LIMITS.headers, FILE_LIMITS.headerName, FILE_LIMITS.headerValue]);
    expect([requestProps.body!.maxLength, requestProps.purpose!.maxLength, defs.hostname!.maxLength]).toEqual([FILE_LIMITS.body, FILE_LIMITS.purpose, FILE_LIMITS.hostname]);
    const lessonProps = lessonSchema.properties as Record<string, Json>;
    expect([lessonProps.scenarios!.maxItems, lessonProps.beats!.maxItems]).toEqual([FILE_LIMITS.lessonScenarios, FILE_LIMITS.beats]);
    expect([questionProps.prompt!.maxLength, questionProps.explain!.maxLength, ((lessonDefs.beat!.properties as Record<string, Json>).text!).maxLength])
      .toEqual([FILE_LIMITS.prompt, FILE_LIMITS.explain, FILE_LIMITS.beatText]);
  });

  it('the lab\'s own addresses, which a client may not claim', () => {
    const client = (ip: string): boolean => validateScenario({ format: 'passthrough-lab/scenario@1', id: 'x', title: 'X', clients: [{ name: 'a', ip }], requests: [{ method: 'GET', path: '/' }] }) as boolean;
    for (const ip of [LB_VIP, LB_INTERNAL_ADDRESS, ...BACKENDS.map((b) => b.address)]) expect(client(ip), ip).toBe(false);
    expect(client('203.0.113.10')).toBe(true);
  });
});
