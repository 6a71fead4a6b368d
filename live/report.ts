// The live check's report: JSON for machines, a short table for people (step, time, result, and the
// zero-downtime figures of each measured change).
import type { LoopFigures } from "./checks/loop";
import type { ResourceChanges } from "./pulumi";
import { replaceFile } from "../sdk/common/private-file";

/** `degraded`: the change applied, but some scoring calls failed while it did. */
export type StepResult = "ok" | "degraded" | "failed" | "interrupted";

export interface ZeroDowntime extends LoopFigures {
  /** What the `pulumi up` of the change did (update / replace / create / delete / same counts). */
  changes?: ResourceChanges;
}

export interface StepRecord {
  step: string;
  seconds: number;
  result: StepResult;
  detail?: string;
  zeroDowntime?: ZeroDowntime;
}

export interface LiveReport {
  stack: string;
  kind: string;
  result: "passed" | "failed" | "interrupted";
  startedAt: string;
  finishedAt: string;
  /** The state folder while the stack may still exist; null once destroyed. */
  stateDir: string | null;
  steps: StepRecord[];
}

export function writeReport(file: string, r: LiveReport): void {
  replaceFile(file, JSON.stringify(r, null, 2) + "\n", 0o644);
}

const short = (fp?: string) => (fp ? fp.replace(/:/g, "").slice(0, 12) : "-");

/** The table printed at the end of a run. */
export function reportTable(steps: StepRecord[]): string {
  const rows = [["step", "time", "result", "calls", "failed", "longest gap", "certificate before -> after"]];
  for (const s of steps) {
    const z = s.zeroDowntime;
    rows.push([
      s.step,
      `${s.seconds.toFixed(1)} s`,
      s.result,
      z ? String(z.calls) : "",
      z ? String(z.failed) : "",
      z ? `${(z.longestGapMs / 1000).toFixed(2)} s` : "",
      z ? `${short(z.fingerprintBefore)} -> ${short(z.fingerprintAfter)}` : "",
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
