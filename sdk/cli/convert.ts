import * as fs from "node:fs";
import * as path from "node:path";
import { extractMaterial } from "../certificates/inspect";
import { CertificateInput } from "../certificates/read";
import { cliFile, cliPassword } from "./check-cert";
import { UsageError } from "./usage";

export interface ConvertOptions {
  pfx?: string;
  der?: string;
  key?: string;
  password?: string;
  passwordFile?: string;
  outDir?: string;
  force?: boolean;
}

/** Findings that mean the input could not be read as a certificate with its key. */
const UNREADABLE = ["PEM_INVALID", "PFX_PASSWORD", "KEY_ENCRYPTED", "KEY_MISMATCH"];

/**
 * PKCS#12 or DER to `cert.pem` (the leaf), `chain.pem` (the rest, issuer after subject) and
 * `key.pem` (unencrypted PKCS#8, mode 0600). Conversion does not judge the certificate (check-cert
 * does): other findings are printed, not blocking. Never overwrites without --force; never prints
 * key material.
 */
export function runConvert(
  o: ConvertOptions,
  write: (s: string) => void,
  writeErr: (s: string) => void,
): number {
  if ((o.pfx === undefined) === (o.der === undefined))
    throw new UsageError("give exactly one of --pfx FILE or --der FILE");
  if (!o.outDir) throw new UsageError("--out-dir DIR is required");
  if (o.pfx !== undefined && o.key !== undefined)
    throw new UsageError("--key goes with --der; a PKCS#12 file carries its own key");
  const password = cliPassword(o);
  const input: CertificateInput =
    o.pfx !== undefined
      ? { pfx: cliFile("--pfx", o.pfx), password, names: { pfx: `--pfx ${o.pfx}`, password: "--password" } }
      : {
          cert: cliFile("--der", o.der!),
          key: o.key !== undefined ? cliFile("--key", o.key) : undefined,
          password,
          names: { cert: `--der ${o.der}`, key: `--key ${o.key}`, password: "--password" },
        };
  const { report, chainPem, keyPem } = extractMaterial(input);
  const blocking = report.findings.filter((f) => UNREADABLE.includes(f.code));
  if (blocking.length > 0 || !chainPem) {
    for (const f of blocking) writeErr(`error   ${f.code}: ${f.message}\n`);
    return 1;
  }
  const pems = chainPem.split(/(?=-----BEGIN CERTIFICATE-----)/);
  const files: [string, string, number][] = [
    ["cert.pem", pems[0], 0o644],
    ["chain.pem", pems.slice(1).join(""), 0o644],
  ];
  if (keyPem) files.push(["key.pem", keyPem, 0o600]);
  if (fs.existsSync(o.outDir) && !fs.statSync(o.outDir).isDirectory())
    throw new UsageError(`--out-dir ${o.outDir} is a file, not a directory`);
  fs.mkdirSync(o.outDir, { recursive: true });
  if (!o.force) {
    const existing = files.map(([n]) => path.join(o.outDir!, n)).filter((p) => fs.existsSync(p));
    if (existing.length > 0) {
      throw new UsageError(
        `${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; pass --force to overwrite`,
      );
    }
  }
  for (const [name, text, mode] of files) {
    const p = path.join(o.outDir, name);
    fs.writeFileSync(p, text, { mode });
    fs.chmodSync(p, mode); // an overwritten file would keep its old mode
    write(`wrote ${p}${mode === 0o600 ? " (mode 0600)" : ""}\n`);
  }
  for (const f of report.findings) writeErr(`${f.severity.padEnd(7)} ${f.code}: ${f.message}\n`);
  return 0;
}
