// `network`: a private front end (re-exported by sdk/types.ts).
import * as pulumi from "@pulumi/pulumi";

/** Where the scoring front end listens. See docs/private-networks.md. */
export interface NetworkArgs {
  /**
   * Put the scoring front end behind an internal (private) Azure load balancer. `kubernetes` kind:
   * the extension setting `internalLoadBalancerProvider=azure`; `aks` kind: the compute's
   * `loadBalancerType: InternalLoadBalancer`. Changing it updates the cluster in place and
   * interrupts live scoring calls. Default: false (a public IP).
   */
  internalLoadBalancer?: boolean;
  /**
   * `aks` kind only: resource ID of the subnet for the internal load balancer
   * (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…`),
   * a subnet of the cluster's network; its name is sent as `loadBalancerSubnet`. The `kubernetes`
   * kind has no such setting (the load balancer takes an address in the nodes' subnet). Default:
   * Azure's choice (`aks-subnet`).
   */
  subnetId?: pulumi.Input<string>;
}
