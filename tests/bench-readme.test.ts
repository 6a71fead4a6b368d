// bench/readme.ts: the performance figures of docs/performance.md are rewritten between the markers
// only, from the results given, and a page without the markers is refused.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { BEGIN, END, FIGURES_PAGE, writeFigures } from "../bench/readme";
import { BenchResults, growthRows, ScalingRow, TARGETS } from "../bench/result-types";
import { tempDirs } from "./helpers/tmp";

const row = (n: number, cpu: number, handCpu: number, rss: number, leanCpu = handCpu / 4): ScalingRow => ({
  n,
  componentMs: cpu / 2,
  handWrittenMs: handCpu / 2,
  ratio: Number((cpu / handCpu).toFixed(3)),
  componentCpuMs: cpu,
  handWrittenCpuMs: handCpu,
  handLeanMs: leanCpu / 2,
  handLeanCpuMs: leanCpu,
  componentPeakRssMb: rss,
  handWrittenPeakRssMb: rss,
  componentResources: 10 + 3 * n,
  handWrittenResources: 9 + 3 * n,
});

const scaling = [row(1, 800, 800, 180, 200), row(11, 1300, 1400, 220, 350), row(101, 5800, 5300, 580, 2200)];

const results: BenchResults = {
  date: "2026-11-30T04:44:00.000Z",
  quick: false,
  machine: {
    node: "v20.20.2",
    os: "Linux 6.1",
    cpus: 2,
    cpu: "Test CPU",
    memoryGb: 24,
    loadAverageStart: 1,
    loadAverageEnd: 2.1,
  },
  scaling,
  growth: growthRows(scaling),
  startup: {
    rounds: 7,
    nodeMs: 116,
    pulumiMs: 1063,
    planMs: 2112,
    demoMs: 3300,
    checkCertMs: 191,
    pulumiModulesMs: 1104,
    packageImportMs: 1203,
    planRatio: 1.99,
    demoRatio: 3.1,
    checkCertRatio: 1.65,
    packageImportRatio: 1.09,
    pulumiModules: ["@pulumi/pulumi", "@pulumi/tls"],
  },
  inspectCertificateMs: 2.07,
  targets: TARGETS,
};

describe("bench/readme.ts: the performance figures of docs/performance.md", () => {
  const tmp = tempDirs();

  it("growth is what each service adds against N = 1, per side", () => {
    assert.deepEqual(growthRows(scaling), [
      {
        n: 11,
        cpuMsPerService: 50,
        handWrittenCpuMsPerService: 60,
        handLeanCpuMsPerService: 15,
        peakRssMbPerService: 4,
        resourcesPerService: 3,
      },
      {
        n: 101,
        cpuMsPerService: 50,
        handWrittenCpuMsPerService: 45,
        handLeanCpuMsPerService: 20,
        peakRssMbPerService: 4,
        resourcesPerService: 3,
      },
    ]);
  });

  it("rewrites only the text between the markers, with the date, the machine and each target's verdict", async () => {
    const file = path.join(tmp("ssl-ml-readme-"), "performance.md");
    const before = "# Title\n\n## Performance\n\nHow it is measured.\n\n";
    const after = "\n\nWhat the profiles showed.\n\n## Limits\n\nNone.\n";
    fs.writeFileSync(file, `${before}${BEGIN}\nold figures\n${END}${after}`);
    await writeFigures(results, file);
    const text = fs.readFileSync(file, "utf8");
    assert.ok(text.startsWith(`${before}${BEGIN}\n`), text);
    assert.ok(text.endsWith(`${END}${after}`), text);
    assert.ok(!text.includes("old figures"));
    assert.match(
      text,
      /^Measured 2026-11-30 on Linux 6\.1, 2 × Test CPU, 24 GiB, Node 20\.20\.2; load average 1 at/m,
    );
    assert.match(
      text,
      /^\| `ssl-ml-cluster plan examples\/quickstart` +\| 2\.11 s +\| 1\.99 × \| ≤ 2\.5 × \| yes +\|$/m,
    );
    assert.match(text, /^\| `ssl-ml-cluster demo` +\| 3\.30 s +\| 3\.1 × +\| ≤ 3 × +\| \*\*no\*\* \|$/m);
    assert.match(text, /^\| 11 +\| 50 +\| yes +\| 60 +\| 15 +\| 4 +\| 3 +\|$/m);
    // N = 101: component 2900 ms, hand without aliases 1100 ms.
    assert.match(
      text,
      /^\| 101 +\| 2\.90 s +\| 2\.65 s +\| 1\.09 +\| yes +\| 2\.64 +\| 5800 \/ 5300 \/ 2200 ms +\|/m,
    );
  });

  it("refuses a page without the markers", async () => {
    const file = path.join(tmp("ssl-ml-readme-"), "performance.md");
    fs.writeFileSync(file, "# Title\n\n## Performance\n\nNo markers.\n");
    await assert.rejects(writeFigures(results, file), /the bench markers are missing/);
    assert.equal(fs.readFileSync(file, "utf8"), "# Title\n\n## Performance\n\nNo markers.\n");
  });

  it("the figures live in docs/performance.md, between one pair of markers, and nowhere else", () => {
    const root = path.resolve(__dirname, "..");
    const page = fs.readFileSync(path.join(root, FIGURES_PAGE), "utf8");
    assert.equal(page.split(BEGIN).length, 2, `${FIGURES_PAGE}: one ${BEGIN}`);
    assert.equal(page.split(END).length, 2, `${FIGURES_PAGE}: one ${END}`);
    assert.ok(page.indexOf(BEGIN) < page.indexOf(END));
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    assert.ok(!readme.includes("bench:begin"), "README.md holds no bench markers");
  });
});
