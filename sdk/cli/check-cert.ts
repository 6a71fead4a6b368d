import { inspectCertificate, CertificateReport } from "../certificates/rules/inspect";
import { CertificateInput } from "../certificates/formats/read";
import { readInputFile } from "../certificates/formats/files";
import { UsageError } from "../errors";

export interface CheckCertOptions {
  cert?: string;
  pfx?: string;
  key?: string;
  chain?: string;
  password?: string;
  passwordFile?: string;
  hostname?: string;
  minDays?: string;
  json?: boolean;
}

/** Reads a file for the CLI: a missing, unreadable or oversized file is bad usage (exit 2). */
export function cliFile(flag: string, file: string): Buffer {
  try {
    return readInputFile(flag, file);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function cliPassword(o: { password?: string; passwordFile?: string }): string | undefined {
  if (o.password !== undefined && o.passwordFile !== undefined)
    throw new UsageError("give --password or --password-file, not both");
  if (o.passwordFile !== undefined)
    return cliFile("--password-file", o.passwordFile)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  return o.password;
}

/** How messages name the password: the file it came from, when it came from one. */
export function passwordName(o: { passwordFile?: string }): string {
  return o.passwordFile !== undefined ? `password file ${o.passwordFile} (--password-file)` : "--password";
}

/** Where a missing password goes: a file first, since a command line is visible to other users (ps). */
export const PASSWORD_HINT = "--password-file FILE (or --password)";

export function checkCertInput(o: CheckCertOptions): CertificateInput {
  if ((o.cert === undefined) === (o.pfx === undefined))
    throw new UsageError("give exactly one of --cert FILE or --pfx FILE");
  if (o.pfx !== undefined && o.key !== undefined)
    throw new UsageError("--key goes with --cert; a PKCS#12 file carries its own key");
  let minDaysRemaining: number | undefined;
  if (o.minDays !== undefined) {
    if (!/^\d+$/.test(o.minDays))
      throw new UsageError(`--min-days takes a whole number of days, got ${JSON.stringify(o.minDays)}`);
    minDaysRemaining = Number(o.minDays);
  }
  return {
    cert: o.cert !== undefined ? cliFile("--cert", o.cert) : undefined,
    pfx: o.pfx !== undefined ? cliFile("--pfx", o.pfx) : undefined,
    key: o.key !== undefined ? cliFile("--key", o.key) : undefined,
    chain: o.chain !== undefined ? cliFile("--chain", o.chain) : undefined,
    password: cliPassword(o),
    hostname: o.hostname,
    minDaysRemaining,
    names: {
      cert: `--cert ${o.cert}`,
      pfx: `--pfx ${o.pfx}`,
      key: `--key ${o.key}`,
      chain: `--chain ${o.chain}`,
      password: passwordName(o),
      passwordHint: PASSWORD_HINT,
      asCert: "--cert",
      asPfx: "--pfx",
      keyHint: "--key FILE",
    },
  };
}

/** The `--json` shape documented in docs/cli.md. */
export function reportJson(r: CertificateReport): object {
  const c = r.certificate;
  return {
    ok: r.ok,
    findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
    certificate: c
      ? {
          subject: c.subject,
          dnsNames: c.dnsNames,
          issuer: c.issuer,
          notBefore: c.notBefore,
          notAfter: c.notAfter,
          fingerprintSha256: c.fingerprintSha256,
          keyType: c.keyType,
          keyBits: c.keyBits,
          selfSigned: c.selfSigned,
        }
      : null,
  };
}

export function reportText(r: CertificateReport, now = new Date(), hostname?: string): string {
  const lines: string[] = [];
  const c = r.certificate;
  if (c) {
    const days = Math.floor((Date.parse(c.notAfter) - now.getTime()) / 86_400_000);
    lines.push(`certificate  ${c.subject || "(no subject)"}`);
    lines.push(`  DNS names  ${c.dnsNames.join(", ") || "(none)"}`);
    lines.push(`  issuer     ${c.issuer}${c.selfSigned ? " (self-signed)" : ""}`);
    lines.push(
      `  valid      ${c.notBefore} to ${c.notAfter} (${days >= 0 ? `${days} days left` : `expired ${-days} days ago`})`,
    );
    lines.push(`  key        ${c.keyType} ${c.keyBits}`);
    lines.push(`  sha256     ${c.fingerprintSha256}`);
    lines.push(
      `  chain      ${r.chainLength} certificate${r.chainLength === 1 ? "" : "s"}${
        r.serverIndex !== undefined
          ? ` (this server certificate is number ${r.serverIndex + 1}, not first: see CHAIN_ORDER)`
          : ""
      }`,
    );
    lines.push(
      hostname
        ? `  hostname   ${hostname}${r.findings.some((f) => f.code === "HOSTNAME_MISMATCH") ? " (not covered)" : " (covered)"}`
        : "  hostname   not checked (give --hostname to check that the certificate covers it)",
    );
  }
  if (r.findings.length > 0) {
    lines.push("findings");
    for (const f of r.findings) lines.push(`  ${f.severity.padEnd(7)} ${f.code.padEnd(17)} ${f.message}`);
  }
  const errors = r.findings.filter((f) => f.severity === "error").length;
  const warnings = r.findings.length - errors;
  lines.push(
    r.ok
      ? `OK${warnings ? ` (${warnings} warning${warnings > 1 ? "s" : ""})` : ""}`
      : `FAILED: ${errors} error${errors > 1 ? "s" : ""}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
  );
  return lines.join("\n") + "\n";
}

/** Runs check-cert; returns the exit code (0 clean or warnings, 1 an error was found). */
export function runCheckCert(o: CheckCertOptions, write: (s: string) => void): number {
  const report = inspectCertificate(checkCertInput(o));
  write(
    o.json ? JSON.stringify(reportJson(report), null, 2) + "\n" : reportText(report, new Date(), o.hostname),
  );
  return report.ok ? 0 : 1;
}
