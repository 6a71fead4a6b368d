// `network`: a private front end (re-exported by sdk/types.ts).
import * as pulumi from "@pulumi/pulumi";

/** Where the cluster and its scoring front end sit. See docs/private-networks.md. */
export interface NetworkArgs {
  /**
   * Put the scoring front end behind an internal (private) Azure load balancer. `kubernetes` kind:
   * the extension setting `internalLoadBalancerProvider=azure`; `aks` kind: the compute's
   * `loadBalancerType: InternalLoadBalancer`. A new cluster then needs `subnetId` (or
   * `allowInternalWithoutSubnet`). Changing it updates the cluster in place and interrupts live
   * scoring calls. Default: false (a public IP).
   */
  internalLoadBalancer?: boolean;
  /**
   * Resource ID of a subnet in the callers' virtual network (or one peered to it)
   * (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…`);
   * needs `internalLoadBalancer: true`. A new cluster is placed in it: on the `kubernetes` kind the
   * node pool's `vnetSubnetID` (Azure CNI overlay: nodes take addresses from the subnet, pods do
   * not); on the `aks` kind the compute's `aksNetworkingConfiguration.subnetId`. On the `aks` kind
   * its name is also sent as `loadBalancerSubnet`; an attached `aks`-kind cluster must already sit
   * in this subnet's VNet. Not for an attached `kubernetes`-kind cluster (its front end takes an
   * address in the nodes' subnet). Default: none.
   */
  subnetId?: pulumi.Input<string>;
  /**
   * `kubernetes` kind, new cluster in `subnetId`: give the cluster's system-assigned identity
   * Network Contributor on the subnet (an `authorization.RoleAssignment`), which the internal
   * load balancer needs, as `az aks create --vnet-subnet-id` does; the identity running
   * `pulumi up` then needs `Microsoft.Authorization/roleAssignments/write` on the subnet (Owner,
   * User Access Administrator or Role Based Access Control Administrator). `false`: you assign it
   * yourself once the cluster exists (as `--skip-subnet-role-assignment`); `preflight` cannot
   * check it before the identity exists.
   * Default: true.
   */
  assignSubnetRole?: boolean;
  /**
   * A new cluster with `internalLoadBalancer: true` and no `subnetId` is refused: its front end
   * would sit in the VNet AKS makes for itself. `true` allows it, for callers peered to that VNet
   * only. Default: false.
   */
  allowInternalWithoutSubnet?: boolean;
  /**
   * Kubernetes service address range of a new cluster in `subnetId` (IPv4 CIDR, /12–/28); it must
   * not overlap the VNet or any network routed to it. Default: `10.0.0.0/16` (AKS's default).
   */
  serviceCidr?: string;
  /** The cluster DNS service's address, inside `serviceCidr`. Default: `10.0.0.10` (AKS's default). */
  dnsServiceIP?: string;
}
