// Rules of `network` (a private scoring front end). Pure: no Pulumi, no I/O.
import { ArgumentError } from "../errors";
import type { ClusterKind } from "../enums";
import type { NetworkArgs } from "../types";

import type { ResolvedNetwork } from "../args/resolved";

// Declared in sdk/args/ (the shapes every part shares); named here too, where the rule lives.
export type { ResolvedNetwork };

const KNOWN = ["internalLoadBalancer", "subnetId"];
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

/**
 * Checks `network` against the cluster kind and returns it resolved. The
 * `kubernetes` kind's internal load balancer is the extension setting
 * `internalLoadBalancerProvider=azure` (az k8s-extension's AzureMLKubernetes.py), which has no
 * subnet setting and cannot be combined with a NodePort router; this component always sends
 * `inferenceRouterServiceType=LoadBalancer`, so that rule holds by construction.
 * `publicDns` names the public DNS block (`dns.cloudflare` / `dns.azure`) when one is given.
 */
export function validateNetwork(
  network: NetworkArgs | undefined,
  kind: ClusterKind,
  publicDns: string | undefined,
  warnings: string[],
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
  let subnetName: string | undefined;
  if (network.subnetId !== undefined) {
    if (!ilb) {
      throw new ArgumentError(
        "network.subnetId",
        "places an internal load balancer and needs network.internalLoadBalancer: true; set it, or remove subnetId",
      );
    }
    if (kind === "kubernetes") {
      throw new ArgumentError(
        "network.subnetId",
        'applies to cluster.kind "aks" only: the Azure ML extension has no subnet setting (az k8s-extension sends only internalLoadBalancerProvider=azure), and its internal load balancer takes an address in the AKS nodes\' subnet; remove subnetId, or put the node pool in the subnet you want',
      );
    }
    // An Output (an object) is parsed when known, in aks.ts, with the same message.
    if (typeof network.subnetId !== "object" || network.subnetId === null) {
      subnetName = parseSubnetId("network.subnetId", network.subnetId).subnetName;
    }
  }
  if (ilb && publicDns !== undefined) {
    warnings.push(
      `network.internalLoadBalancer with ${publicDns}: the public zone will publish the front end's private address, which answers only inside your network; use dns.azurePrivate for split-horizon DNS (docs/private-networks.md)`,
    );
  }
  return { internalLoadBalancer: ilb, subnetName };
}
