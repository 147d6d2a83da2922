/**
 * Guided lessons as data. A lesson is an ordered list of beats; a beat puts the lab in a state (scenario, mode,
 * TLS version, options, step), says what to look at, and usually asks a question. A question names *what* to ask
 * (a QuestionSpec); its choices and its correct answer are computed from the run when it is shown
 * (./questions.ts), never written down, so a change to the engine changes the answer.
 *
 * The lesson catalog itself (with its words) lives in src/sim/content/lessons: the prose is content.
 */
import type { SimEventType } from '../core/events';
import type { NodeId, ObserverId } from '../net/topology';
import type { Mode, RunOptions } from '../scenarios/types';

/** Where a beat puts the playhead once its run is ready. */
export type StepTarget =
  | { readonly at: 'start' }
  | { readonly at: 'end' }
  /** The `nth` (0-based, default 0) event matching the pattern; the start when the run has none. */
  | { readonly at: 'event'; readonly match: EventPattern; readonly nth?: number };

/** What an event must be to match; every given field must hold. */
export interface EventPattern {
  readonly type: SimEventType;
  /** Packets: sender and receiver. Notes: `from` is the node that logged it. */
  readonly from?: NodeId;
  readonly to?: NodeId;
  /** Packets: an HTTP message is inside (some observer with the keys, at least its sender, reads one). */
  readonly carriesHttp?: boolean;
  /** Events naming a request target (http.*, waf.*, lb.routed): it starts with this. */
  readonly target?: string;
}

/** The state a beat sets. Options replace the learner's overrides (the scenario's own options still apply). */
export interface BeatSetup {
  readonly scenarioId: string;
  readonly mode: Mode;
  readonly options?: Partial<RunOptions>;
  readonly step?: StepTarget;
}

/** Which request of the run a question is about: the first (or last) one whose target starts with `target`. */
export interface RequestRef {
  readonly target: string;
  readonly method?: string;
  /** Requests to another host (api.example.com). */
  readonly host?: string;
  readonly which?: 'first' | 'last';
}

/** What the lab must be able to do, in the "choose the mode" exercise: each is measured on that mode's run. */
export type Requirement =
  /** The WAF looked inside the requests (it could read them). */
  | 'waf-inspects'
  /** The load balancer holds no private key of the site. */
  | 'lb-holds-no-key'
  /** Nobody tapping the internal network reads HTTP. */
  | 'internal-encrypted'
  /** The backends do no TLS work (no TLS session ends on a backend). */
  | 'backends-skip-tls'
  /** The backend's application logged the client's real address. */
  | 'backend-sees-client-ip'
  /** The cart kept every item the learner added (the session stuck to one backend). */
  | 'cart-kept';

export type QuestionSpec =
  /** Which observers read `secret` in plaintext somewhere in the run (tick every one). */
  | { readonly kind: 'who-reads'; readonly secret: 'password' | 'cookie' | 'request' }
  /** Which nodes hold the site's private key in this mode (tick every one). */
  | { readonly kind: 'key-holders' }
  /** Which backend answered this request (or the load balancer itself: WAF, redirect, cache). */
  | { readonly kind: 'served-by'; readonly request: RequestRef }
  /** Which address the backend's application logged as the client's, for this request. */
  | { readonly kind: 'client-ip'; readonly request: RequestRef }
  /** What the WAF did with this request: blocked it, looked and let it pass, or never looked into it. */
  | { readonly kind: 'waf-verdict'; readonly request: RequestRef }
  /** How many requests with this target a backend's application handled. */
  | { readonly kind: 'handled-count'; readonly request: RequestRef }
  /** Did the cart at the end show every item added, some, or none? */
  | { readonly kind: 'cart' }
  /** Did the passthrough LB see the server's certificate as it relayed the handshake? */
  | { readonly kind: 'lb-sees-certificate' }
  /** Which server name did the load balancer read in the ClientHello (the SNI)? */
  | { readonly kind: 'sni-seen' }
  /** Who checked the client's certificate (the node that ended the client's TLS and received it)? */
  | { readonly kind: 'client-cert-checked-by' }
  /** Did the client get a successful answer to this request? */
  | { readonly kind: 'request-succeeds'; readonly request: RequestRef }
  /** Which modes meet every requirement (measured on all three modes' runs of this beat)? */
  | { readonly kind: 'choose-mode'; readonly requirements: readonly Requirement[] };

export type QuestionKind = QuestionSpec['kind'];

export interface Question {
  /** Unique across the catalog (the CLI and postMessage report it). */
  readonly id: string;
  readonly spec: QuestionSpec;
  /** The prompt (the fieldset's legend). */
  readonly prompt: string;
  /** Predict-then-reveal: asked at the beat's step, before the run gets there; checking plays to the proof. */
  readonly predict?: boolean;
  /** Shown with the feedback, right or wrong: why the answer is what it is, in two or three plain sentences. */
  readonly explain: string;
}

/** Where the proof of an answer is: a step of the run (and whose eyes to look through), or a panel. */
export interface Proof {
  readonly step: number | null;
  readonly viewAs?: ObserverId;
  readonly panel?: 'key-placement' | 'compare-modes' | 'summary';
}

/** One step of a lesson: the state it sets, what to look at (two or three plain sentences), maybe a question. */
export interface Beat {
  /** Unique within its lesson. */
  readonly id: string;
  readonly title: string;
  readonly setup: BeatSetup;
  /** What to look at and why it matters. `{words|glossary-id}` links words to the glossary. */
  readonly text: string;
  readonly question?: Question;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** One sentence: what the learner will be able to tell afterwards. */
  readonly summary: string;
  readonly beats: readonly Beat[];
}
