// Each certificate rule on its own, on certificates made by openssl at test time.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";
import { SEVERITY } from "../sdk/certificates/rules/findings";
import { inspectCertificate } from "../sdk/certificates/rules/inspect";
import { parsePem } from "../sdk/certificates/formats/pem";
import {
  bundledRoots,
  chainIncomplete,
  chainOrder,
  expired,
  expiresSoon,
  hostnameMismatch,
  keyMismatch,
  leafIsCa,
  notYetValid,
  RuleContext,
  RULES,
  selfSigned,
  weakKey,
  weakSignature,
} from "../sdk/certificates/rules/rules";
import { safeX509Facts } from "../sdk/certificates/formats/x509-facts";
import { fixtures } from "./helpers/openssl-certs";

const f = fixtures();

function ctxOf(files: string[], over: Partial<RuleContext> = {}): RuleContext {
  const certs = files.flatMap((n) =>
    parsePem(f.read(n)).blocks.map((b) => ({ cert: new X509Certificate(b.der), der: b.der, source: n })),
  );
  return {
    certs,
    leafFacts: safeX509Facts(certs[0].cert, certs[0].der),
    facts: (i) => safeX509Facts(certs[i].cert, certs[i].der),
    keys: [],
    now: Date.now(),
    minDays: 30,
    certName: files[0],
    roots: () => [],
    ...over,
  };
}

const codes = (fs_: { code: string }[]) => fs_.map((x) => x.code);

describe("certificate rules, one by one", () => {
  it("KEY_MISMATCH: a key was given and none belongs to the leaf", () => {
    const other = { key: createPrivateKey(f.read("other.key")), source: "other.key" };
    const own = { key: createPrivateKey(f.read("leaf.key")), source: "leaf.key" };
    const r = keyMismatch(ctxOf(["leaf.pem"], { keys: [other] }));
    assert.deepEqual(codes(r), ["KEY_MISMATCH"]);
    assert.match(
      r[0].message,
      /^the private key in other\.key does not belong to the leaf certificate \(CN=ml\.example\.com\)/,
    );
    assert.deepEqual(keyMismatch(ctxOf(["leaf.pem"], { keys: [other, own], key: own.key })), []);
    assert.deepEqual(keyMismatch(ctxOf(["leaf.pem"])), []);
  });

  it("HOSTNAME_MISMATCH: the SAN dNSNames do not cover the hostname", () => {
    const r = hostnameMismatch(ctxOf(["leaf.pem"], { hostname: "api.example.com" }));
    assert.deepEqual(codes(r), ["HOSTNAME_MISMATCH"]);
    assert.match(r[0].message, /covers ml\.example\.com, www\.example\.com, not api\.example\.com/);
    assert.deepEqual(hostnameMismatch(ctxOf(["leaf.pem"], { hostname: "www.example.com" })), []);
    assert.deepEqual(hostnameMismatch(ctxOf(["leaf.pem"])), []);
    assert.match(
      hostnameMismatch(ctxOf(["cn.pem"], { hostname: "ml.example.com" }))[0].message,
      /no DNS names in its subjectAltName \(the CN alone does not count\)/,
    );
  });

  it("EXPIRED: notAfter in the past, on any certificate of the chain", () => {
    const r = expired(ctxOf(["expired.pem", "int.pem"]));
    assert.deepEqual(codes(r), ["EXPIRED"]);
    assert.match(r[0].message, /^the leaf certificate in expired\.pem expired on/);
    assert.deepEqual(expired(ctxOf(["leaf.pem", "int.pem"])), []);
    // The clock decides: a day after the intermediate's end, both are expired.
    const late = Date.parse(new X509Certificate(f.read("int.pem")).validTo) + 86_400_000;
    assert.deepEqual(codes(expired(ctxOf(["leaf.pem", "int.pem"], { now: late }))), ["EXPIRED", "EXPIRED"]);
  });

  it("NOT_YET_VALID: notBefore in the future", () => {
    assert.deepEqual(codes(notYetValid(ctxOf(["future.pem"]))), ["NOT_YET_VALID"]);
    assert.deepEqual(notYetValid(ctxOf(["leaf.pem"])), []);
    assert.deepEqual(notYetValid(ctxOf(["expired.pem"])), []);
  });

  it("EXPIRES_SOON: fewer than minDays left (a warning), not for a sent-along root", () => {
    const r = expiresSoon(ctxOf(["soon.pem"]));
    assert.deepEqual(codes(r), ["EXPIRES_SOON"]);
    assert.match(r[0].message, /expires in 10 day\(s\)/);
    assert.deepEqual(expiresSoon(ctxOf(["soon.pem"], { minDays: 10 })), []);
    assert.deepEqual(expiresSoon(ctxOf(["expired.pem"])), []);
    const rootEnd = Date.parse(new X509Certificate(f.read("root.pem")).validTo);
    assert.deepEqual(expiresSoon(ctxOf(["root.pem"], { now: rootEnd - 86_400_000 })).length, 1); // as the leaf
    assert.deepEqual(
      expiresSoon(ctxOf(["self.pem", "root.pem"], { now: rootEnd - 86_400_000, minDays: 0 })),
      [],
    );
  });

  it("WEAK_KEY: RSA under 2048 bits", () => {
    const r = weakKey(ctxOf(["weak.pem"]));
    assert.deepEqual(codes(r), ["WEAK_KEY"]);
    assert.match(r[0].message, /RSA 1024-bit key/);
    assert.deepEqual(weakKey(ctxOf(["leaf.pem", "ec.pem"])), []);
  });

  it("WEAK_SIGNATURE: SHA-1 on the leaf", () => {
    const r = weakSignature(ctxOf(["sha1.pem"]));
    assert.deepEqual(codes(r), ["WEAK_SIGNATURE"]);
    assert.match(r[0].message, /signed with SHA1/);
    assert.deepEqual(weakSignature(ctxOf(["leaf.pem", "int.pem", "root.pem"])), []);
  });

  it("LEAF_IS_CA: the first certificate has CA:TRUE", () => {
    assert.deepEqual(codes(leafIsCa(ctxOf(["ca-leaf.pem"]))), ["LEAF_IS_CA"]);
    assert.deepEqual(codes(leafIsCa(ctxOf(["int.pem"]))), ["LEAF_IS_CA"]);
    assert.deepEqual(leafIsCa(ctxOf(["leaf.pem"])), []);
  });

  it("CHAIN_ORDER: each certificate must be followed by its issuer", () => {
    const swapped = chainOrder(ctxOf(["leaf.pem", "root.pem", "int.pem"]));
    assert.deepEqual(codes(swapped), ["CHAIN_ORDER"]);
    // Root then intermediate after the leaf: the issuers are listed in reverse (issue 28, item 14).
    assert.match(
      swapped[0].message,
      /are in reverse order; put CN=Test Intermediate CA first, each certificate followed by its issuer$/,
    );
    const missing = chainOrder(ctxOf(["leaf.pem", "root.pem"]));
    assert.match(
      missing[0].message,
      /its issuer \(CN=Test Intermediate CA\) is missing; add it right after it/,
    );
    assert.deepEqual(chainOrder(ctxOf(["leaf.pem", "int.pem", "root.pem"])), []);
  });

  it("CHAIN_INCOMPLETE: the last certificate's issuer is neither sent nor a trusted root; the message names it", () => {
    const r = chainIncomplete(ctxOf(["leaf.pem", "int.pem"]));
    assert.deepEqual(codes(r), ["CHAIN_INCOMPLETE"]);
    assert.match(r[0].message, /whose issuer \(CN=Test Root CA\) is neither included nor a root/);
    assert.match(r[0].message, /append the certificate of CN=Test Root CA/);
    // Issued by a root the client already has: complete.
    const root = new X509Certificate(f.read("root.pem"));
    assert.deepEqual(chainIncomplete(ctxOf(["leaf.pem", "int.pem"], { roots: () => [root] })), []);
    // The root sent along, or a self-signed leaf: complete.
    assert.deepEqual(chainIncomplete(ctxOf(["leaf.pem", "int.pem", "root.pem"])), []);
    assert.deepEqual(chainIncomplete(ctxOf(["self.pem"])), []);
  });

  it("SELF_SIGNED: the leaf signs itself", () => {
    assert.deepEqual(codes(selfSigned(ctxOf(["self.pem"]))), ["SELF_SIGNED"]);
    assert.deepEqual(selfSigned(ctxOf(["leaf.pem"])), []);
  });

  it("the table holds one rule per chain code, none of the reading codes", () => {
    assert.deepEqual(
      RULES.map(([c]) => c),
      [
        "KEY_MISMATCH",
        "HOSTNAME_MISMATCH",
        "EXPIRED",
        "NOT_YET_VALID",
        "EXPIRES_SOON",
        "WEAK_KEY",
        "WEAK_SIGNATURE",
        "LEAF_IS_CA",
        "CHAIN_ORDER",
        "CHAIN_INCOMPLETE",
        "SELF_SIGNED",
      ],
    );
    const reading = Object.keys(SEVERITY).filter((c) => !RULES.some(([r]) => r === c));
    assert.deepEqual(reading.sort(), ["KEY_ENCRYPTED", "PEM_INVALID", "PFX_PASSWORD"]);
  });
});

describe("CHAIN_INCOMPLETE against Node's bundled roots (tls.rootCertificates)", () => {
  // A stand-in root that copies the name of a real bundled root (ISRG Root X1) but has its own key,
  // and an intermediate it signs: the name matches a trusted root, the signature does not.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-roots-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const o = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const real = bundledRoots().find((r) => /CN=ISRG Root X1/.test(r.subject));
  let forgedInt = "";
  let forgedRoot = "";
  before(() => {
    assert.ok(real, "ISRG Root X1 is in Node's bundled store");
    const subj = "/" + real!.subject.split("\n").join("/");
    fs.writeFileSync(
      path.join(dir, "ca.ext"),
      "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n",
    );
    o([
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "r.key",
      "-subj",
      subj,
      "-days",
      "30",
      "-out",
      "r.pem",
    ]);
    o([
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "i.key",
      "-subj",
      "/CN=Fake R99",
      "-out",
      "i.csr",
    ]);
    o([
      "x509",
      "-req",
      "-in",
      "i.csr",
      "-CA",
      "r.pem",
      "-CAkey",
      "r.key",
      "-set_serial",
      "7",
      "-days",
      "30",
      "-extfile",
      "ca.ext",
      "-out",
      "i.pem",
    ]);
    forgedInt = fs.readFileSync(path.join(dir, "i.pem"), "utf8");
    forgedRoot = fs.readFileSync(path.join(dir, "r.pem"), "utf8");
  });

  it("the bundled store parses (as many roots as Node lists)", () => {
    assert.equal(bundledRoots().length, tls.rootCertificates.length);
  });

  it("an intermediate whose issuer only has a trusted root's name is still incomplete", () => {
    // Node's own facts: the issuer name is the real root's, the signature is not the real root's.
    assert.equal(new X509Certificate(forgedInt).issuer, real!.subject);
    assert.equal(new X509Certificate(forgedInt).verify(real!.publicKey), false);
    const r = inspectCertificate({ cert: forgedInt });
    const inc = r.findings.filter((x) => x.code === "CHAIN_INCOMPLETE");
    assert.equal(inc.length, 1);
    assert.match(inc[0].message, /issuer \(C=US, O=Internet Security Research Group, CN=ISRG Root X1\)/);
  });

  it("the same intermediate is complete when its real issuer is among the trusted roots", () => {
    const ctx: Partial<RuleContext> = { roots: () => [...bundledRoots(), new X509Certificate(forgedRoot)] };
    const certs = parsePem(forgedInt).blocks.map((b) => ({
      cert: new X509Certificate(b.der),
      der: b.der,
      source: "i.pem",
    }));
    const full: RuleContext = {
      certs,
      leafFacts: safeX509Facts(certs[0].cert, certs[0].der),
      facts: (i) => safeX509Facts(certs[i].cert, certs[i].der),
      keys: [],
      now: Date.now(),
      minDays: 30,
      certName: "i.pem",
      roots: ctx.roots!,
    };
    assert.deepEqual(chainIncomplete(full), []);
  });
});
