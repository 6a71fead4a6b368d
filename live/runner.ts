// The live check's control flow: prerequisites, a new or resumed state folder, the steps in order
// (each timed), then destroy, unless --keep. A stack is never lost: the state folder goes only
// after `pulumi destroy` succeeded, and every run that leaves a stack behind ends with the lines
// that say where it is and how to resume or finish by hand.
import { execFile } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Context, Interrupted, type Probes, type Timing } from "./context";
import { liveTarget, missingPrerequisites, pulumiCliPresent } from "./prerequisites";
import { PulumiCli } from "./pulumi";
import { reportTable, writeReport, type LiveReport, type StepRecord } from "./report";
import { stateRoot, StateDir, type LiveKind } from "./state";
import { aksSteps, AKS_REFUSED, kubernetesSteps, StepFailure, type Step } from "./steps";
import { preflightConfig } from "./checks/preflight";

export interface RunOptions {
  kind: LiveKind;
  keep: boolean;
  resume?: string;
  createWorkspace: boolean;
  withReplacement: boolean;
  /** Where the JSON report goes. Default: <state root>/reports/<stack>.json. */
  report?: string;
  programDir: string;
}

export interface RunDeps {
  env: NodeJS.ProcessEnv;
  probes: Probes;
  timing: Timing;
  out: (line: string) => void;
  signal: AbortSignal;
  /** Receives the CLI runner, so a SIGINT handler can forward the signal to a running command. */
  onPulumi?: (p: PulumiCli) => void;
  hasPulumi?: boolean;
}

export const RESUME_COMMAND = "npm run live-check --";

/** `npm install` in the program folder when its dependencies are not there yet. */
function installStep(programDir: string): Step {
  return {
    name: "install live/program dependencies",
    run: () =>
      new Promise((resolve, reject) => {
        if (fs.existsSync(path.join(programDir, "node_modules", "ssl-ml-cluster")))
          return resolve({ detail: "already installed" });
        execFile(
          "npm",
          ["install", "--no-audit", "--no-fund"],
          { cwd: programDir, timeout: 15 * 60_000 },
          (e, _o, err) =>
            e
              ? reject(new Error(`npm install in ${programDir} failed: ${err.trim().split("\n").pop()}`))
              : resolve({}),
        );
      }),
  };
}

/** The stack and its configuration (from the names the user gave). */
function initStep(): Step {
  return {
    name: "init stack",
    async run(ctx) {
      const p = ctx.state.progress;
      await ctx.pulumi.initStack();
      // The very values preflight planned the program with (live/checks/preflight.ts).
      const config = preflightConfig(p);
      await ctx.pulumi.setConfig(config);
      return { detail: `stack ${p.stack} in ${ctx.state.backendUrl}` };
    },
  };
}

async function timed(step: Step, ctx: Context, out: (l: string) => void): Promise<StepRecord> {
  const t0 = Date.now();
  const seconds = () => (Date.now() - t0) / 1000;
  out(`live-check: ${step.name} ...`);
  let rec: StepRecord;
  try {
    const r = await step.run(ctx);
    rec = {
      step: step.name,
      seconds: seconds(),
      result: r.result ?? "ok",
      detail: r.detail,
      zeroDowntime: r.zeroDowntime,
    };
  } catch (e) {
    const interrupted = e instanceof Interrupted || ctx.signal.aborted;
    let detail = (e as Error).message;
    if (ctx.state.progress.kind === "aks" && step.name.startsWith("up (aks") && AKS_REFUSED.test(detail))
      detail = `Azure did not accept the legacy aks compute: ${detail}`;
    rec = {
      step: step.name,
      seconds: seconds(),
      result: interrupted ? "interrupted" : "failed",
      detail,
      zeroDowntime: e instanceof StepFailure ? e.zeroDowntime : undefined,
    };
  }
  out(
    `live-check: ${rec.step}: ${rec.result} in ${rec.seconds.toFixed(1)} s${rec.detail ? `: ${rec.detail}` : ""}`,
  );
  return rec;
}

export async function runLiveCheck(o: RunOptions, d: RunDeps): Promise<number> {
  let resumed: StateDir | undefined;
  if (o.resume) {
    try {
      resumed = StateDir.load(o.resume);
    } catch (e) {
      d.out(`live-check: ${(e as Error).message}`);
      return 2;
    }
  }
  const missing = missingPrerequisites(d.env, d.hasPulumi ?? pulumiCliPresent(d.env), {
    createWorkspace: o.createWorkspace,
    resumeTarget: resumed?.progress.target,
  });
  if (missing.length > 0) {
    d.out(`live-check: skipped: missing ${missing.join(", ")}`);
    return 0;
  }
  const startedAt = new Date().toISOString();
  const state =
    resumed ??
    StateDir.create(stateRoot(d.env), {
      stack: `live-${crypto.randomBytes(3).toString("hex")}`,
      kind: o.kind,
      programDir: path.resolve(o.programDir),
      target: liveTarget(d.env),
      createWorkspace: o.createWorkspace,
      withReplacement: o.withReplacement,
    });
  const p = state.progress;
  d.out(
    resumed
      ? `live-check: resuming ${p.stack} (${p.kind}) from ${state.dir}; done: ${p.done.join(", ") || "nothing"}`
      : `live-check: stack ${p.stack} (${p.kind}); its backend and passphrase are in ${state.dir} until destroy succeeds`,
  );
  const pulumi = new PulumiCli(state, d.env);
  d.onPulumi?.(pulumi);
  const ctx = new Context(state, pulumi, d.probes, d.timing, d.signal, d.out);
  const steps = [
    installStep(p.programDir),
    initStep(),
    ...(p.kind === "aks" ? aksSteps(p.stack) : kubernetesSteps(p.withReplacement)),
  ];
  const records: StepRecord[] = [];
  let failed = false;
  let interrupted = false;
  if (p.phase === "checks") {
    for (const step of steps) {
      if (p.done.includes(step.name)) continue;
      const rec = await timed(step, ctx, d.out);
      records.push(rec);
      if (rec.result === "interrupted") {
        interrupted = true;
        break;
      }
      if (rec.result === "failed") {
        failed = true;
        if (!o.keep) {
          p.phase = "destroy";
          state.save();
        }
        break;
      }
      if (rec.result === "degraded") failed = true;
      state.markDone(step.name);
    }
  }
  let destroyed = false;
  if (!interrupted && !o.keep) {
    p.phase = "destroy";
    state.save();
    const rec = await timed(
      {
        name: "destroy",
        run: async (c) => {
          await c.pulumi.destroy();
          await c.pulumi.removeStack();
          return {};
        },
      },
      ctx,
      d.out,
    );
    records.push(rec);
    if (rec.result === "interrupted") interrupted = true;
    else if (rec.result === "failed") failed = true;
    else destroyed = true;
  }
  const report: LiveReport = {
    stack: p.stack,
    kind: p.kind,
    result: interrupted ? "interrupted" : failed ? "failed" : "passed",
    startedAt,
    finishedAt: new Date().toISOString(),
    stateDir: destroyed ? null : state.dir,
    steps: records,
  };
  // Next to the state folders (outside the repository and the temporary directory), unless told.
  const reportFile = path.resolve(o.report ?? path.join(stateRoot(d.env), "reports", `${p.stack}.json`));
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  writeReport(reportFile, report);
  if (destroyed) state.remove();
  d.out("");
  for (const line of reportTable(records).split("\n")) d.out(line);
  d.out(`live-check: ${report.result}; report: ${reportFile}`);
  if (destroyed) d.out(`live-check: the stack ${p.stack} was destroyed and its state removed`);
  else for (const line of state.finishLines(RESUME_COMMAND)) d.out(line);
  return interrupted ? 130 : failed ? 1 : 0;
}
