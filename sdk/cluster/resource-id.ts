/** The parts of an AKS managed cluster resource ID. */
export interface AksClusterRef {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
}

export function parseAksClusterId(id: string): AksClusterRef {
  const m =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i.exec(
      id.trim(),
    );
  if (!m) {
    throw new Error(
      `cluster.existingClusterId: ${JSON.stringify(id)} is not an AKS resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>)`,
    );
  }
  return { subscriptionId: m[1], resourceGroupName: m[2], name: m[3] };
}

/** A compute name from the component name: 2–16 characters, a letter first (Azure ML's rule). */
export function defaultComputeName(name: string): string {
  let n = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-");
  if (!/^[a-z]/.test(n)) n = `ml-${n}`;
  n = n.slice(0, 16).replace(/-+$/, "");
  return n.length >= 2 ? n : `${n}ml`;
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
