/**
 * The engine in a terminal: `npm run sim -- --mode offload --scenario basic [--seed N] [--json]`.
 * Text output is the timeline, one line per event; --json prints the documented shape (README: "CLI").
 * --pcap FILE and --keylog FILE also write the run as a Wireshark capture and its TLS secrets as a key log.
 * --lessons lists the guided lessons; --lesson ID runs every beat of one (all three modes, as the page does) and
 * prints each question with the choices and the answer the runs give. A trainer's files (docs/scenario-format.md):
 * --scenario-file FILE runs one like --scenario, --lesson-file FILE like --lesson, --validate FILE only checks it.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  KEY_NAMES, MODES, SCENARIOS, createPkiGenerator, exportKeyLog, exportPcapng, findScenario, runScenario, siteNamesOf, summarize, toHex,
  type LabPki, type LoadedFile, type Mode, type RunOptions, type Scenario, type SimEvent, type Timeline,
} from '../src/sim/engine';
import { eventText, gaveUpText, layerSummary, viewReasonText } from '../src/sim/content/index';
import { LESSONS, choiceText, findLesson } from '../src/sim/content/lessons/index';
import { runBeat } from '../src/sim/lessons/runBeat';
import type { Lesson } from '../src/sim/lessons/types';
import { checkTrainerFile, problemLines, validLine } from './cliFiles';
import { OPTION_FLAGS, optionUsage, readOptionFlags } from './cliOptions';

const USAGE = `Usage: npm run sim -- --mode passthrough|offload|bridge --scenario <id> [--seed N] [--json] [--pcap FILE] [--keylog FILE]
       npm run sim -- --mode passthrough|offload|bridge --scenario-file FILE [--seed N] [--json] [--pcap FILE] [--keylog FILE]
       npm run sim -- --list
       npm run sim -- --lessons [--json]
       npm run sim -- --lesson <id> [--json] [--seed N]
       npm run sim -- --lesson-file FILE [--json] [--seed N]
       npm run sim -- --validate FILE
Options:
  --mode       termination mode at the load balancer (required)
  --scenario   scenario id (default: basic); see --list
  --scenario-file  a trainer's scenario file (docs/scenario-format.md) instead of --scenario
  --seed       integer seed for the run's randomness (default 1; 0 = patterned teaching bytes)
  --json       print {events, summary} as JSON instead of text
  --pcap       also write the run as a pcapng capture (both links, TLS keys embedded) to FILE
  --keylog     also write the TLS secrets as an NSS key log (SSLKEYLOGFILE format) to FILE: a CLIENT_RANDOM
               line per session for tls1.1/tls1.2, the four *_TRAFFIC_SECRET lines per session for tls1.3
  --list       print every scenario id with its one-line description
  --lessons    print every guided lesson with its beats (--json: {lessons})
  --lesson     run every beat of one lesson in all three modes and print each question's computed answer
  --lesson-file    the same for a trainer's lesson file
  --validate   check a scenario or lesson file: "valid ... file: ID" and exit 0, or one line per problem and exit 2
  --help       this text
Run options (default: the scenario's own settings):
${optionUsage()}`;

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** A trainer's file that cannot be used: its problems, one per line (no usage text: the flags were right). */
function failFile(path: string, lines: readonly string[]): never {
  process.stderr.write(`error: ${path} cannot be used:\n${lines.map((l) => `  ${l}\n`).join('')}`);
  process.exit(2);
}

/** The file's scenario or lesson, or the end of the run with its problems (exit 2). */
function loadFile<K extends LoadedFile['kind']>(path: string, kind: K, flag: string): Extract<LoadedFile, { kind: K }> {
  const check = checkTrainerFile(path);
  if (!check.ok) failFile(path, problemLines(check));
  if (check.file.kind !== kind) failFile(path, [`this is a ${check.file.kind} file: use --${check.file.kind === 'lesson' ? 'lesson-file' : 'scenario-file'} instead of --${flag}`]);
  return check.file as Extract<LoadedFile, { kind: K }>;
}

function readSeed(text: string | undefined): number {
  const seed = text ?? '1';
  if (!/^\d{1,9}$/.test(seed)) fail(`--seed must be a whole number from 0 to 999999999, got "${seed}"`);
  return Number(seed);
}

interface CliArgs {
  mode: Mode;
  scenario: Scenario;
  seed: number;
  json: boolean;
  pcap: string | undefined;
  keylog: string | undefined;
  options: Partial<RunOptions>;
}

const STRING_FLAGS = ['mode', 'scenario', 'scenario-file', 'seed', 'pcap', 'keylog', 'lesson', 'lesson-file', 'validate', ...OPTION_FLAGS.map((f) => f.flag)];
const BOOLEAN_FLAGS = ['json', 'list', 'lessons', 'help'];

type LessonArgs =
  | { command: 'lessons'; json: boolean }
  /** `scenarios`: the lesson file's own, besides the lab's. */
  | { command: 'lesson'; lesson: Lesson; scenarios: readonly Scenario[]; seed: number; json: boolean }
  | { command: 'validate'; file: string };

/**
 * `--seed -5` is a value, not a flag: node's parseArgs calls an option argument that starts with a dash
 * "ambiguous", so such values are joined to their flag (`--seed=-5`) and then meet the flag's own check.
 */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg.startsWith('--') && STRING_FLAGS.includes(arg.slice(2)) && next !== undefined && next.startsWith('-') && !next.startsWith('--')) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function parse(): CliArgs | LessonArgs | 'list' | 'help' {
  let multi;
  try {
    ({ values: multi } = parseArgs({
      args: joinDashValues(process.argv.slice(2)),
      options: {
        ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const, multiple: true as const }])),
        ...Object.fromEntries(BOOLEAN_FLAGS.map((f) => [f, { type: 'boolean' as const, multiple: true as const }])),
      },
      strict: true, allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  // A flag given twice is a mistake in a script (which one was meant?): say so rather than take the last.
  const twice = Object.entries(multi).find(([, given]) => Array.isArray(given) && given.length > 1);
  if (twice) fail(`--${twice[0]} is given ${(twice[1] as unknown[]).length} times; give it once`);
  const values = Object.fromEntries(Object.entries(multi).map(([flag, given]) => [flag, (given as unknown[])[0]])) as Record<string, string | boolean | undefined> & {
    mode?: string; scenario?: string; 'scenario-file'?: string; seed?: string; pcap?: string; keylog?: string; lesson?: string; 'lesson-file'?: string; validate?: string;
    json?: boolean; list?: boolean; lessons?: boolean; help?: boolean;
  };
  if (values.help) return 'help';
  if (values.list) return 'list';
  if (values.lessons) return { command: 'lessons', json: values.json ?? false };
  if (values.validate !== undefined) return { command: 'validate', file: values.validate };
  if (values.lesson !== undefined && values['lesson-file'] !== undefined) fail('give --lesson or --lesson-file, not both');
  if (values.lesson !== undefined) {
    const lesson = findLesson(values.lesson);
    if (!lesson) fail(`unknown lesson "${values.lesson}" (run with --lessons)`);
    return { command: 'lesson', lesson, scenarios: [], seed: readSeed(values.seed), json: values.json ?? false };
  }
  if (values['lesson-file'] !== undefined) {
    const seed = readSeed(values.seed);
    const { lesson, scenarios } = loadFile(values['lesson-file'], 'lesson', 'lesson-file');
    return { command: 'lesson', lesson, scenarios, seed, json: values.json ?? false };
  }
  if (!values.mode) fail('--mode is required');
  if (!(MODES as readonly string[]).includes(values.mode)) fail(`unknown mode "${values.mode}" (expected ${MODES.join(', ')})`);
  if (values.scenario !== undefined && values['scenario-file'] !== undefined) fail('give --scenario or --scenario-file, not both');
  const scenarioId = values.scenario ?? 'basic';
  const builtIn = values['scenario-file'] === undefined ? findScenario(scenarioId) : undefined;
  if (values['scenario-file'] === undefined && !builtIn) fail(`unknown scenario "${scenarioId}" (run with --list)`);
  const seed = readSeed(values.seed);
  const read = readOptionFlags(values);
  if ('error' in read) fail(read.error);
  if (values.pcap === '') fail('--pcap needs a file name');
  if (values.keylog === '') fail('--keylog needs a file name');
  const scenario = builtIn ?? loadFile(values['scenario-file']!, 'scenario', 'scenario-file').scenario;
  return {
    mode: values.mode as Mode, scenario, seed, json: values.json ?? false,
    pcap: values.pcap, keylog: values.keylog, options: read.options,
  };
}

function eventLine(e: SimEvent, mode: Mode): string {
  const t = `${e.t.toFixed(1).padStart(7)} ms`;
  if (e.type !== 'tcp.segmentSent') return `${t}  ${e.node.padEnd(10)} ${eventText(e, mode)}`;
  const reads = Object.values(e.views).map((v) => `${v!.observer}=${v!.readability}`).join(' ');
  return `${t}  ${`${e.from} → ${e.to}`.padEnd(22)} [${e.link}] ${e.flags.join('+').padEnd(7)} ${String(e.payload.length).padStart(5)} B  ${e.label}${reads ? `   (${reads})` : ''}`;
}

/** Bytes become hex strings in JSON so the output is plain data. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? toHex(value) : value;
}

/** A packet with the words content makes of its facts: each layer's `summary`, each view's `reasonText`. */
function withText(e: SimEvent): unknown {
  if (e.type !== 'tcp.segmentSent') return e;
  const views = Object.fromEntries(Object.entries(e.views).map(([o, v]) => [o, v && { ...v, reasonText: viewReasonText(v.reason) }]));
  return { ...e, layers: e.layers.map((l) => ({ ...l, summary: layerSummary(l) })), views };
}

/** Writes the --pcap and --keylog files; a path that cannot be written ends the run with exit code 1. */
function writeExports(args: CliArgs, timeline: Timeline): void {
  const outputs: Array<[flag: string, path: string | undefined, make: () => Uint8Array | string]> = [
    ['--pcap', args.pcap, () => exportPcapng(timeline)],
    ['--keylog', args.keylog, () => exportKeyLog(timeline)],
  ];
  for (const [flag, path, make] of outputs) {
    if (path === undefined) continue;
    try {
      writeFileSync(path, make());
    } catch (error) {
      process.stderr.write(`error: ${flag}: cannot write ${path}: ${(error as Error).message}\n`);
      process.exit(1);
    }
  }
}

/** --lessons: the catalog as data (a beat's setup and its question's id, prompt and kind). */
function printLessons(json: boolean): void {
  const lessons = LESSONS.map((l) => ({
    id: l.id, title: l.title, summary: l.summary,
    beats: l.beats.map((b) => ({
      id: b.id, title: b.title, scenario: b.setup.scenarioId, mode: b.setup.mode, options: b.setup.options ?? {},
      question: b.question ? { id: b.question.id, prompt: b.question.prompt, kind: b.question.spec.kind } : null,
    })),
  }));
  if (json) return void process.stdout.write(`${JSON.stringify({ lessons }, null, 2)}\n`);
  for (const l of lessons) {
    process.stdout.write(`${l.id} — ${l.title}\n  ${l.summary}\n`);
    for (const b of l.beats) process.stdout.write(`  ${b.id.padEnd(26)} ${b.scenario} / ${b.mode}${b.question ? `  [${b.question.kind}] ${b.question.prompt}` : ''}\n`);
  }
}

const pkiGenerator = createPkiGenerator();

/** The lab's keys with the site certificates made for this scenario's names (the keys are made once). */
const pkiFor = (scenario: Scenario): Promise<LabPki> => pkiGenerator.ensure(KEY_NAMES, siteNamesOf(scenario));

/**
 * --lesson ID / --lesson-file FILE: every beat run as the page runs it, each question with the answer its runs
 * compute. A lesson file's beats may use its own scenarios (with their own names) besides the lab's.
 */
async function printLesson(lesson: Lesson, own: readonly Scenario[], seed: number, json: boolean): Promise<void> {
  const scenarioOf = (id: string): Scenario => own.find((s) => s.id === id) ?? findScenario(id)!;
  // runBeat's runner is synchronous: the certificates for every scenario the beats use are made first.
  const pkis = new Map<string, LabPki>();
  for (const beat of lesson.beats) {
    const id = beat.setup.scenarioId;
    if (!pkis.has(id)) pkis.set(id, await pkiFor(scenarioOf(id)));
  }
  const beats = lesson.beats.map((beat) => {
    const { step, answer } = runBeat(beat, (scenarioId, mode, options) => {
      const timeline = runScenario(scenarioOf(scenarioId), { mode, seed, options }, pkis.get(scenarioId)!);
      return { timeline, summary: summarize(timeline) };
    });
    const question = beat.question && answer ? {
      id: beat.question.id, prompt: beat.question.prompt, multiple: answer.multiple,
      choices: answer.choices.map((c) => ({ id: c.id, label: choiceText(c.fact) })), correct: answer.correct, proof: answer.proof,
    } : null;
    return { id: beat.id, step, question };
  });
  if (json) return void process.stdout.write(`${JSON.stringify({ lesson: lesson.id, seed, beats }, null, 2)}\n`);
  process.stdout.write(`${lesson.id} — ${lesson.title}\n`);
  for (const b of beats) {
    process.stdout.write(`\n${b.id} (step ${b.step})\n`);
    if (!b.question) continue;
    process.stdout.write(`  ${b.question.prompt}\n`);
    for (const c of b.question.choices) process.stdout.write(`   ${b.question.correct.includes(c.id) ? '*' : ' '} ${c.label}\n`);
  }
}

/** --validate FILE: the verdict on stdout; exit 2 when the file has problems (or cannot be read). */
function validate(path: string): void {
  const check = checkTrainerFile(path);
  if (check.ok) return void process.stdout.write(`${validLine(check.file)}\n`);
  process.stdout.write(problemLines(check).map((line) => `${line}\n`).join(''));
  process.exit(2);
}

async function main(): Promise<void> {
  const args = parse();
  if (args === 'help') return void process.stdout.write(`${USAGE}\n`);
  if (args === 'list') {
    for (const s of SCENARIOS) process.stdout.write(`${s.id.padEnd(20)} ${s.summary}\n`);
    return;
  }
  if ('command' in args) {
    if (args.command === 'validate') return validate(args.file);
    return args.command === 'lessons' ? printLessons(args.json) : printLesson(args.lesson, args.scenarios, args.seed, args.json);
  }
  const pki = await pkiFor(args.scenario);
  const timeline = runScenario(args.scenario, { mode: args.mode, seed: args.seed, options: args.options }, pki, { clock: () => performance.now() });
  writeExports(args, timeline);
  const summary = summarize(timeline);
  if (args.json) {
    // The engine's events carry facts; the words are added here, from the content: a note event's `text`, a
    // packet layer's `summary`, a view's `reasonText`, a failure's `text`.
    const events = timeline.events.map((e) => (e.type === 'tcp.segmentSent' ? withText(e) : { ...e, text: eventText(e, args.mode, timeline.options.protocol) }));
    const worded = { ...summary, failures: summary.failures.map((f) => ({ ...f, text: gaveUpText(f.cause) })) };
    process.stdout.write(`${JSON.stringify({ scenario: args.scenario.id, mode: args.mode, seed: args.seed, events, summary: worded }, jsonReplacer, 2)}\n`);
    return;
  }
  process.stdout.write(`Passthrough Lab — scenario ${args.scenario.id}, mode ${args.mode}, seed ${args.seed}\nProtocol: ${summary.protocol}\n\n`);
  for (const e of timeline.events) process.stdout.write(`${eventLine(e, args.mode)}\n`);
  process.stdout.write(`\nSummary:\n${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
});
