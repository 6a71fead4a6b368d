import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../sdk/cli/main";
import { fixtures } from "./helpers/openssl-certs";

/** Runs the CLI in process, capturing what it prints. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array) => (
    (stdout += s.toString()),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => (
    (stderr += s.toString()),
    true
  )) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
  }
}

const ROOT = path.resolve(__dirname, "..");

/** Runs the CLI as a user would, in its own process (exit code and streams are real). */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(ROOT, "sdk/cli/main.ts"), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
}

describe("CLI: check-cert", () => {
  const f = fixtures();

  it("prints the README's JSON for a clean certificate and exits 0", async () => {
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

  const usage: [string, string[], RegExp][] = [
    ["no input", ["check-cert"], /exactly one of --cert FILE or --pfx FILE/],
    ["both inputs", ["check-cert", "--cert", "a", "--pfx", "b"], /exactly one of/],
    ["missing file", ["check-cert", "--cert", "/nonexistent/cert.pem"], /does not exist/],
    ["a directory", ["check-cert", "--cert", os.tmpdir()], /is a directory/],
    [
      "bad --min-days",
      ["check-cert", "--cert", "x", "--min-days", "ten"],
      /exactly one of|--min-days takes a whole number/,
    ],
    ["unknown flag", ["check-cert", "--certificate", "x"], /unknown option/],
    ["unknown command", ["check-certs"], /unknown command/],
    ["--key with --pfx", ["check-cert", "--pfx", "x", "--key", "y"], /--key goes with --cert/],
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

  it("turns a PFX into cert.pem, chain.pem and a 0600 key.pem that openssl accepts", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "convert-"));
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
    assert.match(again.stderr, /already exist.*--force/);
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
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "convert-"));
    assert.equal(
      (await cli("convert", "--pfx", f.file("ec.pfx"), "--password", "pfxpass", "--out-dir", out)).code,
      0,
    );
    assert.match(fs.readFileSync(path.join(out, "key.pem"), "utf8"), /BEGIN PRIVATE KEY/);
    const out2 = fs.mkdtempSync(path.join(os.tmpdir(), "convert-"));
    assert.equal((await cli("convert", "--der", f.file("leaf.der"), "--out-dir", out2)).code, 0);
    assert.equal(
      fs.readFileSync(path.join(out2, "cert.pem"), "utf8"),
      execFileSync("openssl", ["x509", "-in", f.file("leaf.der"), "-inform", "DER"]).toString(),
    );
    assert.equal(fs.existsSync(path.join(out2, "key.pem")), false);
  });

  it("exits 1 on a wrong password and 2 without --out-dir", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "convert-"));
    const r = await cli("convert", "--pfx", f.file("leaf.pfx"), "--password", "wrong", "--out-dir", out);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /PFX_PASSWORD/);
    assert.deepEqual(fs.readdirSync(out), []);
    assert.equal((await cli("convert", "--pfx", f.file("leaf.pfx"))).code, 2);
  });
});

describe("CLI: hostile paths and the built package", () => {
  it("refuses a device instead of reading it forever", async () => {
    const r = await cli("check-cert", "--cert", "/dev/zero");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a regular file/);
  });

  it("npm run build produces the package that require('ssl-ml-cluster') loads, and its bin", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const main = path.join(ROOT, pkg.main);
    if (!fs.existsSync(main)) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
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
