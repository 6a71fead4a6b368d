// npm run live-check: deploys live/program (its own assets, the component, DNS) to a real
// subscription with the Pulumi CLI against a local backend in a state folder, checks DNS, TLS,
// scoring and `ssl-ml-cluster verify`, measures three changes under a scoring loop (zero downtime),
// then destroys. docs/live-check.md says what it proves; docs/limits.md ties each open question to a
// step. Without a Pulumi CLI, Azure credentials or the target names, it says in one line what is
// missing and exits 0. Not part of `npm test` (which plans live/program and drives this runner
// against a stand-in `pulumi`).
import * as path from "node:path";
import { Command, Option } from "commander";
import { LIVE_TIMING, liveProbes } from "./context";
import { interruptHandler } from "./interrupt";
import type { PulumiCli } from "./pulumi";
import { runLiveCheck, type RunOptions } from "./runner";

export { missingPrerequisites } from "./prerequisites";

export const DEFAULT_PROGRAM = path.join(__dirname, "program");

/** The command line (pure: `commander` with its exits turned into errors). */
export function parseArgs(argv: string[]): RunOptions {
  const cmd = new Command("live-check")
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .addOption(
      new Option("--kind <kind>", "kubernetes or aks (the legacy AKS compute)")
        .choices(["kubernetes", "aks"])
        .default("kubernetes"),
    )
    .option("--keep", "leave the stack up (no destroy); the last lines say how to finish", false)
    .option("--resume <dir>", "continue the run whose state folder is <dir>")
    .option(
      "--create-workspace",
      "create the workspace LIVE_WORKSPACE (in LIVE_LOCATION) instead of using it",
      false,
    )
    .option(
      "--with-replacement",
      "also change the code asset, which azure-native applies by replacing the deployment",
      false,
    )
    .option(
      "--report <file>",
      "where the JSON report goes (default: ~/.ssl-ml-cluster/live/reports/<stack>.json)",
    )
    .option("--program <dir>", "the Pulumi program to drive", DEFAULT_PROGRAM);
  cmd.parse(argv, { from: "user" });
  const o = cmd.opts<{
    kind: "kubernetes" | "aks";
    keep: boolean;
    resume?: string;
    createWorkspace: boolean;
    withReplacement: boolean;
    report?: string;
    program: string;
  }>();
  return {
    kind: o.kind,
    keep: o.keep,
    resume: o.resume,
    createWorkspace: o.createWorkspace,
    withReplacement: o.withReplacement,
    report: o.report,
    programDir: o.program,
  };
}

async function main(argv: string[]): Promise<number> {
  let options: RunOptions;
  try {
    options = parseArgs(argv);
  } catch (e) {
    console.error(`live-check: ${(e as Error).message}`);
    return 2;
  }
  // Ctrl-C: stop where we are, never destroy; the run ends with the lines to resume it. The
  // running pulumi command gets one SIGINT and cancels gracefully (live/interrupt.ts). SIGTERM and
  // SIGHUP too: pulumi runs in its own process group, so they would not reach it otherwise.
  const abort = new AbortController();
  let pulumi: PulumiCli | undefined;
  const onSignal = interruptHandler({ abort, pulumi: () => pulumi, out: (l) => console.log(l) });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  return runLiveCheck(options, {
    env: process.env,
    probes: liveProbes(Boolean(process.env.LIVE_SUBNET_ID)),
    timing: LIVE_TIMING,
    out: (line) => console.log(line),
    signal: abort.signal,
    onPulumi: (p) => (pulumi = p),
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`live-check: ${(e as Error).stack ?? e}`);
      process.exit(1);
    },
  );
}
