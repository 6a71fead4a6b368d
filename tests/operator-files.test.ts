// Certificates as operators have them: certbot's folder, PKCS#12 exports in the wrong flag, damaged
// files, password files, procfs files that lie about their size. Real files, made at test time.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ArgumentError } from "../sdk/errors";
import { MAX_FILE_BYTES, readBounded, readInputFile } from "../sdk/certificates/formats/files";
import { inspectCertificate } from "../sdk/certificates/rules/inspect";
import { cli } from "./helpers/cli";
import { fixtures } from "./helpers/openssl-certs";

describe("certificates as operators have them", () => {
  const f = fixtures();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-operator-"));
  const live = path.join(tmp, "live", "ml.example.com");
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  before(() => {
    // certbot's layout: cert.pem (leaf), chain.pem (intermediates), fullchain.pem (both), privkey.pem.
    fs.mkdirSync(live, { recursive: true });
    fs.copyFileSync(f.file("leaf.pem"), path.join(live, "cert.pem"));
    fs.copyFileSync(f.file("int.pem"), path.join(live, "chain.pem"));
    fs.writeFileSync(path.join(live, "fullchain.pem"), f.read("leaf.pem") + f.read("int.pem"));
    fs.copyFileSync(f.file("leaf.key"), path.join(live, "privkey.pem"));
  });
  const p = (n: string) => path.join(live, n);

  it("certbot: fullchain.pem as --cert and chain.pem as --chain is one chain, not CHAIN_ORDER", async () => {
    const r = await cli(
      "check-cert",
      "--cert",
      p("fullchain.pem"),
      "--chain",
      p("chain.pem"),
      "--key",
      p("privkey.pem"),
      "--hostname",
      "ml.example.com",
      "--json",
    );
    assert.equal(r.code, 0, r.stdout);
    const j = JSON.parse(r.stdout);
    // The test root is not a public one: the chain stops at an issuer clients do not have.
    assert.deepEqual(
      j.findings.map((x: { code: string }) => x.code),
      ["CHAIN_INCOMPLETE"],
    );
    assert.match(j.findings[0].message, /issuer \(CN=Test Root CA\)/);
    assert.doesNotMatch(j.findings[0].message, /Test Intermediate CA/);
    const text = await cli("check-cert", "--cert", p("fullchain.pem"), "--chain", p("chain.pem"));
    assert.match(text.stdout, / {2}chain {6}2 certificates\n/);
  });

  it("certbot: cert.pem + chain.pem gives the same report as fullchain.pem", () => {
    const a = inspectCertificate({
      cert: fs.readFileSync(p("cert.pem")),
      chain: fs.readFileSync(p("chain.pem")),
    });
    const b = inspectCertificate({
      cert: fs.readFileSync(p("fullchain.pem")),
      chain: fs.readFileSync(p("chain.pem")),
    });
    assert.deepEqual(a, b);
    assert.equal(a.chainLength, 2);
  });

  it("a PKCS#12 file given to --cert says to use --pfx", async () => {
    const r = await cli("check-cert", "--cert", f.file("leaf.pfx"), "--json");
    assert.equal(r.code, 1);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.findings, [
      {
        code: "PEM_INVALID",
        severity: "error",
        message: `--cert ${f.file("leaf.pfx")} is a PKCS#12 (.pfx / .p12) file, not a certificate: give it as --pfx`,
      },
    ]);
  });

  it("a PEM file given to --pfx says to use --cert", async () => {
    const r = await cli("check-cert", "--pfx", f.file("fullchain.pem"), "--json");
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).findings, [
      {
        code: "PEM_INVALID",
        severity: "error",
        message: `--pfx ${f.file("fullchain.pem")} is PEM text (a BEGIN line), not PKCS#12: give the certificate as --cert`,
      },
    ]);
  });

  it("a DER certificate given to --pfx says to use --cert", async () => {
    const r = await cli("check-cert", "--pfx", f.file("leaf.der"), "--json");
    assert.equal(r.code, 1);
    assert.match(
      JSON.parse(r.stdout).findings[0].message,
      /is an X\.509 certificate \(DER\), not PKCS#12: give it as --cert$/,
    );
  });

  it("a damaged PKCS#12 file: no parser text reaches the user", async () => {
    const cut = path.join(tmp, "cut.pfx");
    const bytes = f.bytes("leaf.pfx");
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = await cli("check-cert", "--pfx", cut, "--password", "pfxpass");
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /is not a readable PKCS#12 file \(damaged, cut off, or another format\); export it again/,
    );
    assert.doesNotMatch(r.stdout + r.stderr, /ASN\.1|Too few bytes|forge/i);
  });

  it("a wrong --password-file is called the password file", async () => {
    const pw = path.join(tmp, "pw.txt");
    fs.writeFileSync(pw, "not-the-password\n");
    const r = await cli("check-cert", "--pfx", f.file("leaf.pfx"), "--password-file", pw);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      new RegExp(`the password file ${pw.replace(/\./g, "\\.")} \\(--password-file\\) given does not open`),
    );
  });

  it("check-cert without --hostname says the hostname was not checked", async () => {
    const r = await cli("check-cert", "--cert", f.file("fullchain.pem"));
    assert.match(
      r.stdout,
      / {2}hostname {3}not checked \(give --hostname to check that the certificate covers it\)\n/,
    );
    const h = await cli("check-cert", "--cert", f.file("fullchain.pem"), "--hostname", "ml.example.com");
    assert.match(h.stdout, / {2}hostname {3}ml\.example\.com \(covered\)\n/);
  });

  it("the missing-key hint of the component names keyFile as well as keyPem", () => {
    const r = inspectCertificate({
      cert: f.read("fullchain.pem"),
      requireKey: true,
      names: { cert: "certificate.imported.certPem", key: "certificate.imported.keyPem" },
    });
    assert.deepEqual(
      r.findings.map((x) => x.message),
      [
        "no private key found; give certificate.imported.keyFile (a path) or certificate.imported.keyPem (the PEM text) (the certificate's private key)",
      ],
    );
  });

  it("a missing relative file names the folder it was resolved against", async () => {
    const r = await cli("check-cert", "--cert", "certs/absent.pem");
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `ssl-ml-cluster: --cert: file certs/absent.pem (resolved against ${process.cwd()}) does not exist; check the path\n`,
    );
  });
});

describe("bounded reads: a file is read to at most the limit, whatever stat says", () => {
  // Linux's procfs (CI and these machines are Linux).
  it("/proc/self/pagemap reports size 0 and is refused after 1 MiB", () => {
    assert.equal(fs.statSync("/proc/self/pagemap").size, 0);
    assert.throws(
      () => readInputFile("certificate.imported.keyFile", "/proc/self/pagemap"),
      (e: unknown) =>
        e instanceof ArgumentError &&
        e.message ===
          `certificate.imported.keyFile: /proc/self/pagemap is larger than its size on disk says (over ${MAX_FILE_BYTES} bytes); a certificate file is at most 1 MiB, so this is not one`,
    );
  });

  it("a small procfs file (size 0 too) is read whole", () => {
    assert.equal(fs.statSync("/proc/self/status").size, 0);
    assert.match(readInputFile("x", "/proc/self/status").toString("utf8"), /^Name:\t/);
  });

  it("readBounded stops at the limit on an endless source (/dev/zero)", () => {
    const fd = fs.openSync("/dev/zero", "r");
    try {
      const r = readBounded(fd, 100_000);
      assert.equal(r.truncated, true);
      assert.equal(r.bytes.length, 100_000);
    } finally {
      fs.closeSync(fd);
    }
  });

  it("plan --compare /proc/self/pagemap stops at the snapshot limit", async () => {
    const r = await cli("plan", "examples/quickstart", "--compare", "/proc/self/pagemap");
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "ssl-ml-cluster: --compare: /proc/self/pagemap is larger than its size on disk says (over 67108864 bytes); a plan snapshot is at most 64 MiB, so this is not one\n",
    );
  });

  it("check-cert --key /proc/self/pagemap exits 2 naming the flag", async () => {
    const f = fixtures();
    const r = await cli("check-cert", "--cert", f.file("fullchain.pem"), "--key", "/proc/self/pagemap");
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^ssl-ml-cluster: --key: \/proc\/self\/pagemap is larger than its size on disk says/,
    );
  });
});
