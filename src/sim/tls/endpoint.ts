/**
 * One end of a real TLS 1.1 session, run by node-forge. The owner feeds it the bytes that arrived over TCP and
 * gets back, through callbacks, the record bytes to send, the decrypted application data, and the outcome.
 * Bytes leave through `send` and come back later through the scheduler, never by calling `process()` inside
 * forge's own callback (QUALITY.md: a synchronous loop keeps sending after a fatal alert).
 */
import forge, { binaryToBytes, bytesToBinary } from './forge';
import type Forge from 'node-forge';
import { certificateFromPem, certificateHostnames, commonName } from './pkiCache';
import { toHex } from '../core/bytes';

export interface TlsSessionInfo {
  readonly version: string;
  readonly cipherSuite: string;
  readonly clientRandomHex: string;
  readonly serverRandomHex: string;
  readonly masterSecretHex: string;
  readonly sessionIdHex: string;
  /** Subject CN of the certificate the peer presented, if any. */
  readonly peerCertificateCn: string | null;
  /** TLS 1.3 only (src/sim/tls13): the traffic secrets an NSS key log needs (RFC 8446 §7.1). */
  readonly tls13Secrets?: {
    readonly clientHandshakeTrafficSecretHex: string;
    readonly serverHandshakeTrafficSecretHex: string;
    readonly clientTrafficSecret0Hex: string;
    readonly serverTrafficSecret0Hex: string;
  };
}

export interface TlsFailure {
  readonly alert: string;
  readonly code: number;
  readonly message: string;
  /** True when this end detected the problem (and sent the alert); false when the peer's alert arrived. */
  readonly local: boolean;
}

/** The moments of a key schedule: TLS 1.1/1.2 derive everything once ('master'); TLS 1.3 in stages (RFC 8446 §7.1). */
export type KeyStage = 'master' | 'handshake' | 'application' | 'update';

/** One step of the key schedule: which secrets this end derived just now, and from what (names, never values). */
export interface KeyDerivationStep {
  readonly stage: KeyStage;
  readonly secrets: readonly { readonly name: string; readonly from: string }[];
}

/** The half of a TLS 1.3 key log that exists once the handshake keys do (RFC 8446 §7.1; NSS key log names). */
export interface HandshakeKeyLog {
  readonly clientRandomHex: string;
  readonly clientHandshakeTrafficSecretHex: string;
  readonly serverHandshakeTrafficSecretHex: string;
}

export interface TlsEndpointCallbacks {
  send(bytes: Uint8Array): void;
  /** This end derived (and installed) new secrets: the key schedule as a step of its own (issue 7). */
  keysDerived?(step: KeyDerivationStep): void;
  /**
   * TLS 1.3: both handshake traffic secrets exist. Reported before the handshake ends so that an end which then
   * aborts (say, it rejects the certificate it just decrypted) still counts as able to read what it read.
   */
  handshakeSecrets?(secrets: HandshakeKeyLog): void;
  connected(info: TlsSessionInfo): void;
  data(bytes: Uint8Array): void;
  failed(failure: TlsFailure): void;
  closed(): void;
}

export interface TlsServerConfig {
  readonly role: 'server';
  readonly certificateChainPem: readonly string[];
  readonly privateKeyPem: string;
  /** Ask for and verify a client certificate against these CAs (mTLS). */
  readonly clientCaPem?: readonly string[];
  readonly validityDate: Date;
}

export interface TlsClientConfig {
  readonly role: 'client';
  /** Sent as SNI and checked against the certificate, unless `verifyPeer` is false. */
  readonly serverName: string;
  readonly trustedCaPem: readonly string[];
  /** false models `proxy_ssl_verify off`: any certificate is accepted, the session is encrypted but unauthenticated. */
  readonly verifyPeer: boolean;
  readonly clientCertificatePem?: string;
  readonly clientPrivateKeyPem?: string;
  readonly validityDate: Date;
}

export interface TlsEndpoint {
  /** Hands bytes that arrived from the peer to forge. */
  receive(bytes: Uint8Array): void;
  /** Encrypts application data (only after `connected`). */
  write(bytes: Uint8Array): void;
  /** Starts the handshake (client) - servers wait for the ClientHello. */
  start(): void;
  close(): void;
  readonly isConnected: boolean;
  readonly failure: TlsFailure | null;
}

const ALERT_NAMES = new Map<number, string>(
  Object.entries(forge.tls.Alert.Description as unknown as Record<string, number>).map(([name, code]) => [code, name]),
);

export function alertName(code: number): string {
  return ALERT_NAMES.get(code) ?? `alert_${code}`;
}

/** RSA key transport (RFC 4346 §7.4.7.1, §8.1, §6.3): every secret hangs off one RSA-encrypted value. */
const TLS11_KEY_STEP: KeyDerivationStep = {
  stage: 'master',
  secrets: [
    {
      name: 'pre_master_secret',
      from: "48 bytes the client picked at random and sent in ClientKeyExchange encrypted to the RSA public key in the server's certificate; the server decrypted them with its private key, so anyone who ever holds that key can do the same to a recording",
    },
    {
      name: 'master_secret',
      from: 'PRF(pre_master_secret, "master secret", client_random + server_random): the TLS 1.0/1.1 PRF, MD5 and SHA-1 HMAC streams XORed together; both randoms crossed the wire in the clear',
    },
    {
      name: 'key_block',
      from: 'PRF(master_secret, "key expansion", server_random + client_random), cut into client_write_MAC_secret, server_write_MAC_secret, client_write_key and server_write_key (HMAC-SHA1 and AES-CBC; TLS 1.1 sends each record\'s IV in the record itself)',
    },
  ],
};

const CIPHER_NAMES: Record<string, string> = {
  '002f': 'TLS_RSA_WITH_AES_128_CBC_SHA',
  '0035': 'TLS_RSA_WITH_AES_256_CBC_SHA',
};

export function createTlsEndpoint(config: TlsServerConfig | TlsClientConfig, callbacks: TlsEndpointCallbacks): TlsEndpoint {
  let connected = false;
  let failure: TlsFailure | null = null;
  let rejection: string | null = null;

  const verify = (_c: Forge.tls.Connection, verified: unknown, depth: number, certs: Forge.pki.Certificate[]): unknown => {
    if (verified !== true) {
      rejection = describeVerifyError(verified, certs[depth]);
      return verified;
    }
    if (config.role === 'client' && depth === 0) {
      const leaf = certs[0]!;
      const names = certificateHostnames(leaf);
      if (!hostnameMatches(config.serverName, names)) {
        rejection = `certificate is for ${names.join(', ')}, not ${config.serverName}`;
        return { alert: forge.tls.Alert.Description.bad_certificate, message: rejection };
      }
    }
    return true;
  };

  const common = {
    caStore: caStoreFor(config),
    cipherSuites: [forge.tls.CipherSuites.TLS_RSA_WITH_AES_128_CBC_SHA, forge.tls.CipherSuites.TLS_RSA_WITH_AES_256_CBC_SHA],
    verifyOptions: { validityCheckDate: config.validityDate },
    verify: config.role === 'client' && !config.verifyPeer ? () => true : verify,
    connected: (c: Forge.tls.Connection) => {
      connected = true;
      // forge derives its keys inside its own state machine; `connected` is the first moment they are visible.
      callbacks.keysDerived?.(TLS11_KEY_STEP);
      callbacks.connected(sessionInfo(c));
    },
    tlsDataReady: (c: Forge.tls.Connection) => {
      const bytes = c.tlsData.getBytes();
      if (bytes.length > 0) callbacks.send(binaryToBytes(bytes));
    },
    dataReady: (c: Forge.tls.Connection) => {
      const bytes = c.data.getBytes();
      if (bytes.length > 0) callbacks.data(binaryToBytes(bytes));
    },
    closed: () => callbacks.closed(),
    error: (_c: Forge.tls.Connection, error: Forge.tls.TLSError) => {
      if (failure) return;
      const code = (error.alert?.description ?? 80) as number;
      // forge passes `send: false` for an alert that arrived from the peer (tls.js handleAlert).
      const local = (error as { send?: boolean }).send !== false;
      failure = { alert: alertName(code), code, message: local ? (rejection ?? error.message) : `peer sent ${alertName(code)}`, local };
      callbacks.failed(failure);
    },
  };

  // @types/node-forge lags forge's real options (verifyOptions, getCertificate returning a chain): go untyped here.
  const createConnection = forge.tls.createConnection as unknown as (options: object) => Forge.tls.Connection;
  const connection =
    config.role === 'server'
      ? createConnection({
          ...common,
          server: true,
          verifyClient: config.clientCaPem ? true : false,
          getCertificate: () => [...config.certificateChainPem],
          getPrivateKey: () => config.privateKeyPem,
        })
      : createConnection({
          ...common,
          server: false,
          virtualHost: config.serverName,
          getCertificate: config.clientCertificatePem ? () => config.clientCertificatePem! : undefined,
          getPrivateKey: config.clientPrivateKeyPem ? () => config.clientPrivateKeyPem! : undefined,
        });

  return {
    receive(bytes) {
      if (failure) return;
      connection.process(bytesToBinary(bytes));
    },
    write(bytes) {
      if (!connected || failure) return;
      connection.prepare(bytesToBinary(bytes));
    },
    start() {
      if (config.role === 'client') connection.handshake();
    },
    close() {
      if (!failure) connection.close();
    },
    get isConnected() {
      return connected;
    },
    get failure() {
      return failure;
    },
  };
}

function caStoreFor(config: TlsServerConfig | TlsClientConfig): string[] | undefined {
  const pems = config.role === 'client' ? config.trustedCaPem : config.clientCaPem;
  return pems ? [...pems] : undefined;
}

function hostnameMatches(name: string, certNames: string[]): boolean {
  const wanted = name.toLowerCase();
  return certNames.some((n) => n === wanted || (n.startsWith('*.') && wanted.endsWith(n.slice(1)) && wanted.split('.').length === n.split('.').length));
}

function describeVerifyError(verified: unknown, cert: Forge.pki.Certificate | undefined): string {
  const who = cert ? `certificate "${commonName(cert)}"` : 'certificate';
  const code = typeof verified === 'object' && verified !== null ? (verified as { error?: string }).error : verified;
  const errors = (forge.pki as unknown as { certificateError: Record<string, string> }).certificateError;
  if (code === errors.certificate_expired) return `${who} has expired or is not yet valid`;
  if (code === errors.unknown_ca) return `${who} was issued by a CA this side does not trust`;
  if (code === errors.bad_certificate) return `${who} failed verification (bad signature or structure)`;
  return `${who} was rejected (${String(code)})`;
}

function sessionInfo(c: Forge.tls.Connection): TlsSessionInfo {
  const session = c.session as unknown as {
    version: { major: number; minor: number };
    sp: { client_random: string; server_random: string; master_secret: string };
    cipherSuite: { id: [number, number]; name: string } | null;
    id: string;
  };
  const suiteHex = session.cipherSuite ? toHex(Uint8Array.from(session.cipherSuite.id)) : '';
  const peer = (c as unknown as { peerCertificate: Forge.pki.Certificate | null }).peerCertificate;
  return {
    version: session.version.minor === 2 ? 'TLS 1.1' : session.version.minor === 1 ? 'TLS 1.0' : `TLS ${session.version.major}.${session.version.minor}`,
    cipherSuite: CIPHER_NAMES[suiteHex] ?? session.cipherSuite?.name ?? 'unknown',
    clientRandomHex: toHex(binaryToBytes(session.sp.client_random)),
    serverRandomHex: toHex(binaryToBytes(session.sp.server_random)),
    masterSecretHex: toHex(binaryToBytes(session.sp.master_secret)),
    sessionIdHex: toHex(binaryToBytes(session.id ?? '')),
    peerCertificateCn: peer ? commonName(peer) : null,
  };
}

export { certificateFromPem };
