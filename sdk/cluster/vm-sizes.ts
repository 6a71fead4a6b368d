/**
 * vCPUs of an Azure VM size, read from its name where the name says it, else undefined.
 *
 * Azure ML refuses a `FastProd` AKS compute with fewer than 12 vCPUs in total
 * (https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-anywhere and the
 * azureml-core AksCompute docs). Since the v3 generation (and for A*_v2, B, F*s_v2, NC/ND/NV) the
 * number after the family letters is the vCPU count; a constrained size (`E16-4s_v4`) has the
 * number after the dash. The older D/DS v1–v2 and G sizes number otherwise: they are listed.
 * https://learn.microsoft.com/azure/virtual-machines/sizes
 */
const LEGACY: Record<string, number> = {
  // Dv2 / DSv2 and Dv1 / DSv1: D1-D5, D11-D15.
  d1: 1,
  d2: 2,
  d3: 4,
  d4: 8,
  d5: 16,
  d11: 2,
  d12: 4,
  d13: 8,
  d14: 16,
  d15: 20,
  // G / GS series.
  g1: 2,
  g2: 4,
  g3: 8,
  g4: 16,
  g5: 32,
  // A v1 (basic/standard).
  a0: 1,
  a1: 1,
  a2: 2,
  a3: 4,
  a4: 8,
  a5: 2,
  a6: 4,
  a7: 8,
};

export function vmSizeVcpus(vmSize: string): number | undefined {
  const m = /^Standard_([A-Za-z]+)(\d+)(?:-(\d+))?([a-z]*)(?:_([A-Za-z0-9_]+))?$/.exec(vmSize.trim());
  if (!m) return undefined;
  const family = m[1].toLowerCase();
  const number = Number(m[2]);
  const constrained = m[3] !== undefined ? Number(m[3]) : undefined;
  const suffix = (m[5] ?? "").toLowerCase();
  const generation = /(?:^|_)v(\d+)$/.exec(suffix)?.[1];
  const gen = generation === undefined ? 1 : Number(generation);
  if (constrained !== undefined) return constrained;
  if ((family === "d" || family === "ds") && gen <= 2) return LEGACY[`d${number}`];
  if ((family === "g" || family === "gs") && gen === 1) return LEGACY[`g${number}`];
  if (family === "a" && gen === 1) return LEGACY[`a${number}`];
  if (family === "a" && gen === 2) return number; // A1_v2 … A8_v2
  if (gen >= 3) return number;
  // Families whose number has always been the vCPU count.
  if (["b", "f", "fs", "nc", "nd", "nv", "h", "hb", "hc", "l", "ls", "m"].includes(family)) return number;
  return undefined;
}

/** The least total vCPUs of a `FastProd` legacy AKS compute. */
export const FAST_PROD_MIN_VCPUS = 12;
