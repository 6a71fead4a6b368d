// A self-signed server certificate for 127.0.0.1, made by openssl for a loopback HTTPS stand-in
// (the fake ARM, the fake Key Vault): the client trusts exactly it through its agent's `ca`.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export function loopbackServerCert(extraArgs: string[] = []): { cert: Buffer; key: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-loopback-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "k.pem",
        "-out",
        "c.pem",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        ...extraArgs,
      ],
      { cwd: dir, stdio: "pipe" },
    );
    return { cert: fs.readFileSync(path.join(dir, "c.pem")), key: fs.readFileSync(path.join(dir, "k.pem")) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
