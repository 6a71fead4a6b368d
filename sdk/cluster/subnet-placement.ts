// What a new cluster placed in the callers' subnet sends (docs/private-networks.md). Pure: no
// Pulumi, no I/O; kubernetes.ts and aks.ts put these shapes in the resources they register.
import { parseSubnetId } from "./network-rules";

/** Azure's built-in role "Network Contributor" (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/networking#network-contributor). */
export const NETWORK_CONTRIBUTOR_ROLE = "4d97b98b-1d4f-4787-a291-c67834d212e7";

/** The docker bridge range azureml-core's AKS provisioning sends with a custom VNet; AKS ignores it today. */
export const LEGACY_DOCKER_BRIDGE_CIDR = "172.17.0.1/16";

/** The service range of a new cluster in a subnet (ResolvedNetwork.newClusterSubnet). */
export interface ServiceRange {
  serviceCidr: string;
  dnsServiceIP: string;
}

/**
 * The managed cluster's `networkProfile` for a node pool in a custom subnet: Azure CNI in overlay
 * mode (AKS's own default for Kubernetes 1.30+ when no plugin is sent, as with `az aks create
 * --vnet-subnet-id` without `--network-plugin`: https://github.com/Azure/azure-rest-api-specs/pull/30845;
 * sent explicitly so an older version cannot fall back to kubenet, which needs a route table), so nodes take subnet addresses and pods take
 * theirs from AKS's overlay range (10.244.0.0/16), never the callers' subnet; a standard load
 * balancer, which the internal front end needs; and the service range, which must not overlap the VNet.
 * Shapes: ContainerServiceNetworkProfile in azure-rest-api-specs (specification/containerservice).
 */
export function clusterNetworkProfile(r: ServiceRange): Record<string, string> {
  return {
    networkPlugin: "azure",
    networkPluginMode: "overlay",
    loadBalancerSku: "standard",
    serviceCidr: r.serviceCidr,
    dnsServiceIP: r.dnsServiceIP,
  };
}

/**
 * A new legacy AKS compute's `aksNetworkingConfiguration`, as azureml-core's
 * `AksCompute.provisioning_configuration(vnet_resourcegroup_name, vnet_name, subnet_name,
 * service_cidr, dns_service_ip, docker_bridge_cidr)` builds it: the subnet's full resource ID
 * (its own subscription, group and VNet, never the workspace's) and all three ranges, which that
 * SDK and Microsoft's quickstart template (azure-quickstart-templates,
 * quickstarts/microsoft.machinelearningservices/machine-learning-compute-create-akscompute) send
 * together or not at all.
 */
export function legacyNetworkingConfiguration(subnetId: string, r: ServiceRange): Record<string, string> {
  parseSubnetId("network.subnetId", subnetId);
  return {
    subnetId: subnetId.trim(),
    serviceCidr: r.serviceCidr,
    dnsServiceIP: r.dnsServiceIP,
    dockerBridgeCidr: LEGACY_DOCKER_BRIDGE_CIDR,
  };
}

/**
 * The role assignment that lets the cluster's system-assigned identity manage the internal load
 * balancer's address in the subnet: Network Contributor, scoped to the subnet, the role definition
 * in the subnet's subscription (ARM's `roleDefinitionId` form), `principalType: ServicePrincipal`
 * so ARM does not wait for the new identity to replicate (RoleAssignment in
 * specification/authorization, "principalType ... to avoid replication delay").
 */
export function subnetRoleAssignment(
  subnetId: string,
  principalId: string,
): { scope: string; roleDefinitionId: string; principalId: string; principalType: string } {
  const s = parseSubnetId("network.subnetId", subnetId);
  return {
    scope: subnetId.trim(),
    roleDefinitionId: `/subscriptions/${s.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${NETWORK_CONTRIBUTOR_ROLE}`,
    principalId,
    principalType: "ServicePrincipal",
  };
}
