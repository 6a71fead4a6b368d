// AKS (Microsoft.ContainerService, api-version 2025-10-01) and the Azure ML extension
// (Microsoft.KubernetesConfiguration/extensions, api-version 2025-03-01) as the offline model
// answers them: shapes from the examples of https://github.com/Azure/azure-rest-api-specs
// (specification/containerservice, specification/kubernetesconfiguration).
import { Dict, guid, hex, InvokeModel, ResourceModel } from "./model-state";

/** A managed cluster after its PUT. */
export const managedCluster: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.resourceName ?? args.name);
  const rg = String(plain.resourceGroupName);
  const loc = m.location(plain.location);
  const prefix = String(plain.dnsPrefix ?? name);
  return {
    id: `/subscriptions/${m.sub}/resourcegroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    state: {
      ...inputs,
      name,
      location: loc,
      type: "Microsoft.ContainerService/ManagedClusters",
      provisioningState: "Succeeded",
      maxAgentPools: 100,
      kubernetesVersion: plain.kubernetesVersion ?? "1.31.5",
      currentKubernetesVersion: plain.kubernetesVersion ?? "1.31.5",
      fqdn: `${prefix}-${hex(name, 8)}.hcp.${loc}.azmk8s.io`,
      nodeResourceGroup: `MC_${rg}_${name}_${loc}`,
      enableRBAC: true,
      agentPoolProfiles: ((plain.agentPoolProfiles as Dict[]) ?? []).map((p) => ({
        ...p,
        provisioningState: "Succeeded",
        orchestratorVersion: "1.31.5",
        currentOrchestratorVersion: "1.31.5",
        maxPods: 110,
        nodeImageVersion: "AKSUbuntu-2204gen2containerd-202511.01.0",
      })),
      identity: {
        type: "SystemAssigned",
        principalId: guid(`${name}/principal`),
        tenantId: guid("tenant"),
      },
      // AKS's defaults, and what was sent over them (a custom subnet's Azure CNI overlay).
      networkProfile: {
        loadBalancerSku: "standard",
        networkPlugin: "kubenet",
        podCidr: "10.244.0.0/16",
        serviceCidr: "10.0.0.0/16",
        dnsServiceIP: "10.0.0.10",
        outboundType: "loadBalancer",
        ipFamilies: ["IPv4"],
        ...((plain.networkProfile as Dict | undefined) ?? {}),
      },
      azureApiVersion: "2025-10-01",
    },
  };
};

/** The Azure ML extension after its PUT; an internal load balancer gives the front end a private address. */
export const extension: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.extensionName ?? args.name);
  const clusterId = `/subscriptions/${m.sub}/resourceGroups/${plain.resourceGroupName}/providers/${plain.clusterRp}/${plain.clusterResourceName}/${plain.clusterName}`;
  const settings = (plain.configurationSettings ?? {}) as Dict;
  m.internalFrontEnd = String(settings.internalLoadBalancerProvider ?? "").toLowerCase() === "azure";
  // ARM never echoes protected settings (extension-create.json / extension-get.json).
  const state: Dict = { ...inputs };
  delete state.configurationProtectedSettings;
  return {
    id: `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`,
    state: {
      ...state,
      name,
      type: "Microsoft.KubernetesConfiguration/extensions",
      provisioningState: "Succeeded",
      currentVersion: "1.1.98",
      statuses: [],
      isSystemExtension: false,
      ...(plain.identity
        ? {
            identity: {
              type: "SystemAssigned",
              principalId: guid(`${clusterId}/ext`),
              tenantId: guid("tenant"),
            },
          }
        : {}),
      aksAssignedIdentity: {
        type: "SystemAssigned",
        principalId: guid(`${clusterId}/aks-ext`),
        tenantId: guid("tenant"),
      },
      systemData: {
        createdAt: m.created,
        lastModifiedAt: m.created,
        createdByType: "User",
        lastModifiedByType: "User",
      },
      azureApiVersion: "2025-03-01",
    },
  };
};

/** listClusterUserCredentials: a kubeconfig for the cluster, base64 as ARM returns it. */
export const listUserCredentials: InvokeModel = (m, inputs) => {
  if (m.options.kubeconfigAnswer !== undefined) {
    const v = m.options.kubeconfigAnswer === "" ? "" : Buffer.from(": not yaml [").toString("base64");
    return { kubeconfigs: [{ name: "clusterUser", value: v }] };
  }
  const server = `https://${inputs.resourceName}-${hex(String(inputs.resourceName), 8)}.hcp.eastus.azmk8s.io:443`;
  const kubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- cluster:\n    certificate-authority-data: ${Buffer.from("offline-ca").toString("base64")}\n    server: ${server}\n  name: ${inputs.resourceName}`,
    "contexts:",
    `- context:\n    cluster: ${inputs.resourceName}\n    user: clusterUser_${inputs.resourceGroupName}_${inputs.resourceName}\n  name: ${inputs.resourceName}`,
    `current-context: ${inputs.resourceName}`,
    "users:",
    `- name: clusterUser_${inputs.resourceGroupName}_${inputs.resourceName}\n  user:\n    token: offline-token-${hex(String(inputs.resourceName), 16)}`,
    "",
  ].join("\n");
  return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig).toString("base64") }] };
};

/** getManagedCluster: an existing cluster of one node pool (`existingClusterNodeCount` nodes). */
export const getManagedCluster: InvokeModel = (m, inputs) => {
  const name = String(inputs.resourceName);
  const count = m.options.existingClusterNodeCount ?? 3;
  return {
    id: `/subscriptions/${m.sub}/resourcegroups/${inputs.resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    location: m.options.defaultLocation ?? "eastus",
    type: "Microsoft.ContainerService/ManagedClusters",
    provisioningState: "Succeeded",
    kubernetesVersion: "1.31.5",
    agentPoolProfiles: [
      {
        name: "nodepool1",
        count,
        vmSize: "Standard_D4s_v3",
        mode: "System",
        osType: "Linux",
        type: "VirtualMachineScaleSets",
        ...(m.options.existingClusterSubnetId ? { vnetSubnetID: m.options.existingClusterSubnetId } : {}),
      },
    ],
    fqdn: `${name}-${hex(name, 8)}.hcp.eastus.azmk8s.io`,
    azureApiVersion: "2025-10-01",
  };
};
