// The Pulumi CLI as the live check drives it: every command with the state folder's backend and
// passphrase file, `--stack` and `--cwd`, its output kept in the state folder. These are the very
// commands the finish-by-hand lines print.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { sh, type StateDir } from "./state";

export class PulumiError extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly tail: string[],
  ) {
    super(`${command} exited with ${code ?? "a signal"}${tail.length ? `: ${tail.join(" | ")}` : ""}`);
  }
}

/** The last non-empty lines of a command's output (for messages; Pulumi prints its error last). */
function tailLines(text: string, n: number): string[] {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "")
    .slice(-n);
}

/** Changes of the last update, as `pulumi stack history --json` reports them (e.g. {update: 3, same: 9}). */
export type ResourceChanges = Record<string, number>;

export class PulumiCli {
  private running?: ChildProcess;
  private seq = 0;

  constructor(
    private readonly state: StateDir,
    private readonly baseEnv: NodeJS.ProcessEnv,
  ) {}

  /** Runs `pulumi <args>`; resolves with stdout, or rejects with a PulumiError naming the command. */
  run(args: string[]): Promise<string> {
    const command = `pulumi ${args.map(sh).join(" ")}`;
    const logs = path.join(this.state.dir, "logs");
    fs.mkdirSync(logs, { recursive: true, mode: 0o700 });
    const log = fs.openSync(
      path.join(logs, `${String(++this.seq).padStart(3, "0")}-${args[0]}.log`),
      "w",
      0o600,
    );
    fs.writeSync(log, `$ ${command}\n`);
    return new Promise((resolve, reject) => {
      // A process group of its own (`detached`): a terminal's Ctrl-C reaches the driver alone,
      // which sends exactly one SIGINT (live/interrupt.ts). In the terminal's group, pulumi would
      // get the terminal's and the driver's: two, and Pulumi terminates instead of cancelling.
      const child = spawn("pulumi", args, {
        env: this.state.pulumiEnv(this.baseEnv),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      this.running = child;
      let stdout = "";
      let all = "";
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
        all += c.toString();
        fs.writeSync(log, c);
      });
      child.stderr.on("data", (c: Buffer) => {
        all += c.toString();
        fs.writeSync(log, c);
      });
      child.on("error", (e) => {
        this.running = undefined;
        fs.closeSync(log);
        reject(new PulumiError(command, null, [e.message]));
      });
      child.on("close", (code) => {
        this.running = undefined;
        fs.closeSync(log);
        if (code === 0) resolve(stdout);
        else reject(new PulumiError(command, code, tailLines(all, 3)));
      });
    });
  }

  /**
   * Sends one SIGINT to the running command's process group, as a terminal's Ctrl-C would (Pulumi
   * and the plugins it started): Pulumi cancels gracefully and saves its state; a second SIGINT
   * makes it terminate. Returns whether a command was running.
   */
  interrupt(): boolean {
    const pid = this.running?.pid;
    if (pid === undefined || this.running?.exitCode !== null) return false;
    try {
      process.kill(-pid, "SIGINT");
      return true;
    } catch {
      return false; // it exited meanwhile
    }
  }

  async initStack(): Promise<void> {
    const [, stack, , cwd, ...rest] = this.state.stackArgs();
    await this.run(["stack", "init", stack, "--secrets-provider", "passphrase", "--cwd", cwd, ...rest]);
    this.state.backupSettings();
  }

  async setConfig(values: Record<string, string>): Promise<void> {
    for (const [k, v] of Object.entries(values))
      await this.run(["config", "set", k, v, ...this.state.stackArgs()]);
    this.state.backupSettings();
  }

  async up(): Promise<void> {
    await this.run(["up", "--yes", "--skip-preview", ...this.state.stackArgs()]);
  }

  /** Stack outputs with secrets in the clear (kept in memory only). */
  async outputs(): Promise<Record<string, unknown>> {
    const text = await this.run(["stack", "output", "--json", "--show-secrets", ...this.state.stackArgs()]);
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error(`pulumi stack output --json printed no JSON: ${text.slice(0, 200)}`);
    }
  }

  /** What the last update did, by kind of change (update, replace, create, delete, same). */
  async lastChanges(): Promise<ResourceChanges> {
    const text = await this.run([
      "stack",
      "history",
      "--json",
      "--page-size",
      "1",
      ...this.state.stackArgs(),
    ]);
    try {
      const h = JSON.parse(text) as { resourceChanges?: ResourceChanges }[];
      return h[0]?.resourceChanges ?? {};
    } catch {
      return {};
    }
  }

  async destroy(): Promise<void> {
    await this.run(["destroy", "--yes", "--skip-preview", ...this.state.stackArgs()]);
  }

  async removeStack(): Promise<void> {
    await this.run(["stack", "rm", "--yes", ...this.state.stackArgs()]);
  }
}
