// How `verify` prints its results: text for people, `--json` for pipelines (docs/cli.md, "After `pulumi up`: verify").
import type { UriResult } from "./verify-probe";

export const hasError = (r: UriResult) => r.findings.some((f) => f.severity === "error");

export function verifyJson(results: UriResult[], trust: string): object {
  return {
    ok: !results.some(hasError),
    trust,
    results: results.map((r) => ({
      uri: r.uri,
      address: r.address,
      tlsVersion: r.tlsVersion,
      fingerprintSha256: r.fingerprintSha256,
      daysLeft: r.daysLeft,
      httpStatus: r.httpStatus,
      dns: r.dns,
      findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
    })),
  };
}

export function verifyText(results: UriResult[], trust: string): string {
  const lines: string[] = [`trust: ${trust}`];
  for (const r of results) {
    lines.push(r.uri);
    lines.push(`  dns      ${r.dns}`);
    lines.push(`  address  ${r.address ?? "-"}`);
    if (r.tlsVersion) lines.push(`  tls      ${r.tlsVersion}`);
    if (r.fingerprintSha256) {
      lines.push(`  sha256   ${r.fingerprintSha256}`);
      lines.push(`  expires  in ${r.daysLeft} day(s)`);
    }
    if (r.httpStatus !== null) lines.push(`  http     ${r.httpStatus}`);
    for (const f of r.findings) lines.push(`  ${f.severity.padEnd(7)} ${f.code.padEnd(20)} ${f.message}`);
  }
  const errors = results.filter(hasError).length;
  lines.push(
    errors === 0 ? `OK: ${results.length} URI(s) verified` : `FAILED: ${errors} of ${results.length} URI(s)`,
  );
  return lines.join("\n") + "\n";
}
