/**
 * The engine's public face for the UI: types, scenario data, labels and pure helpers. It pulls in no crypto, so
 * the page's first-paint bundle stays small; the engine itself (runScenario, key generation, node-forge) is
 * reached through `./engine`, which only the worker and the CLI import.
 */
export { PROTOCOL, PROTOCOLS } from './scenarios/protocols';
export type { ProtocolFacts } from './scenarios/protocols';
export { MODE_FACTS } from './scenarios/modes';
export type { ModeFacts } from './scenarios/modes';
export { resolveOptions } from './scenarios/resolveOptions';
export type { RunConfig, RunEnvironment, Timeline } from './run/runScenario';
export type { RunSummary } from './run/summary';
export { OUTCOME_IS_PROBLEM, runOutcomes } from './run/outcome';
export { NO_CRYPTO_WORK, cryptoWork } from './run/cryptoWork';
export type { CryptoWork } from './run/cryptoWork';
export type { CartAdd, RunOutcome, RunOutcomeCode, WafOnTheWay } from './run/outcome';
export type { LabPki, CertName, KeyName } from './tls/pki';
export { FIRST_KEYS, LAB_KEY_PARAMS } from './tls/keyParams';
export { SCENARIOS, findScenario } from './scenarios/catalog';
export { DEFAULT_OPTIONS, MODES, MODE_LABELS, TLS_PROTOCOLS } from './scenarios/types';
export { checkOptions, checkRequests, LIMITS } from './scenarios/validate';
export type { Checked } from './scenarios/validate';
export type { Mode, TlsProtocol, RunOptions, Scenario, ScriptedRequest, Faults, Algorithm, ProxyProtocolVersion } from './scenarios/types';
export type { SimEvent, SegmentSentEvent, SimEventType, Direction, TcpFlag, EventOf, NoteEvent, RoutedDetail } from './core/events';
export type {
  AppEffect, BackendFailure, BalancerPick, BalancingAlgorithm, CookieLookup, GaveUpReason, KeyRole, ParseFailure, PoolChoiceFacts, PoolName,
  RouteBasis, RouteInput, ServerFlightOutcome, TlsAlertReason, WafBlindReason,
} from './core/reasons';
export type { ClientIpSource } from './http/shopIdentity';
export type { PacketLayer, ByteField, TlsRecordFacts, HandshakeMessageFacts, ProxyFacts, HttpFacts, DataFacts, AlertFacts, ContentTypeName } from './core/layers';
export type { DecryptedHandshakeMessage, DecryptedContent, ObserverView, Readability, ViewHandshake, ViewReason, ViewReasonCode } from './core/views';
export { VIEW_REASON_CODES } from './core/views';
export type { KeyPlacement, HeldKey } from './tls/keyPlacement';
export { BACKENDS, OBSERVER_LABELS, CLIENT_ADDRESS, LB_VIP, LB_INTERNAL_ADDRESS, SITE_HOSTNAME } from './net/topology';
export type { NodeId, ObserverId, LinkId, BackendId } from './net/topology';
export { DEFAULT_SITE_NAMES, siteNamesOf } from './net/siteNames';
export type { SiteNames } from './net/siteNames';
export { toHex } from './core/bytes';
/*
 * The engine's prose (narration, glossary, mode guides, protocol note): types only. Its values are about 27 KB gzip
 * of text, so the page fetches them as a chunk of their own after the first paint (src/state/content.ts);
 * re-exporting them here would pull them into the first-paint bundle.
 */
export type { Narration, ModeGuide, ProtocolNote, GlossaryEntry, GlossaryId, MomentWords } from './content/index';
/** The beginner's view: a run as its key moments (typed facts; the words are content's `momentText`). */
export { keyMoments } from './observe/keyMoments';
export type { KeyMoment, MomentKind, MomentOf, ExchangeFacts, FailureFacts, WafVerdict } from './observe/keyMoments';
/* The exceptions, under 2 KB gzip: a short label per event type (shown until the prose has loaded), the key roles, the capability verdicts and the stage's labels in words. */
export { EVENT_LABELS, eventLabel, keyRoleText, MOMENT_LABELS } from './content/labels';
export { CAPABILITY_LABELS, verdictText } from './content/capabilityWords';
export { LINK_KIND_LABELS, activeBackendText, keyNoteText, linkText, privateKeyHoldersText, sessionKeyHoldersText } from './content/stageWords';
export type { LinkKind, LinkReadable, LinkSummary } from './core/linkFacts';
export type { Capability, CapabilityEvidence, CapabilityId, CapabilityStatus, CapabilityVerdict } from './core/capabilities';
/*
 * The "real configuration" generators are values of their own (about 2,000 lines of templates): the page imports
 * `realConfigurations` from ./exports on demand; only their types are here.
 */
export type { RealConfig, ConfigOverrides, Product, ConfigLanguage } from './export/configs/index';
/* Guided lessons: the model and the run-computed answers (no prose; the lessons' words are content, fetched on demand). */
export { answerQuestion } from './lessons/questions';
export { resolveStep } from './lessons/stepTarget';
export { grade } from './lessons/answers';
export type { Lesson, Beat, BeatSetup, Question, QuestionSpec, QuestionKind, Requirement, RequestRef, StepTarget, EventPattern, Proof } from './lessons/types';
export type { Choice, ChoiceFact, Grade, LessonRun, LessonRuns, ModeMeasure, QuestionAnswer } from './lessons/answers';
/*
 * The trainer's files (docs/scenario-format.md): read a scenario or lesson file (every problem with its field's
 * path), save a scenario as a file, carry a file in a `#scenario=` link. problemText is the problems' words, a
 * small module of its own: the page needs it as soon as a file is loaded, before the content chunk.
 */
export {
  SCENARIO_FORMAT, LESSON_FORMAT, FILE_LIMITS, LINK_LIMIT, parseScenarioFile, parseLessonFile, parseFileText, parseFileValue, scenarioToFile,
  lessonToFile, encodeFileForLink, decodeFileFromLink, linkTooLong,
} from './authoring/index';
export type {
  ScenarioFile, LessonFile, RequestEntry, ClientEntry, StepEntry, FileProblem, FileProblemCode, FileShape, FileResult, LoadedFile, ScenarioEdits,
} from './authoring/index';
export { problemText } from './content/fileProblems';
