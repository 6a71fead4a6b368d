// Rules of `network` (a private scoring front end). Pure: no Pulumi, no I/O.
import { ArgumentError } from "../errors";
import type { ClusterKind } from "../enums";
import type { NetworkArgs } from "../types";

import type { ResolvedNetwork } from "../args/resolved";

// Declared in sdk/args/ (the shapes every part shares); named here too, where the rule lives.
export type { ResolvedNetwork };

const KNOWN = [
  "internalLoadBalancer",
  "subnetId",
  "assignSubnetRole",
  "allowInternalWithoutSubnet",
  "serviceCidr",
  "dnsServiceIP",
];

/**
 * AKS's own defaults for the Kubernetes service range and its DNS address (the values `az aks
 * create` leaves to the service, https://learn.microsoft.com/azure/aks/configure-azure-cni): sent
 * explicitly with a custom subnet so the plan shows them, and so a caller whose VNet overlaps
 * 10.0.0.0/16 sees what to change.
 */
export const DEFAULT_SERVICE_CIDR = "10.0.0.0/16";
export const DEFAULT_DNS_SERVICE_IP = "10.0.0.10";
// ARM resource names: no '/', not empty. The fixed segments are matched case-insensitively, as ARM does.
const SUBNET_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i;
const SUBNET_EXAMPLE =
  "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>";

/** The parts of a subnet resource ID, or an {@link ArgumentError} naming `path` and the expected form. Pure. */
export function parseSubnetId(
  path: string,
  id: unknown,
): { subscriptionId: string; resourceGroupName: string; virtualNetworkName: string; subnetName: string } {
  const m = typeof id === "string" ? SUBNET_ID.exec(id.trim()) : null;
  if (!m) {
    const hint =
      typeof id === "string" && /\/virtualNetworks\/[^/]+\/?$/i.test(id.trim())
        ? " (this is a virtual network's ID: add /subnets/<subnet>)"
        : "";
    throw new ArgumentError(
      path,
      `${JSON.stringify(id)} is not a subnet resource ID${hint}; give one such as ${SUBNET_EXAMPLE} (az network vnet subnet show --query id)`,
    );
  }
  return { subscriptionId: m[1], resourceGroupName: m[2], virtualNetworkName: m[3], subnetName: m[4] };
}

/** `a.b.c.d` as a 32-bit number, or undefined. Pure. */
function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((n) => n > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** `a.b.c.d/n` as [first, last] addresses, or undefined. Pure. */
function cidrRange(cidr: string): [number, number] | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr.trim());
  const base = m ? ipv4(m[1]) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (base === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  const size = 2 ** (32 - bits);
  const first = base - (base % size);
  return [first, first + size - 1];
}

/** Do two IPv4 CIDR ranges share an address? False when either is not IPv4 CIDR. Pure. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return !!x && !!y && x[0] <= y[1] && y[0] <= x[1];
}

/**
 * `network.serviceCidr` and `network.dnsServiceIP`, checked as AKS checks them: an IPv4 CIDR
 * (a /12 to /28 network address), and an address inside it that is not its first (taken by the
 * `kubernetes` Service). Pure.
 */
export function checkServiceRange(serviceCidr: unknown, dnsServiceIP: unknown): void {
  const m = typeof serviceCidr === "string" ? /^([\d.]+)\/(\d{1,2})$/.exec(serviceCidr) : null;
  const base = m ? ipv4(m[1]) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  const mask = bits >= 1 && bits <= 32 ? (~0 << (32 - bits)) >>> 0 : 0;
  if (base === undefined || bits < 12 || bits > 28 || (base & mask) >>> 0 !== base) {
    throw new ArgumentError(
      "network.serviceCidr",
      `${JSON.stringify(serviceCidr)} is not an IPv4 network in CIDR form from /12 to /28 (such as ${DEFAULT_SERVICE_CIDR}); give one that overlaps no range of your VNet or peered networks`,
    );
  }
  const dns = typeof dnsServiceIP === "string" ? ipv4(dnsServiceIP) : undefined;
  if (dns === undefined || (dns & mask) >>> 0 !== base || dns === base || dns === base + 1) {
    throw new ArgumentError(
      "network.dnsServiceIP",
      `${JSON.stringify(dnsServiceIP)} must be an IPv4 address inside network.serviceCidr ${serviceCidr}, not its first two (e.g. the .10 address, as AKS's default ${DEFAULT_DNS_SERVICE_IP})`,
    );
  }
}

/**
 * The cluster's own ranges the service range must stay clear of (AKS refuses an overlap, and a
 * Service address inside them would be unroutable): on the `kubernetes` kind the Azure CNI
 * overlay pod range, 10.244.0.0/16 (AKS's default `podCidr`, which subnet-placement.ts leaves to
 * it: https://learn.microsoft.com/azure/aks/azure-cni-overlay, "IP address planning"); on the
 * `aks` kind the docker bridge range azureml-core sends (LEGACY_DOCKER_BRIDGE_CIDR). Pure.
 */
export function checkServiceRangeClear(serviceCidr: string, kind: ClusterKind): void {
  const [what, range] =
    kind === "kubernetes"
      ? ["the pod range (Azure CNI overlay)", "10.244.0.0/16"]
      : ["the docker bridge", "172.17.0.0/16"];
  if (cidrsOverlap(serviceCidr, range))
    throw new ArgumentError(
      "network.serviceCidr",
      `${serviceCidr} overlaps ${what} ${range} of the new cluster; give a range clear of it and of your VNet (e.g. 10.0.0.0/16, or 172.20.0.0/16 if the VNet uses 10.0.0.0/16)`,
    );
}

/**
 * Checks `network` against the cluster kind and whether the cluster is new (`attach` false) or
 * attached, and returns it resolved. A new cluster with an internal front end sits in the
 * callers' subnet (`subnetId`: the node pool's `vnetSubnetID` on the `kubernetes` kind,
 * `aksNetworkingConfiguration.subnetId` on the legacy `aks` kind); without one the internal load
 * balancer would take an address in the VNet AKS makes for itself, which no caller reaches unless
 * peered to it, so that is refused unless `allowInternalWithoutSubnet` says so. The
 * `kubernetes` kind's internal load balancer is the extension setting
 * `internalLoadBalancerProvider=azure` (az k8s-extension's AzureMLKubernetes.py), which has no
 * subnet setting: it takes an address in the nodes' subnet. `publicDns` names the public DNS block
 * (`dns.cloudflare` / `dns.azure`) when one is given.
 */
export function validateNetwork(
  network: NetworkArgs | undefined,
  kind: ClusterKind,
  publicDns: string | undefined,
  warnings: string[],
  attach = false,
): ResolvedNetwork {
  if (network === undefined) return {};
  if (network === null || typeof network !== "object" || Array.isArray(network)) {
    throw new ArgumentError("network", "must be an object such as { internalLoadBalancer: true }");
  }
  for (const key of Object.keys(network)) {
    if (!KNOWN.includes(key)) {
      const near = KNOWN.find((k) => k.toLowerCase() === key.toLowerCase());
      throw new ArgumentError(
        `network.${key}`,
        near
          ? `unknown field; did you mean "${near}"?`
          : `unknown field; known fields are ${KNOWN.join(", ")}`,
      );
    }
  }
  const ilb = network.internalLoadBalancer ?? false;
  if (typeof ilb !== "boolean") {
    throw new ArgumentError(
      "network.internalLoadBalancer",
      `must be true (a private front end) or false (public, the default), got ${JSON.stringify(ilb)}`,
    );
  }
  for (const k of ["assignSubnetRole", "allowInternalWithoutSubnet"] as const) {
    if (network[k] !== undefined && typeof network[k] !== "boolean")
      throw new ArgumentError(`network.${k}`, `must be true or false, got ${JSON.stringify(network[k])}`);
  }
  const hasSubnet = network.subnetId !== undefined;
  let subnetName: string | undefined;
  if (hasSubnet) {
    if (!ilb) {
      throw new ArgumentError(
        "network.subnetId",
        "places the cluster and its internal load balancer and needs network.internalLoadBalancer: true; set it, or remove subnetId",
      );
    }
    if (kind === "kubernetes" && attach) {
      throw new ArgumentError(
        "network.subnetId",
        "does not apply to an attached cluster on the kubernetes kind: the Azure ML extension has no subnet setting (az k8s-extension sends only internalLoadBalancerProvider=azure), and its internal load balancer takes an address in the cluster's node subnet; remove subnetId (callers must reach that subnet)",
      );
    }
    // An Output (an object) is parsed when known, in kubernetes.ts / aks.ts, with the same message.
    if (typeof network.subnetId !== "object" || network.subnetId === null) {
      subnetName = parseSubnetId("network.subnetId", network.subnetId).subnetName;
    }
  }
  const newInSubnet = hasSubnet && !attach;
  for (const k of ["serviceCidr", "dnsServiceIP"] as const) {
    if (network[k] !== undefined && !newInSubnet)
      throw new ArgumentError(
        `network.${k}`,
        "applies only to a new cluster placed in network.subnetId; remove it, or give subnetId",
      );
  }
  const serviceCidr = network.serviceCidr ?? DEFAULT_SERVICE_CIDR;
  const dnsServiceIP = network.dnsServiceIP ?? DEFAULT_DNS_SERVICE_IP;
  if (newInSubnet) {
    checkServiceRange(serviceCidr, dnsServiceIP);
    checkServiceRangeClear(serviceCidr, kind);
  }
  if (network.assignSubnetRole !== undefined && !(newInSubnet && kind === "kubernetes")) {
    throw new ArgumentError(
      "network.assignSubnetRole",
      kind === "aks"
        ? 'applies to the kubernetes kind only: on cluster.kind "aks" Azure ML creates the cluster and its identity, which do not exist before the compute; give that identity Network Contributor on the subnet yourself (docs/private-networks.md), and remove assignSubnetRole'
        : "applies only to a new cluster placed in network.subnetId; remove it",
    );
  }
  if (network.allowInternalWithoutSubnet !== undefined && (hasSubnet || attach || !ilb)) {
    throw new ArgumentError(
      "network.allowInternalWithoutSubnet",
      "applies only to a new cluster with network.internalLoadBalancer: true and no network.subnetId; remove it",
    );
  }
  if (ilb && !attach && !hasSubnet && network.allowInternalWithoutSubnet !== true) {
    throw new ArgumentError(
      "network.subnetId",
      "is required for a new cluster with network.internalLoadBalancer: true: without it AKS puts the cluster, and the private front end, in a virtual network of its own that your callers cannot reach. " +
        "Pass network.subnetId (a subnet of the callers' VNet, or of one peered to it: az network vnet subnet show --query id); " +
        "only if your callers are peered to the VNet AKS makes, set network.allowInternalWithoutSubnet: true",
    );
  }
  if (ilb && publicDns !== undefined) {
    warnings.push(
      `network.internalLoadBalancer with ${publicDns}: the public zone will publish the front end's private address, which answers only inside your network; use dns.azurePrivate for split-horizon DNS (docs/private-networks.md)`,
    );
  }
  if (!newInSubnet) return { internalLoadBalancer: ilb, subnetName };
  return {
    internalLoadBalancer: ilb,
    subnetName,
    newClusterSubnet: { serviceCidr, dnsServiceIP, assignRole: network.assignSubnetRole ?? true },
  };
}

/**
 * The refusal of a legacy `subnetId` in another virtual network than the attached cluster's:
 * `loadBalancerSubnet` is a subnet name looked up in the cluster's own VNet, so a subnet of another
 * VNet would be silently replaced by a same-named one, or not found. `clusterSubnetIds` are the
 * cluster's agent pools' `vnetSubnetID`s as Azure reports them (undefined: AKS's own VNet, unknown
 * here). Pure.
 */
export function checkSubnetInClusterVnet(subnetId: string, clusterSubnetIds: (string | undefined)[]): void {
  const given = parseSubnetId("network.subnetId", subnetId);
  const vnetOf = (p: ReturnType<typeof parseSubnetId>) =>
    `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.Network/virtualNetworks/${p.virtualNetworkName}`;
  const mine = vnetOf(given);
  for (const id of clusterSubnetIds) {
    if (!id) continue;
    const theirs = vnetOf(parseSubnetId("the cluster's vnetSubnetID", id));
    if (theirs.toLowerCase() !== mine.toLowerCase()) {
      throw new ArgumentError(
        "network.subnetId",
        `is in virtual network ${mine}, but the attached cluster's nodes are in ${theirs}: the legacy compute's internal load balancer takes a subnet of the cluster's own network (loadBalancerSubnet is a subnet name there); give a subnet of ${theirs}`,
      );
    }
  }
}
