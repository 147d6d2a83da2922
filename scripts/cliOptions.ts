/**
 * The CLI's option flags: one per UI toggle, each mapped to a RunOptions field with its own value check, so
 * `--help` and validation come from the same table.
 */
import type { RunOptions } from '../src/sim/engine';

type Parser = (value: string) => RunOptions[keyof RunOptions] | undefined;

const onOff: Parser = (v) => (v === 'on' ? true : v === 'off' ? false : undefined);
const oneOf = (...allowed: string[]): Parser => (v) => (allowed.includes(v) ? (v as RunOptions[keyof RunOptions]) : undefined);
const count: Parser = (v) => (/^\d{1,3}$/.test(v) ? Number(v) : undefined);

export interface OptionFlag {
  readonly flag: string;
  readonly key: keyof RunOptions;
  readonly values: string;
  readonly help: string;
  readonly parse: Parser;
}

export const OPTION_FLAGS: readonly OptionFlag[] = [
  { flag: 'protocol', key: 'protocol', values: 'tls1.1|tls1.2|tls1.3', help: 'TLS version on every hop (tls1.1 = node-forge)', parse: oneOf('tls1.1', 'tls1.2', 'tls1.3') },
  { flag: 'algorithm', key: 'algorithm', values: 'round-robin|least-connections|source-ip-hash', help: 'how the LB picks a backend', parse: oneOf('round-robin', 'least-connections', 'source-ip-hash') },
  { flag: 'sticky', key: 'stickyCookie', values: 'on|off', help: 'cookie persistence (SERVERID); impossible in passthrough', parse: onOff },
  { flag: 'proxy-protocol', key: 'proxyProtocol', values: 'off|v1|v2', help: 'PROXY protocol header from the LB (passthrough)', parse: oneOf('off', 'v1', 'v2') },
  { flag: 'backend-proxy-protocol', key: 'backendProxyProtocol', values: 'same|off|v1|v2', help: 'what the backends expect (a mismatch breaks connections)', parse: oneOf('same', 'off', 'v1', 'v2') },
  { flag: 'waf', key: 'waf', values: 'on|off', help: 'the WAF on the LB', parse: onOff },
  { flag: 'keep-alive', key: 'keepAlive', values: 'on|off', help: 'reuse one connection for several requests', parse: onOff },
  { flag: 'client-cert', key: 'clientCertificate', values: 'on|off', help: 'the client presents a certificate (mTLS)', parse: onOff },
  { flag: 'eavesdroppers', key: 'eavesdroppers', values: 'on|off', help: 'taps on the internet and internal links', parse: onOff },
  { flag: 'verify-backend', key: 'verifyBackendCertificate', values: 'on|off', help: 'bridging: verify backend certificates', parse: onOff },
  { flag: 'sni-reassembly', key: 'sniReassembly', values: 'on|off', help: 'passthrough: reassemble a split ClientHello', parse: onOff },
  { flag: 'xff-append', key: 'forwardedForAppend', values: 'on|off', help: 'append to a client-sent X-Forwarded-For (off: overwrite)', parse: onOff },
  { flag: 'pool-routing', key: 'poolRouting', values: 'on|off', help: 'route api.example.com and /api/* to an API pool', parse: onOff },
  { flag: 'cache', key: 'cache', values: 'on|off', help: 'cache cacheable responses at the LB', parse: onOff },
  { flag: 'compression', key: 'compression', values: 'on|off', help: 'gzip responses at the LB', parse: onOff },
  { flag: 'login-rate-limit', key: 'loginRateLimit', values: '0-999', help: 'login attempts per 10 s before 429 (0: off)', parse: count },
  { flag: 'backend-forces-https', key: 'backendForcesHttps', values: 'on|off', help: 'backends redirect plain HTTP', parse: onOff },
  { flag: 'ech', key: 'encryptedClientHello', values: 'on|off', help: 'TLS 1.3: Encrypted Client Hello (the LB sees only the outer name)', parse: onOff },
  { flag: 'forwarded-proto', key: 'forwardedProto', values: 'on|off', help: 'the LB sends X-Forwarded-Proto', parse: onOff },
];

/** Turns raw flag values into RunOptions, or returns the first problem in words. */
export function readOptionFlags(values: Readonly<Record<string, unknown>>): { options: Partial<RunOptions> } | { error: string } {
  const options: Record<string, unknown> = {};
  for (const f of OPTION_FLAGS) {
    const raw = values[f.flag];
    if (raw === undefined) continue;
    const parsed = f.parse(String(raw));
    if (parsed === undefined) return { error: `--${f.flag} must be ${f.values}, got "${String(raw)}"` };
    options[f.key] = parsed;
  }
  return { options: options as Partial<RunOptions> };
}

export function optionUsage(): string {
  return OPTION_FLAGS.map((f) => `  --${f.flag.padEnd(24)} ${f.values.padEnd(46)} ${f.help}`).join('\n');
}
