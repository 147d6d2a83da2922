/** Public types of the demo shop (see shopApp.ts), kept apart so the identity helpers can share them. */
import type { AppEffect } from '../core/reasons';
import type { HttpRequest, HttpResponse } from './types';

/** What the backend's own connection tells the app about the request. */
export interface ShopContext {
  /** TCP peer address as the backend's socket sees it (the LB's 10.0.0.1 unless PROXY protocol gave the client's). */
  peerAddress: string;
  /** Address from a PROXY protocol header, when one was received. */
  proxyProtocolSource?: string;
  /** 'https' when this backend terminated TLS itself, 'http' when it received cleartext. */
  transport: 'http' | 'https';
  /** Subject CN of a client certificate this backend verified itself in its own TLS handshake. */
  tlsClientCertSubject?: string;
}

/** Configuration of one shop instance. */
export interface ShopOptions {
  backendName: string;
  /** Peers whose X-Forwarded-For / X-Forwarded-Proto / X-SSL-Client-Cert-Subject are believed. Default ['10.0.0.1']. */
  trustedProxies?: string[];
  /** Redirect requests that arrived as plain http and lack a trusted X-Forwarded-Proto: https. */
  forceHttps?: boolean;
  /** Believe X-Forwarded-Proto from a trusted peer. Default true; false reproduces the offloading redirect loop. */
  honorForwardedProto?: boolean;
}

/** One line of the app's access log. */
export interface ShopLogEntry {
  method: string;
  target: string;
  clientIp: string;
  status: number;
  note?: string;
  /** The note's meaning as a code (the event log carries it; no one reads meaning out of the note). */
  effect?: AppEffect;
  sql?: string;
}

/** A copy of the app's state, for the UI. */
export interface ShopState {
  backend: string;
  requestCount: number;
  sessions: { id: string; user: string; items: string[] }[];
  comments: string[];
}

/** A running shop. */
export interface ShopApp {
  readonly name: string;
  handle(req: HttpRequest, ctx: ShopContext): HttpResponse;
  readonly log: readonly ShopLogEntry[];
  snapshot(): ShopState;
}
