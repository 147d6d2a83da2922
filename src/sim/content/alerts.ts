/**
 * What each TLS alert description means (RFC 4346 section 7.2.2, RFC 8446 section 6.2), phrased to finish the sentence
 * "X ends the handshake: ...".
 */

const MEANINGS: Readonly<Record<string, string>> = {
  close_notify: 'it has nothing more to send and closes the session in an orderly way',
  unexpected_message: 'it received a message that does not belong at this point of the protocol',
  bad_record_mac: 'a record failed its integrity check, so it was altered in transit or the keys do not match',
  decryption_failed: 'a record could not be decrypted',
  record_overflow: 'a record was longer than the protocol allows',
  decompression_failure: 'a record could not be decompressed',
  handshake_failure: 'the two sides found no parameters they both accept',
  bad_certificate: 'the certificate was rejected, for instance because it names a different host than the one asked for',
  unsupported_certificate: 'the certificate is of a type it does not support',
  certificate_revoked: 'the certificate was revoked by its issuer',
  certificate_expired: 'the certificate is outside its validity period',
  certificate_unknown: 'the certificate could not be accepted for an unspecified reason',
  illegal_parameter: 'a handshake field had a value that is out of range or inconsistent',
  unknown_ca: 'the certificate chain leads to a certificate authority it does not trust',
  access_denied: 'the peer is not allowed to connect',
  decode_error: 'a message could not be decoded',
  decrypt_error: 'a signature or the Finished check failed',
  protocol_version: 'the version offered, or the bytes received, are not a TLS version it speaks',
  insufficient_security: 'the peer offered only ciphers weaker than it requires',
  internal_error: 'something unrelated to the peer went wrong',
  user_canceled: 'the handshake was cancelled',
  no_renegotiation: 'it refuses to renegotiate the session',
  // Alerts TLS 1.2 extensions and TLS 1.3 added (RFC 8446 section 6.2).
  missing_extension: 'a handshake message lacked an extension it must carry, such as key_share in a TLS 1.3 hello',
  unsupported_extension: 'a message carried an extension that was never offered',
  unrecognized_name: 'no site here answers to the requested server name',
  certificate_required: 'the server requires a client certificate and none was sent',
  no_application_protocol: 'none of the application protocols offered in ALPN is served here',
  inappropriate_fallback: 'the client retried with an older version although both sides support a newer one',
};

export function alertMeaning(description: string): string {
  return MEANINGS[description] ?? 'it hit an error it reports with this alert code';
}
