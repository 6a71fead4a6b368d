// `cluster`: where the cluster comes from (re-exported by sdk/types.ts).
import * as pulumi from "@pulumi/pulumi";
import type { ClusterKind, ClusterPurpose } from "../enums";

/** Where the cluster comes from and which Azure ML path is used. */
export interface ClusterArgs {
  /**
   * `"kubernetes"` (default): the current Azure ML path (AKS + the `Microsoft.AzureML.Kubernetes`
   * extension + a `Kubernetes` compute). `"aks"`: the legacy `AKS` compute (AksCompute) with
   * `sslConfiguration`, as in the original "Enable SSL" guide.
   */
  kind?: ClusterKind;
  /**
   * Resource ID of an existing AKS managed cluster to attach instead of creating one
   * (`/subscriptions/…/resourceGroups/…/providers/Microsoft.ContainerService/managedClusters/…`).
   * Default: a new cluster is created.
   */
  existingClusterId?: pulumi.Input<string>;
  /** Nodes of a new cluster (1–100). Default: 3. Under 3 nodes the front end runs without HA (`clusterPurpose=DevTest`). */
  nodeCount?: number;
  /** VM size of a new cluster's nodes. Default: `Standard_D4s_v3`. */
  vmSize?: string;
  /**
   * Name of the Azure ML compute: a letter first, letters, digits and '-', 3–24 characters on the
   * `aks` kind, 2–24 on `kubernetes`. Default: derived from the component name (`ml` gives `ml`, or
   * `ml-aks` on the `aks` kind).
   */
  computeName?: string;
  /** Kubernetes namespace for online endpoints (`kubernetes` kind). Default: `default`. */
  namespace?: string;
  /** Kubernetes version of a new cluster. Default: AKS's default. */
  kubernetesVersion?: string;
  /**
   * `clusterPurpose` of a legacy AKS compute: `DevTest`, `DenseProd` or `FastProd` (needs 12 vCPUs
   * in total). Default: `FastProd` when the cluster has 3+ nodes and 12+ vCPUs (an attached cluster
   * as Azure reports it), else `DevTest`.
   */
  clusterPurpose?: ClusterPurpose;
}
