// check-cert's chain messages and convert's exit status (issue 28, items 13 and 14), with
// certificates made by openssl at test time (helpers/mini-ca.ts).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli } from "./helpers/cli";
import { CA_EXT, miniCa, serverExt } from "./helpers/mini-ca";
import { tempDirs } from "./helpers/tmp";

const H = "ml.example.com";

describe("check-cert and convert: chain messages, exit status", function () {
  this.timeout(30_000);
  const tmp = tempDirs();
  const ca = miniCa(tmp("ssl-ml-cert-messages-"));
  const ossl = (args: string[]) => execFileSync("openssl", args, { cwd: ca.dir, stdio: "pipe" });

  before(() => {
    ca.key("root.key");
    ca.root("root.pem", "root.key", "Msg Root");
    ca.key("int.key");
    ca.issue("int.pem", "int.key", "Msg Intermediate", "root.pem", "root.key", CA_EXT);
    ca.key("leaf.key");
    ca.issue("leaf.pem", "leaf.key", H, "int.pem", "int.key", serverExt(`DNS:${H}`));
    ca.issue("old.pem", "leaf.key", H, "int.pem", "int.key", serverExt(`DNS:${H}`), [
      "20200101000000Z",
      "20210101000000Z",
    ]);
    ca.cat("reversed.pem", "int.pem", "leaf.pem");
    ca.cat("chain-reversed.pem", "root.pem", "int.pem");
    ca.cat("old+chain.pem", "old.pem", "int.pem", "root.pem");
    ossl([
      "pkcs12",
      "-export",
      "-in",
      "old+chain.pem",
      "-inkey",
      "leaf.key",
      "-passout",
      "pass:pw",
      "-out",
      "old.pfx",
    ]);
    ossl(["x509", "-in", "old.pem", "-outform", "DER", "-out", "old.der"]);
    fs.writeFileSync(ca.file("pw.txt"), "pw\n");
  });

  async function checkCert(...args: string[]) {
    const r = await cli("check-cert", ...args);
    return r;
  }

  describe("14. a chain in reverse order", () => {
    it("a reversed --cert file: the report describes the server certificate and one CHAIN_ORDER says 'reverse order'", async () => {
      const r = await checkCert(
        "--cert",
        ca.file("reversed.pem"),
        "--key",
        ca.file("leaf.key"),
        "--hostname",
        H,
      );
      assert.equal(r.code, 1);
      const lines = r.stdout.split("\n");
      assert.equal(lines[0], `certificate  CN=${H}`);
      assert.equal(lines[1], `  DNS names  ${H}`);
      assert.equal(
        lines[6],
        "  chain      2 certificates (this server certificate is number 2, not first: see CHAIN_ORDER)",
      );
      const findings = lines.filter((l) => /^ {2}(error|warning) /.test(l));
      assert.deepEqual(findings, [
        `  error   CHAIN_ORDER       the server certificate (CN=${H}, the one the private key in --key ${ca.file("leaf.key")} belongs to) is certificate 2 of 2 in --cert ${ca.file("reversed.pem")}; the file is in reverse order: put the server certificate first, followed by its issuers`,
      ]);
      const j = JSON.parse(
        (await checkCert("--cert", ca.file("reversed.pem"), "--hostname", H, "--json")).stdout,
      );
      assert.equal(j.certificate.subject, `CN=${H}`);
      assert.deepEqual(j.certificate.dnsNames, [H]);
    });

    it("a reversed --chain: names each certificate, its file, and says 'reverse order'", async () => {
      const r = await checkCert(
        "--cert",
        ca.file("leaf.pem"),
        "--chain",
        ca.file("chain-reversed.pem"),
        "--json",
      );
      const j = JSON.parse(r.stdout);
      assert.equal(r.code, 1);
      assert.deepEqual(j.findings, [
        {
          code: "CHAIN_ORDER",
          severity: "error",
          message: `certificate 1 (CN=${H}, in --cert ${ca.file("leaf.pem")}) is not issued by certificate 2 (CN=Msg Root, in --chain ${ca.file("chain-reversed.pem")}): the certificates in --chain ${ca.file("chain-reversed.pem")} are in reverse order; put CN=Msg Intermediate first, each certificate followed by its issuer`,
        },
      ]);
      // openssl agrees on who issued whom: the leaf's issuer is the intermediate, not the root.
      assert.match(
        ossl(["x509", "-in", ca.file("leaf.pem"), "-noout", "-issuer"]).toString(),
        /Msg Intermediate/,
      );
    });

    it("PFX_PASSWORD suggests --password-file as well as --password", async () => {
      const r = await checkCert("--pfx", ca.file("old.pfx"), "--json");
      assert.deepEqual(JSON.parse(r.stdout).findings, [
        {
          code: "PFX_PASSWORD",
          severity: "error",
          message: `--pfx ${ca.file("old.pfx")} is protected by a password; give it as --password-file FILE (or --password)`,
        },
      ]);
      const c = await cli("convert", "--pfx", ca.file("old.pfx"), "--out-dir", tmp("convert-"));
      assert.equal(c.code, 1);
      assert.match(c.stderr, /give it as --password-file FILE \(or --password\)\n$/);
    });
  });

  describe("13. convert exits 1 on an error finding, as check-cert does", () => {
    it("an expired PFX: the three files are written, EXPIRED is printed, exit 1", async () => {
      const out = tmp("convert-");
      const r = await cli(
        "convert",
        "--pfx",
        ca.file("old.pfx"),
        "--password-file",
        ca.file("pw.txt"),
        "--out-dir",
        out,
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        /^error {3}EXPIRED: the leaf certificate in --pfx .* expired on 2021-01-01T00:00:00.000Z; renew it$/m,
      );
      assert.deepEqual(fs.readdirSync(out).sort(), ["cert.pem", "chain.pem", "key.pem"]);
      // What openssl reads back is the expired leaf.
      assert.match(
        ossl(["x509", "-in", path.join(out, "cert.pem"), "-noout", "-enddate"]).toString(),
        /2021 GMT/,
      );
      assert.equal((await checkCert("--pfx", ca.file("old.pfx"), "--password", "pw")).code, 1);
    });

    it("an expired DER: cert.pem and chain.pem written, exit 1; a valid DER exits 0", async () => {
      const out = tmp("convert-");
      const r = await cli("convert", "--der", ca.file("old.der"), "--out-dir", out);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^error {3}EXPIRED: /m);
      assert.deepEqual(fs.readdirSync(out).sort(), ["cert.pem", "chain.pem"]);
      ossl(["x509", "-in", "root.pem", "-outform", "DER", "-out", "root.der"]);
      const ok = await cli("convert", "--der", ca.file("root.der"), "--out-dir", tmp("convert-"));
      assert.equal(ok.code, 0, ok.stderr);
    });
  });
});
