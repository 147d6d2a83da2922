/**
 * What protocol the lab really runs, how today's TLS differs, and what the simulation leaves out: one note per
 * selectable engine. The UI shows it wherever it names the protocol, so nobody takes TLS 1.1 with RSA key
 * transport for current practice, nor the lab's TLS 1.3 for a complete one.
 */
import type { TlsProtocol } from '../scenarios/types';

export interface ProtocolNote {
  whatRuns: string;
  /** ECDHE and forward secrecy, the encrypted certificate of 1.3, AEAD, 1-RTT, SNI still cleartext, ECH. */
  whatTls12And13Change: string[];
  simplifications: string[];
}

/** The legacy engine's note; the UI's selector reads PROTOCOL_NOTES. */
export const PROTOCOL_NOTE: ProtocolNote = {
  whatRuns: 'Every byte in this lab is real TLS 1.1 (RFC 4346) produced by node-forge, a TLS implementation in plain JavaScript that speaks only TLS 1.0 and 1.1. The key exchange is RSA key transport and the cipher suite TLS_RSA_WITH_AES_128_CBC_SHA: AES-128 in CBC mode with a fresh explicit IV per record and an HMAC-SHA1 MAC. The handshakes and records interoperate with OpenSSL when it is set to allow TLS 1.1, but browsers no longer accept this version (RFC 8996 deprecated TLS 1.0 and 1.1 in 2021); the lab uses it because it shows the mechanics openly.',
  whatTls12And13Change: [
    'Key exchange and forward secrecy: real TLS 1.2 deployments use ECDHE and TLS 1.3 allows only ephemeral (EC)DHE. The secret is computed on both sides and never sent, so holding the server private key, on a backend or on a load balancer, no longer lets anyone decrypt a recording; here, with RSA key transport, it does.',
    'For a load balancer that terminates TLS nothing changes in who can read the traffic: it is still a session endpoint. What ECDHE ends is passive decryption with a copy of the private key, which old IDS designs and the RSA key list of Wireshark relied on; they now need per-session secrets (an SSLKEYLOGFILE).',
    'Encrypted certificate: TLS 1.3 encrypts everything after the ServerHello, certificate included, so a passthrough balancer or an eavesdropper no longer sees which certificate the server presents. In TLS 1.2 and in this lab it crosses the network readable.',
    'AEAD ciphers: TLS 1.2 added AES-GCM and ChaCha20-Poly1305 and TLS 1.3 allows nothing else. They replace the CBC-plus-HMAC construction used here, whose MAC-then-encrypt order invited padding-oracle attacks such as Lucky Thirteen.',
    'One round trip: a full TLS 1.3 handshake takes one round trip instead of the two seen here, and resumption can even carry data in the first flight (0-RTT), at the price of possible replay.',
    'SNI is still in the clear: the TLS 1.3 ClientHello is as readable as the one here, which is why SNI routing in passthrough keeps working.',
    'ECH (Encrypted Client Hello) changes that: the real ClientHello, SNI included, travels encrypted inside an outer hello with a shared public name, so a passthrough router sees only that outer name and routing on the real one must be done by a server that holds the ECH key.',
    'TLS 1.2 also replaced the MD5/SHA-1 pseudo-random function with one based on SHA-256; node-forge has only a stub for that function, which is why the lab stays at 1.1.',
  ],
  simplifications: [
    'One client, one load balancer and three backends on two links with fixed latencies: no packet loss, retransmission or congestion control, and acknowledgements of data ride on the next segment instead of travelling alone.',
    'The load balancer is a full TCP proxy in every mode, as HAProxy and nginx are: two TCP connections. Direct server return and IP-transparent forwarding, where the backend sees the client address as the TCP source, are not modelled.',
    'Certificates come from a lab PKI generated when the page starts; the client trusts the lab root, and time is frozen at a fixed simulated date for validity checks. There is no revocation checking (OCSP or CRL).',
    'No session resumption, renegotiation, ALPN or HTTP/2, so effects such as HTTP/2 connection coalescing are described but not simulated.',
    'Eavesdroppers are passive taps holding no keys; the tamper scenario changes one byte of one record.',
    'The WAF is a small rule set scored the way the OWASP Core Rule Set scores anomalies, not a complete one.',
    'Times are virtual milliseconds of network latency; the CPU cost of cryptography is measured separately and not added to the timeline.',
  ],
};

/** What every engine shares: the network, the PKI, the observers. */
const SHARED_SIMPLIFICATIONS: readonly string[] = [
  'One client, one load balancer and three backends on two links with fixed latencies: no packet loss, retransmission or congestion control, and acknowledgements of data ride on the next segment instead of travelling alone.',
  'The load balancer is a full TCP proxy in every mode, as HAProxy and nginx are: two TCP connections. Direct server return and IP-transparent forwarding, where the backend sees the client address as the TCP source, are not modelled.',
  'Certificates come from a lab PKI generated when the page starts; the client trusts the lab root, and time is frozen at a fixed simulated date for validity checks. There is no revocation checking (OCSP or CRL).',
  'Eavesdroppers are passive taps; the tamper scenario changes one byte of one record.',
  'The WAF is a small rule set scored the way the OWASP Core Rule Set scores anomalies, not a complete one.',
  'Times are virtual milliseconds of network latency; the CPU cost of cryptography is measured separately and not added to the timeline.',
];

const TLS12_NOTE: ProtocolNote = {
  whatRuns: "Every byte is real TLS 1.2 (RFC 5246) from the lab's own engine (src/sim/tls12), with one cipher suite, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 5289): an x25519 key exchange (RFC 8422) whose server half is signed with the certificate's RSA key, and AES-128-GCM records. It is built on node-forge's primitives (SHA-256, HMAC, AES-GCM, RSA signatures, X.509) and x25519 from @noble/curves, and is tested against the published PRF vector and against OpenSSL through Node's tls module at default settings, in both directions.",
  whatTls12And13Change: [
    'Forward secrecy: the pre-master secret is the x25519 shared secret each side computes from its own ephemeral private key and the other\'s public key; it never crosses the wire. The certificate key only signs the ServerKeyExchange, so a stolen site key, on a backend or on a load balancer, opens no recording.',
    'For a load balancer that terminates TLS nothing changes in who can read the traffic: it is still a session endpoint. What ECDHE ends is passive decryption with a copy of the private key; tools now need per-session secrets (an SSLKEYLOGFILE).',
    'AEAD records: AES-GCM encrypts and authenticates in one step, with an 8-byte explicit nonce and a 16-byte tag per record, replacing CBC with HMAC-SHA1 and its padding-oracle history.',
    'Still visible: the certificate crosses the network in the clear, as in TLS 1.1, so a passthrough balancer or an eavesdropper can read which certificate the server presents. TLS 1.3 encrypts it.',
    'Still two round trips before the first request, as in TLS 1.1; TLS 1.3 needs one.',
  ],
  simplifications: [
    'One cipher suite and one group (x25519); it signs with rsa_pss_rsae_sha256 or rsa_pkcs1_sha256 and verifies RSA signatures with SHA-256, SHA-384 or SHA-512. That is enough for real OpenSSL peers at default settings, far less than a production stack offers.',
    'No session resumption or tickets; renegotiation is declined with a no_renegotiation warning. The extended master secret extension (RFC 7627) is not implemented.',
    'ALPN offers and selects only http/1.1; there is no HTTP/2.',
    ...SHARED_SIMPLIFICATIONS,
  ],
};

const TLS13_NOTE: ProtocolNote = {
  whatRuns: "Every byte is real TLS 1.3 (RFC 8446) from the lab's own engine (src/sim/tls13): a 1-RTT handshake with an x25519 key share, RSA-PSS (rsa_pss_rsae_sha256) signatures with the lab's RSA certificates, TLS_AES_128_GCM_SHA256 records and the full HKDF key schedule. It is built on node-forge's primitives (SHA-256, HMAC, AES-GCM, RSA-PSS, X.509) and x25519 from @noble/curves, checked byte for byte against the RFC 8448 example handshake and tested against OpenSSL through Node's tls module at default settings, in both directions.",
  whatTls12And13Change: [
    'Forward secrecy always: TLS 1.3 allows only ephemeral key exchange, so the site private key only signs (CertificateVerify) and a stolen key opens no recording.',
    'Less for a passthrough balancer to see: everything after the ServerHello is encrypted, certificate included. The balancer reads the SNI and the ALPN list from the ClientHello and nothing from the server except its hello.',
    'One round trip: the client sends its key share in the first message, so the server can answer with its key share, its encrypted certificate and its Finished in one flight, and the request follows the client Finished.',
    'A staged key schedule: HKDF derives handshake keys from the shared secret and the hellos, and separate application keys once the server has finished, each bound to the transcript so far.',
    'Records hide their type: every protected record says application_data on the outside, so without keys even an alert and a response look alike but for their size.',
    'SNI is still in the clear unless Encrypted Client Hello (ECH) is used; with ECH a passthrough router sees only an outer public name.',
  ],
  simplifications: [
    'One cipher suite (TLS_AES_128_GCM_SHA256), one group (x25519) and one signature scheme for its own certificates (rsa_pss_rsae_sha256). The server sends a HelloRetryRequest when a client offers x25519 without a key share for it; the lab\'s client always sends one, and rejects a retry request.',
    'No pre-shared keys, session tickets, resumption or 0-RTT early data: every handshake is a full one. A KeyUpdate from the peer is answered, but the lab never starts one.',
    'ECH is simulated at the level of what the network sees: the outer ClientHello names only the public name and carries an encrypted_client_hello extension of the real shape and size, filled with random bytes instead of an HPKE-sealed inner hello. The certificate is still checked against the real name, as after an accepted ECH.',
    'ALPN offers and selects only http/1.1; there is no HTTP/2 or QUIC.',
    ...SHARED_SIMPLIFICATIONS,
  ],
};

/** One note per selectable engine (the protocol option of a run). */
export const PROTOCOL_NOTES: Readonly<Record<TlsProtocol, ProtocolNote>> = {
  'tls1.1': PROTOCOL_NOTE,
  'tls1.2': TLS12_NOTE,
  'tls1.3': TLS13_NOTE,
};
