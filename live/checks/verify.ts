// The verify step: the package's own `ssl-ml-cluster verify --outputs` on the stack's outputs (the
// command a deploy pipeline runs after `pulumi up`, docs/cli.md, "After `pulumi up`: verify").
import { execFile } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Runs verify on an outputs file (no secrets in it), trusting `caFile` besides Node's roots when
 * given (a self-signed certificate). Resolves with its JSON summary; rejects with its findings.
 */
export function runVerify(
  outputsFile: string,
  caFile: string | undefined,
  timeoutSeconds: number,
): Promise<string> {
  const args = [
    "-r",
    "ts-node/register/transpile-only",
    path.join(ROOT, "sdk", "cli", "main.ts"),
    "verify",
    "--outputs",
    outputsFile,
    ...(caFile ? ["--ca", caFile] : []),
    "--json",
    "--timeout",
    String(timeoutSeconds),
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, timeout: (timeoutSeconds + 60) * 1000 },
      (err, stdout, stderr) => {
        let summary = stdout.trim();
        try {
          const j = JSON.parse(stdout) as {
            ok: boolean;
            results: { uri: string; findings: { code: string }[] }[];
          };
          summary = j.results
            .map((r) => `${r.uri}: ${r.findings.map((f) => f.code).join(", ") || "ok"}`)
            .join("; ");
        } catch {
          // not JSON: keep the text
        }
        if (err)
          reject(new Error(`ssl-ml-cluster verify failed: ${summary || stderr.trim().split("\n").pop()}`));
        else resolve(summary);
      },
    );
  });
}
