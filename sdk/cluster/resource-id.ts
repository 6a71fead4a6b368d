import { ArgumentError } from "../errors";

/** The parts of an AKS managed cluster resource ID. */
export interface AksClusterRef {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
}

/** The `cluster.existingClusterId` rule, for a plain value and for an Output once known. */
export function parseAksClusterId(id: unknown): AksClusterRef {
  const m =
    typeof id === "string"
      ? /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i.exec(
          id.trim(),
        )
      : null;
  if (!m) {
    throw new ArgumentError(
      "cluster.existingClusterId",
      `${JSON.stringify(id)} is not an AKS resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>)`,
    );
  }
  return { subscriptionId: m[1], resourceGroupName: m[2], name: m[3] };
}

/**
 * A compute name from the component name: a letter first, letters, digits and '-', at most 16
 * characters, and at least 3 for a legacy AKS compute (2 for a Kubernetes one): `ml` becomes
 * `ml-aks` there.
 */
export function defaultComputeName(name: string, kind: "kubernetes" | "aks" = "kubernetes"): string {
  let n = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-");
  if (!/^[a-z]/.test(n)) n = `ml-${n}`;
  n = n.slice(0, 16).replace(/-+$/, "");
  if (n.length < 2) n = `${n}ml`;
  if (kind === "aks" && n.length < 3) n = `${n}-aks`;
  return n;
}

/** An AKS dnsPrefix from the component name: 1–54 letters, digits or '-', alphanumeric at both ends. */
export function defaultDnsPrefix(name: string): string {
  const p = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 54)
    .replace(/^-+|-+$/g, "");
  return p.length > 0 ? p : "ml";
}
