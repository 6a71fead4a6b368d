// `verify` as strict as `check-cert` and as OpenSSL's `sslserver` purpose, and bounded on hostile
// chains (issue 28, items 1-4). Certificates are made by openssl at test time (helpers/mini-ca.ts);
// the oracles are `openssl verify -purpose sslserver` and Node's https client.
import * as assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { constraintProblems, evaluateChain } from "../sdk/cli/verify/verify-trust";
import { asn1Time, certValidity } from "../sdk/certificates/formats/x509-fields";
import { cli } from "./helpers/cli";
import { CA_EXT, miniCa, serverExt } from "./helpers/mini-ca";
import { tempDirs } from "./helpers/tmp";

const H = "ml.example.com";

/**
 * Counts node:crypto signature checks while `fn` runs (and until its promise settles); past `limit`
 * it throws, so an unbounded search fails at once instead of blocking the event loop.
 */
async function countingSignatureChecks<T>(
  limit: number,
  fn: () => T | Promise<T>,
): Promise<{ result: T; checks: number }> {
  const original = X509Certificate.prototype.verify;
  let checks = 0;
  X509Certificate.prototype.verify = function (this: X509Certificate, key) {
    if (++checks > limit) throw new Error(`more than ${limit} signature checks`);
    return original.call(this, key);
  };
  try {
    const result = await fn();
    return { result, checks };
  } finally {
    X509Certificate.prototype.verify = original;
  }
}

describe("verify: strict and bounded (hostile chains, purposes, names, dates)", function () {
  this.timeout(30_000);
  const ca = miniCa(tempDirs()("ssl-ml-verify-strict-"));
  const x = (n: string) => new X509Certificate(ca.read(n));
  const servers: { close(): void }[] = [];
  after(() => servers.forEach((s) => s.close()));

  async function serve(chainFiles: string[], key: string): Promise<number> {
    const sockets = new Set<Duplex>();
    const server = https.createServer(
      { cert: chainFiles.map((f) => ca.read(f)).join(""), key: ca.read(key) },
      (_q, res) => res.writeHead(401).end(),
    );
    server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    servers.push({ close: () => (sockets.forEach((s) => s.destroy()), server.close()) });
    return (server.address() as AddressInfo).port;
  }

  async function verify(port: number, ...args: string[]) {
    const r = await cli(
      "verify",
      "--json",
      "--timeout",
      "2",
      "--uri",
      `https://${H}:${port}/score`,
      "--resolve",
      `${H}:${port}:127.0.0.1`,
      ...args,
    );
    const findings: { code: string; message: string }[] = JSON.parse(r.stdout).results[0].findings;
    return { code: r.code, findings, codes: findings.map((f) => f.code) };
  }

  before(() => {
    ca.key("root.key");
    ca.root("root.pem", "root.key", "Strict Root");
    ca.key("int.key");
    ca.issue("int.pem", "int.key", "Strict Intermediate", "root.pem", "root.key", CA_EXT);
    ca.key("leaf.key");
  });

  describe("1. a leaf followed by copies of one self-signed CA sharing a key", () => {
    const COPIES = 12;
    before(() => {
      ca.key("copy.key");
      for (let i = 0; i < COPIES; i++) ca.root(`copy${i}.pem`, "copy.key", "Copied CA");
      ca.issue("copyleaf.pem", "leaf.key", H, "copy0.pem", "copy.key", serverExt(`DNS:${H}`));
    });

    it("is judged with a bounded number of signature checks: untrusted, ending at the copied CA", async () => {
      const served = [x("copyleaf.pem"), ...Array.from({ length: COPIES }, (_, i) => x(`copy${i}.pem`))];
      // Distinct certificates (new serials), one subject and key: each signs every other.
      assert.equal(new Set(served.map((c) => c.fingerprint256)).size, COPIES + 1);
      assert.equal(served[2].verify(served[1].publicKey), true);
      const { result, checks } = await countingSignatureChecks(1000, () =>
        evaluateChain(served, [x("root.pem")], new Date()),
      );
      assert.equal(result.trusted, false);
      assert.equal(
        result.reason,
        "it ends at CN=Copied CA, a self-signed certificate that is not a trust anchor",
      );
      // leaf -> one copy, and that copy's self-signature: never the orderings of the copies.
      assert.ok(checks <= 2 * (COPIES + 1), `${checks} signature checks`);
    });

    it("over TLS, ends with TLS_UNTRUSTED (exit 1) under --timeout 2", async () => {
      const port = await serve(
        ["copyleaf.pem", ...Array.from({ length: COPIES }, (_, i) => `copy${i}.pem`)],
        "leaf.key",
      );
      const { result: v } = await countingSignatureChecks(5000, () => verify(port));
      assert.equal(v.code, 1);
      assert.deepEqual(v.codes, ["TLS_UNTRUSTED"]);
      assert.match(
        v.findings[0].message,
        /it ends at CN=Copied CA, a self-signed certificate that is not a trust anchor/,
      );
    });
  });

  describe("2. a stale intermediate in --ca masks a purpose failure", () => {
    before(() => {
      // An expired copy of the intermediate: same subject, same key, other dates.
      ca.issue("int-old.pem", "int.key", "Strict Intermediate", "root.pem", "root.key", CA_EXT, [
        "20200101000000Z",
        "20210101000000Z",
      ]);
      ca.issue(
        "client-leaf.pem",
        "leaf.key",
        H,
        "int.pem",
        "int.key",
        `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectAltName=DNS:${H}\n`,
      );
      ca.cat("ca-stale.pem", "root.pem", "int-old.pem");
    });

    it("openssl verify -purpose sslserver refuses it; verify says TLS_UNTRUSTED for the missing serverAuth (exit 1)", async () => {
      const oracle = ca.opensslVerify([
        "-purpose",
        "sslserver",
        "-CAfile",
        ca.file("root.pem"),
        "-untrusted",
        ca.file("int.pem"),
        ca.file("client-leaf.pem"),
      ]);
      assert.match(oracle, /unsuitable certificate purpose/);
      const port = await serve(["client-leaf.pem", "int.pem"], "leaf.key");
      // Node's https client refuses it as well (on the stale copy's date: OpenSSL names one error).
      const node = await new Promise<string>((resolve) =>
        https
          .get({ host: "127.0.0.1", port, servername: H, ca: ca.read("ca-stale.pem") }, (res) =>
            resolve(`answered ${res.statusCode}`),
          )
          .on("error", (e: NodeJS.ErrnoException) => resolve(String(e.code))),
      );
      assert.notEqual(node, "answered 401");
      const v = await verify(port, "--ca", ca.file("ca-stale.pem"), "--ca-only");
      assert.equal(v.code, 1);
      assert.deepEqual(v.codes, ["TLS_UNTRUSTED"]);
      assert.equal(
        v.findings[0].message,
        `the served chain leads to a trust anchor, but the leaf CN=${H} is not for TLS servers: its extendedKeyUsage (1.3.6.1.5.5.7.3.2) lacks serverAuth (1.3.6.1.5.5.7.3.1); reissue it with extendedKeyUsage=serverAuth; clients refuse it (openssl verify -purpose sslserver does)`,
      );
    });

    it("a pathLenConstraint and a keyUsage without keyCertSign are refused as openssl refuses them", () => {
      ca.key("r0.key");
      ca.root(
        "r0.pem",
        "r0.key",
        "Root PathLen 0",
        "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign\n",
      );
      ca.issue("i0.pem", "int.key", "Int Under PathLen 0", "r0.pem", "r0.key", CA_EXT);
      ca.issue("l0.pem", "leaf.key", H, "i0.pem", "int.key", serverExt(`DNS:${H}`));
      ca.issue(
        "i-nosign.pem",
        "int.key",
        "Int Without CertSign",
        "root.pem",
        "root.key",
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature\n",
      );
      ca.issue("l-nosign.pem", "leaf.key", H, "i-nosign.pem", "int.key", serverExt(`DNS:${H}`));
      const verdict = (leaf: string, int: string, root: string) => ({
        openssl: ca.opensslVerify([
          "-purpose",
          "sslserver",
          "-CAfile",
          ca.file(root),
          "-untrusted",
          ca.file(int),
          ca.file(leaf),
        ]),
        ours: evaluateChain([x(leaf), x(int)], [x(root)], new Date()),
      });
      const pathLen = verdict("l0.pem", "i0.pem", "r0.pem");
      assert.match(pathLen.openssl, /path length constraint exceeded/);
      assert.equal(pathLen.ours.trusted, true);
      assert.deepEqual(pathLen.ours.constraints, [
        "the issuer CN=Root PathLen 0 allows 0 CA certificate(s) below it (pathLenConstraint), and the path has 1",
      ]);
      const noSign = verdict("l-nosign.pem", "i-nosign.pem", "root.pem");
      assert.notEqual(noSign.openssl, "OK");
      // node:crypto's checkIssued (OpenSSL's X509_check_issued) already refuses that issuer: no path.
      assert.equal(noSign.ours.trusted, false);
      assert.equal(
        noSign.ours.reason,
        `CN=${H} is signed by CN=Int Without CertSign, which may not sign certificates (it lacks basicConstraints CA:TRUE or keyUsage keyCertSign)`,
      );
      assert.deepEqual(constraintProblems([x("l-nosign.pem"), x("i-nosign.pem"), x("root.pem")]), [
        "the issuer CN=Int Without CertSign has keyUsage digitalSignature without keyCertSign, so it may not sign certificates",
      ]);
      // And a chain openssl accepts has none.
      ca.issue("good.pem", "leaf.key", H, "int.pem", "int.key", serverExt(`DNS:${H}`));
      assert.equal(
        ca.opensslVerify([
          "-purpose",
          "sslserver",
          "-CAfile",
          ca.file("root.pem"),
          "-untrusted",
          ca.file("int.pem"),
          ca.file("good.pem"),
        ]),
        "OK",
      );
      assert.deepEqual(constraintProblems([x("good.pem"), x("int.pem"), x("root.pem")]), []);
    });

    it("over TLS, a pathLenConstraint exceeded is one TLS_UNTRUSTED: OpenSSL's own PATH_LENGTH_EXCEEDED is the same check", async () => {
      const port = await serve(["l0.pem", "i0.pem"], "leaf.key");
      const node = await new Promise<string>((resolve) =>
        https
          .get({ host: "127.0.0.1", port, servername: H, ca: ca.read("r0.pem") }, (res) =>
            resolve(`answered ${res.statusCode}`),
          )
          .on("error", (e: NodeJS.ErrnoException) => resolve(String(e.code))),
      );
      assert.equal(node, "PATH_LENGTH_EXCEEDED");
      const v = await verify(port, "--ca", ca.file("r0.pem"));
      assert.equal(v.code, 1);
      assert.deepEqual(
        v.findings.map((f) => [f.code, f.message]),
        [
          [
            "TLS_UNTRUSTED",
            "the served chain leads to a trust anchor, but the issuer CN=Root PathLen 0 allows 0 CA certificate(s) below it (pathLenConstraint), and the path has 1; clients refuse it (openssl verify -purpose sslserver does)",
          ],
        ],
      );
    });

    it("the leaf's keyUsage: any of digitalSignature, keyEncipherment, keyAgreement serves TLS, as openssl says", () => {
      const cases: [string, string, boolean][] = [
        ["ku-sign", "digitalSignature", true],
        ["ku-encipher", "keyEncipherment", true],
        ["ku-agree", "keyAgreement", true],
        ["ku-crl", "cRLSign,nonRepudiation", false],
      ];
      for (const [name, ku, ok] of cases) {
        ca.issue(
          `${name}.pem`,
          "leaf.key",
          H,
          "int.pem",
          "int.key",
          `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,${ku}\nsubjectAltName=DNS:${H}\n`,
        );
        const oracle = ca.opensslVerify([
          "-purpose",
          "sslserver",
          "-CAfile",
          ca.file("root.pem"),
          "-untrusted",
          ca.file("int.pem"),
          ca.file(`${name}.pem`),
        ]);
        assert.equal(oracle === "OK", ok, `${name}: ${oracle}`);
        assert.deepEqual(
          constraintProblems([x(`${name}.pem`), x("int.pem"), x("root.pem")]),
          ok
            ? []
            : [
                `the leaf CN=${H} has keyUsage nonRepudiation, cRLSign, none of digitalSignature, keyEncipherment, keyAgreement; reissue it with digitalSignature`,
              ],
          name,
        );
      }
    });
  });

  describe("3. one hostname rule and one leaf rule with check-cert", () => {
    before(() => {
      ca.issue("cn-only.pem", "leaf.key", H, "int.pem", "int.key", serverExt(""));
      ca.issue("partial.pem", "leaf.key", H, "int.pem", "int.key", serverExt("DNS:m*.example.com"));
      ca.issue(
        "ca-leaf.pem",
        "leaf.key",
        H,
        "int.pem",
        "int.key",
        `basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature,keyCertSign\nsubjectAltName=DNS:${H}\n`,
      );
    });

    const cases: [string, string, string][] = [
      ["a CN-only leaf (no SAN)", "cn-only.pem", "HOSTNAME_MISMATCH"],
      ["a partial wildcard DNS:m*.example.com", "partial.pem", "HOSTNAME_MISMATCH"],
      ["a leaf with CA:TRUE", "ca-leaf.pem", "LEAF_IS_CA"],
    ];
    for (const [name, leaf, code] of cases) {
      it(`${name}: ${code} in verify (exit 1) and in check-cert`, async () => {
        const port = await serve([leaf, "int.pem"], "leaf.key");
        const v = await verify(port, "--ca", ca.file("root.pem"));
        assert.equal(v.code, 1);
        assert.deepEqual(v.codes, [code]);
        const chain = ca.cat(`${leaf}.chain`, leaf, "int.pem");
        const c = await cli("check-cert", "--cert", chain, "--hostname", H, "--json");
        const codes = JSON.parse(c.stdout).findings.map((f: { code: string }) => f.code);
        assert.ok(codes.includes(code), codes.join(","));
      });
    }

    it("a CN-only leaf: the message says the CN does not count", async () => {
      const port = await serve(["cn-only.pem", "int.pem"], "leaf.key");
      const v = await verify(port, "--ca", ca.file("root.pem"));
      assert.equal(
        v.findings[0].message,
        `the served certificate has no DNS names in its subjectAltName (the CN alone does not count), so it does not cover ${H}; serve a certificate with SAN DNS:${H}`,
      );
    });
  });

  describe("4. a notAfter in the year 0030", () => {
    before(() => {
      // GeneralizedTime: openssl ca keeps the four-digit year below 1950.
      ca.issue("y30.pem", "leaf.key", H, "root.pem", "root.key", serverExt(`DNS:${H}`), [
        "00200101000000Z",
        "00300101000000Z",
      ]);
    });

    it("openssl says expired; so do verify (EXPIRED 0030-01-01) and check-cert", async () => {
      assert.match(
        ca.opensslVerify(["-CAfile", ca.file("root.pem"), ca.file("y30.pem")]),
        /certificate has expired/,
      );
      assert.equal(certValidity(x("y30.pem")).notAfter.toISOString(), "0030-01-01T00:00:00.000Z");
      const port = await serve(["y30.pem"], "leaf.key");
      const v = await verify(port, "--ca", ca.file("root.pem"));
      assert.equal(v.code, 1);
      assert.deepEqual(v.codes, ["EXPIRED"]);
      assert.equal(
        v.findings[0].message,
        `the leaf CN=${H} expired on 0030-01-01T00:00:00.000Z; renew it and run pulumi up`,
      );
      const c = await cli("check-cert", "--cert", ca.file("y30.pem"), "--hostname", H, "--json");
      const j = JSON.parse(c.stdout);
      assert.equal(c.code, 1);
      assert.ok(j.findings.some((f: { code: string }) => f.code === "EXPIRED"));
      assert.equal(j.certificate.notAfter, "0030-01-01T00:00:00.000Z");
    });

    it("reads RFC 5280 times: UTCTime 49 is 2049 and 50 is 1950; GeneralizedTime keeps its year", () => {
      assert.equal(asn1Time("491231235959Z", false).toISOString(), "2049-12-31T23:59:59.000Z");
      assert.equal(asn1Time("500101000000Z", false).toISOString(), "1950-01-01T00:00:00.000Z");
      assert.equal(asn1Time("00300101000000Z", true).toISOString(), "0030-01-01T00:00:00.000Z");
      assert.throws(() => asn1Time("0030010100Z", true), /not an RFC 5280 time/);
    });
  });
});
