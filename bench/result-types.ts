// The shape of bench/results.json, and the targets it is judged against (issue 19).

export const TARGETS = {
  /** component / hand-written, wall time of registration, at every N. */
  ratioMax: 1.1,
  /** ms of CPU each added service costs the component, at N = 10, 100 and 300. */
  cpuMsPerServiceMax: 50,
  /** `plan examples/quickstart` / `node -e "require('@pulumi/pulumi')"`. */
  planRatioMax: 2.5,
  /** `demo` / the same baseline. */
  demoRatioMax: 3,
  /** `check-cert` / `node -e 0`. */
  checkCertRatioMax: 3,
  /** `require("ssl-ml-cluster")` / requiring the @pulumi modules it uses. */
  packageImportRatioMax: 1.1,
  /** inspectCertificate on a 3-certificate RSA-4096 chain with its key, ms per call. */
  inspectMsMax: 20,
};

export interface ScalingRow {
  n: number;
  componentMs: number;
  handWrittenMs: number;
  ratio: number;
  componentCpuMs: number;
  handWrittenCpuMs: number;
  /** The hand-written program with azure-native's API-version aliases dropped, as the component does. */
  handLeanMs: number;
  handLeanCpuMs: number;
  componentPeakRssMb: number;
  handWrittenPeakRssMb: number;
  componentResources: number;
  handWrittenResources: number;
}

export interface GrowthRow {
  n: number;
  /** (CPU at N − CPU at 1) / (N − 1), component. */
  cpuMsPerService: number;
  /** The same for the hand-written side: what the resources cost without the component. */
  handWrittenCpuMsPerService: number;
  /** The same for the hand-written side without azure-native's API-version aliases. */
  handLeanCpuMsPerService: number;
  /** (peak RSS at N − peak RSS at 1) / (N − 1), component. */
  peakRssMbPerService: number;
  resourcesPerService: number;
}

export interface StartupResults {
  rounds: number;
  nodeMs: number;
  pulumiMs: number;
  planMs: number;
  demoMs: number;
  checkCertMs: number;
  pulumiModulesMs: number;
  packageImportMs: number;
  planRatio: number;
  demoRatio: number;
  checkCertRatio: number;
  packageImportRatio: number;
  pulumiModules: string[];
}

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: {
    node: string;
    os: string;
    cpus: number;
    cpu: string;
    memoryGb: number;
    loadAverageStart: number;
    loadAverageEnd: number;
  };
  scaling: ScalingRow[];
  growth: GrowthRow[];
  startup: StartupResults;
  inspectCertificateMs: number;
  targets: typeof TARGETS;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** What each service adds to a run, against N = 1 (from the scaling rows). */
export function growthRows(rows: ScalingRow[]): GrowthRow[] {
  const one = rows.find((r) => r.n === 1);
  if (!one) throw new Error("growth needs the N = 1 row");
  return rows
    .filter((r) => r.n > 1)
    .map((r) => ({
      n: r.n,
      cpuMsPerService: round((r.componentCpuMs - one.componentCpuMs) / (r.n - 1), 1),
      handWrittenCpuMsPerService: round((r.handWrittenCpuMs - one.handWrittenCpuMs) / (r.n - 1), 1),
      handLeanCpuMsPerService: round((r.handLeanCpuMs - one.handLeanCpuMs) / (r.n - 1), 1),
      peakRssMbPerService: round((r.componentPeakRssMb - one.componentPeakRssMb) / (r.n - 1), 2),
      resourcesPerService: round((r.componentResources - one.componentResources) / (r.n - 1), 1),
    }));
}
