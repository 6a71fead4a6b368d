import * as crypto from "node:crypto";

/**
 * RSA keys derived from a seed, the way the offline models have always made them: node-forge's
 * PRIMEINC key generation fed by a seeded byte stream. The prime search is replayed step for step
 * (node-forge 1.x lib/rsa.js, `stepKeyPairGenerationState`), but each candidate is tested by
 * OpenSSL (`crypto.checkPrimeSync`, after a small-prime sieve) instead of node-forge's big integers
 * in JavaScript, so the same seed gives the same key, byte for byte, in a small fraction of the time.
 * tests/keygen.test.ts holds node-forge's own derivation as the oracle.
 */

/** The integers of an RSA private key (RFC 8017 §3.2, second representation). */
export interface RsaPrivateNumbers {
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
}

/** A source of pseudo-random bytes: `n` bytes per call. */
export type ByteSource = (n: number) => Uint8Array;

/**
 * The byte stream the offline RSA keys are drawn from: HMAC-SHA256 (key "ssl-ml-cluster offline
 * rsa") of `${seed}#${counter}` for counter = 0, 1, 2, …, concatenated.
 */
export function seededByteStream(seed: string): ByteSource {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (n: number) => {
    const blocks = [pool];
    let have = pool.length;
    while (have < n) {
      const block = crypto
        .createHmac("sha256", "ssl-ml-cluster offline rsa")
        .update(`${seed}#${counter++}`)
        .digest();
      blocks.push(block);
      have += block.length;
    }
    const all = blocks.length > 1 ? Buffer.concat(blocks) : pool;
    pool = all.subarray(n);
    return all.subarray(0, n);
  };
}

/** node-forge's steps between candidates of the form 30k + i, gcd(i, 30) = 1, from 30k + 1. */
const GCD_30_DELTA = [6, 4, 2, 4, 2, 4, 6, 2];

/** Odd primes from 7 to SIEVE_LIMIT: candidates are never divisible by 2, 3 or 5. */
const SIEVE_LIMIT = 1 << 13;
let sievePrimes: Uint32Array | undefined;

function smallPrimes(): Uint32Array {
  if (sievePrimes) return sievePrimes;
  const composite = new Uint8Array(SIEVE_LIMIT + 1);
  const out: number[] = [];
  for (let i = 2; i <= SIEVE_LIMIT; i++) {
    if (composite[i]) continue;
    if (i >= 7) out.push(i);
    for (let j = i * i; j <= SIEVE_LIMIT; j += i) composite[j] = 1;
  }
  sievePrimes = Uint32Array.from(out);
  return sievePrimes;
}

/** x mod each small prime, through products of primes that stay below 2^53 (fewer BigInt steps). */
function residues(x: bigint, primes: Uint32Array): Uint32Array {
  const out = new Uint32Array(primes.length);
  let i = 0;
  while (i < primes.length) {
    let j = i;
    let m = 1;
    while (j < primes.length && m * primes[j] < Number.MAX_SAFE_INTEGER) m *= primes[j++];
    const r = Number(x % BigInt(m));
    for (let k = i; k < j; k++) out[k] = r % primes[k];
    i = j;
  }
  return out;
}

function fromBytes(bytes: Uint8Array): bigint {
  return bytes.length ? BigInt(`0x${Buffer.from(bytes).toString("hex")}`) : 0n;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** a⁻¹ mod m; 0 when there is none, as node-forge's jsbn answers (only p = q, in keys of a few bits). */
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1) {
    const k = r0 / r1;
    [r0, r1] = [r1, r0 - k * r1];
    [s0, s1] = [s1, s0 - k * s1];
  }
  if (r0 !== 1n) return 0n;
  return ((s0 % m) + m) % m;
}

/**
 * One prime of `bits` bits as node-forge's PRIMEINC finds it (pqState 0 to 3): draw (bits >> 3) + 1
 * bytes, keep the low `bits` bits, set the top bit, move up to 30k + 1, then step through 30k + i
 * until a prime; draw again on overflow past `bits` bits or when gcd(prime − 1, e) ≠ 1.
 */
function primeincPrime(bits: number, e: bigint, next: ByteSource): bigint {
  const primes = smallPrimes();
  const limit = 1n << BigInt(bits);
  for (;;) {
    const bytes = Uint8Array.from(next((bits >> 3) + 1));
    const t = bits & 7;
    bytes[0] = t > 0 ? bytes[0] & ((1 << t) - 1) : 0;
    let num = fromBytes(bytes) | (1n << BigInt(bits - 1));
    num += 31n - (num % 30n);
    const res = residues(num, primes);
    let found = false;
    for (let deltaIdx = 0; num < limit;) {
      let divisible = false;
      for (let k = 0; k < primes.length; k++) {
        if (res[k] === 0 && num !== BigInt(primes[k])) {
          divisible = true;
          break;
        }
      }
      if (!divisible && crypto.checkPrimeSync(num)) {
        found = true;
        break;
      }
      const delta = GCD_30_DELTA[deltaIdx++ % 8];
      num += BigInt(delta);
      for (let k = 0; k < primes.length; k++) {
        const r = res[k] + delta;
        res[k] = r >= primes[k] ? r - primes[k] : r;
      }
    }
    if (found && gcd(num - 1n, e) === 1n) return num;
  }
}

/**
 * The key node-forge's `pki.rsa.generateKeyPair({ bits, e, prng, algorithm: "PRIMEINC" })` makes
 * from the bytes of `next` (states 0 to 5 of `stepKeyPairGenerationState`): p then q, p the larger,
 * a new pair if gcd(φ, e) ≠ 1, a new q if n is not exactly `bits` bits; d = e⁻¹ mod φ.
 */
export function primeincKey(bits: number, exponent: number, next: ByteSource): RsaPrivateNumbers {
  const e = BigInt(exponent);
  const qBits = bits >> 1;
  const pBits = bits - qBits;
  let p: bigint | null = null;
  let q: bigint | null = null;
  for (;;) {
    if (p === null) p = primeincPrime(pBits, e, next);
    if (q === null) q = primeincPrime(qBits, e, next);
    if (p < q) [p, q] = [q, p];
    const phi = (p - 1n) * (q - 1n);
    if (gcd(phi, e) !== 1n) {
      p = q = null;
      continue;
    }
    const n = p * q;
    if (bitLength(n) !== bits) {
      q = null;
      continue;
    }
    const d = modInverse(e, phi);
    return { n, e, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qi: modInverse(q, p) };
  }
}

function b64u(x: bigint): string {
  const hex = x.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex").toString("base64url");
}

/** A Node key object from the integers (a JWK, RFC 7518 §6.3). */
export function rsaKeyObject(k: RsaPrivateNumbers): crypto.KeyObject {
  return crypto.createPrivateKey({
    key: {
      kty: "RSA",
      n: b64u(k.n),
      e: b64u(k.e),
      d: b64u(k.d),
      p: b64u(k.p),
      q: b64u(k.q),
      dp: b64u(k.dp),
      dq: b64u(k.dq),
      qi: b64u(k.qi),
    },
    format: "jwk",
  });
}

/** The offline RSA key of a seed (e = 65537). */
export function deriveRsaKey(seed: string, bits: number): crypto.KeyObject {
  return rsaKeyObject(primeincKey(bits, 0x10001, seededByteStream(seed)));
}
