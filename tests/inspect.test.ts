import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import * as tls from "node:tls";
import { inspectCertificate, loadCertificate, CertificateInput } from "../sdk/certificates/rules/inspect";
import { dnsNameMatches } from "../sdk/certificates/rules/hostname-match";
import { fixtures } from "./helpers/openssl-certs";

function codes(input: CertificateInput): string[] {
  return inspectCertificate(input)
    .findings.map((f) => f.code)
    .sort();
}

describe("inspectCertificate: every rule, on certificates made by openssl at test time", () => {
  const f = fixtures();
  const H = "ml.example.com";
  const cases: [string, () => CertificateInput, string[]][] = [
    [
      "good RSA chain (root, intermediate, leaf) with key",
      () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.key"), hostname: H }),
      [],
    ],
    [
      "good ECDSA P-256 leaf, SEC1 key",
      () => ({ cert: f.read("ec-fullchain.pem"), key: f.read("ec.sec1.key"), hostname: "ec.example.com" }),
      [],
    ],
    [
      "wildcard covers one label",
      () => ({ cert: f.read("wild-fullchain.pem"), key: f.read("wild.key"), hostname: "a.example.com" }),
      [],
    ],
    [
      "wildcard does not cover two labels",
      () => ({ cert: f.read("wild-fullchain.pem"), hostname: "a.b.example.com" }),
      ["HOSTNAME_MISMATCH"],
    ],
    [
      "wildcard does not cover the apex",
      () => ({ cert: f.read("wild-fullchain.pem"), hostname: "example.com" }),
      ["HOSTNAME_MISMATCH"],
    ],
    [
      "CN only (no SAN) does not count",
      () => ({ cert: f.read("cn-fullchain.pem"), hostname: H }),
      ["HOSTNAME_MISMATCH"],
    ],
    [
      "hostname case and trailing dot",
      () => ({ cert: f.read("fullchain.pem"), hostname: "ML.Example.com." }),
      [],
    ],
    ["expired", () => ({ cert: f.read("expired-fullchain.pem"), hostname: H }), ["EXPIRED"]],
    ["not yet valid", () => ({ cert: f.read("future-fullchain.pem"), hostname: H }), ["NOT_YET_VALID"]],
    ["expiring in 10 days", () => ({ cert: f.read("soon-fullchain.pem"), hostname: H }), ["EXPIRES_SOON"]],
    [
      "expiring in 10 days, threshold 5",
      () => ({ cert: f.read("soon-fullchain.pem"), minDaysRemaining: 5 }),
      [],
    ],
    ["RSA 1024", () => ({ cert: f.read("weak-fullchain.pem"), key: f.read("weak.key") }), ["WEAK_KEY"]],
    [
      "SHA-1 signed leaf",
      () => ({ cert: f.read("sha1-fullchain.pem"), key: f.read("leaf.key") }),
      ["WEAK_SIGNATURE"],
    ],
    ["CA certificate as leaf", () => ({ cert: f.read("ca-leaf-fullchain.pem") }), ["LEAF_IS_CA"]],
    [
      "chain out of order",
      () => ({ cert: f.read("chain-out-of-order.pem"), key: f.read("leaf.key") }),
      ["CHAIN_ORDER"],
    ],
    ["chain missing its intermediate", () => ({ cert: f.read("chain-missing-int.pem") }), ["CHAIN_ORDER"]],
    ["leaf and intermediate only", () => ({ cert: f.read("leaf+int.pem") }), ["CHAIN_INCOMPLETE"]],
    ["leaf only", () => ({ cert: f.read("leaf.pem"), key: f.read("leaf.key") }), ["CHAIN_INCOMPLETE"]],
    [
      "key of another certificate",
      () => ({ cert: f.read("fullchain.pem"), key: f.read("other.key") }),
      ["KEY_MISMATCH"],
    ],
    [
      "encrypted PKCS#8 key without passphrase",
      () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.enc.key") }),
      ["KEY_ENCRYPTED"],
    ],
    [
      "encrypted PKCS#8 key with passphrase",
      () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.enc.key"), password: "s3cret" }),
      [],
    ],
    [
      "encrypted PKCS#8 key, wrong passphrase",
      () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.enc.key"), password: "wrong" }),
      ["KEY_ENCRYPTED"],
    ],
    [
      "legacy encrypted PEM key with passphrase",
      () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.legacy-enc.key"), password: "s3cret" }),
      [],
    ],
    [
      "legacy encrypted PEM key without passphrase",
      () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.legacy-enc.key") }),
      ["KEY_ENCRYPTED"],
    ],
    ["PKCS#1 key", () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.pkcs1.key") }), []],
    ["PKCS#8 key", () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.key") }), []],
    [
      "CRLF and BOM",
      () => ({
        cert: f.read("fullchain.crlf.pem"),
        key: "\ufeff" + f.read("leaf.key").replace(/\n/g, "\r\n"),
      }),
      [],
    ],
    [
      "blank lines and stray spaces",
      () => ({ cert: f.read("fullchain.spaced.pem"), key: f.read("leaf.key") }),
      [],
    ],
    ["DER certificate", () => ({ cert: f.bytes("leaf.der"), key: f.read("leaf.key") }), ["CHAIN_INCOMPLETE"]],
    [
      "DER certificate with a PEM chain",
      () => ({ cert: f.bytes("leaf.der"), chain: f.read("int+root.pem"), key: f.read("leaf.key") }),
      [],
    ],
    [
      "certificate, chain and key in one file",
      () => ({ cert: f.read("bundle-with-key.pem"), requireKey: true }),
      [],
    ],
    [
      "PFX with the right password",
      () => ({ pfx: f.bytes("leaf.pfx"), password: "pfxpass", hostname: H }),
      [],
    ],
    ["PFX as base64 text", () => ({ pfx: f.bytes("leaf.pfx").toString("base64"), password: "pfxpass" }), []],
    ["PFX with a wrong password", () => ({ pfx: f.bytes("leaf.pfx"), password: "nope" }), ["PFX_PASSWORD"]],
    ["PFX without its password", () => ({ pfx: f.bytes("leaf.pfx") }), ["PFX_PASSWORD"]],
    ["PFX with an empty password", () => ({ pfx: f.bytes("leaf-nopass.pfx") }), []],
    [
      "ECDSA PFX (node-forge cannot model the certificate)",
      () => ({ pfx: f.bytes("ec.pfx"), password: "pfxpass", hostname: "ec.example.com" }),
      [],
    ],
    [
      "OpenSSL TRUSTED CERTIFICATE form",
      () => ({ cert: f.read("leaf.trusted.pem"), chain: f.read("int+root.pem"), key: f.read("leaf.key") }),
      [],
    ],
    [
      "scrypt-encrypted PKCS#8 key with passphrase",
      () => ({ cert: f.read("fullchain.pem"), key: f.read("leaf.scrypt.key"), password: "s3cret" }),
      [],
    ],
    [
      "legacy RC2/3DES PFX (openssl -legacy)",
      () => ({ pfx: f.bytes("leaf-legacy.pfx"), password: "pfxpass" }),
      [],
    ],
    ["garbage", () => ({ cert: f.read("garbage.pem") }), ["PEM_INVALID"]],
    ["empty file", () => ({ cert: f.read("empty.pem") }), ["PEM_INVALID"]],
    ["truncated PEM block", () => ({ cert: f.read("truncated.pem") }), ["PEM_INVALID"]],
    ["garbage PFX", () => ({ pfx: Buffer.from("not a pfx at all"), password: "x" }), ["PEM_INVALID"]],
    [
      "key required but missing",
      () => ({ cert: f.read("fullchain.pem"), requireKey: true }),
      ["PEM_INVALID"],
    ],
    [
      "public key given as the key",
      () => ({
        cert: f.read("fullchain.pem"),
        key: crypto.createPublicKey(f.read("leaf.key")).export({ type: "spki", format: "pem" }) as string,
      }),
      ["PEM_INVALID"],
    ],
    [
      "self-signed leaf",
      () => ({ cert: f.read("self.pem"), key: f.read("self.key"), hostname: H }),
      ["SELF_SIGNED"],
    ],
  ];
  for (const [title, input, expected] of cases) {
    it(`${title}: ${expected.join(", ") || "clean"}`, () => assert.deepEqual(codes(input()), expected));
  }

  it("reports the leaf's facts as check-cert --json prints them", () => {
    const r = inspectCertificate({ cert: f.read("fullchain.pem"), key: f.read("leaf.key"), hostname: H });
    assert.equal(r.ok, true);
    const c = r.certificate!;
    assert.equal(c.subject, "CN=ml.example.com");
    assert.equal(c.issuer, "CN=Test Intermediate CA");
    assert.deepEqual(c.dnsNames, ["ml.example.com", "www.example.com"]);
    assert.equal(c.keyType, "RSA");
    assert.equal(c.keyBits, 2048);
    assert.equal(c.selfSigned, false);
    // Independent check of the fingerprint and dates with the openssl CLI.
    const fp = execFileSync("openssl", [
      "x509",
      "-noout",
      "-fingerprint",
      "-sha256",
      "-in",
      f.file("leaf.pem"),
    ]).toString();
    assert.equal(fp.trim().split("=")[1], c.fingerprintSha256);
    const end = execFileSync("openssl", ["x509", "-noout", "-enddate", "-in", f.file("leaf.pem")])
      .toString()
      .trim()
      .split("=")[1];
    assert.equal(new Date(end).toISOString(), c.notAfter);
  });

  it("gives every finding a severity and a message naming the input", () => {
    const r = inspectCertificate({
      cert: f.read("expired-fullchain.pem"),
      names: { cert: "--cert expired.pem" },
    });
    assert.deepEqual(
      r.findings.map((x) => [x.code, x.severity]),
      [["EXPIRED", "error"]],
    );
    assert.match(r.findings[0].message, /--cert expired\.pem/);
    assert.match(r.findings[0].message, /renew/);
    const w = inspectCertificate({ cert: f.read("soon-fullchain.pem") });
    assert.equal(w.ok, true, "warnings do not fail");
    assert.equal(w.findings[0].severity, "warning");
  });

  it("hands Azure the leaf-first chain and an unencrypted PKCS#8 key", () => {
    const { material } = loadCertificate({ pfx: f.bytes("leaf.pfx"), password: "pfxpass" });
    assert.ok(material);
    const subjects = material.chainPem
      .split(/(?=-----BEGIN CERTIFICATE-----)/)
      .map((p) => new crypto.X509Certificate(p).subject);
    assert.deepEqual(subjects, ["CN=ml.example.com", "CN=Test Intermediate CA", "CN=Test Root CA"]);
    assert.match(material.keyPem!, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(
      new crypto.X509Certificate(material.chainPem).checkPrivateKey(
        crypto.createPrivateKey(material.keyPem!),
      ),
      true,
    );
    const enc = loadCertificate({
      cert: f.read("fullchain.pem"),
      key: f.read("leaf.legacy-enc.key"),
      password: "s3cret",
    });
    assert.doesNotMatch(enc.material!.keyPem!, /ENCRYPTED/);
  });

  it("never returns key material inside the report", () => {
    const r = inspectCertificate({ cert: f.read("bundle-with-key.pem") });
    assert.doesNotMatch(JSON.stringify(r), /PRIVATE KEY|MII[A-Za-z0-9+/]{20}/);
  });
});

describe("RFC 6125 wildcard matching (pure)", () => {
  const table: [string, string, boolean][] = [
    ["*.example.com", "a.example.com", true],
    ["*.example.com", "A.EXAMPLE.COM.", true],
    ["*.example.com", "a.b.example.com", false],
    ["*.example.com", "example.com", false],
    ["*.com", "example.com", false],
    ["f*.example.com", "foo.example.com", false],
    ["a.*.example.com", "a.b.example.com", false],
    ["ml.example.com", "ml.example.com", true],
    ["ml.example.com.", "ML.example.com", true],
    ["ml.example.com", "ml.example.org", false],
  ];
  for (const [pattern, host, ok] of table) {
    it(`${pattern} ${ok ? "covers" : "does not cover"} ${host}`, () =>
      assert.equal(dnsNameMatches(pattern, host), ok));
  }
});

describe("self-signed summary (Node's parser only)", () => {
  it("agrees with inspectCertificate on a self-signed certificate", async () => {
    const { selfSignedSummary } = await import("../sdk/certificates/sources/source");
    const f = fixtures();
    const fast = selfSignedSummary(f.read("self.pem"), "2030-01-01T00:00:00.000Z");
    const full = inspectCertificate({ cert: f.read("self.pem") }).certificate!;
    // Expected facts from Node's X509Certificate and from how openssl made the file, not from our loaders.
    const x = new crypto.X509Certificate(f.read("self.pem"));
    const expected = {
      fingerprintSha256: x.fingerprint256,
      notBefore: new Date(x.validFrom).toISOString(),
      notAfter: new Date(x.validTo).toISOString(),
      subject: "CN=ml.example.com",
      dnsNames: ["ml.example.com"],
      issuer: "CN=ml.example.com",
    };
    for (const [k, v] of Object.entries(expected))
      assert.deepEqual(full[k as keyof typeof full], v, `inspectCertificate ${k}`);
    assert.deepEqual(fast, {
      ...expected,
      selfSigned: true,
      rotatesAfter: "2030-01-01T00:00:00.000Z",
      // The public certificate as served: the same DER as the file openssl wrote.
      pem: x.toString(),
    });
  });
});

describe("inspectCertificate input forms", () => {
  const f = fixtures();
  it("takes the component's field names and a bare PEM string or DER buffer", () => {
    const viaAliases = inspectCertificate({
      certPem: f.read("leaf.pem"),
      chainPem: f.read("int+root.pem"),
      keyPem: f.read("leaf.key"),
      hostname: "ml.example.com",
    });
    assert.equal(viaAliases.ok, true);
    assert.deepEqual(viaAliases.findings, []);
    assert.equal(inspectCertificate(f.read("fullchain.pem")).chainLength, 3);
    assert.equal(inspectCertificate(f.bytes("leaf.der")).certificate?.subject, "CN=ml.example.com");
    assert.deepEqual(
      inspectCertificate({ pfxBase64: f.bytes("leaf.pfx").toString("base64"), password: "pfxpass" }).findings,
      [],
    );
  });

  it("gives CertificateError the first error code", async () => {
    const { CertificateError } = await import("../sdk/certificates/rules/inspect");
    const e = new CertificateError(
      inspectCertificate({ cert: f.read("fullchain.pem"), key: f.read("other.key") }),
    );
    assert.equal(e.code, "KEY_MISMATCH");
    assert.match(e.message, /KEY_MISMATCH/);
  });
});

describe("inspectCertificate on a CA bundle given by mistake", () => {
  it("refuses more than 20 certificates with PEM_INVALID, quickly", () => {
    const f = fixtures();
    // Node's root store: distinct certificates (identical ones would count once).
    const roots = tls.rootCertificates;
    assert.ok(roots.length > 100);
    const r = inspectCertificate({ cert: f.read("leaf.pem"), chain: roots.join("\n") });
    assert.deepEqual(
      r.findings.map((x) => x.code),
      ["PEM_INVALID"],
    );
    assert.match(r.findings[0].message, new RegExp(`holds ${roots.length + 1} certificates.*CA bundle`));
  });
});
