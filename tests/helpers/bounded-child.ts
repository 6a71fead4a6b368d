// A Node process (with ts-node, like the CLI's) that cannot hang or flood a test run: killed after a
// deadline, its address space capped so an endless read fails fast instead of filling memory.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export interface ChildResult {
  /** The exit code; null when the process was killed (the deadline, or a crash by signal). */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node -r ts-node/register/transpile-only ...args` in the package root. */
export function boundedNode(args: string[], env: NodeJS.ProcessEnv = {}, deadlineMs = 30_000): ChildResult {
  const r = spawnSync(
    "/bin/sh",
    [
      "-c",
      // 3 GB of address space: plenty for ts-node and the CLI, far below the machine's memory.
      'ulimit -v 3000000 && exec "$@"',
      "sh",
      process.execPath,
      "-r",
      "ts-node/register/transpile-only",
      ...args,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: deadlineMs,
      killSignal: "SIGKILL",
    },
  );
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** The CLI in such a process. */
export function boundedCli(args: string[], env: NodeJS.ProcessEnv = {}, deadlineMs = 30_000): ChildResult {
  return boundedNode([path.join(ROOT, "sdk/cli/main.ts"), ...args], env, deadlineMs);
}
