/**
 * Narration of one TCP segment: TCP control flags, a PROXY protocol header, cleartext HTTP, pieces of records,
 * and tampering here; the TLS messages themselves in narrateTls.ts.
 */
import type { SegmentSentEvent } from '../core/events';
import type { ObserverView } from '../core/views';
import type { Mode, TlsProtocol } from '../scenarios/types';
import { dissect, isDirect, type Dissected } from './dissect';
import type { GlossaryId } from './glossary';
import type { Narration } from './narration';
import { narrateTls } from './narrateTlsRecord';
import { RECORD_FACTS, segmentProtocol } from './protocolOf';
import { httpFacts, readersSentence, recoveredText, secretsInside } from './readers';
import { address, capitalize, fitted, isBackend, nodeName, nodeRef, nodeShort, said, sentences, shown } from './text';
import { plainToBackends, reencrypts, relaysTls } from './modeTraits';

export function narrateSegment(event: SegmentSentEvent, mode: Mode, given?: TlsProtocol): Narration {
  const n = narrateAny(event, mode, segmentProtocol(event, given));
  return isDirect(event) ? { ...n, modeNote: DIRECT_NOTE, glossary: [...n.glossary, 'x-forwarded-for'] } : n;
}

const DIRECT_NOTE = 'This bypasses the load balancer: nothing it would check, block or add applies. A backend must accept forwarding headers such as X-Forwarded-For, and identity headers, only from the LB address.';

/** A failed integrity check (CBC+HMAC or an AEAD tag), as the passive decoder reports it. */
const failedCheck = (v: ObserverView | undefined): boolean => v?.reason.code === 'mac-check-failed';

function narrateAny(event: SegmentSentEvent, mode: Mode, protocol: TlsProtocol): Narration {
  if (event.payload.length === 0) return narrateControl(event, mode);
  const d = dissect(event);
  if (event.tampered) return narrateTampered(event, mode, d, protocol);
  if (d.http) return narrateCleartextHttp(event, mode, d);
  if (d.proxy && d.handshakes.length === 0 && d.appDataRecords === 0) return narrateProxyHeader(event, mode, d);
  if (d.continuation && d.handshakes.length === 0 && d.appDataRecords === 0) return narrateContinuation(event, mode);
  if (d.unparseable !== null) return narrateUnparseable(event, d.unparseable);
  if (d.otherData && d.handshakes.length === 0 && d.appDataRecords === 0) return narrateOtherData(event);
  if (d.appDataRecords > 0 && Object.values(event.views).some(failedCheck)) return narrateDamaged(event, mode, protocol);
  return narrateTls(event, mode, d, protocol);
}

/** The port of the server end of this connection (443 for TLS, 80 for plain HTTP). */
export function serverPort(event: SegmentSentEvent): number {
  return event.direction === 'c2s' ? event.dst.port : event.src.port;
}

function narrateControl(e: SegmentSentEvent, mode: Mode): Narration {
  const from = nodeName(e.from);
  const to = nodeName(e.to);
  const flags = new Set(e.flags);
  if (flags.has('RST')) {
    return {
      headline: `RST: ${nodeShort(e.from)} aborts the connection to ${nodeRef(e.to)}`,
      detail: `${capitalize(from)} resets the TCP connection instead of closing it: no orderly goodbye, and anything still in flight is thrown away. Proxies and servers do this when they cannot or will not go on, for instance after bytes they cannot parse.`,
      ...(relaysTls(mode) ? { modeNote: 'A layer-4 hop has no HTTP layer to send an error page on: when the LB cannot or will not route a connection (an unreadable ClientHello, a rate limit), or a backend finds no PROXY header where it expected one, a reset is all it can do.' } : {}),
      glossary: ['rst'],
    };
  }
  if (flags.has('SYN') && !flags.has('ACK')) {
    return { headline: `SYN: ${nodeShort(e.from)} opens TCP to ${nodeRef(e.to)}, port ${e.dst.port}`, detail: sentences(
      `${capitalize(from)} asks to open a TCP connection to ${e.dst.ip} port ${e.dst.port}, the first step of the three-way handshake.`,
      e.link === 'internet'
        ? 'The address is the load balancer VIP the site name resolved to; no backend is reachable from the internet.'
        : `This connection runs on the internal network, from ${from} at ${e.src.ip}.`,
    ), ...synNote(e, mode), glossary: e.link === 'internet' ? ['tcp-handshake', 'vip'] : ['tcp-handshake'] };
  }
  if (flags.has('SYN')) {
    return {
      headline: `SYN+ACK: ${nodeShort(e.from)} accepts the connection`,
      detail: `${capitalize(from)} accepts: its SYN+ACK acknowledges the SYN and carries its own starting sequence number. When it arrives, a full round trip has gone by without a single TLS byte.`,
      glossary: ['tcp-handshake'],
    };
  }
  if (flags.has('FIN')) {
    return {
      headline: `FIN: ${nodeShort(e.from)} closes its side of the connection`,
      detail: `${capitalize(from)} has nothing more to send and closes its direction in an orderly way; ${to} acknowledges it and sends its own FIN.`,
      modeNote: relaysTls(mode)
        ? 'The LB mirrors closes from one connection onto the other: in passthrough a client connection and its backend connection open and end together.'
        : 'A layer-7 balancer runs its backend connections separately from client connections: production setups often keep them open and reuse them for other clients (HAProxy http-reuse, nginx upstream keepalive).',
      glossary: ['fin', 'keep-alive'],
    };
  }
  return {
    headline: `ACK: ${nodeShort(e.from)} acknowledges, no data`,
    detail: `A bare acknowledgement with no payload. Right after a SYN+ACK it completes the three-way handshake; after a FIN it confirms that ${to} closed its side.`,
    glossary: ['tcp-handshake'],
  };
}

function synNote(e: SegmentSentEvent, mode: Mode): { modeNote?: string } {
  if (e.link === 'internet') {
    if (e.dst.port === 80) return { modeNote: 'Port 80 carries plain HTTP: whatever is sent here can be read and changed by anyone on the path.' };
    switch (mode) {
      case 'passthrough': return { modeNote: 'Even in passthrough this load balancer, like HAProxy in mode tcp or nginx stream, ends the client TCP connection and opens its own to a backend: two TCP connections carrying one TLS session.' };
      case 'offload': return { modeNote: 'The client TLS session will end at the load balancer, which holds the site certificate and its private key.' };
      case 'bridge': return { modeNote: 'The client TLS session will end at the load balancer, which then opens a second, separate TLS session to the backend it picks.' };
    }
  }
  switch (mode) {
    case 'passthrough': return { modeNote: `The LB connects only now, after reading the SNI and picking ${nodeName(e.to)}. To the backend, every connection comes from the LB at ${e.src.ip}, not from the client.` };
    case 'offload': return { modeNote: `Port ${e.dst.port}: plain HTTP from here on. Nothing on this connection will be encrypted.` };
    case 'bridge': return { modeNote: 'This connection will carry a second TLS session, from the LB to the backend, with its own keys and the backend certificate.' };
  }
}

function narrateProxyHeader(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const version = d.proxy?.version;
  const client = d.proxy?.client ? address(d.proxy.client) : 'the client';
  const format = version === 1
    ? 'one ASCII line (PROXY TCP4, source and destination addresses and ports, CRLF)'
    : 'a binary block (a fixed 12-byte signature, version and command, then addresses and ports)';
  return {
    headline: `PROXY protocol v${version ?? '?'} header: client is ${client}`,
    detail: `Before relaying the first TLS byte, the load balancer writes ${format} naming the real client. It is neither encrypted nor authenticated, so ${nodeName(e.to)} must accept it only from the load balancer address.`,
    modeNote: relaysTls(mode)
      ? 'This is how a passthrough backend learns the client address: the LB cannot add X-Forwarded-For to HTTP it cannot read, so it puts the address in front of the TLS stream. Both sides must be configured alike, or every connection breaks.'
      : undefined,
    glossary: ['proxy-protocol', 'x-forwarded-for', 'layer-4'],
  };
}

function narrateContinuation(e: SegmentSentEvent, mode: Mode): Narration {
  const handshake = Object.values(e.views).some((v) => v?.readability === 'handshake-only');
  const splitHello = handshake && e.direction === 'c2s';
  return {
    headline: splitHello
      ? `ClientHello split across TCP segments: first ${e.payload.length} bytes`
      : `First ${e.payload.length} bytes of a larger TLS record`,
    detail: sentences(
      `A TLS record bigger than one segment (1460 bytes here) travels in pieces; nobody can ${handshake ? 'parse' : 'decrypt or check'} it until the last piece has arrived.`,
      readersSentence(e.views),
    ),
    ...(splitHello && relaysTls(mode)
      ? { modeNote: 'An SNI router has to buffer until the whole ClientHello is in. One that reads only the first segment finds no SNI: a real failure since post-quantum key shares made ClientHellos larger.' }
      : {}),
    glossary: splitHello ? ['mss', 'record', 'sni'] : ['mss', 'record'],
  };
}

function narrateUnparseable(e: SegmentSentEvent, reason: string): Narration {
  return {
    headline: `${e.payload.length} bytes that do not parse as TLS`,
    detail: `The dissector could not read these bytes as TLS records: ${said(reason, 100)}. A TLS endpoint receiving them has to give up on the connection.`,
    glossary: ['record'],
  };
}

function narrateOtherData(e: SegmentSentEvent): Narration {
  const cleartext = Object.values(e.views).some((v) => v?.readability === 'plaintext');
  return {
    headline: cleartext ? `More of a cleartext HTTP message (${e.payload.length} bytes)` : `${e.payload.length} bytes of unrecognised data`,
    detail: cleartext
      ? sentences(`The rest of a message that did not fit in the previous segment, still without encryption.`, readersSentence(e.views))
      : 'Bytes that are neither a TLS record nor the start of an HTTP message.',
    glossary: cleartext ? ['mss'] : [],
  };
}

function narrateCleartextHttp(e: SegmentSentEvent, mode: Mode, d: Dissected): Narration {
  const facts = httpFacts(recoveredText(e.views));
  const start = d.http?.startLine ?? facts.startLine ?? 'HTTP';
  const isResponse = e.direction === 's2c';
  const secrets = secretsInside(facts);
  const readers = readersSentence(e.views);
  const glossary: GlossaryId[] = ['layer-7'];
  if (e.link === 'internet') {
    const port = serverPort(e);
    if (port === 443 && !isResponse) {
      return {
        headline: 'Plain HTTP sent to TLS port 443',
        detail: sentences(`The first byte is ${shown(String.fromCharCode(e.payload[0] ?? 0x3f), 3)}, not a TLS content type (20 to 23), so this cannot be a ClientHello.`, readers),
        modeNote: relaysTls(mode)
          ? 'The LB looks for a ClientHello to read the SNI from, finds none, cannot pick a backend and resets the connection.'
          : 'The LB TLS stack expects a ClientHello and answers these bytes with a protocol_version alert.',
        glossary: ['record', 'sni', 'rst'],
      };
    }
    return {
      headline: fitted('Cleartext ', start, ` on port ${port}: readable on the path`),
      detail: sentences(`Plain HTTP, no TLS: ${isResponse ? 'this response' : 'this request'} can be read and altered by anyone between client and load balancer.`, readers),
      modeNote: isResponse ? undefined : relaysTls(mode)
        ? 'A layer-4 LB can neither read nor redirect this request: it forwards port 80 to a backend, which must answer with the redirect to https itself.'
        : 'The LB reads the request and can answer with a redirect to https itself, without involving a backend.',
      glossary: [...glossary, 'https-redirect'],
    };
  }
  const backend = isBackend(e.to) ? nodeName(e.to) : nodeName(e.from);
  const eve = e.views['eve-internal'];
  const exposure = eve && eve.readability === 'plaintext'
    ? 'the eavesdropper on the internal network reads it as easily as the backend does'
    : 'anyone with access to the internal network could read it';
  const xff = d.http?.headerNames.includes('x-forwarded-for') ?? false;
  const what = isResponse
    ? `${backend} answers in plain HTTP`
    : isDirect(e)
      ? `The client sends its request straight to ${backend} as plain HTTP${xff ? ', with an X-Forwarded-For header it wrote itself' : ''}`
      : `The load balancer forwards the ${relaysTls(mode) ? '' : 'decrypted '}request to ${backend} as plain HTTP${xff ? ', with X-Forwarded-For added' : ''}`;
  if (!isResponse && xff) glossary.push('x-forwarded-for');
  return {
    headline: isResponse
      ? fitted('Cleartext ', start, ` from ${nodeRef(e.from)} on the internal network`)
      : fitted('Cleartext ', start, ` to ${nodeRef(e.to)}: readable inside`),
    detail: sentences(`${capitalize(what)}.`, `No TLS on this leg: ${secrets ? `${secrets.text} ${secrets.plural ? 'are' : 'is'} in plain sight, and ` : ''}${exposure}.`),
    modeNote: plainToBackends(mode)
      ? 'The price of offloading: TLS ends at the LB, so this leg is cleartext and the internal network must be trusted. Bridging re-encrypts it.'
      : relaysTls(mode)
        ? 'Port 80 is relayed at layer 4, so this plain HTTP crosses the internal network as it crossed the internet.'
        : undefined,
    glossary,
  };
}

/** The altered record further along its way: not flagged as tampered any more, but its MAC fails for whoever holds the keys. */
function narrateDamaged(e: SegmentSentEvent, mode: Mode, protocol: TlsProtocol): Narration {
  const detector = Object.entries(e.views).find(([, v]) => failedCheck(v))?.[0] ?? e.to;
  return {
    headline: `Altered record passes on: ${nodeRef(detector)} will find its MAC wrong`,
    detail: sentences(
      `This is the record the attacker changed, sent on as it is. ${capitalize(nodeName(detector))} holds the session keys, decrypts it and finds that the ${RECORD_FACTS[protocol].check} does not match, so the record is rejected.`,
      readersSentence(e.views, [detector]),
    ),
    modeNote: relaysTls(mode) ? 'The LB forwards the damaged record without noticing: it has no keys to check the MAC with.' : undefined,
    glossary: [protocol === 'tls1.1' ? 'mac' : 'aead', 'record'],
  };
}

function narrateTampered(e: SegmentSentEvent, mode: Mode, d: Dissected, protocol: TlsProtocol): Narration {
  const t = e.tampered!;
  const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;
  const change = `byte ${t.offset} changed from ${hex(t.original)} to ${hex(t.altered)}`;
  if (d.http) {
    return {
      headline: 'Tampered: an attacker changed this cleartext message in flight',
      detail: `An attacker on the ${e.link} link altered this plain-HTTP message in flight (${change}). Nothing protects cleartext: neither ${nodeName(e.to)} nor anyone else can tell it was changed.`,
      modeNote: plainToBackends(mode) ? 'Integrity is lost behind an offloading LB too, not just confidentiality: on the cleartext leg, changes go unnoticed.' : undefined,
      glossary: ['mac', 'layer-7'],
    };
  }
  const detector = tlsEndpointReceiving(e, mode);
  return {
    headline: `Tampered: an attacker flipped one byte of this TLS record`,
    detail: `On the ${e.link} link an attacker altered the encrypted record in flight (${change}). The record ${RECORD_FACTS[protocol].tamperFailure}, so ${detector.name}, the TLS endpoint receiving it, will reject it with a bad_record_mac alert (${RECORD_FACTS[protocol].badRecordMacRef}).`,
    modeNote: tamperNote(e, mode, detector.role),
    glossary: [protocol === 'tls1.1' ? 'mac' : 'aead', 'record', 'alert'],
  };
}

type EndpointRole = 'client' | 'lb' | 'backend';

/** The node holding the keys of the TLS session this segment belongs to, on the receiving side. */
function tlsEndpointReceiving(e: SegmentSentEvent, mode: Mode): { role: EndpointRole; name: string } {
  if (e.direction === 's2c') {
    return e.link === 'internal' && !relaysTls(mode) ? { role: 'lb', name: nodeName('lb') } : { role: 'client', name: nodeName('client') };
  }
  if (relaysTls(mode) || e.link === 'internal') {
    return { role: 'backend', name: isBackend(e.to) ? nodeName(e.to) : 'the backend' };
  }
  return { role: 'lb', name: nodeName('lb') };
}

function tamperNote(e: SegmentSentEvent, mode: Mode, detector: EndpointRole): string | undefined {
  if (relaysTls(mode)) {
    return detector === 'client'
      ? 'The LB cannot check the MAC: it relays the damaged record, and the client detects it.'
      : 'The LB cannot check the MAC, it has no keys: it relays the damaged record, and the backend, the real session endpoint, detects it.';
  }
  if (e.link === 'internet' && detector === 'lb') return 'The LB is the endpoint of the client session: it checks the MAC, catches the change and the request never reaches a backend.';
  if (reencrypts(mode) && e.link === 'internal') return 'The second TLS session protects the internal leg as well: the receiving end catches the change.';
  return undefined;
}
