// The state folder of one live stack: the local Pulumi backend, the passphrase (a 0600 file), the
// stack's settings file and the run's progress. It stays until `pulumi destroy` succeeds, so a
// failed or interrupted run can always be resumed or finished by hand.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { replaceFile, writeNewFile } from "../sdk/common/private-file";
import type { LiveTarget } from "./prerequisites";

export type LiveKind = "kubernetes" | "aks";

/** What state.json holds (no secret: credentials stay in the environment). */
export interface LiveProgress {
  version: 1;
  stack: string;
  kind: LiveKind;
  programDir: string;
  createdAt: string;
  target: LiveTarget;
  createWorkspace: boolean;
  withReplacement: boolean;
  /** Names of the steps that passed (a resumed run skips them). */
  done: string[];
  /** `checks` while steps run; `destroy` once the run decided to tear the stack down. */
  phase: "checks" | "destroy";
  /** The rotation clock (SSL_ML_CLUSTER_NOW) every later `pulumi up` runs with, once moved. */
  clock?: string;
}

/** Where state folders go: LIVE_STATE_DIR, else ~/.ssl-ml-cluster/live (outside the temp dir, which a reboot may empty). */
export function stateRoot(env: NodeJS.ProcessEnv): string {
  return env.LIVE_STATE_DIR || path.join(os.homedir(), ".ssl-ml-cluster", "live");
}

/** Quotes a word for a POSIX shell when it needs it. */
export function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export class StateDir {
  private constructor(
    readonly dir: string,
    public progress: LiveProgress,
  ) {}

  get backendDir(): string {
    return path.join(this.dir, "backend");
  }
  get passphraseFile(): string {
    return path.join(this.dir, "passphrase");
  }
  get backendUrl(): string {
    return `file://${this.backendDir}`;
  }
  /** The stack's settings file (Pulumi writes it next to Pulumi.yaml; it holds the passphrase salt). */
  get stackSettingsFile(): string {
    return path.join(this.progress.programDir, `Pulumi.${this.progress.stack}.yaml`);
  }
  private get settingsBackup(): string {
    return path.join(this.dir, `Pulumi.${this.progress.stack}.yaml`);
  }

  /** A new folder `<root>/<stack>` (0700) with an empty backend and a random passphrase (0600). */
  static create(
    root: string,
    progress: Omit<LiveProgress, "version" | "done" | "phase" | "createdAt">,
  ): StateDir {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    const dir = path.join(root, progress.stack);
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.mkdirSync(path.join(dir, "backend"), { mode: 0o700 });
    writeNewFile(path.join(dir, "passphrase"), crypto.randomBytes(24).toString("base64url") + "\n", 0o600);
    const s = new StateDir(dir, {
      version: 1,
      ...progress,
      createdAt: new Date().toISOString(),
      done: [],
      phase: "checks",
    });
    s.save();
    return s;
  }

  /** The folder of an earlier run (`--resume DIR`); the error says what is wrong with it. */
  static load(dir: string): StateDir {
    const file = path.join(dir, "state.json");
    let progress: LiveProgress;
    try {
      progress = JSON.parse(fs.readFileSync(file, "utf8")) as LiveProgress;
    } catch (e) {
      throw new Error(`--resume ${dir}: no readable state.json (${(e as Error).message.split("\n")[0]})`);
    }
    if (progress.version !== 1 || !progress.stack || !Array.isArray(progress.done))
      throw new Error(`--resume ${dir}: state.json is not a live-check state file`);
    if (!fs.existsSync(path.join(dir, "passphrase")))
      throw new Error(`--resume ${dir}: the passphrase file is missing; the stack's secrets cannot be read`);
    const s = new StateDir(path.resolve(dir), progress);
    s.restoreSettings();
    return s;
  }

  save(): void {
    replaceFile(path.join(this.dir, "state.json"), JSON.stringify(this.progress, null, 2) + "\n", 0o600);
  }

  markDone(step: string): void {
    if (!this.progress.done.includes(step)) this.progress.done.push(step);
    this.save();
  }

  /** Keeps a copy of the stack's settings file (after `stack init` and each `config set`). */
  backupSettings(): void {
    if (fs.existsSync(this.stackSettingsFile))
      replaceFile(this.settingsBackup, fs.readFileSync(this.stackSettingsFile), 0o600);
  }

  private restoreSettings(): void {
    if (!fs.existsSync(this.stackSettingsFile) && fs.existsSync(this.settingsBackup))
      fs.copyFileSync(this.settingsBackup, this.stackSettingsFile);
  }

  /** Environment of every pulumi command: this backend, this passphrase, the rotation clock once moved. */
  pulumiEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...base,
      PULUMI_BACKEND_URL: this.backendUrl,
      PULUMI_CONFIG_PASSPHRASE_FILE: this.passphraseFile,
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    delete env.PULUMI_CONFIG_PASSPHRASE;
    if (this.progress.clock) env.SSL_ML_CLUSTER_NOW = this.progress.clock;
    else delete env.SSL_ML_CLUSTER_NOW;
    return env;
  }

  /** `--stack S --cwd PROGRAM --non-interactive`: every pulumi command names both. */
  stackArgs(): string[] {
    return ["--stack", this.progress.stack, "--cwd", this.progress.programDir, "--non-interactive"];
  }

  /** The last lines of a run that leaves the stack up: where it is, how to resume, how to finish by hand. */
  finishLines(resumeCommand: string): string[] {
    const s = this.stackArgs().map(sh).join(" ");
    return [
      `live-check: the stack ${this.progress.stack} may still have resources in Azure; its state is in ${this.dir}`,
      `live-check: resume:  ${resumeCommand} --resume ${sh(this.dir)}`,
      "live-check: or finish by hand:",
      `  export PULUMI_BACKEND_URL=${sh(this.backendUrl)} PULUMI_CONFIG_PASSPHRASE_FILE=${sh(this.passphraseFile)}`,
      `  pulumi destroy --yes ${s}`,
      `  pulumi stack rm --yes ${s}`,
      `  rm -rf ${sh(this.dir)}`,
    ];
  }

  /** After a successful destroy and `stack rm`: nothing of the stack is left to keep. */
  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
