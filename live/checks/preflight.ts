// The preflight step: the package's own `ssl-ml-cluster preflight` on live/program with the stack's
// configuration, after the stack exists and before the first `pulumi up`: when it finds a FAIL the
// live check stops before anything is created in Azure (docs/preflight.md).
import { execFile } from "node:child_process";
import * as path from "node:path";
import type { LiveProgress } from "../state";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The configuration the init step sets on the stack (live/runner.ts initStep), and the `--config`
 * pairs preflight plans the program offline with: one list, so the two cannot drift.
 */
export function preflightConfig(p: LiveProgress): Record<string, string> {
  const t = p.target;
  const config: Record<string, string> = {
    "azure-native:subscriptionId": t.subscriptionId,
    resourceGroupName: t.resourceGroupName,
    workspaceName: t.workspaceName,
    hostname: t.hostname,
    kind: p.kind,
    certificateAlgorithm: "RSA",
    environmentVersion: "1",
    codeVersion: "1",
  };
  if (t.location) config.location = t.location;
  if (p.createWorkspace) config.createWorkspace = "true";
  for (const k of [
    "cloudflareZoneId",
    "azureDnsZone",
    "azureDnsResourceGroup",
    "subnetId",
    "privateDnsZone",
    "privateDnsResourceGroup",
  ] as const)
    if (t[k]) config[k] = t[k];
  return config;
}

interface PreflightJson {
  ok: boolean;
  checks: { id: string; status: string; message: string; fix?: string }[];
}

/**
 * Runs preflight (a child process, as `verify`); resolves with a one-line summary when no check
 * fails, rejects with every FAIL and its fix otherwise.
 */
export function runPreflight(
  programDir: string,
  stack: string,
  config: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const args = [
    "-r",
    "ts-node/register/transpile-only",
    path.join(ROOT, "sdk", "cli", "main.ts"),
    "preflight",
    programDir,
    "--stack",
    stack,
    ...Object.entries(config).flatMap(([k, v]) => ["--config", `${k}=${v}`]),
    "--json",
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env, timeout: 10 * 60_000 }, (err, stdout, stderr) => {
      let j: PreflightJson | undefined;
      try {
        j = JSON.parse(stdout) as PreflightJson;
      } catch {
        // not JSON: a usage error (exit 2), said on stderr
      }
      if (!j) {
        reject(new Error(`ssl-ml-cluster preflight failed: ${stderr.trim().split("\n")[0] || err?.message}`));
        return;
      }
      const fails = j.checks.filter((c) => c.status === "FAIL");
      if (!j.ok || fails.length > 0)
        reject(
          new Error(
            `preflight: ${fails.map((c) => `${c.id}: ${c.message} (fix: ${c.fix ?? "see docs/preflight.md"})`).join("; ")}`,
          ),
        );
      else
        resolve(
          `${j.checks.filter((c) => c.status === "PASS").length} PASS, ${j.checks.filter((c) => c.status === "SKIP").length} SKIP, no FAIL`,
        );
    });
  });
}
