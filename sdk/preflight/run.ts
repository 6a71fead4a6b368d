// Runs every check a stack's needs call for and prints the answer. Reads only: every request is a
// GET (Microsoft.Authorization/permissions included); nothing is created, changed or registered.
import { Check, skip } from "./check";
import { armChecks } from "./checks-arm";
import { cloudflareChecks } from "./checks-cloudflare";
import { caaChecks } from "./checks-caa";
import type { CaaResolver } from "../managed/caa-rules";
import { keyVaultChecks, quotaChecks, ResourceCheckOptions, subnetChecks } from "./checks-resources";
import { StackNeeds } from "./needs";

export interface PreflightOptions extends ResourceCheckOptions {
  /** Cloudflare API token (default: none; the CLI passes CLOUDFLARE_API_TOKEN or cloudflare:apiToken). */
  cloudflareToken?: string;
  /** Where CLOUDFLARE's test base URL is read from (default process.env). */
  env?: Record<string, string | undefined>;
  /** CAA lookups of Front Door managed-certificate hostnames (default: node:dns/promises resolveCaa; tests: a stand-in). */
  resolveCaa?: CaaResolver;
}

export interface PreflightResult {
  ok: boolean;
  checks: Check[];
}

export async function runPreflight(needs: StackNeeds, o: PreflightOptions): Promise<PreflightResult> {
  const { checks, signedIn } = await armChecks(needs, o);
  if (signedIn) {
    checks.push(...(await keyVaultChecks(needs, o)));
    checks.push(...(await subnetChecks(needs, o)));
    checks.push(...(await quotaChecks(needs, o)));
  } else {
    checks.push(skip("azure", "the other Azure checks were not run: no sign-in", "fix the sign-in first"));
  }
  checks.push(...(await cloudflareChecks(needs.cloudflareZones, o.cloudflareToken, o.env)));
  checks.push(...(await caaChecks(needs.managedCertificateHosts ?? [], o.resolveCaa)));
  return { ok: !checks.some((c) => c.status === "FAIL"), checks };
}

/** One line per check: status, id, message, and the fix of a FAIL or SKIP after `| fix:`. */
export function formatPreflight(r: PreflightResult): string {
  const lines = r.checks.map(
    (c) => `${c.status.padEnd(4)}  ${c.id}: ${c.message}${c.fix ? ` | fix: ${c.fix}` : ""}`,
  );
  const fails = r.checks.filter((c) => c.status === "FAIL").length;
  lines.push(
    r.ok
      ? `preflight: ${r.checks.length} checks, no FAIL: a pulumi up can proceed`
      : `preflight: ${fails} of ${r.checks.length} checks FAIL: fix them before pulumi up`,
  );
  return lines.join("\n") + "\n";
}
