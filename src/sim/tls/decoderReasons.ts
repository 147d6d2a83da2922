/**
 * The words an observer gives for what it could or could not read. They are the lesson of each outcome (RSA key
 * transport has no forward secrecy; ECDHE and TLS 1.3 do), so they live in one place, and tests match them.
 */
export const NO_KEY = 'encrypted: no key for this session (observer holds no private key matching the server certificate, and was not an endpoint)';
export const ENDPOINT = "decrypted with the session's master secret (this node is an endpoint)";
export const RSA = "decrypted: recovered the pre-master secret with the site's RSA private key (RSA key transport has no forward secrecy)";
export const NO_KEY_13 = 'encrypted: no key for this session (this observer was not an endpoint and holds none of its TLS 1.3 traffic secrets)';
/** The `detail` of a TLS 1.3 record nobody could open: the wire says application_data whatever it really holds. */
export const HIDDEN_13 = 'Encrypted record: TLS 1.3 hides the real content type inside';

export const forwardSecrecy12 = (group: string): string =>
  `encrypted: ECDHE key exchange — the session secret was computed from ephemeral ${group} keys that never crossed the wire; the site's RSA key only signed the handshake, so holding it opens nothing (forward secrecy)`;

export const forwardSecrecy13 = (group: string): string =>
  `encrypted: TLS 1.3 key exchange — the traffic secrets were computed from ephemeral ${group} keys that never crossed the wire; the site's RSA key only signed the handshake (CertificateVerify), so holding it opens nothing (forward secrecy)`;
