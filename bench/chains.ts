// Certificate chains for the bench, made with openssl (an independent tool) in temporary folders.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A leaf + intermediate + root chain, all RSA-4096, and the leaf's key, as PEM text. */
export function rsa4096Chain(): { cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-chain-"));
  const o = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  fs.writeFileSync(
    path.join(dir, "ca.ext"),
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
  );
  fs.writeFileSync(
    path.join(dir, "leaf.ext"),
    "basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:ml.example.com\nextendedKeyUsage=serverAuth\n",
  );
  for (const k of ["root", "int", "leaf"])
    o(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096", "-out", `${k}.key`]);
  o([
    "req",
    "-x509",
    "-new",
    "-key",
    "root.key",
    "-subj",
    "/CN=Bench Root",
    "-days",
    "30",
    "-out",
    "root.pem",
  ]);
  o(["req", "-new", "-key", "int.key", "-subj", "/CN=Bench Int", "-out", "int.csr"]);
  o([
    "x509",
    "-req",
    "-in",
    "int.csr",
    "-CA",
    "root.pem",
    "-CAkey",
    "root.key",
    "-set_serial",
    "2",
    "-days",
    "30",
    "-extfile",
    "ca.ext",
    "-out",
    "int.pem",
  ]);
  o(["req", "-new", "-key", "leaf.key", "-subj", "/CN=ml.example.com", "-out", "leaf.csr"]);
  o([
    "x509",
    "-req",
    "-in",
    "leaf.csr",
    "-CA",
    "int.pem",
    "-CAkey",
    "int.key",
    "-set_serial",
    "3",
    "-days",
    "30",
    "-extfile",
    "leaf.ext",
    "-out",
    "leaf.pem",
  ]);
  const rd = (n: string) => fs.readFileSync(path.join(dir, n), "utf8");
  const out = { cert: rd("leaf.pem") + rd("int.pem") + rd("root.pem"), key: rd("leaf.key") };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

/** A leaf + intermediate (RSA-2048) chain and the leaf's key, as files. */
export function smallChain(): { dir: string; cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-small-"));
  const o = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  fs.writeFileSync(
    path.join(dir, "ca.ext"),
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n",
  );
  fs.writeFileSync(
    path.join(dir, "leaf.ext"),
    "basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:ml.example.com\nextendedKeyUsage=serverAuth\n",
  );
  for (const k of ["int", "leaf"])
    o(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", `${k}.key`]);
  o([
    "req",
    "-x509",
    "-new",
    "-key",
    "int.key",
    "-subj",
    "/CN=Bench Small Int",
    "-days",
    "30",
    "-out",
    "int.pem",
  ]);
  o(["req", "-new", "-key", "leaf.key", "-subj", "/CN=ml.example.com", "-out", "leaf.csr"]);
  o(
    ["x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key", "-set_serial", "2"].concat([
      "-days",
      "30",
      "-extfile",
      "leaf.ext",
      "-out",
      "leaf.pem",
    ]),
  );
  const cert = path.join(dir, "chain.pem");
  fs.writeFileSync(
    cert,
    fs.readFileSync(path.join(dir, "leaf.pem"), "utf8") + fs.readFileSync(path.join(dir, "int.pem"), "utf8"),
  );
  return { dir, cert, key: path.join(dir, "leaf.key") };
}
