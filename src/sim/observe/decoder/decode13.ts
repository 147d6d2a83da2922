/**
 * One direction of a TLS 1.3 connection as a passive observer reads it (RFC 8446 §7.1-7.2, §5.3): records are
 * protected first with the handshake traffic secret, and after that direction's Finished with the application
 * traffic secret; each key has its own sequence number from 0; a KeyUpdate moves to the next application secret.
 * The observer learns where the switch is only by decrypting the Finished; if it cannot (a damaged record), it
 * tries the application key, as Wireshark does.
 */
import { nextTrafficSecret } from '../../tlsShared/keySchedule';
import { contentTypeName } from '../../tls/records';
import { describeInnerHandshake } from './innerHandshake13';
import { alertDescriptionName, alertLevelName } from '../../tls/records';
import { open13 } from './modernRecordCrypto';
import type { WireRecord } from './modernRecordCrypto';
import type { Attempt } from './recordCrypto';
import type { DecryptedContent } from '../../core/views';

/** The secrets of one direction an endpoint's key log holds. */
export interface DirectionSecrets13 { handshake: Uint8Array; application: Uint8Array }

/** A decrypted TLS 1.3 record: the inner (real) content type, the content, and which secret opened it. */
export interface Opened13 {
  typeName: string; content: Uint8Array;
  /** What the record held. */
  decrypted: DecryptedContent;
  /** Which secret opened it, and after how many KeyUpdates. */
  stage: 'handshake' | 'application'; keyUpdates: number;
}

export class Tls13Direction {
  private stage: 'handshake' | 'application' = 'handshake';
  private seq = 0;
  private appSecret: Uint8Array | null = null;
  private updates = 0;

  /** Reads the next protected record of this direction; `secrets` null when the observer has none (it still counts). */
  read(rec: WireRecord, secrets: DirectionSecrets13 | null): Attempt<Opened13> {
    const seq = this.seq++; // the sender counted this record whether or not we can read it
    if (!secrets) return { ok: false, reason: { code: 'no-key-for-session', tls13: true } };
    const current = this.stage === 'handshake' ? secrets.handshake : (this.appSecret ??= secrets.application);
    let out = open13(current, seq, rec);
    if (!out.ok && this.stage === 'handshake') {
      // The Finished may have been the damaged record: the peer has moved on to the application key.
      const trial = open13(secrets.application, 0, rec);
      if (trial.ok) {
        this.enterApplication(secrets.application);
        this.seq = 1;
        out = trial;
      }
    }
    if (!out.ok) return out;
    const stage = this.stage;
    const keyUpdates = this.stage === 'handshake' ? 0 : this.updates;
    const { type, content } = out.value;
    const typeName = contentTypeName(type);
    if (typeName === 'handshake') {
      const inner = describeInnerHandshake(content);
      // The switch comes after this direction's Finished (§7.2); a KeyUpdate switches to the next secret (§4.6.3).
      if (this.stage === 'handshake' && inner.types.includes(20)) this.enterApplication(secrets.application);
      else if (this.stage === 'application' && inner.types.includes(24)) {
        this.appSecret = nextTrafficSecret(this.appSecret ?? secrets.application);
        this.seq = 0;
        this.updates++;
      }
      return { ok: true, value: { typeName, content, stage, keyUpdates, decrypted: { type: 'handshake', messages: inner.messages, certificateSubject: inner.certificateSubject } } };
    }
    const decrypted: DecryptedContent = typeName === 'alert'
      ? { type: 'alert', level: alertLevelName(content[0] ?? 0), description: alertDescriptionName(content[1] ?? -1) }
      : { type: 'data', contentType: typeName, length: content.length };
    return { ok: true, value: { typeName, content, stage, keyUpdates, decrypted } };
  }

  private enterApplication(secret: Uint8Array): void {
    this.stage = 'application';
    this.seq = 0;
    this.appSecret = secret;
  }
}
