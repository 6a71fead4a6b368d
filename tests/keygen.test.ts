// Offline RSA keys: the native derivation (sdk/offline/models/rsa-key.ts) gives the keys node-forge gave
// before it, byte for byte, so plan snapshots made before the change still compare cleanly.
// The oracle is node-forge itself, fed by this file's own copy of the seeded byte stream.
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as path from "node:path";
import * as forge from "node-forge";
import { acmeLeafKey, legoKeyPem } from "../sdk/offline/models/acme-model";
import { primeincKey } from "../sdk/offline/models/rsa-key";
import { SNAPSHOT_KEY_ENV } from "../sdk/offline/snapshot-key";
import * as tlsModel from "../sdk/offline/models/tls-model";
import { cli } from "./helpers/cli";
import { tempDirs } from "./helpers/tmp";

/** The byte stream the offline model has always drawn RSA keys from (HMAC-SHA256 counter blocks). */
function stream(seed: string): (n: number) => Buffer {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (n) => {
    while (pool.length < n) {
      const block = crypto
        .createHmac("sha256", "ssl-ml-cluster offline rsa")
        .update(`${seed}#${counter++}`)
        .digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    return out;
  };
}

/** node-forge's own PRIMEINC key generation from a byte source: the derivation before the change. */
function forgeKey(next: (n: number) => Uint8Array, bits: number, e = 0x10001) {
  const prng = { getBytesSync: (n: number) => Buffer.from(next(n)).toString("binary") };
  const options = { bits, e, prng, algorithm: "PRIMEINC" } as forge.pki.rsa.GenerateKeyPairOptions;
  return forge.pki.rsa.generateKeyPair(options).privateKey;
}

/** What the offline model stored before: node-forge's PKCS#1 DER, and its PEM as Node re-exports it. */
function forgeExpected(seed: string, bits: number) {
  const key = forgeKey(stream(seed), bits);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.privateKeyToAsn1(key)).getBytes(), "binary");
  const pem = crypto
    .createPrivateKey(forge.pki.privateKeyToPem(key))
    .export({ type: "pkcs1", format: "pem" }) as string;
  return { der, pem };
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}

const big = (x: forge.jsbn.BigInteger) => BigInt(`0x${x.toString(16)}`);

describe("offline RSA keys: the native derivation equals node-forge's", () => {
  // Seeds chosen to cover both paths of the search: a key found at the first pair of primes, and
  // keys where n came out one bit short and q was drawn again (more than two draws).
  for (const seed of ["seed-2048-0", "seed-2048-1", "seed-2048-3", "seed-2048-6", "seed-2048-8"]) {
    it(`RSA 2048, seed ${seed}: same PKCS#1 bytes`, function () {
      this.timeout(180_000); // node-forge's JavaScript big integers on a shared machine
      const want = forgeExpected(seed, 2048);
      const got = tlsModel.offlinePrivateKey(seed, "RSA", undefined, 2048);
      assert.equal(got.privateKeyPem, want.pem);
      assert.ok(pemBody(got.privateKeyPem).equals(want.der));
      assert.equal(got.rsaBits, 2048);
    });
  }

  // Through the ACME model's leaf key (keyType "4096"), which derives its RSA keys the same way.
  for (const seed of ["seed-4096-7", "seed-4096-8"]) {
    it(`RSA 4096, seed ${seed}: same PKCS#1 bytes`, function () {
      this.timeout(600_000);
      const want = forgeExpected(seed, 4096);
      const got = legoKeyPem(acmeLeafKey(seed, "4096"));
      assert.equal(got, want.pem);
      assert.ok(pemBody(got).equals(want.der));
    });
  }

  // Small keys run node-forge's search through every branch in a moment: odd sizes (p one bit
  // longer than q), e = 3 (half the primes fail gcd(p − 1, e) = 1 and are drawn again), tiny
  // primes that overflow their size and are drawn again, n one bit short. (Only sizes node-forge
  // finishes: with 8-bit primes and e = 3 every start 30k + 1 is a prime ≡ 1 mod 3, drawn again
  // for ever; some other tiny sizes never reach an n of exactly `bits` bits.)
  it("small keys, e = 3 and e = 65537: the same integers, draw for draw", function () {
    this.timeout(120_000);
    let redrawn = 0;
    for (const bits of [16, 24, 33, 64, 127, 256, 512]) {
      for (const e of bits < 24 ? [0x10001] : [3, 0x10001]) {
        for (let i = 0; i < 8; i++) {
          const seed = `small-${bits}-${e}-${i}`;
          const f = forgeKey(stream(seed), bits, e);
          const s = stream(seed);
          let draws = 0;
          const got = primeincKey(bits, e, (n) => (draws++, s(n)));
          if (draws > 2) redrawn++;
          const want = {
            n: big(f.n),
            e: big(f.e),
            d: big(f.d),
            p: big(f.p),
            q: big(f.q),
            dp: big(f.dP),
            dq: big(f.dQ),
            qi: big(f.qInv),
          };
          assert.deepEqual(got, want, `${bits} bits, e = ${e}, seed ${seed}`);
        }
      }
    }
    // Two draws make a key when nothing is drawn again: these keys went through the retries.
    assert.ok(redrawn >= 40, `${redrawn} of 104 keys needed more than two draws`);
  });
});

describe("offline RSA keys: a plan snapshot made with node-forge's keys", () => {
  const tmp = tempDirs();
  const QUICKSTART = path.resolve(__dirname, "../examples/quickstart");

  it("compares cleanly with the native derivation (quickstart)", async function () {
    this.timeout(600_000);
    const native = tlsModel.offlinePrivateKey;
    const forgeRsaSeeds: string[] = [];
    // The model before the change: RSA keys from node-forge, everything else as today.
    const before: typeof native = (seed, algorithm, curve, bits) => {
      if ((algorithm || "RSA").toUpperCase() !== "RSA") return native(seed, algorithm, curve, bits);
      forgeRsaSeeds.push(seed);
      const key = crypto.createPrivateKey(forge.pki.privateKeyToPem(forgeKey(stream(seed), bits ?? 2048)));
      const pub = crypto.createPublicKey(key);
      const spki = pub.export({ type: "spki", format: "der" });
      const digest = crypto.createHash("sha256").update(spki).digest("base64").replace(/=+$/, "");
      return {
        privateKeyPem: key.export({ type: "pkcs1", format: "pem" }) as string,
        privateKeyPemPkcs8: key.export({ type: "pkcs8", format: "pem" }) as string,
        publicKeyPem: pub.export({ type: "spki", format: "pem" }) as string,
        publicKeyFingerprintSha256: `SHA256:${digest}`,
        algorithm: "RSA",
        ecdsaCurve: "",
        rsaBits: bits ?? 2048,
      };
    };
    const dir = tmp("ssl-ml-keygen-");
    const prev = process.env.SSL_ML_CLUSTER_NOW;
    const prevKey = process.env[SNAPSHOT_KEY_ENV];
    // --snapshot makes a snapshot key: this test's own, never ~/.config/ssl-ml-cluster/snapshot.key.
    process.env[SNAPSHOT_KEY_ENV] = path.join(dir, "snapshot.key");
    try {
      for (const now of ["2027-01-10T00:00:00Z"]) {
        process.env.SSL_ML_CLUSTER_NOW = now;
        const snap = path.join(dir, `${now.slice(0, 10)}.json`);
        (tlsModel as { offlinePrivateKey: typeof native }).offlinePrivateKey = before;
        try {
          const made = await cli("plan", QUICKSTART, "--snapshot", snap);
          assert.equal(made.code, 0, made.stderr);
        } finally {
          (tlsModel as { offlinePrivateKey: typeof native }).offlinePrivateKey = native;
        }
        const r = await cli("plan", QUICKSTART, "--compare", snap, "--json");
        assert.equal(r.code, 0, r.stderr);
        const j = JSON.parse(r.stdout);
        const { same, ...moved } = j.summary;
        assert.deepEqual(moved, { create: 0, update: 0, replace: 0, delete: 0, read: 1 });
        assert.ok(same > 0);
        assert.deepEqual(
          j.certificates.map((c: { changed: boolean }) => c.changed),
          [false],
        );
      }
    } finally {
      if (prev === undefined) delete process.env.SSL_ML_CLUSTER_NOW;
      else process.env.SSL_ML_CLUSTER_NOW = prev;
      if (prevKey === undefined) delete process.env[SNAPSHOT_KEY_ENV];
      else process.env[SNAPSHOT_KEY_ENV] = prevKey;
    }
    // The snapshot was made with node-forge's key (the certificate's, of this rotation window).
    assert.deepEqual(forgeRsaSeeds, ['ml-key|"2027-01-02T00:00:00.000Z"']);
  });
});
