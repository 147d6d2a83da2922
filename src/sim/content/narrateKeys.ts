/**
 * Narration of a key schedule step (`tls.keysDerived`): which secrets one end derived just now and from what,
 * told from the event's own list of secrets. Names only, never values. The mode note says who else holds them,
 * which is the whole difference between the three modes.
 */
import type { EventOf } from '../core/events';
import type { Mode } from '../scenarios/types';
import type { GlossaryId } from './glossary';
import type { Narration } from './narration';
import { versionProtocol } from './protocolOf';
import { capitalize, isBackend, list, nodeName, nodeShort, sentences } from './text';
import { plainToBackends, relaysTls } from './modeTraits';

type KeysEvent = EventOf<'tls.keysDerived'>;

/** The secret that brings the step's new input: the one whose origin a learner most needs to hear. */
const KEY_SECRET: Readonly<Record<KeysEvent['detail']['stage'], string>> = {
  master: 'pre_master_secret',
  handshake: 'handshake_secret',
  application: 'master_secret',
  update: '',
};

export function keysDerived(e: KeysEvent, mode: Mode): Narration {
  const { stage, secrets } = e.detail;
  const protocol = versionProtocol(e.detail.version, undefined);
  const who = nodeShort(e.node);
  const names = secrets.map((s) => s.name);
  const key = secrets.find((s) => s.name === KEY_SECRET[stage]) ?? secrets[0];
  let headline: string;
  let use: string;
  if (stage === 'master') {
    headline = protocol === 'tls1.1'
      ? `${who} derives the session keys from the RSA-sent pre-master secret`
      : `${who} derives the session keys from the x25519 exchange`;
    use = 'One master secret gives all the keys of the session, for both directions, until it ends.';
  } else if (stage === 'handshake') {
    headline = `${who} derives the TLS 1.3 handshake keys from the x25519 secret`;
    use = 'These keys protect only the rest of the handshake, from EncryptedExtensions to Finished.';
  } else if (stage === 'application') {
    headline = `${who} derives the TLS 1.3 application traffic keys`;
    use = 'These keys protect the HTTP from now on; the handshake keys are done.';
  } else {
    headline = `${who} derives the next traffic keys after a KeyUpdate`;
    use = 'Records from here on use the new keys, so a key stolen later does not open the earlier ones.';
  }
  return {
    headline,
    detail: sentences(
      `${capitalize(nodeName(e.node))} derives ${list(names)}.`,
      key && `${key.name} is ${key.from}.`,
      use,
    ),
    modeNote: keysModeNote(e.node, mode, protocol === 'tls1.1'),
    glossary: keysGlossary(stage, protocol === 'tls1.1'),
  };
}

function keysModeNote(node: string, mode: Mode, rsaTransport: boolean): string {
  if (relaysTls(mode)) {
    return rsaTransport
      ? 'Only the client and the backend derive these; the LB relaying the bytes derives nothing. But whoever holds the site private key can open the pre-master secret in a recording and derive them all.'
      : 'Only the client and the backend derive these; the LB relaying the bytes derives nothing and reads nothing. Not even the site private key would let anyone recompute them later.';
  }
  if (node === 'client') return 'The LB derives the same secrets on its side: the client session ends at the load balancer.';
  if (node === 'lb') {
    return plainToBackends(mode)
      ? 'The LB is the endpoint of the client session: with these keys it decrypts every request and forwards it in cleartext.'
      : 'The LB runs a key schedule for each of its two sessions: the client leg and the backend leg share no secret.';
  }
  return isBackend(node)
    ? `${capitalize(nodeName(node))} shares these secrets with the LB, not with the client: the second session has its own key schedule.`
    : 'Only the two ends of this session hold these secrets.';
}

function keysGlossary(stage: KeysEvent['detail']['stage'], rsaTransport: boolean): GlossaryId[] {
  if (stage === 'master') return rsaTransport ? ['key-schedule', 'pre-master-secret', 'master-secret', 'forward-secrecy'] : ['key-schedule', 'ecdhe', 'pre-master-secret', 'master-secret', 'forward-secrecy'];
  return stage === 'update' ? ['key-update', 'hkdf', 'key-schedule'] : ['key-schedule', 'hkdf', 'key-share', 'forward-secrecy'];
}
