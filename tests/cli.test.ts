import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli, cliProcess, ROOT } from "./helpers/cli";
import { fixtures } from "./helpers/openssl-certs";
import { npmEnv, tempDirs } from "./helpers/tmp";

// Re-exported for test files written against this one; new tests import ./helpers/cli.
export { cli, cliProcess, ROOT };

describe("CLI: check-cert", () => {
  const f = fixtures();

  it("prints the JSON docs/cli.md documents for a clean certificate and exits 0", async () => {
    const r = await cli(
      "check-cert",
      "--cert",
      f.file("fullchain.pem"),
      "--key",
      f.file("leaf.key"),
      "--hostname",
      "ml.example.com",
      "--json",
    );
    assert.equal(r.code, 0);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(j), ["ok", "findings", "certificate"]);
    assert.equal(j.ok, true);
    assert.deepEqual(j.findings, []);
    assert.deepEqual(Object.keys(j.certificate), [
      "subject",
      "dnsNames",
      "issuer",
      "notBefore",
      "notAfter",
      "fingerprintSha256",
      "keyType",
      "keyBits",
      "selfSigned",
    ]);
    assert.equal(j.certificate.keyType, "RSA");
    assert.equal(j.certificate.keyBits, 2048);
    // The fingerprint against independent readers: openssl and Node's X509Certificate.
    const openssl = execFileSync("openssl", [
      "x509",
      "-noout",
      "-fingerprint",
      "-sha256",
      "-in",
      f.file("leaf.pem"),
    ]).toString();
    assert.equal(openssl.trim(), `sha256 Fingerprint=${j.certificate.fingerprintSha256}`);
    assert.equal(j.certificate.fingerprintSha256, new X509Certificate(f.read("leaf.pem")).fingerprint256);
  });

  it("exits 1 with the finding codes when an error is found", async () => {
    const r = await cli(
      "check-cert",
      "--cert",
      f.file("fullchain.pem"),
      "--key",
      f.file("other.key"),
      "--json",
    );
    assert.equal(r.code, 1);
    const j = JSON.parse(r.stdout);
    assert.equal(j.ok, false);
    assert.deepEqual(
      j.findings.map((x: { code: string }) => x.code),
      ["KEY_MISMATCH"],
    );
    assert.deepEqual(Object.keys(j.findings[0]), ["code", "severity", "message"]);
    assert.match(
      j.findings[0].message,
      new RegExp(`--key ${f.file("other.key").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`),
    );
  });

  it("exits 0 with warnings only, and prints a human report", async () => {
    const r = await cli("check-cert", "--cert", f.file("soon-fullchain.pem"), "--hostname", "ml.example.com");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /warning EXPIRES_SOON/);
    assert.match(r.stdout, /DNS names {2}ml\.example\.com/);
    assert.match(r.stdout, /^OK \(1 warning\)$/m);
  });

  it("reads DER, PKCS#12 with --password and --password-file", async () => {
    assert.equal(
      (await cli("check-cert", "--cert", f.file("leaf.der"), "--chain", f.file("int+root.pem"))).code,
      0,
    );
    assert.equal((await cli("check-cert", "--pfx", f.file("leaf.pfx"), "--password", "pfxpass")).code, 0);
    const pw = path.join(f.dir, "pw.txt");
    fs.writeFileSync(pw, "pfxpass\n");
    assert.equal((await cli("check-cert", "--pfx", f.file("leaf.pfx"), "--password-file", pw)).code, 0);
    const wrong = await cli("check-cert", "--pfx", f.file("leaf.pfx"), "--password", "nope", "--json");
    assert.equal(wrong.code, 1);
    assert.equal(JSON.parse(wrong.stdout).findings[0].code, "PFX_PASSWORD");
    assert.equal(JSON.parse(wrong.stdout).certificate, null);
  });

  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const usage: [string, string[], RegExp][] = [
    ["no input", ["check-cert"], /^ssl-ml-cluster: give exactly one of --cert FILE or --pfx FILE\n$/],
    [
      "both inputs",
      ["check-cert", "--cert", "a", "--pfx", "b"],
      /^ssl-ml-cluster: give exactly one of --cert FILE or --pfx FILE\n$/,
    ],
    [
      "missing file",
      ["check-cert", "--cert", "/nonexistent/cert.pem"],
      /^ssl-ml-cluster: --cert: file \/nonexistent\/cert\.pem does not exist; check the path\n$/,
    ],
    [
      "a directory",
      ["check-cert", "--cert", os.tmpdir()],
      new RegExp(
        `^ssl-ml-cluster: --cert: ${esc(os.tmpdir())} is a directory; give the path of the file itself\n$`,
      ),
    ],
    [
      "bad --min-days",
      ["check-cert", "--cert", fixtures().file("fullchain.pem"), "--min-days", "ten"],
      /^ssl-ml-cluster: --min-days takes a whole number of days, got "ten"\n$/,
    ],
    ["unknown flag", ["check-cert", "--certificate", "x"], /^error: unknown option '--certificate'\n/],
    ["unknown command", ["check-certs"], /^error: unknown command 'check-certs'\n/],
    [
      "--key with --pfx",
      ["check-cert", "--pfx", "x", "--key", "y"],
      /^ssl-ml-cluster: --key goes with --cert; a PKCS#12 file carries its own key\n$/,
    ],
  ];
  for (const [title, argv, message] of usage) {
    it(`exits 2 on bad usage: ${title}`, async () => {
      const r = await cli(...argv);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  }

  it("refuses a huge file as a certificate", async () => {
    const big = path.join(f.dir, "huge.pem");
    fs.writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 65));
    const r = await cli("check-cert", "--cert", big);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /at most 1 MiB/);
  });

  it("reports an empty file as PEM_INVALID (exit 1)", async () => {
    const r = await cli("check-cert", "--cert", f.file("empty.pem"), "--json");
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).findings[0].code, "PEM_INVALID");
  });

  it("prints its version", async () => {
    const r = await cli("--version");
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout.trim(),
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version,
    );
  });

  it("has --help for each command", async () => {
    for (const cmd of ["check-cert", "convert", "plan", "demo"]) {
      const r = await cli(cmd, "--help");
      assert.equal(r.code, 0);
      assert.match(r.stdout, new RegExp(`Usage: ssl-ml-cluster ${cmd}`));
    }
  });

  it("exits with the real status codes as a separate process", () => {
    assert.equal(cliProcess(["check-cert", "--cert", f.file("fullchain.pem")]).status, 0);
    assert.equal(cliProcess(["check-cert", "--cert", f.file("expired-fullchain.pem")]).status, 1);
    const bad = cliProcess(["check-cert"]);
    assert.equal(bad.status, 2);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
  });
});

describe("CLI: convert", () => {
  const f = fixtures();
  const tmp = tempDirs();

  it("turns a PFX into cert.pem, chain.pem and a 0600 key.pem that openssl accepts", async () => {
    const out = tmp("convert-");
    const r = await cli("convert", "--pfx", f.file("leaf.pfx"), "--password", "pfxpass", "--out-dir", out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.statSync(path.join(out, "key.pem")).mode & 0o777, 0o600);
    assert.doesNotMatch(r.stdout + r.stderr, /PRIVATE KEY/, "key material is never printed");
    const subject = execFileSync("openssl", [
      "x509",
      "-noout",
      "-subject",
      "-in",
      path.join(out, "cert.pem"),
    ]).toString();
    assert.match(subject, /CN *= *ml\.example\.com/);
    assert.equal(fs.readFileSync(path.join(out, "chain.pem"), "utf8").match(/BEGIN CERTIFICATE/g)?.length, 2);
    // openssl agrees that key.pem is the certificate's key.
    const certMod = execFileSync("openssl", [
      "x509",
      "-noout",
      "-pubkey",
      "-in",
      path.join(out, "cert.pem"),
    ]).toString();
    const keyPub = execFileSync("openssl", ["pkey", "-pubout", "-in", path.join(out, "key.pem")]).toString();
    assert.equal(certMod, keyPub);
    const again = await cli(
      "convert",
      "--pfx",
      f.file("leaf.pfx"),
      "--password",
      "pfxpass",
      "--out-dir",
      out,
    );
    assert.equal(again.code, 2);
    assert.equal(
      again.stderr,
      `ssl-ml-cluster: ${["cert.pem", "chain.pem", "key.pem"].map((n) => path.join(out, n)).join(", ")} already exist; pass --force to overwrite\n`,
    );
    fs.chmodSync(path.join(out, "key.pem"), 0o644);
    const forced = await cli(
      "convert",
      "--pfx",
      f.file("leaf.pfx"),
      "--password",
      "pfxpass",
      "--out-dir",
      out,
      "--force",
    );
    assert.equal(forced.code, 0);
    assert.equal(fs.statSync(path.join(out, "key.pem")).mode & 0o777, 0o600, "--force restores mode 0600");
  });

  it("converts an ECDSA PFX and a DER certificate", async () => {
    const out = tmp("convert-");
    assert.equal(
      (await cli("convert", "--pfx", f.file("ec.pfx"), "--password", "pfxpass", "--out-dir", out)).code,
      0,
    );
    assert.match(fs.readFileSync(path.join(out, "key.pem"), "utf8"), /BEGIN PRIVATE KEY/);
    const out2 = tmp("convert-");
    const der = await cli("convert", "--der", f.file("leaf.der"), "--out-dir", out2);
    assert.equal(der.code, 0);
    assert.match(
      der.stdout,
      /^no key\.pem written: --der holds only the certificate; add --key FILE to convert its key too$/m,
    );
    assert.equal(
      fs.readFileSync(path.join(out2, "cert.pem"), "utf8"),
      execFileSync("openssl", ["x509", "-in", f.file("leaf.der"), "-inform", "DER"]).toString(),
    );
    assert.equal(fs.existsSync(path.join(out2, "key.pem")), false);
  });

  for (const force of [false, true]) {
    it(`never writes the key through a symlink planted at key.pem${force ? " (--force)" : ""}`, async () => {
      const out = tmp("convert-");
      const target = path.join(tmp("elsewhere-"), "stolen.pem");
      const link = path.join(out, "key.pem");
      fs.symlinkSync(target, link); // dangling: the target does not exist yet
      const argv = ["convert", "--pfx", f.file("leaf.pfx"), "--password", "pfxpass", "--out-dir", out];
      const r = await cli(...argv, ...(force ? ["--force"] : []));
      assert.equal(fs.existsSync(target), false, "the link's target was not written");
      if (force) {
        assert.equal(r.code, 0, r.stderr);
        assert.equal(fs.lstatSync(link).isSymbolicLink(), false, "the link itself was replaced");
        assert.equal(fs.statSync(link).mode & 0o777, 0o600);
        assert.match(fs.readFileSync(link, "utf8"), /^-----BEGIN PRIVATE KEY-----\n/);
        assert.deepEqual(
          fs.readdirSync(out).sort(),
          ["cert.pem", "chain.pem", "key.pem"],
          "no temporary file left",
        );
      } else {
        assert.equal(r.code, 2);
        assert.equal(r.stderr, `ssl-ml-cluster: ${link} already exists; pass --force to overwrite\n`);
        assert.equal(fs.lstatSync(link).isSymbolicLink(), true);
        assert.deepEqual(fs.readdirSync(out), ["key.pem"], "nothing written");
      }
    });
  }

  it("exits 1 on a wrong password and 2 without --out-dir", async () => {
    const out = tmp("convert-");
    const r = await cli("convert", "--pfx", f.file("leaf.pfx"), "--password", "wrong", "--out-dir", out);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error {3}PFX_PASSWORD: /);
    assert.deepEqual(fs.readdirSync(out), []);
    const noDir = await cli("convert", "--pfx", f.file("leaf.pfx"));
    assert.equal(noDir.code, 2);
    assert.match(noDir.stderr, /^error: required option '--out-dir <dir>' not specified\n/);
  });
});

describe("CLI: hostile paths and the built package", () => {
  const tmp = tempDirs();

  it("refuses a file it may not read (EACCES) with exit 2, also when the tests run as root", () => {
    const dir = tmp("locked-");
    fs.chmodSync(dir, 0o755);
    const locked = path.join(dir, "locked.pem");
    fs.writeFileSync(locked, fixtures().read("fullchain.pem"), { mode: 0o000 });
    // Root may read any file: as root, the CLI runs without the capabilities that bypass file
    // modes (setpriv, util-linux), so the mode holds for it while the repository stays readable
    // wherever it was cloned (a child as nobody could not reach a 0700 checkout).
    const asRoot = process.getuid?.() === 0;
    const dropCaps = [
      "--bounding-set=-dac_override,-dac_read_search",
      "--inh-caps=-dac_override,-dac_read_search",
    ];
    const r = spawnSync(
      asRoot ? "setpriv" : process.execPath,
      [
        ...(asRoot ? [...dropCaps, process.execPath] : []),
        "-r",
        "ts-node/register/transpile-only",
        path.join(ROOT, "sdk/cli/main.ts"),
        "check-cert",
        "--cert",
        locked,
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, DISABLE_V8_COMPILE_CACHE: "1" },
      },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^ssl-ml-cluster: --cert: cannot read \S*\/locked\.pem \(EACCES\)/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  });

  it("refuses a device instead of reading it forever", async () => {
    const r = await cli("check-cert", "--cert", "/dev/zero");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a regular file/);
  });

  it("npm run build produces the package that require('ssl-ml-cluster') loads, and its bin", function () {
    this.timeout(180_000); // a full tsc build on a shared 2-core machine
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const main = path.join(ROOT, pkg.main);
    // Always build: a bin/ left from an older checkout would otherwise be what this tests.
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", env: npmEnv(tmp("npm-cache-")) });
    const out = execFileSync(process.execPath, [
      "-e",
      `const m = require(${JSON.stringify(main)}); console.log(Object.keys(m).sort().join(","))`,
    ]).toString();
    for (const name of ["SslMlCluster", "inspectCertificate", "CertificateError", "scoringUri"])
      assert.ok(out.includes(name), name);
    assert.ok(fs.existsSync(path.join(ROOT, pkg.types)));
    // By name too (the package's "exports" let it resolve itself).
    const byName = execFileSync(
      process.execPath,
      ["-e", 'console.log(typeof require("ssl-ml-cluster").SslMlCluster)'],
      { cwd: ROOT },
    ).toString();
    assert.equal(byName.trim(), "function");
    const bin = path.join(ROOT, pkg.bin["ssl-ml-cluster"]);
    assert.equal(fs.statSync(bin).mode & 0o111, 0o111, "the bin is executable");
    const r = spawnSync(bin, ["check-cert", "--help"], { encoding: "utf8" });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage: ssl-ml-cluster check-cert/);
  });
});
