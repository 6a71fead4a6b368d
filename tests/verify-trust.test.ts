// verify's own chain judgement (sdk/cli/verify/verify-trust.ts) as pure functions over certificates made
// by openssl at test time; the dates expected come from `openssl x509 -dates`, not from the code.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import * as tls from "node:tls";
import { evaluateChain, trustAnchors } from "../sdk/cli/verify/verify-trust";
import { chainCases, fixtures } from "./helpers/openssl-certs";

function opensslDate(file: string, which: "startdate" | "enddate"): Date {
  const out = execFileSync("openssl", ["x509", "-in", file, "-noout", `-${which}`]).toString();
  return new Date(Date.parse(out.trim().split("=")[1]));
}

function opensslFingerprint(file: string): string {
  const out = execFileSync("openssl", ["x509", "-in", file, "-noout", "-fingerprint", "-sha256"]).toString();
  return out.trim().split("=")[1];
}

describe("verify: trust judged over the served chain (pure)", () => {
  const f = fixtures();
  const c = chainCases();
  const x = (file: string) => new X509Certificate(f.read(file));
  const y = (file: string) => new X509Certificate(c.read(file));
  const now = new Date();
  const subjects = (path: X509Certificate[]) => path.map((p) => p.subject);

  it("a leaf and intermediate under a --ca root: trusted, the path runs to the root, no date problem", () => {
    const v = evaluateChain([x("leaf.pem"), x("int.pem")], [x("root.pem")], now);
    assert.equal(v.trusted, true);
    assert.equal(v.reason, "");
    assert.deepEqual(subjects(v.path), ["CN=ml.example.com", "CN=Test Intermediate CA", "CN=Test Root CA"]);
    assert.deepEqual(v.dates, []);
  });

  it("the same chain without its root among the anchors: not trusted, and says which issuer is missing", () => {
    const v = evaluateChain([x("leaf.pem"), x("int.pem")], trustAnchors({}).certs, now);
    assert.equal(v.trusted, false);
    assert.equal(
      v.reason,
      "no trusted certificate issued CN=Test Intermediate CA (its issuer CN=Test Root CA was not served and is not a trust anchor)",
    );
  });

  it("an attacker's root over an expired intermediate: untrusted AND the intermediate named as expired", () => {
    const served = [y("evil-leaf.pem"), y("evil-int.pem"), y("evil-root.pem")];
    const v = evaluateChain(served, trustAnchors({}).certs, now);
    assert.equal(v.trusted, false);
    assert.equal(
      v.reason,
      "it ends at CN=Attacker Root, a self-signed certificate that is not a trust anchor",
    );
    assert.deepEqual(v.dates, [
      {
        kind: "expired",
        role: "intermediate",
        subject: "CN=Attacker Intermediate",
        date: opensslDate(c.file("evil-int.pem"), "enddate"),
      },
    ]);
  });

  it("the same chain with the attacker's root as --ca: trusted, and still the expired intermediate", () => {
    const anchors = [...trustAnchors({}).certs, y("evil-root.pem")];
    for (const served of [
      [y("evil-leaf.pem"), y("evil-int.pem"), y("evil-root.pem")],
      [y("evil-leaf.pem"), y("evil-int.pem")],
    ]) {
      const v = evaluateChain(served, anchors, now);
      assert.equal(v.trusted, true);
      assert.deepEqual(
        v.dates.map((d) => [d.kind, d.role, d.subject]),
        [["expired", "intermediate", "CN=Attacker Intermediate"]],
      );
    }
  });

  it("an expired or not yet valid leaf is named as the leaf, with openssl's date", () => {
    const expired = evaluateChain([x("expired.pem"), x("int.pem")], [x("root.pem")], now);
    assert.equal(expired.trusted, true);
    assert.deepEqual(expired.dates, [
      {
        kind: "expired",
        role: "leaf",
        subject: "CN=ml.example.com",
        date: opensslDate(f.file("expired.pem"), "enddate"),
      },
    ]);
    const future = evaluateChain([x("future.pem"), x("int.pem")], [x("root.pem")], now);
    assert.deepEqual(future.dates, [
      {
        kind: "not-yet-valid",
        role: "leaf",
        subject: "CN=ml.example.com",
        date: opensslDate(f.file("future.pem"), "startdate"),
      },
    ]);
  });

  it("of two paths to the root, the one without an expired certificate is judged", () => {
    const both = evaluateChain([x("leaf.pem"), y("int-old.pem"), x("int.pem")], [x("root.pem")], now);
    assert.equal(both.trusted, true);
    assert.deepEqual(both.dates, []);
    assert.equal(both.path[1].fingerprint256, opensslFingerprint(f.file("int.pem")));
    const oldOnly = evaluateChain([x("leaf.pem"), y("int-old.pem")], [x("root.pem")], now);
    assert.equal(oldOnly.trusted, true);
    assert.deepEqual(
      oldOnly.dates.map((d) => [d.kind, d.role, d.subject]),
      [["expired", "intermediate", "CN=Test Intermediate CA"]],
    );
  });

  it("an anchor with the issuer's name but another key is not the issuer: the signature decides", () => {
    const impostor = y("impostor-root.pem");
    // The premise: by names and key ids alone (checkIssued), the impostor could have issued int.pem.
    assert.equal(x("int.pem").checkIssued(impostor), true);
    const v = evaluateChain([x("leaf.pem"), x("int.pem")], [impostor], now);
    assert.equal(v.trusted, false);
    assert.match(v.reason, /^no trusted certificate issued CN=Test Intermediate CA/);
  });

  it("a certificate signed by a leaf (CA:FALSE) is not trusted, though the signature verifies", () => {
    const forged = y("forged.pem");
    assert.equal(forged.checkIssued(x("cn.pem")), true);
    assert.equal(forged.verify(x("cn.pem").publicKey), true);
    const v = evaluateChain([forged, x("cn.pem"), x("int.pem")], [x("root.pem")], now);
    assert.equal(v.trusted, false);
    // Its signer is served and the signature verifies, but a CA:FALSE certificate may not sign.
    assert.match(
      v.reason,
      /^CN=evil\.example\.com is signed by CN=[^,]+, which may not sign certificates \(it lacks basicConstraints CA:TRUE or keyUsage keyCertSign\)$/,
    );
  });

  it("Node's bundled roots are anchors by default: a chain topped by one of tls.rootCertificates is trusted", () => {
    const anchors = trustAnchors({});
    assert.equal(anchors.kind, "system");
    assert.equal(anchors.description, "Node's bundled roots");
    assert.equal(anchors.certs.length, tls.rootCertificates.length);
    assert.ok(anchors.certs.length > 100, `${anchors.certs.length} roots`);
    const root = tls.rootCertificates
      .map((p) => new X509Certificate(p))
      .find((r) => Date.parse(r.validTo) > now.getTime() && Date.parse(r.validFrom) < now.getTime());
    assert.ok(root);
    const v = evaluateChain([root], anchors.certs, now);
    assert.equal(v.trusted, true);
    assert.deepEqual(v.dates, []);
    // …and not once --ca-only names other roots.
    const only = trustAnchors({ ca: { file: "root.pem", pems: [f.read("root.pem")] }, caOnly: true });
    assert.equal(evaluateChain([root], only.certs, now).trusted, false);
  });

  it("--ca adds to Node's roots; --ca-only and the outputs' pin trust exactly their certificates", () => {
    const ca = { file: "root.pem", pems: [f.read("root.pem")] };
    const added = trustAnchors({ ca });
    assert.equal(added.kind, "system+ca");
    assert.equal(added.pems.length, tls.rootCertificates.length + 1);
    assert.equal(added.description, "Node's bundled roots and --ca root.pem (1 certificate(s))");
    const only = trustAnchors({ ca, caOnly: true });
    assert.equal(only.kind, "ca-only");
    assert.deepEqual(only.pems, [f.read("root.pem")]);
    assert.equal(only.description, "only --ca root.pem (1 certificate(s); --ca-only)");
    const pinned = trustAnchors({ pinned: f.read("self.pem") });
    assert.equal(pinned.kind, "pinned");
    assert.deepEqual(pinned.pems, [f.read("self.pem")]);
    assert.equal(
      pinned.description,
      `pinned to the stack's self-signed certificate from the outputs (${opensslFingerprint(f.file("self.pem"))})`,
    );
    // --ca overrides the pin.
    assert.equal(trustAnchors({ ca, pinned: f.read("self.pem") }).kind, "system+ca");
    // The pinned certificate is trusted as itself; another self-signed one for the same name is not.
    assert.equal(evaluateChain([x("self.pem")], pinned.certs, now).trusted, true);
    assert.equal(evaluateChain([y("self-ca.pem")], pinned.certs, now).trusted, false);
  });

  it("no certificate served: not trusted", () => {
    const v = evaluateChain([], [x("root.pem")], now);
    assert.deepEqual(v, {
      trusted: false,
      reason: "no certificate was served",
      path: [],
      dates: [],
      constraints: [],
    });
  });
});
