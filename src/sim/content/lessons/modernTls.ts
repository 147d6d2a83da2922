import type { Lesson } from '../../lessons/types';

export const modernTls: Lesson = {
  id: 'modern-tls',
  title: 'What TLS 1.3 hides, and what a stolen key opens',
  summary: 'Compare TLS versions: what a relaying load balancer can still see, and why a stolen key no longer opens old recordings.',
  beats: [
    {
      id: 'cert-tls12',
      title: 'TLS 1.2 shows the certificate',
      setup: { scenarioId: 'tls13-hidden-certificate', mode: 'passthrough', options: { protocol: 'tls1.2' }, step: { at: 'start' } },
      text: 'In older TLS versions the server sends its certificate before encryption starts, so anyone on the path can read it. A passthrough load balancer relays that handshake.',
      question: {
        id: 'lb-cert-tls12',
        spec: { kind: 'lb-sees-certificate' },
        prompt: 'Predict: does the passthrough load balancer see the server\'s certificate in TLS 1.2?',
        predict: true,
        explain: 'Yes: the Certificate message travels in the clear. Open the load balancer\'s note on the server\'s handshake, or the server\'s first flight viewed as the load balancer, to read the certificate\'s subject.',
      },
    },
    {
      id: 'cert-tls13',
      title: 'TLS 1.3 encrypts it',
      setup: { scenarioId: 'tls13-hidden-certificate', mode: 'passthrough', options: { protocol: 'tls1.3' }, step: { at: 'end' } },
      text: '{TLS 1.3|tls-1-3} starts encrypting right after the server\'s first message, so the certificate is hidden from anyone in the middle. The name in the ClientHello is all a relaying load balancer learns.',
      question: {
        id: 'lb-cert-tls13',
        spec: { kind: 'lb-sees-certificate' },
        prompt: 'Does the passthrough load balancer see the server\'s certificate in TLS 1.3?',
        explain: 'No: everything after the ServerHello is encrypted. The load balancer\'s note on the server\'s handshake shows no subject this time; tools that watched certificates on the wire stop working.',
      },
    },
    {
      id: 'stolen-tls11',
      title: 'A stolen key and an old recording',
      setup: { scenarioId: 'stolen-key', mode: 'passthrough', options: { protocol: 'tls1.1' }, step: { at: 'end' } },
      text: 'The site\'s {private key|private-key} has leaked to eavesdroppers who recorded the login. In TLS 1.1 the browser sends the session\'s secret locked with that very key, so the key unlocks it.',
      question: {
        id: 'stolen-readers-tls11',
        spec: { kind: 'who-reads', secret: 'password' },
        prompt: 'Who reads the password in TLS 1.1 once the key is stolen? Tick every one.',
        explain: 'Both eavesdroppers: with the stolen key they recover the session secret from the recorded handshake and decrypt the login. Open the login packet and choose "View as: Eavesdropper on the internet link".',
      },
    },
    {
      id: 'stolen-tls13',
      title: 'Forward secrecy',
      setup: { scenarioId: 'stolen-key', mode: 'passthrough', options: { protocol: 'tls1.3' }, step: { at: 'end' } },
      text: 'TLS 1.3 builds every session\'s keys from throwaway values both sides pick for that session ({ECDHE|ecdhe}); the site key only signs. This is {forward secrecy|forward-secrecy}.',
      question: {
        id: 'stolen-readers-tls13',
        spec: { kind: 'who-reads', secret: 'password' },
        prompt: 'Who reads the password in TLS 1.3 with the same stolen key? Tick every one.',
        explain: 'Only the browser and the backend: the throwaway values are gone, and the stolen key opens nothing. View the login packet as the eavesdropper again: still ciphertext.',
      },
    },
  ],
};
