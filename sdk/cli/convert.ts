import * as fs from "node:fs";
import * as path from "node:path";
import { extractMaterial } from "../certificates/rules/inspect";
import { CertificateInput } from "../certificates/formats/read";
import { cliFile, cliPassword, PASSWORD_HINT, passwordName } from "./check-cert";
import { pathTaken, replaceFile, writeNewFile } from "../common/private-file";
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
 * `key.pem` (unencrypted PKCS#8, mode 0600). Input it cannot read writes nothing (exit 1). Other
 * findings are check-cert's: the files are still written, so the material can be inspected and
 * fixed, and an error among them exits 1 as check-cert does (docs/cli.md). Never overwrites
 * without --force; never prints key material.
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
      ? {
          pfx: cliFile("--pfx", o.pfx),
          password,
          names: { pfx: `--pfx ${o.pfx}`, password: passwordName(o), passwordHint: PASSWORD_HINT },
        }
      : {
          cert: cliFile("--der", o.der!),
          key: o.key !== undefined ? cliFile("--key", o.key) : undefined,
          password,
          names: {
            cert: `--der ${o.der}`,
            key: `--key ${o.key}`,
            password: passwordName(o),
            passwordHint: PASSWORD_HINT,
          },
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
  // A folder made here is the owner's alone (0700): it holds key.pem. One that exists keeps its mode.
  fs.mkdirSync(o.outDir, { recursive: true, mode: 0o700 });
  if (!o.force) {
    // lstat, not exists: a dangling symlink planted at key.pem counts as taken.
    const existing = files.map(([n]) => path.join(o.outDir!, n)).filter(pathTaken);
    if (existing.length > 0) throw alreadyExists(existing);
  }
  for (const [name, text, mode] of files) {
    const p = path.join(o.outDir, name);
    try {
      if (o.force) replaceFile(p, text, mode);
      else writeNewFile(p, text, mode);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Something appeared between the check and the write: still never written through.
      if (code === "EEXIST") throw alreadyExists([p]);
      throw new UsageError(`cannot write ${p} (${code ?? String(e)})`);
    }
    write(`wrote ${p}${mode === 0o600 ? " (mode 0600)" : ""}\n`);
  }
  if (!keyPem)
    write(
      `no key.pem written: ${o.der !== undefined ? "--der holds only the certificate; add --key FILE to convert its key too" : "the input holds no private key"}\n`,
    );
  for (const f of report.findings) writeErr(`${f.severity.padEnd(7)} ${f.code}: ${f.message}\n`);
  return report.ok ? 0 : 1;
}

function alreadyExists(paths: string[]): UsageError {
  return new UsageError(
    `${paths.join(", ")} already exist${paths.length === 1 ? "s" : ""}; pass --force to overwrite`,
  );
}
