/**
 * TLS 1.3 alerts (RFC 8446 §6): the codes, their names, and the one error type the handshake code raises.
 * Parsers do not throw: they return a `Parsed` result; the handshake turns a failed one into an `AlertError`,
 * which the endpoint catches in one place, sends as a fatal alert and reports through `failed`.
 */
export const AlertCode = {
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  record_overflow: 22,
  handshake_failure: 40,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_revoked: 44,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  access_denied: 49,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  inappropriate_fallback: 86,
  user_canceled: 90,
  missing_extension: 109,
  unsupported_extension: 110,
  unrecognized_name: 112,
  bad_certificate_status_response: 113,
  unknown_psk_identity: 115,
  certificate_required: 116,
  no_application_protocol: 120,
} as const;

export type AlertName = keyof typeof AlertCode;

const NAMES = new Map<number, string>(Object.entries(AlertCode).map(([name, code]) => [code, name]));

export function alertName13(code: number): string {
  return NAMES.get(code) ?? `alert_${code}`;
}

/** Raised inside the handshake for a fatal condition; carries the alert to send (§6.2). */
export class AlertError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'AlertError';
  }
}

export function alertError(name: AlertName, message: string): AlertError {
  return new AlertError(AlertCode[name], message);
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: number; readonly message: string };

/** Runs a parser body that may raise AlertError (or anything else) and returns a result instead of throwing. */
export function guard<T>(what: string, parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof AlertError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: AlertCode.decode_error, message: `malformed ${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Unwraps a parse result inside the handshake: a failure becomes the AlertError the endpoint reports. */
export function expectParsed<T>(result: Parsed<T>): T {
  if (!result.ok) throw new AlertError(result.code, result.message);
  return result.value;
}
