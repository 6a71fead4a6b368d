// Runs the CLI in process (captured streams) or in its own process (real exit code and stdin).
import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";
import { main } from "../../sdk/cli/main";

export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array) => (
    (stdout += s.toString()),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => (
    (stderr += s.toString()),
    true
  )) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
  }
}

export const ROOT = path.resolve(__dirname, "../..");

export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}, input?: string) {
  return spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(ROOT, "sdk/cli/main.ts"), ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000, input },
  );
}

/** The same, without blocking this process (which may be serving the endpoint the CLI calls). */
export function cliProcessAsync(
  args: string[],
  input?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.join(ROOT, "sdk/cli/main.ts"), ...args],
      { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
