/** What ran, stated plainly so the UI can label it honestly. */
export const PROTOCOL = {
  name: 'TLS 1.1',
  implementation: 'node-forge 1.4.3',
  keyExchange: 'RSA key transport (no forward secrecy)',
  cipherSuite: 'TLS_RSA_WITH_AES_128_CBC_SHA',
} as const;
