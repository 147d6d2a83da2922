/**
 * The terms the narration links to, each defined in one to three plain sentences. Definitions describe the
 * general idea first and then, where it matters, how the lab's three protocols differ: TLS 1.1 with RSA key
 * transport (node-forge), TLS 1.2 with ECDHE and AES-GCM, and TLS 1.3.
 */

export type GlossaryId =
  | 'sni' | 'certificate' | 'private-key' | 'ca' | 'client-random' | 'pre-master-secret' | 'master-secret'
  | 'record' | 'cipher-suite' | 'mac' | 'change-cipher-spec' | 'finished' | 'alert' | 'x-forwarded-for'
  | 'proxy-protocol' | 'mtls' | 'waf' | 'sticky-session' | 'layer-4' | 'layer-7' | 'forward-secrecy' | 'tls-1-3'
  | 'keep-alive' | 'vip' | 'mss'
  | 'tcp-handshake' | 'fin' | 'rst' | 'ecdhe' | 'aead' | 'ech' | 'source-ip-affinity' | 'x-forwarded-proto'
  | 'explicit-iv' | 'rate-limit' | 'response-cache' | 'compression' | 'https-redirect' | 'dns'
  | 'key-schedule' | 'hkdf' | 'supported-versions' | 'key-share' | 'alpn' | 'certificate-verify' | 'encrypted-extensions'
  | 'key-update';

export interface GlossaryEntry {
  readonly id: GlossaryId;
  readonly term: string;
  /** One to three plain sentences. */
  readonly definition: string;
}

/** Keyed by id so the compiler checks that every GlossaryId has an entry. */
const ENTRIES: { readonly [K in GlossaryId]: { readonly term: string; readonly definition: string } } = {
  'sni': {
    term: 'SNI (Server Name Indication)',
    definition: 'A field in the ClientHello where the client names the site it wants, so one IP address can serve many sites. It travels unencrypted, in TLS 1.3 too, which is why a load balancer can route on it without any key.',
  },
  'certificate': {
    term: 'Certificate',
    definition: 'A signed statement binding a hostname to a public key, issued by a certificate authority. The client checks the signature chain, the validity dates and that the name matches the site it asked for. Up to TLS 1.2 it crosses the network unencrypted; TLS 1.3 encrypts it.',
  },
  'private-key': {
    term: 'Private key',
    definition: 'The secret half of the key pair whose public half is in the certificate. With RSA key transport, whoever holds it can decrypt the pre-master secret and so read the session, so it must live only where TLS is meant to end.',
  },
  'ca': {
    term: 'Certificate authority (CA)',
    definition: 'An issuer whose signature a client trusts. Browsers trust public CAs; a load balancer that re-encrypts to its backends usually trusts a private, internal CA instead.',
  },
  'client-random': {
    term: 'Client random and server random',
    definition: 'Thirty-two bytes each side sends in its hello, unencrypted. They feed the key derivation so that every session gets fresh keys even if the same secret were reused.',
  },
  'pre-master-secret': {
    term: 'Pre-master secret',
    definition: 'The secret the master secret is derived from. With RSA key transport (the lab\'s TLS 1.1) it is 48 random bytes the client sends encrypted to the server certificate\'s public key, so the holder of the private key can recover it; with ECDHE (TLS 1.2) it is the shared secret both sides compute and never send.',
  },
  'master-secret': {
    term: 'Master secret',
    definition: 'Derived from the pre-master secret and the two randoms with the TLS pseudo-random function (RFC 4346 and RFC 5246 section 8.1). Every key of the session comes from it; logging it lets a tool like Wireshark decrypt that one session. TLS 1.3 also has a master_secret, one step of its HKDF key schedule.',
  },
  'record': {
    term: 'TLS record',
    definition: 'The unit TLS sends: a 5-byte header (content type, version, length) that is always readable, followed by a body that is encrypted once ChangeCipherSpec has been sent (in TLS 1.3, right after the ServerHello). One TCP segment can hold several records, and one record can span several segments.',
  },
  'cipher-suite': {
    term: 'Cipher suite',
    definition: 'The named combination of algorithms a session uses. TLS_RSA_WITH_AES_128_CBC_SHA (the lab\'s TLS 1.1) means RSA key transport, AES-128-CBC and HMAC-SHA1; TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (TLS 1.2) means ECDHE signed with RSA and AES-128-GCM. A TLS 1.3 suite such as TLS_AES_128_GCM_SHA256 names only the AEAD cipher and the hash; key exchange and signature are negotiated separately.',
  },
  'mac': {
    term: 'MAC (message authentication code)',
    definition: 'A keyed checksum over each record that only the two endpoints can compute: HMAC-SHA1 in the lab\'s TLS 1.1, the authentication tag of AES-GCM in TLS 1.2 and 1.3. If a single bit changes in transit the check fails and the receiver ends the session with a bad_record_mac alert.',
  },
  'change-cipher-spec': {
    term: 'ChangeCipherSpec',
    definition: 'A one-byte message saying that from the next record on, this side encrypts and authenticates with the newly agreed keys. TLS 1.3 no longer needs it, but still sends one that carries nothing, so that old middleboxes take the connection for a resumed TLS 1.2 one.',
  },
  'finished': {
    term: 'Finished',
    definition: 'The first encrypted handshake message from each side. It carries a checksum over every handshake message so far, so tampering with the cleartext part of the handshake, such as the offered cipher suites, is detected.',
  },
  'alert': {
    term: 'Alert',
    definition: 'A two-byte TLS message with a level (warning or fatal) and a reason code such as unknown_ca (48) or bad_record_mac (20). A fatal alert ends the session at once. Before ChangeCipherSpec alerts are readable on the wire; after it they are encrypted.',
  },
  'x-forwarded-for': {
    term: 'X-Forwarded-For',
    definition: 'An HTTP header in which a proxy records the address of the client it received the request from. Only a proxy that reads and rewrites HTTP can add it, and a backend should trust only the entry its own proxy added, because clients can send a forged one.',
  },
  'proxy-protocol': {
    term: 'PROXY protocol',
    definition: 'A short header (a text line in version 1, a binary block in version 2) that a layer-4 proxy writes at the very start of the backend connection, before any TLS byte, naming the real client address and port. Both sides must be configured for it: a backend that does not expect it sees a broken stream.',
  },
  'mtls': {
    term: 'Mutual TLS (client certificates)',
    definition: 'The server also asks the client for a certificate and proof of its private key. Whoever terminates TLS verifies it: the backend in passthrough, the load balancer in offloading and bridging, which then passes the identity on in a header.',
  },
  'waf': {
    term: 'WAF (web application firewall)',
    definition: 'A filter that reads HTTP requests and blocks attacks such as SQL injection or cross-site scripting by matching rules against the path, headers and body. It needs the plaintext, so it can only work where TLS has been terminated.',
  },
  'sticky-session': {
    term: 'Sticky session (cookie persistence)',
    definition: 'Keeping one visitor on the same backend, usually with a cookie the load balancer sets and reads, such as HAProxy SERVERID or AWS AWSALB. It requires reading HTTP, so it is impossible in passthrough.',
  },
  'layer-4': {
    term: 'Layer 4 (transport)',
    definition: 'Load balancing by TCP connection: the balancer sees addresses, ports and, for TLS, the unencrypted handshake fields, and makes one decision per connection.',
  },
  'layer-7': {
    term: 'Layer 7 (application)',
    definition: 'Load balancing by HTTP request: the balancer reads the method, path, headers and cookies, so it can route, rewrite, cache or block each request. For HTTPS that means it must decrypt.',
  },
  'forward-secrecy': {
    term: 'Forward secrecy',
    definition: 'The property that stealing a server private key later does not expose past sessions. RSA key transport (the lab\'s TLS 1.1) lacks it: anyone with the key and a recording can decrypt. Ephemeral Diffie-Hellman (ECDHE, in the lab\'s TLS 1.2 and 1.3) provides it, because the key only signs.',
  },
  'tls-1-3': {
    term: 'TLS 1.3',
    definition: 'The current version (RFC 8446): ephemeral key exchange only, AEAD ciphers only, a one-round-trip handshake, and everything after the ServerHello encrypted, including the certificate. The ClientHello, with its SNI, is still readable unless ECH is used.',
  },
  'keep-alive': {
    term: 'Keep-alive (persistent connection)',
    definition: 'Sending several HTTP requests over one TCP and TLS connection instead of opening a new one for each. It saves handshakes, and in passthrough it is what keeps a visitor on one backend.',
  },
  'vip': {
    term: 'VIP (virtual IP)',
    definition: 'The public address the site name resolves to, owned by the load balancer rather than by any one server. Clients only ever connect to it.',
  },
  'mss': {
    term: 'MSS (maximum segment size)',
    definition: 'The most payload one TCP segment carries, 1460 bytes on an ordinary Ethernet path. A larger TLS record is split across segments and can only be decrypted once all of them have arrived.',
  },
  'tcp-handshake': {
    term: 'TCP three-way handshake',
    definition: 'SYN, SYN+ACK, ACK: the two ends agree on starting sequence numbers before any data flows. It costs one round trip before TLS can even begin.',
  },
  'fin': {
    term: 'FIN',
    definition: 'The TCP flag that closes one direction of a connection in an orderly way, after all data has been delivered. Each side sends its own FIN and acknowledges the other one.',
  },
  'rst': {
    term: 'RST (reset)',
    definition: 'The TCP flag that aborts a connection at once, discarding anything in flight. Proxies send it when they cannot or will not continue, such as on bytes they cannot parse.',
  },
  'ecdhe': {
    term: 'ECDHE (ephemeral elliptic-curve Diffie-Hellman)',
    definition: 'A key exchange in which both sides contribute a fresh key pair and compute a shared secret that never crosses the wire. The certificate key only signs the exchange, which is what gives forward secrecy.',
  },
  'aead': {
    term: 'AEAD cipher',
    definition: 'Authenticated encryption such as AES-GCM or ChaCha20-Poly1305, which encrypts and integrity-protects in one step: a 16-byte tag proves each record unchanged. The lab\'s TLS 1.2 and 1.3 use AES-128-GCM; TLS 1.3 allows only AEAD, replacing the CBC-plus-HMAC construction of the lab\'s TLS 1.1, which invited padding-oracle attacks.',
  },
  'ech': {
    term: 'ECH (Encrypted Client Hello)',
    definition: 'A TLS 1.3 extension that hides the real ClientHello, SNI included, inside an encrypted inner hello, leaving only a shared public name outside. A passthrough router that routes on SNI sees only that outer name.',
  },
  'source-ip-affinity': {
    term: 'Source-IP affinity',
    definition: 'Picking the backend from a hash of the client address, the only stickiness a layer-4 balancer has. It breaks when many users share one address behind NAT, or when one user changes address.',
  },
  'x-forwarded-proto': {
    term: 'X-Forwarded-Proto',
    definition: 'A header telling the backend which scheme the client used with the proxy. An application behind an offloading proxy receives plain HTTP and needs it to know the visitor actually used HTTPS, or it may redirect forever.',
  },
  'explicit-iv': {
    term: 'Explicit IV',
    definition: 'TLS 1.1 sends a fresh random initialisation vector in front of each CBC-encrypted record (RFC 4346 section 6.2.3.2), fixing the predictable-IV weakness of TLS 1.0 that the BEAST attack exploited.',
  },
  'rate-limit': {
    term: 'Rate limiting',
    definition: 'Counting events per key, such as login attempts per client address, and refusing the excess. A layer-7 balancer can count requests to one path; a layer-4 one can only count connections.',
  },
  'response-cache': {
    term: 'Response cache',
    definition: 'A copy of a cacheable response the load balancer keeps so it can answer repeats itself without asking a backend. It requires reading the request and the response, so only a terminating balancer can do it.',
  },
  'compression': {
    term: 'Compression at the proxy',
    definition: 'The load balancer gzips text responses for clients that accept it, saving bandwidth without changing the application. It has to read and rewrite the response, so it needs the plaintext.',
  },
  'https-redirect': {
    term: 'HTTP to HTTPS redirect',
    definition: 'A 301 response to a plain-HTTP request pointing at the https address. A terminating load balancer can send it itself; a layer-4 one has to pass port 80 to a backend that does it.',
  },
  'key-schedule': {
    term: 'Key schedule',
    definition: 'How a TLS session turns one shared secret into all its keys. In TLS 1.1 and 1.2 a PRF makes a master secret and one key block; TLS 1.3 derives in stages with HKDF (early, handshake and master secret), each stage hashing the handshake so far, so the handshake and the data are protected by different keys (RFC 8446 section 7.1).',
  },
  'hkdf': {
    term: 'HKDF',
    definition: 'The HMAC-based key derivation function of RFC 5869 that TLS 1.3 uses for every secret: Extract mixes new keying material (such as the x25519 shared secret) into a pseudo-random key, Expand-Label derives named secrets and keys from it.',
  },
  'supported-versions': {
    term: 'supported_versions',
    definition: 'The ClientHello extension that offers TLS 1.3, and the ServerHello extension that selects it. The old version fields stay at TLS 1.2 because middleboxes broke on anything else.',
  },
  'key-share': {
    term: 'key_share',
    definition: 'The TLS 1.3 extension carrying a fresh Diffie-Hellman public key (x25519 here): the client sends one in its very first message and the server answers with its own, so both can derive keys after one round trip.',
  },
  'alpn': {
    term: 'ALPN',
    definition: 'Application-Layer Protocol Negotiation: the client lists the protocols it speaks (http/1.1, h2) in the ClientHello and the server picks one. The list travels in the clear, so a passthrough balancer can read it beside the SNI; in TLS 1.3 the server\'s choice is encrypted.',
  },
  'certificate-verify': {
    term: 'CertificateVerify',
    definition: 'A TLS 1.3 handshake message in which the server signs the hash of the handshake so far with the private key of its certificate (RSA-PSS here), proving it holds that key. It is encrypted, like the certificate before it.',
  },
  'encrypted-extensions': {
    term: 'EncryptedExtensions',
    definition: 'The first encrypted message of a TLS 1.3 server: the answers to the client\'s extensions that need not be readable, such as the chosen ALPN protocol.',
  },
  'key-update': {
    term: 'KeyUpdate',
    definition: 'A TLS 1.3 message that tells the peer this side now encrypts with the next generation of traffic keys, derived from the current secret with HKDF. Long-lived connections use it so that no key protects too much data.',
  },
  'dns': {
    term: 'DNS resolution',
    definition: 'Turning the site name into an address. For a load-balanced site the answer is the balancer VIP, never a backend.',
  },
};

/** Every id, in the order above (for an index page). */
export const GLOSSARY_IDS: readonly GlossaryId[] = Object.keys(ENTRIES) as GlossaryId[];

export const GLOSSARY: Readonly<Record<GlossaryId, GlossaryEntry>> = Object.freeze(
  Object.fromEntries(GLOSSARY_IDS.map((id) => [id, Object.freeze({ id, ...ENTRIES[id] })])) as Record<GlossaryId, GlossaryEntry>,
);
