/**
 * What protocol the lab really runs, how today's TLS differs, and what the simulation leaves out. The UI shows
 * this wherever it names the protocol, so nobody takes TLS 1.1 with RSA key transport for current practice.
 */

export interface ProtocolNote {
  whatRuns: string;
  /** ECDHE and forward secrecy, the encrypted certificate of 1.3, AEAD, 1-RTT, SNI still cleartext, ECH. */
  whatTls12And13Change: string[];
  simplifications: string[];
}

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
