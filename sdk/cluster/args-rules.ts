// Rules of `cluster` (kind, names, node count, VM size and purpose, an existing cluster's ID).
// Pure: no Pulumi, no I/O. `network` has its own rules (network-rules.ts).
import { ArgumentError } from "../errors";
import { ClusterKind, ClusterPurpose } from "../enums";
import type { ClusterArgs } from "../types";
import { checkEnumValue } from "../common/enum-value";
import { intIn, isPlainString } from "../common/check-keys";
import { parseAksClusterId } from "./resource-id";
import { FAST_PROD_MIN_VCPUS, vmSizeVcpus } from "./vm-sizes";

/** The fields of `cluster`. */
export const CLUSTER_KEYS = [
  "kind",
  "existingClusterId",
  "nodeCount",
  "vmSize",
  "computeName",
  "namespace",
  "kubernetesVersion",
  "clusterPurpose",
];

// Azure ML compute names: a letter first, letters, digits and '-'. A legacy AKS compute takes 3–24
// characters; the Kubernetes compute 2–24.
const COMPUTE_NAME: Record<ClusterKind, RegExp> = {
  aks: /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/,
  kubernetes: /^[a-zA-Z][a-zA-Z0-9-]{0,22}[a-zA-Z0-9]$/,
};
const K8S_NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** `cluster` after validation (the fields of `ResolvedArgs` it decides). */
export interface ResolvedCluster {
  nodeCount: number;
  vmSize: string;
  namespace: string;
  clusterPurpose?: string;
}

/** `cluster.kind`, checked; default `kubernetes`. */
export function clusterKind(cluster: ClusterArgs | undefined): ClusterKind {
  checkEnumValue(
    "cluster.kind",
    cluster?.kind,
    Object.values(ClusterKind),
    '"kubernetes" (default) or "aks"',
  );
  return cluster?.kind ?? "kubernetes";
}

/** Checks `cluster` of the given kind; pushes its warnings. */
export function validateCluster(c: ClusterArgs, kind: ClusterKind, warnings: string[]): ResolvedCluster {
  const nodeCount = intIn("cluster.nodeCount", c.nodeCount, 1, 100, 3);
  const vmSize = c.vmSize ?? "Standard_D4s_v3";
  if (!isPlainString(vmSize) || !/^Standard_[A-Za-z0-9_]+$/.test(vmSize)) {
    throw new ArgumentError(
      "cluster.vmSize",
      `${JSON.stringify(vmSize)} is not an Azure VM size such as Standard_D4s_v3`,
    );
  }
  if (
    c.computeName !== undefined &&
    (!isPlainString(c.computeName) || !COMPUTE_NAME[kind].test(c.computeName))
  ) {
    throw new ArgumentError(
      "cluster.computeName",
      `${JSON.stringify(c.computeName)} is not a valid compute name: ${kind === "aks" ? "3" : "2"}–24 letters, digits or '-', a letter first, not ending in '-'`,
    );
  }
  const namespace = c.namespace ?? "default";
  if (!isPlainString(namespace) || !K8S_NAMESPACE.test(namespace)) {
    throw new ArgumentError(
      "cluster.namespace",
      `${JSON.stringify(namespace)} is not a Kubernetes namespace name`,
    );
  }
  checkEnumValue(
    "cluster.clusterPurpose",
    c.clusterPurpose,
    Object.values(ClusterPurpose),
    "DevTest, DenseProd or FastProd",
  );
  const clusterPurpose =
    kind === "aks" && c.existingClusterId === undefined
      ? newAksPurpose(c, nodeCount, vmSize, warnings)
      : undefined;
  if (c.existingClusterId !== undefined) {
    if (isPlainString(c.existingClusterId)) parseAksClusterId(c.existingClusterId);
    for (const k of ["vmSize", "kubernetesVersion"] as const) {
      if (c[k] !== undefined) {
        throw new ArgumentError(
          `cluster.${k}`,
          "applies to a new cluster only; remove it when existingClusterId is set",
        );
      }
    }
  }
  return { nodeCount, vmSize, namespace, clusterPurpose };
}

/**
 * `clusterPurpose` of a new legacy AKS compute: the one given, else `FastProd` when the cluster has
 * the vCPUs it needs, else `DevTest` (said, when three nodes or more suggest FastProd was meant).
 */
function newAksPurpose(c: ClusterArgs, nodeCount: number, vmSize: string, warnings: string[]): string {
  const vcpus = vmSizeVcpus(vmSize);
  const total = vcpus === undefined ? undefined : vcpus * nodeCount;
  const enough = total === undefined || total >= FAST_PROD_MIN_VCPUS;
  if (c.clusterPurpose === "FastProd" && !enough) {
    throw new ArgumentError(
      "cluster.clusterPurpose",
      `FastProd needs at least ${FAST_PROD_MIN_VCPUS} vCPUs in total; ${nodeCount} × ${vmSize} (${vcpus} vCPUs each) has ${total}. ` +
        `Raise cluster.nodeCount or pick a larger cluster.vmSize, or use clusterPurpose "DevTest"`,
    );
  }
  if (c.clusterPurpose !== undefined) return c.clusterPurpose;
  if (nodeCount >= 3 && enough) return "FastProd";
  if (nodeCount >= 3) {
    warnings.push(
      `cluster.clusterPurpose: ${nodeCount} × ${vmSize} has ${total} vCPUs, under the ${FAST_PROD_MIN_VCPUS} that FastProd needs: the compute is created as DevTest (no HA front end); set clusterPurpose "DevTest" to silence this, or give more or larger nodes for FastProd`,
    );
  }
  return "DevTest";
}
