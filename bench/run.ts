// `npm run bench`: component vs hand-written at N = 1, 100, 500 services (each case in its own
// process), import time, inspectCertificate on a 3-certificate RSA-4096 chain, plan and demo wall time.
// Prints a table and writes bench/results.json. Targets are reported, never asserted in tests.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const quick = process.argv.includes("--quick");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface CaseResult {
  mode: string;
  n: number;
  wallMs: number;
  peakRssMb: number;
  resources: number;
}

function runCase(mode: string, n: number): CaseResult {
  const r = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(__dirname, "case.ts"), mode, String(n)],
    {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`case ${mode} ${n} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as CaseResult;
}

function timeCommand(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function rsa4096Chain(): { cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-chain-"));
  const o = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  fs.writeFileSync(
    path.join(dir, "ca.ext"),
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
  );
  fs.writeFileSync(
    path.join(dir, "leaf.ext"),
    "basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:ml.example.com\nextendedKeyUsage=serverAuth\n",
  );
  for (const k of ["root", "int", "leaf"])
    o(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096", "-out", `${k}.key`]);
  o([
    "req",
    "-x509",
    "-new",
    "-key",
    "root.key",
    "-subj",
    "/CN=Bench Root",
    "-days",
    "30",
    "-out",
    "root.pem",
  ]);
  o(["req", "-new", "-key", "int.key", "-subj", "/CN=Bench Int", "-out", "int.csr"]);
  o([
    "x509",
    "-req",
    "-in",
    "int.csr",
    "-CA",
    "root.pem",
    "-CAkey",
    "root.key",
    "-set_serial",
    "2",
    "-days",
    "30",
    "-extfile",
    "ca.ext",
    "-out",
    "int.pem",
  ]);
  o(["req", "-new", "-key", "leaf.key", "-subj", "/CN=ml.example.com", "-out", "leaf.csr"]);
  o([
    "x509",
    "-req",
    "-in",
    "leaf.csr",
    "-CA",
    "int.pem",
    "-CAkey",
    "int.key",
    "-set_serial",
    "3",
    "-days",
    "30",
    "-extfile",
    "leaf.ext",
    "-out",
    "leaf.pem",
  ]);
  const rd = (n: string) => fs.readFileSync(path.join(dir, n), "utf8");
  return { cert: rd("leaf.pem") + rd("int.pem") + rd("root.pem"), key: rd("leaf.key") };
}

/** A leaf + intermediate (RSA-2048) chain and the leaf's key, as files. */
function smallChain(): { dir: string; cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-small-"));
  const o = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  fs.writeFileSync(
    path.join(dir, "ca.ext"),
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n",
  );
  fs.writeFileSync(
    path.join(dir, "leaf.ext"),
    "basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:ml.example.com\nextendedKeyUsage=serverAuth\n",
  );
  for (const k of ["int", "leaf"])
    o(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", `${k}.key`]);
  o([
    "req",
    "-x509",
    "-new",
    "-key",
    "int.key",
    "-subj",
    "/CN=Bench Small Int",
    "-days",
    "30",
    "-out",
    "int.pem",
  ]);
  o(["req", "-new", "-key", "leaf.key", "-subj", "/CN=ml.example.com", "-out", "leaf.csr"]);
  o(
    ["x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key", "-set_serial", "2"].concat([
      "-days",
      "30",
      "-extfile",
      "leaf.ext",
      "-out",
      "leaf.pem",
    ]),
  );
  const cert = path.join(dir, "chain.pem");
  fs.writeFileSync(
    cert,
    fs.readFileSync(path.join(dir, "leaf.pem"), "utf8") + fs.readFileSync(path.join(dir, "int.pem"), "utf8"),
  );
  return { dir, cert, key: path.join(dir, "leaf.key") };
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, "bin/sdk/index.js"))) {
    console.log("building the package (npm run build) …");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const sizes = quick ? [1, 100] : [1, 100, 500];
  const reps = (_n: number) => (quick ? 1 : 3);
  const rows: Record<string, unknown>[] = [];
  console.log(
    "\ncomponent vs hand-written (offline mock runtime, both inside a root Stack; median of 3 runs, each its own process)",
  );
  console.log(
    "   N | component ms | hand ms | ratio | ms/service (component) | peak RSS MB comp/hand | resources comp/hand",
  );
  for (const n of sizes) {
    const comp: CaseResult[] = [];
    const hand: CaseResult[] = [];
    for (let i = 0; i < reps(n); i++) {
      // Interleave so machine noise hits both sides alike.
      comp.push(runCase("component", n));
      hand.push(runCase("hand", n));
    }
    const c = median(comp.map((x) => x.wallMs));
    const h = median(hand.map((x) => x.wallMs));
    const row = {
      n,
      componentMs: Math.round(c),
      handWrittenMs: Math.round(h),
      ratio: Number((c / h).toFixed(3)),
      msPerService: Number((c / Math.max(n, 1)).toFixed(2)),
      componentPeakRssMb: Math.round(Math.max(...comp.map((x) => x.peakRssMb))),
      handWrittenPeakRssMb: Math.round(Math.max(...hand.map((x) => x.peakRssMb))),
      componentResources: comp[0].resources,
      handWrittenResources: hand[0].resources,
    };
    rows.push(row);
    console.log(
      `${String(n).padStart(4)} | ${String(row.componentMs).padStart(12)} | ${String(row.handWrittenMs).padStart(7)} | ${row.ratio.toFixed(2).padStart(5)} | ${String(row.msPerService).padStart(22)} | ${`${row.componentPeakRssMb}/${row.handWrittenPeakRssMb}`.padStart(21)} | ${row.componentResources}/${row.handWrittenResources}`,
    );
  }

  const imports: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(
      process.execPath,
      [
        "-e",
        'const t=process.hrtime.bigint();require("./bin/sdk/index.js");console.log(Number(process.hrtime.bigint()-t)/1e6)',
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    imports.push(Number(r.stdout.trim()));
  }
  const importMs = Math.round(median(imports));
  console.log(`\nrequire("ssl-ml-cluster") (compiled, fresh process): ${importMs} ms (target < 1500 ms)`);

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
  const inspectMs = Number(median(per).toFixed(3));
  console.log(
    `inspectCertificate, 3-certificate RSA-4096 chain + key: median ${inspectMs} ms per call (target < 20 ms)`,
  );

  const cli = path.join(ROOT, "bin/sdk/cli/main.js");
  const planMs = Math.round(median([0, 1, 2].map(() => timeCommand([cli, "plan", "examples/quickstart"]))));
  const demoMs = Math.round(median([0, 1, 2].map(() => timeCommand([cli, "demo", "--quiet"]))));
  console.log(`ssl-ml-cluster plan examples/quickstart: ${planMs} ms wall (target < 3000 ms)`);
  console.log(`ssl-ml-cluster demo: ${demoMs} ms wall (target < 5000 ms)`);

  // The light CLI: check-cert on a small chain (leaf + intermediate, RSA-2048) beside a bare
  // `node -e 0`, interleaved in the same run so machine noise hits both alike.
  const small = smallChain();
  const checkArgs = [
    cli,
    "check-cert",
    "--cert",
    small.cert,
    "--key",
    small.key,
    "--hostname",
    "ml.example.com",
  ];
  const bare: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    bare.push(timeCommand(["-e", "0"]));
    check.push(timeCommand(checkArgs));
  }
  fs.rmSync(small.dir, { recursive: true, force: true });
  const nodeMs = Math.round(median(bare));
  const checkCertMs = Math.round(median(check));
  const checkCertRatio = Number((median(check) / median(bare)).toFixed(2));
  console.log(
    `ssl-ml-cluster check-cert (small chain): ${checkCertMs} ms wall vs node -e 0: ${nodeMs} ms; ratio ${checkCertRatio} (target <= 3)`,
  );

  const results = {
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
    },
    date: new Date().toISOString(),
    scaling: rows,
    importMs,
    inspectCertificateMs: inspectMs,
    planMs,
    demoMs,
    nodeMs,
    checkCertMs,
    checkCertRatio,
    targets: {
      ratioMax: 1.1,
      importMsMax: 1500,
      inspectMsMax: 20,
      planMsMax: 3000,
      demoMsMax: 5000,
      checkCertRatioMax: 3,
    },
  };
  fs.writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(results, null, 2) + "\n");
  console.log("\nwrote bench/results.json");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
