/**
 * The engine's only source of randomness: a seeded generator passed explicitly, so the same seed gives the
 * same bytes (TCP sequence numbers, TLS randoms, padding IVs). xoshiro128** seeded through splitmix32, the
 * combination its authors recommend for small state.
 */
export interface Rng {
  /** A uniformly distributed 32-bit unsigned integer. */
  nextU32(): number;
  /** `count` random bytes. */
  bytes(count: number): Uint8Array;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * A seeded generator. The teaching seed 0 gives patterned bytes (00 01 02 ...) so screenshots and docs stay
 * stable and a learner can tell a random field at a glance.
 */
export function createRng(seed: number): Rng {
  if (seed === 0) return createPatternedRng();
  const init = splitmix32(seed);
  const s = [init(), init(), init(), init()] as [number, number, number, number];
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    return result;
  };
  return withHelpers(nextU32);
}

function createPatternedRng(): Rng {
  let counter = 0;
  const next = (): number => {
    const b = counter & 0xff;
    counter++;
    return b;
  };
  const rng = withHelpers(() => ((next() << 24) | (next() << 16) | (next() << 8) | next()) >>> 0);
  return {
    ...rng,
    bytes(count) {
      const out = Uint8Array.from({ length: count }, next);
      // Skip one value per draw, so two draws of 256 bytes never repeat: forge's RSA blinding draws a modulus-sized
      // number until it is below the modulus, and an exactly repeating draw would loop forever.
      counter++;
      return out;
    },
  };
}

function withHelpers(nextU32: () => number): Rng {
  return {
    nextU32,
    bytes(count) {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i += 4) {
        const v = nextU32();
        for (let j = 0; j < 4 && i + j < count; j++) out[i + j] = (v >>> (24 - 8 * j)) & 0xff;
      }
      return out;
    },
    int(min, max) {
      return min + (nextU32() % (max - min + 1));
    },
  };
}
