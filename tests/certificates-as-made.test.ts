// Certificates as people make them (issue: "Certificates as people make them"): OpenSSL 3's
// one-line self-signed certificate, chains written in reverse, and an ACME certificate issued a
// moment ago. Every file is made here by openssl; the expected messages are literals.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { inspectCertificate } from "../sdk/certificates/rules/inspect";
import { tempDirs } from "./helpers/tmp";

const HOST = "ml.example.com";
// How the component names its inputs in messages.
const names = { cert: "certificate.imported.certPem", key: "certificate.imported.keyPem" };

describe("certificates as people make them", function () {
  this.timeout(60_000);
  const mk = tempDirs();
  let dir = "";
  const o = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const rd = (n: string) => fs.readFileSync(path.join(dir, n), "utf8");
  const w = (n: string, s: string) => fs.writeFileSync(path.join(dir, n), s);

  before(() => {
    dir = mk("ssl-ml-as-made-");
    // The certificate most users make first (the README of every TLS tutorial).
    o(
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "365",
        "-keyout",
        "dev.key",
        "-out",
        "dev.pem",
      ].concat(["-subj", `/CN=${HOST}`, "-addext", `subjectAltName=DNS:${HOST}`]),
    );
    // A root, an intermediate and a leaf, as a small private CA makes them.
    w("ca.ext", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
    w(
      "leaf.ext",
      `basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:${HOST}\nextendedKeyUsage=serverAuth\n`,
    );
    o(
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "3650",
        "-keyout",
        "root.key",
        "-out",
        "root.pem",
      ].concat(["-subj", "/CN=As Made Root"]),
    );
    o([
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "int.key",
      "-out",
      "int.csr",
      "-subj",
      "/CN=As Made Int",
    ]);
    o(
      [
        "x509",
        "-req",
        "-in",
        "int.csr",
        "-CA",
        "root.pem",
        "-CAkey",
        "root.key",
        "-CAcreateserial",
        "-days",
        "1825",
      ].concat(["-extfile", "ca.ext", "-out", "int.pem"]),
    );
    o([
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "leaf.key",
      "-out",
      "leaf.csr",
      "-subj",
      `/CN=${HOST}`,
    ]);
    o(
      [
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "int.pem",
        "-CAkey",
        "int.key",
        "-CAcreateserial",
        "-days",
        "200",
      ].concat(["-extfile", "leaf.ext", "-out", "leaf.pem"]),
    );
  });

  it("openssl req -x509's certificate (CA:TRUE, alone) is a development certificate: SELF_SIGNED with the CA:FALSE fix", () => {
    // The premise, from Node's parser: OpenSSL 3 marks it CA:TRUE.
    assert.equal(new X509Certificate(rd("dev.pem")).ca, true);
    const r = inspectCertificate({ names, certPem: rd("dev.pem"), keyPem: rd("dev.key"), hostname: HOST });
    assert.equal(r.ok, true);
    assert.deepEqual(r.findings, [
      {
        code: "SELF_SIGNED",
        severity: "warning",
        message:
          "the leaf certificate in certificate.imported.certPem is self-signed: fine for development, but clients must trust it explicitly; it is also marked CA:TRUE (OpenSSL 3's req -x509 default): for a server certificate, reissue it with -addext basicConstraints=critical,CA:FALSE",
      },
    ]);
  });

  it("a self-signed certificate without CA:TRUE gets no CA:FALSE advice", () => {
    o(
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "365",
        "-keyout",
        "dev2.key",
        "-out",
        "dev2.pem",
      ]
        .concat(["-subj", `/CN=${HOST}`, "-addext", `subjectAltName=DNS:${HOST}`])
        .concat(["-addext", "basicConstraints=critical,CA:FALSE"]),
    );
    const r = inspectCertificate({ names, certPem: rd("dev2.pem"), keyPem: rd("dev2.key"), hostname: HOST });
    assert.deepEqual(
      r.findings.map((f) => f.message),
      [
        "the leaf certificate in certificate.imported.certPem is self-signed: fine for development, but clients must trust it explicitly",
      ],
    );
  });

  it("LEAF_IS_CA stays an error for a CA certificate put first in a chain", () => {
    const r = inspectCertificate({ names, certPem: rd("int.pem") + rd("root.pem"), hostname: HOST });
    assert.equal(r.ok, false);
    assert.ok(r.findings.some((f) => f.code === "LEAF_IS_CA" && f.severity === "error"));
    // A self-signed CA certificate followed by anything is a chain, not a lone development certificate.
    const s = inspectCertificate({ names, certPem: rd("dev.pem") + rd("int.pem") });
    assert.ok(s.findings.some((f) => f.code === "LEAF_IS_CA"));
  });

  it("a chain in reverse order (intermediate, then leaf) with its key: one CHAIN_ORDER, no key, hostname or CA error", () => {
    const r = inspectCertificate({
      names,
      certPem: rd("int.pem") + rd("leaf.pem"),
      keyPem: rd("leaf.key"),
      hostname: HOST,
    });
    assert.equal(r.ok, false);
    assert.deepEqual(r.findings, [
      {
        code: "CHAIN_ORDER",
        severity: "error",
        message:
          "the server certificate (CN=ml.example.com, the one the private key in certificate.imported.keyPem belongs to) is certificate 2 of 2 in certificate.imported.certPem; the file is in reverse order: put the server certificate first, followed by its issuers",
      },
    ]);
  });

  it("root, intermediate, leaf (fully reversed), without a key: found by the hostname", () => {
    const r = inspectCertificate({
      names,
      certPem: rd("root.pem") + rd("int.pem") + rd("leaf.pem"),
      hostname: HOST,
    });
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.message]),
      [
        [
          "CHAIN_ORDER",
          "the server certificate (CN=ml.example.com, the one that covers ml.example.com) is certificate 3 of 3 in certificate.imported.certPem; the file is in reverse order: put the server certificate first, followed by its issuers",
        ],
      ],
    );
  });

  it("server certificate in the middle: put it first, each followed by its issuer", () => {
    const r = inspectCertificate({
      names,
      certPem: rd("int.pem") + rd("leaf.pem") + rd("root.pem"),
      keyPem: rd("leaf.key"),
      hostname: HOST,
    });
    assert.deepEqual(
      r.findings.map((f) => f.message),
      [
        "the server certificate (CN=ml.example.com, the one the private key in certificate.imported.keyPem belongs to) is certificate 2 of 3 in certificate.imported.certPem; put the server certificate first, each certificate followed by its issuer",
      ],
    );
  });

  it("a key that belongs to none of the certificates is still KEY_MISMATCH", () => {
    const r = inspectCertificate({
      names,
      certPem: rd("leaf.pem") + rd("int.pem"),
      keyPem: rd("dev.key"),
      hostname: HOST,
    });
    assert.deepEqual(
      r.findings.filter((f) => f.severity === "error").map((f) => f.code),
      ["KEY_MISMATCH"],
    );
  });

  it("the right order (leaf, intermediate, root) passes with no finding", () => {
    const r = inspectCertificate({
      names,
      certPem: rd("leaf.pem") + rd("int.pem") + rd("root.pem"),
      keyPem: rd("leaf.key"),
      hostname: HOST,
    });
    assert.equal(r.ok, true);
    assert.deepEqual(r.findings, []);
  });
});
