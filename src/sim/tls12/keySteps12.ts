/**
 * The TLS 1.2 ECDHE key schedule told as one step (RFC 5246 §8.1, §6.3; RFC 8422 §5.10; RFC 5288 §3): which
 * secrets an end derives once the x25519 exchange is complete, and from what. Names are the RFCs'; no values.
 */
import type { KeyDerivationStep } from '../tls/endpoint';

export const MASTER_KEY_STEP_12: KeyDerivationStep = {
  stage: 'master',
  secrets: [
    {
      name: 'pre_master_secret',
      from: "the x25519 shared secret: each side combined its own ephemeral private key with the other's public key (ServerKeyExchange, ClientKeyExchange); it never crossed the wire, and the certificate's RSA key only signed the server's half",
    },
    {
      name: 'master_secret',
      from: 'PRF(pre_master_secret, "master secret", client_random + server_random): the TLS 1.2 PRF, P_SHA256 (HMAC-SHA256 chained)',
    },
    {
      name: 'key_block',
      from: 'PRF(master_secret, "key expansion", server_random + client_random), cut into client_write_key and server_write_key (AES-128-GCM) and two 4-byte write IVs, the fixed half of each GCM nonce; no MAC keys, GCM authenticates',
    },
  ],
};
