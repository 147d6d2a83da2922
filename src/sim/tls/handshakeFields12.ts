/**
 * The two messages of an ECDHE key exchange in TLS 1.2 (RFC 8422 §5.4, §5.7), labelled for the inspector. They
 * are what makes the site's RSA key useless to an eavesdropper: the server SIGNS its ephemeral public key with
 * it, the client answers with its own ephemeral public key, and the shared secret never crosses the wire.
 */
import { toHex } from '../core/bytes';
import type { FieldReader } from './handshakeFields';
import { groupName, signatureSchemeName } from './helloExtensions';

const u16 = (b: Uint8Array): number => ((b[0] ?? 0) << 8) | (b[1] ?? 0);
const short = (b: Uint8Array): string => `${b.length} bytes: ${toHex(b.subarray(0, 8))}${b.length > 8 ? '...' : ''}`;

/** ServerKeyExchange { ServerECDHParams { curve_type; named_curve; ECPoint public }; digitally-signed { SignatureAndHashAlgorithm; signature } }. */
export function parseServerKeyExchange(body: FieldReader): { namedCurve: string; ecdhePublicKeyHex: string; signatureAlgorithm: string } {
  const curveType = body.uint('Curve type', 1, '3 = named_curve: the group is named by the next two bytes');
  if (curveType !== null && curveType !== 3) {
    // Not ECDHE (e.g. DHE's p, g, Ys): label the rest without guessing at its structure.
    if (body.left > 0) body.field('Key exchange parameters', body.left, short);
    return { namedCurve: '', ecdhePublicKeyHex: '', signatureAlgorithm: '' };
  }
  const curve = body.field('Named curve', 2, (b) => groupName(u16(b)), 'The group of the ephemeral key pair the server made for this connection only');
  const point = body.vector('Server public key', 1);
  const pub = point?.field('Server ephemeral public key', point.left, short, "The server's ephemeral public key, new for this connection; the private half is thrown away after the handshake (forward secrecy)") ?? null;
  const alg = body.field('Signature algorithm', 2, (b) => signatureSchemeName(u16(b)), 'The scheme the site key signs with');
  const sig = body.vector('Signature', 2);
  sig?.field('Signature', sig.left, short, "The site's RSA key SIGNS the randoms and this ephemeral key to prove who sent them; it encrypts nothing, so stealing it later decrypts nothing");
  return { namedCurve: curve ? groupName(u16(curve)) : '', ecdhePublicKeyHex: pub ? toHex(pub) : '', signatureAlgorithm: alg ? signatureSchemeName(u16(alg)) : '' };
}

/** ClientKeyExchange { ECPoint ecdh_Yc<1..2^8-1> } (RFC 8422 §5.7). */
export function parseEcdheClientKeyExchange(body: FieldReader): { ecdhePublicKeyHex: string } {
  const point = body.vector('Client public key', 1);
  const pub = point?.field('Client ephemeral public key', point.left, short, "The client's ephemeral x25519 public key; the shared secret never crosses the wire");
  return { ecdhePublicKeyHex: pub ? toHex(pub) : '' };
}
