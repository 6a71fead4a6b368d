// `npm run bench`: component vs hand-written at N = 1, 10, 100, 300 services (each case in its own
// process), growth per service, start-up of plan / demo / check-cert / the package beside bare Node
// in the same run, inspectCertificate on a 3-certificate RSA-4096 chain. Prints what it measures
// and writes bench/results.json. `-- --quick`: one run per case, 3 start-up rounds. `-- --readme`:
// also rewrites the figures of docs/performance.md from the results (bench/readme.ts). Targets are reported,
// never asserted in tests.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CaseResult } from "./case";
import { rsa4096Chain, smallChain } from "./chains";
import { FIGURES_PAGE, pretty, writeFigures } from "./readme";
import { BenchResults, GrowthRow, growthRows, ScalingRow, StartupResults, TARGETS } from "./result-types";

const ROOT = path.resolve(__dirname, "..");
const quick = process.argv.includes("--quick");
const readme = process.argv.includes("--readme");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const round = (x: number, digits = 0) => Number(x.toFixed(digits));

/**
 * Each case loads its TypeScript as `plan` loads a program (bin/sdk/offline/program-typescript.js:
 * ts.transpileModule with the repository's tsconfig.json, no ts-node, no source-map-support), so the
 * per-service figures are what plan pays. (ts-node's source-map-support rewrote every stack that
 * Pulumi's debuggablePromise captures: about 30 ms more CPU per service.)
 */
const CASE_LOADER = `
  require(${JSON.stringify(path.join(ROOT, "bin/sdk/offline/program-typescript.js"))}).useProgramTypeScript(${JSON.stringify(ROOT)});
  require(${JSON.stringify(path.join(__dirname, "case.ts"))}).main(process.argv.slice(1)).catch((e) => { console.error(e); process.exit(1); });`;

function runCase(mode: string, n: number, nodeFlags: string[] = []): CaseResult {
  const r = spawnSync(process.execPath, [...nodeFlags, "-e", CASE_LOADER, "--", mode, String(n)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`case ${mode} ${n} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as CaseResult;
}

function timeCommand(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function scaling(sizes: number[], reps: number): { rows: ScalingRow[]; growth: GrowthRow[] } {
  console.log(
    `\ncomponent vs hand-written (offline mock runtime, root Stack; median of ${reps}, each its own process)`,
  );
  console.log(
    "   N | comp ms | hand ms | ratio | comp CPU ms | hand CPU ms | lean CPU ms | peak RSS MB comp/hand | resources",
  );
  const rows: ScalingRow[] = [];
  for (const n of sizes) {
    const comp: CaseResult[] = [];
    const hand: CaseResult[] = [];
    const lean: CaseResult[] = [];
    for (let i = 0; i < reps; i++) {
      // Interleaved, so machine noise hits every side alike.
      comp.push(runCase("component", n));
      hand.push(runCase("hand", n));
      lean.push(runCase("hand-lean", n));
    }
    // Both sides must have derived the same certificate key (same name, same rotation trigger).
    const keys = new Set([...comp, ...hand, ...lean].map((x) => x.keyFingerprint));
    if (keys.size !== 1)
      throw new Error(`N=${n}: the two sides derived different keys: ${[...keys].join(" / ")}`);
    const c = median(comp.map((x) => x.wallMs));
    const h = median(hand.map((x) => x.wallMs));
    const row: ScalingRow = {
      n,
      componentMs: round(c),
      handWrittenMs: round(h),
      ratio: round(c / h, 3),
      componentCpuMs: round(median(comp.map((x) => x.cpuMs))),
      handWrittenCpuMs: round(median(hand.map((x) => x.cpuMs))),
      handLeanMs: round(median(lean.map((x) => x.wallMs))),
      handLeanCpuMs: round(median(lean.map((x) => x.cpuMs))),
      componentPeakRssMb: round(median(comp.map((x) => x.peakRssMb))),
      handWrittenPeakRssMb: round(median(hand.map((x) => x.peakRssMb))),
      componentResources: comp[0].resources,
      handWrittenResources: hand[0].resources,
    };
    rows.push(row);
    console.log(
      [
        String(n).padStart(4),
        String(row.componentMs).padStart(7),
        String(row.handWrittenMs).padStart(7),
        row.ratio.toFixed(2).padStart(5),
        String(row.componentCpuMs).padStart(11),
        String(row.handWrittenCpuMs).padStart(11),
        String(row.handLeanCpuMs).padStart(11),
        `${row.componentPeakRssMb}/${row.handWrittenPeakRssMb}`.padStart(21),
        `${row.componentResources}/${row.handWrittenResources}`,
      ].join(" | "),
    );
  }
  // Growth: what each service adds to the run, against N = 1.
  const growth = growthRows(rows);
  console.log(
    "\ngrowth, against N = 1: N | ms CPU per added service, component / hand / hand without the aliases | MB peak RSS per added service",
  );
  for (const g of growth)
    console.log(
      `${String(g.n).padStart(4)} | ${`${g.cpuMsPerService} / ${g.handWrittenCpuMsPerService} / ${g.handLeanCpuMsPerService}`.padStart(41)} | ${g.peakRssMbPerService}`,
    );
  return { rows, growth };
}

/** The @pulumi modules `require("ssl-ml-cluster")` loads itself (found by loading it once). */
function pulumiModulesOfPackage(): string[] {
  const probe = `
    const Module = require("module"); const path = require("path"); const own = path.resolve("bin/sdk");
    const seen = new Set(); const load = Module._load;
    Module._load = function (request, parent) {
      if (parent && parent.filename && parent.filename.startsWith(own) && /^@pulumi/.test(request)) seen.add(request);
      return load.apply(this, arguments);
    };
    require("./bin/sdk/index.js"); console.log(JSON.stringify([...seen].sort()));`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8" }),
  ) as string[];
}

function startup(rounds: number): StartupResults {
  const cli = path.join(ROOT, "bin/sdk/cli/main.js");
  const small = smallChain();
  const modules = pulumiModulesOfPackage();
  const commands: Record<string, string[]> = {
    node: ["-e", "0"],
    pulumi: ["-e", "require('@pulumi/pulumi')"],
    plan: [cli, "plan", "examples/quickstart"],
    demo: [cli, "demo", "--quiet"],
    checkCert: [cli, "check-cert", "--cert", small.cert, "--key", small.key, "--hostname", "ml.example.com"],
    pulumiModules: ["-e", modules.map((m) => `require(${JSON.stringify(m)})`).join(";")],
    packageImport: ["-e", "require('./bin/sdk/index.js')"],
  };
  const times: Record<string, number[]> = {};
  // Every command once per round, in the same order: machine load hits all of them alike.
  for (let i = 0; i < rounds; i++)
    for (const [k, args] of Object.entries(commands)) (times[k] ??= []).push(timeCommand(args));
  fs.rmSync(small.dir, { recursive: true, force: true });
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const s: StartupResults = {
    rounds,
    nodeMs: round(m.node),
    pulumiMs: round(m.pulumi),
    planMs: round(m.plan),
    demoMs: round(m.demo),
    checkCertMs: round(m.checkCert),
    pulumiModulesMs: round(m.pulumiModules),
    packageImportMs: round(m.packageImport),
    planRatio: round(m.plan / m.pulumi, 2),
    demoRatio: round(m.demo / m.pulumi, 2),
    checkCertRatio: round(m.checkCert / m.node, 2),
    packageImportRatio: round(m.packageImport / m.pulumiModules, 2),
    pulumiModules: modules,
  };
  console.log(`\nstart-up, side by side (median of ${rounds} rounds, wall time of a fresh process)`);
  console.log(`  node -e "require('@pulumi/pulumi')" (baseline): ${s.pulumiMs} ms`);
  console.log(
    `  plan examples/quickstart: ${s.planMs} ms = ${s.planRatio} x baseline (target <= ${TARGETS.planRatioMax})`,
  );
  console.log(`  demo: ${s.demoMs} ms = ${s.demoRatio} x baseline (target <= ${TARGETS.demoRatioMax})`);
  console.log(
    `  check-cert (small chain): ${s.checkCertMs} ms = ${s.checkCertRatio} x node -e 0 (${s.nodeMs} ms; target <= ${TARGETS.checkCertRatioMax})`,
  );
  console.log(
    `  require("ssl-ml-cluster"): ${s.packageImportMs} ms = ${s.packageImportRatio} x its ${modules.length} @pulumi modules (${s.pulumiModulesMs} ms; target <= ${TARGETS.packageImportRatioMax})`,
  );
  return s;
}

function inspectMs(): number {
  const chain = rsa4096Chain();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { inspectCertificate } = require("../bin/sdk/index.js") as typeof import("../sdk/index");
  const input = { cert: chain.cert, key: chain.key, hostname: "ml.example.com" };
  const report = inspectCertificate(input);
  if (report.chainLength !== 3 || report.certificate?.keyBits !== 4096)
    throw new Error("bench chain is not a 3-certificate RSA-4096 chain");
  for (let i = 0; i < 10; i++) inspectCertificate(input);
  const per: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = process.hrtime.bigint();
    inspectCertificate(input);
    per.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const ms = round(median(per), 2);
  console.log(
    `\ninspectCertificate, 3-certificate RSA-4096 chain + key: median ${ms} ms per call (target < 20 ms)`,
  );
  return ms;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, "bin/sdk/index.js"))) {
    console.log("building the package (npm run build) …");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const loadStart = os.loadavg();
  const { rows, growth } = scaling([1, 10, 100, 300], quick ? 1 : 3);
  const start = startup(quick ? 3 : 7);
  const inspect = inspectMs();
  const results: BenchResults = {
    date: new Date().toISOString(),
    quick,
    machine: {
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "unknown",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadAverageStart: round(loadStart[0], 2),
      loadAverageEnd: round(os.loadavg()[0], 2),
    },
    scaling: rows,
    growth,
    startup: start,
    inspectCertificateMs: inspect,
    targets: TARGETS,
  };
  const file = path.join(__dirname, "results.json");
  fs.writeFileSync(file, await pretty(JSON.stringify(results, null, 2), file));
  console.log(
    `\nload average ${results.machine.loadAverageStart} at start, ${results.machine.loadAverageEnd} at the end (${results.machine.cpus} CPUs)`,
  );
  console.log("wrote bench/results.json");
  if (readme) {
    await writeFigures(results, path.join(ROOT, FIGURES_PAGE));
    console.log(`rewrote the performance figures of ${FIGURES_PAGE}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
