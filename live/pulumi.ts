// The Pulumi CLI as the live check drives it: every command with the state folder's backend and
// passphrase file, `--stack` and `--cwd`, its output kept in the state folder. These are the very
// commands the finish-by-hand lines print.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { replaceFile } from "../sdk/common/private-file";
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

/** Stands in, in logs and messages, for a value of a secret output. */
export const REDACTED = "[secret]";

/**
 * The string values of `full` (`stack output --json --show-secrets`) that `masked` (the same
 * without `--show-secrets`, where Pulumi prints "[secret]") does not show.
 */
export function secretValues(full: unknown, masked: unknown): string[] {
  if (typeof full === "string") return full !== masked ? [full] : [];
  if (typeof full !== "object" || full === null) return [];
  const other = typeof masked === "object" && masked !== null ? (masked as Record<string, unknown>) : {};
  return Object.entries(full as Record<string, unknown>).flatMap(([k, v]) => secretValues(v, other[k]));
}

export class PulumiCli {
  private running?: ChildProcess;
  private seq = 0;
  /** Values of the stack's secret outputs, kept out of every log and message. */
  private readonly secrets = new Set<string>();
  /** Names of the stack's outputs that hold a secret (known once the outputs were read). */
  readonly secretOutputs = new Set<string>();

  constructor(
    private readonly state: StateDir,
    private readonly baseEnv: NodeJS.ProcessEnv,
  ) {}

  private get logDir(): string {
    return path.join(this.state.dir, "logs");
  }

  /** `text` with every known secret value replaced by "[secret]". */
  redact(text: string): string {
    for (const s of this.secrets) text = text.split(s).join(REDACTED);
    return text;
  }

  /**
   * Remembers secret values (shorter than 4 characters they would only garble the logs) and
   * redacts them from the logs already written: a command's output may show one before the run
   * knew it was a secret.
   */
  private learnSecrets(values: string[]): void {
    const fresh = values.filter((v) => v.length >= 4 && !this.secrets.has(v));
    if (fresh.length === 0) return;
    for (const v of fresh) this.secrets.add(v);
    if (!fs.existsSync(this.logDir)) return;
    for (const f of fs.readdirSync(this.logDir)) this.redactFile(path.join(this.logDir, f));
  }

  private redactFile(file: string): void {
    const text = fs.readFileSync(file, "utf8");
    const clean = this.redact(text);
    if (clean !== text) replaceFile(file, clean, 0o600);
  }

  /**
   * Runs `pulumi <args>`; resolves with stdout, or rejects with a PulumiError naming the command.
   * Its output goes to `<state>/logs/`, secret values redacted; with `secretStdout`, its stdout is
   * not written there at all.
   */
  run(args: string[], o: { secretStdout?: boolean } = {}): Promise<string> {
    const command = `pulumi ${args.map(sh).join(" ")}`;
    const logs = this.logDir;
    fs.mkdirSync(logs, { recursive: true, mode: 0o700 });
    const logFile = path.join(logs, `${String(++this.seq).padStart(3, "0")}-${args[0]}.log`);
    const log = fs.openSync(logFile, "w", 0o600);
    fs.writeSync(log, `$ ${command}\n`);
    if (o.secretStdout) fs.writeSync(log, "(its output holds secrets: not kept)\n");
    const append = (c: Buffer) => fs.writeSync(log, this.redact(c.toString()));
    const close = () => {
      fs.closeSync(log);
      // A secret split across two chunks escaped the redaction of each.
      this.redactFile(logFile);
    };
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
      let stderr = "";
      let all = "";
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
        all += c.toString();
        if (!o.secretStdout) append(c);
      });
      child.stderr.on("data", (c: Buffer) => {
        stderr += c.toString();
        all += c.toString();
        append(c);
      });
      child.on("error", (e) => {
        this.running = undefined;
        close();
        reject(new PulumiError(command, null, [this.redact(e.message)]));
      });
      child.on("close", (code) => {
        this.running = undefined;
        close();
        if (code === 0) resolve(stdout);
        else
          reject(
            new PulumiError(
              command,
              code,
              tailLines(o.secretStdout ? stderr : all, 3).map((l) => this.redact(l)),
            ),
          );
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

  /**
   * Stack outputs with secrets in the clear, kept in memory only: `--show-secrets`' output is never
   * logged, and its secret values (those the output without `--show-secrets` masks) are redacted
   * from every log and message from then on.
   */
  async outputs(): Promise<Record<string, unknown>> {
    const parse = (text: string): Record<string, unknown> => {
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new Error(`pulumi stack output --json printed no JSON: ${this.redact(text.slice(0, 200))}`);
      }
    };
    const masked = parse(await this.run(["stack", "output", "--json", ...this.state.stackArgs()]));
    const text = await this.run(["stack", "output", "--json", "--show-secrets", ...this.state.stackArgs()], {
      secretStdout: true,
    });
    let full: Record<string, unknown>;
    try {
      full = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error("pulumi stack output --json --show-secrets printed no JSON");
    }
    for (const [k, v] of Object.entries(full)) {
      const values = secretValues(v, masked[k]);
      if (values.length > 0) this.secretOutputs.add(k);
      this.learnSecrets(values);
    }
    return full;
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
