import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as kubernetesconfiguration from "@pulumi/azure-native/kubernetesconfiguration";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
// Sub-modules, not the package's root, which loads every API group's index (~120 modules).
import * as corev1 from "@pulumi/kubernetes/core/v1";
import { Provider as KubernetesProvider } from "@pulumi/kubernetes/provider";
import { ArgumentError, ComponentError } from "../errors";
import type { SslMlClusterArgs } from "../types";
import type { ResolvedArgs } from "../args/resolved";
import type { CertificateSource } from "../certificates/sources/source";
import { extensionProtectedSettings, extensionSettings } from "./extension-settings";
import { defaultDnsPrefix, parseAksClusterId } from "./resource-id";
import { checkedKubeconfig, validatedFrontEndIp } from "./frontend-ip";
import { awaitServiceFrontEnd } from "./await-front-end";
import type { WorkspaceFacts } from "./workspace";
import { parseSubnetId } from "./network-rules";
import { clusterNetworkProfile, subnetRoleAssignment } from "./subnet-placement";

/**
 * Network Contributor on the subnet for the new cluster's system-assigned identity, which its
 * internal load balancer needs (what `az aks create --vnet-subnet-id` assigns after creating a
 * cluster with a managed identity). The extension, and so the front end's Service, waits for it.
 */
function subnetRole(
  parent: pulumi.Resource,
  name: string,
  subnetId: pulumi.Output<string>,
  cluster: containerservice.ManagedCluster,
): authorization.RoleAssignment {
  const ra = pulumi.all([subnetId, cluster.identity]).apply(([id, identity]) => {
    if (!identity?.principalId)
      throw new ComponentError(
        `network.assignSubnetRole: Azure reported no principalId for cluster ${name}-aks's system-assigned identity; check the cluster's identity, or set network.assignSubnetRole: false and assign Network Contributor on the subnet yourself`,
        parent,
      );
    return subnetRoleAssignment(id, identity.principalId);
  });
  return new authorization.RoleAssignment(
    `${name}-subnet-role`,
    {
      scope: ra.scope,
      roleDefinitionId: ra.roleDefinitionId,
      principalId: ra.principalId,
      principalType: ra.principalType,
      description: `ssl-ml-cluster ${name}: the AKS cluster's internal load balancer in this subnet`,
    },
    { parent },
  );
}

/** The cluster's region as Azure reports it, else the `location` argument; the extension needs one. */
function knownLocation(
  reported: pulumi.Input<string | undefined>,
  given: pulumi.Input<string> | undefined,
): pulumi.Output<string> {
  return pulumi.all([reported, given]).apply(([r, g]) => {
    const loc = r || g;
    if (!loc)
      throw new ArgumentError(
        "location",
        "Azure did not report the cluster's region; pass location (e.g. westeurope)",
      );
    return loc;
  });
}

export interface ClusterResult {
  computeId: pulumi.Output<string>;
  /** The front end's public address (IP, or a host name for a host-name load balancer). */
  frontEndAddress: pulumi.Output<string>;
  /** Resources the services must wait for. */
  compute: machinelearningservices.Compute;
}

/**
 * The current Azure ML path, whole: an AKS cluster (new or existing), the
 * Microsoft.AzureML.Kubernetes extension carrying the TLS material, the `Kubernetes` compute
 * attached to the cluster, and the front end's address.
 */
export function kubernetesComputeStack(
  parent: pulumi.Resource,
  name: string,
  args: SslMlClusterArgs,
  resolved: ResolvedArgs,
  hostname: pulumi.Output<string>,
  computeName: string,
  cert: CertificateSource | undefined,
  workspace: WorkspaceFacts,
): ClusterResult {
  const c = args.cluster ?? {};
  let clusterId: pulumi.Output<string>;
  let clusterName: pulumi.Output<string>;
  let clusterRg: pulumi.Output<string>;
  let location: pulumi.Output<string>;
  let nodeCount: pulumi.Output<number | undefined>;
  let dependsOn: pulumi.Resource[] = [];
  if (c.existingClusterId !== undefined) {
    const ref = pulumi.output(c.existingClusterId).apply(parseAksClusterId);
    // Validated here too, so every resource that uses the ID fails with the same clear message.
    clusterId = pulumi.output(c.existingClusterId).apply((id) => (parseAksClusterId(id), id.trim()));
    clusterName = ref.name;
    clusterRg = ref.resourceGroupName;
    // Location and size of an attached cluster come from Azure, not from the user.
    const existing = containerservice.getManagedClusterOutput(
      { resourceGroupName: clusterRg, resourceName: clusterName },
      { parent },
    );
    location = knownLocation(existing.location, args.location);
    nodeCount =
      c.nodeCount !== undefined
        ? pulumi.output(c.nodeCount)
        : existing.apply((mc) => (mc.agentPoolProfiles ?? []).reduce((n, p) => n + (p.count ?? 0), 0));
  } else {
    // In the callers' subnet when one is given (docs/private-networks.md), else AKS's own VNet.
    const placement = resolved.network.newClusterSubnet;
    const subnetId = placement
      ? pulumi
          .output(args.network!.subnetId!)
          .apply((id) => (parseSubnetId("network.subnetId", id), id.trim()))
      : undefined;
    const cluster = new containerservice.ManagedCluster(
      `${name}-aks`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        dnsPrefix: defaultDnsPrefix(name),
        identity: { type: "SystemAssigned" },
        kubernetesVersion: c.kubernetesVersion,
        agentPoolProfiles: [
          {
            name: "system",
            mode: "System",
            count: resolved.nodeCount,
            vmSize: resolved.vmSize,
            osType: "Linux",
            type: "VirtualMachineScaleSets",
            vnetSubnetID: subnetId,
          },
        ],
        networkProfile: placement ? clusterNetworkProfile(placement) : undefined,
        tags: args.tags,
      },
      { parent },
    );
    dependsOn = [cluster];
    if (placement?.assignRole) {
      dependsOn.push(subnetRole(parent, name, subnetId!, cluster));
    }
    clusterId = cluster.id;
    // The provider reports the (auto-)name; fall back to the ID's last segment if an answer lacks it.
    clusterName = pulumi
      .all([cluster.name, cluster.id])
      .apply(([n, id]) => n || /\/managedClusters\/([^/]+)$/i.exec(id ?? "")?.[1] || `${name}-aks`);
    clusterRg = pulumi.output(args.resourceGroupName);
    location = knownLocation(cluster.location, args.location);
    nodeCount = pulumi.output(resolved.nodeCount);
  }

  const settings = pulumi
    .all([clusterId, clusterName, location, hostname, nodeCount])
    .apply(([id, cn, loc, host, nodes]) =>
      extensionSettings({
        clusterId: id,
        clusterName: cn,
        location: loc,
        hostname: host,
        nodeCount: nodes,
        tlsEnabled: resolved.tlsEnabled,
        internalLoadBalancer: resolved.network.internalLoadBalancer,
      }),
    );
  const protectedSettings = cert
    ? pulumi.secret(
        pulumi
          .all([cert.chainPem, cert.keyPem])
          .apply(([chain, key]) => extensionProtectedSettings(chain, key)),
      )
    : undefined;

  const extension = new kubernetesconfiguration.Extension(
    `${name}-azureml`,
    {
      resourceGroupName: clusterRg,
      clusterRp: "Microsoft.ContainerService",
      clusterResourceName: "managedClusters",
      clusterName,
      extensionName: "azureml",
      extensionType: "Microsoft.AzureML.Kubernetes",
      autoUpgradeMinorVersion: true,
      releaseTrain: "stable",
      scope: { cluster: { releaseNamespace: "azureml" } },
      // No `identity`: az k8s-extension creates none for managedClusters (custom.py,
      // __create_identity: "We do not create any identities for managedClusters"); AKS assigns
      // the extension's identity itself (aksAssignedIdentity in the answer).
      configurationSettings: settings,
      configurationProtectedSettings: protectedSettings,
    },
    { parent, dependsOn, additionalSecretOutputs: ["configurationProtectedSettings"] },
  );

  const compute = new machinelearningservices.Compute(
    `${name}-compute`,
    {
      resourceGroupName: args.resourceGroupName,
      workspaceName: args.workspaceName,
      computeName,
      // The compute lives in the workspace's region; `location` is the AKS cluster's.
      location: workspace.location,
      properties: {
        computeType: "Kubernetes",
        // As azure-ai-ml's KubernetesCompute._to_rest_object: compute_location = the compute's location.
        computeLocation: workspace.location,
        resourceId: clusterId,
        description: `ssl-ml-cluster ${name}: inference over TLS`,
        properties: { namespace: resolved.namespace },
      },
      tags: args.tags,
    },
    { parent, dependsOn: [extension] },
  );

  let frontEndAddress: pulumi.Output<string>;
  if (args.frontEndIp !== undefined) {
    frontEndAddress = validatedFrontEndIp(args.frontEndIp);
  } else {
    // Read Service azureml/azureml-fe through the cluster's own credentials.
    const creds = containerservice.listManagedClusterUserCredentialsOutput(
      { resourceGroupName: clusterRg, resourceName: clusterName },
      { parent },
    );
    const kubeconfig = pulumi.secret(
      creds.kubeconfigs.apply((k) => checkedKubeconfig(k?.[0]?.value, parent)),
    );
    const provider = new KubernetesProvider(`${name}-k8s`, { kubeconfig }, { parent });
    const service = corev1.Service.get(`${name}-azureml-fe`, "azureml/azureml-fe", {
      parent,
      provider,
      dependsOn: [extension],
    });
    // Read again during the up until the load balancer has an address (await-front-end.ts).
    frontEndAddress = awaitServiceFrontEnd(parent, service.status, kubeconfig, resolved.frontEndWaitMinutes);
  }
  return { computeId: compute.id, frontEndAddress, compute };
}
