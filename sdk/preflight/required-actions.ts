// What each resource type the component registers needs from Azure: its resource provider, and the
// ARM actions `pulumi up` performs on it (create or update is a PUT: `.../write`; azure-native reads
// back with a GET: `.../read`). Action names are Azure's, from the resource-provider operations list:
// https://learn.microsoft.com/azure/role-based-access-control/resource-provider-operations
// (sections Microsoft.ContainerService, Microsoft.KubernetesConfiguration,
// Microsoft.MachineLearningServices, Microsoft.Resources, Microsoft.Network, Microsoft.Authorization).
// The scope says where the action is checked: the resource group, the workspace, or the DNS zone.

export type ScopeKind = "resourceGroup" | "workspace" | "dnsZone" | "privateDnsZone" | "roleScope";

export interface RequiredActions {
  /** The resource provider namespace that must be registered in the subscription. */
  provider: string;
  scope: ScopeKind;
  actions: string[];
}

const MLS = "Microsoft.MachineLearningServices/workspaces";

/** Keyed by the Pulumi type token (`azure-native:<module>:<Type>`). */
export const REQUIRED_ACTIONS: Record<string, RequiredActions> = {
  "azure-native:containerservice:ManagedCluster": {
    provider: "Microsoft.ContainerService",
    scope: "resourceGroup",
    actions: [
      "Microsoft.ContainerService/managedClusters/read",
      "Microsoft.ContainerService/managedClusters/write",
      // The kubeconfig for the front end's Service (listManagedClusterUserCredentials).
      "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
    ],
  },
  "azure-native:kubernetesconfiguration:Extension": {
    provider: "Microsoft.KubernetesConfiguration",
    scope: "resourceGroup",
    actions: [
      "Microsoft.KubernetesConfiguration/extensions/read",
      "Microsoft.KubernetesConfiguration/extensions/write",
    ],
  },
  // A workspace the stack makes (the live check's --create-workspace) and what it needs around it.
  "azure-native:machinelearningservices:Workspace": {
    provider: "Microsoft.MachineLearningServices",
    scope: "resourceGroup",
    actions: [`${MLS}/read`, `${MLS}/write`],
  },
  "azure-native:machinelearningservices:CodeVersion": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/codes/versions/read`, `${MLS}/codes/versions/write`],
  },
  "azure-native:machinelearningservices:EnvironmentVersion": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/environments/versions/read`, `${MLS}/environments/versions/write`],
  },
  "azure-native:keyvault:Vault": {
    provider: "Microsoft.KeyVault",
    scope: "resourceGroup",
    actions: ["Microsoft.KeyVault/vaults/read", "Microsoft.KeyVault/vaults/write"],
  },
  "azure-native:storage:StorageAccount": {
    provider: "Microsoft.Storage",
    scope: "resourceGroup",
    actions: ["Microsoft.Storage/storageAccounts/read", "Microsoft.Storage/storageAccounts/write"],
  },
  // azure-native writes a blob with the account's key (listKeys), unless it signs in with Entra ID.
  "azure-native:storage:Blob": {
    provider: "Microsoft.Storage",
    scope: "resourceGroup",
    actions: ["Microsoft.Storage/storageAccounts/listKeys/action"],
  },
  "azure-native:machinelearningservices:Compute": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/computes/read`, `${MLS}/computes/write`],
  },
  "azure-native:machinelearningservices:OnlineEndpoint": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/onlineEndpoints/read`, `${MLS}/onlineEndpoints/write`],
  },
  "azure-native:machinelearningservices:OnlineDeployment": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/onlineEndpoints/deployments/read`, `${MLS}/onlineEndpoints/deployments/write`],
  },
  // The traffic step: an ARM template deployment in the workspace's resource group (it PUTs the
  // endpoint again, covered by onlineEndpoints/write above).
  "azure-native:resources:Deployment": {
    provider: "Microsoft.Resources",
    scope: "resourceGroup",
    actions: ["Microsoft.Resources/deployments/read", "Microsoft.Resources/deployments/write"],
  },
  // `{type}` is replaced by the record type (A, TXT, ...): Azure names one action per type.
  "azure-native:dns:RecordSet": {
    provider: "Microsoft.Network",
    scope: "dnsZone",
    actions: ["Microsoft.Network/dnszones/{type}/read", "Microsoft.Network/dnszones/{type}/write"],
  },
  "azure-native:privatedns:PrivateRecordSet": {
    provider: "Microsoft.Network",
    scope: "privateDnsZone",
    actions: [
      "Microsoft.Network/privateDnsZones/{type}/read",
      "Microsoft.Network/privateDnsZones/{type}/write",
    ],
  },
  "azure-native:privatedns:VirtualNetworkLink": {
    provider: "Microsoft.Network",
    scope: "privateDnsZone",
    actions: [
      "Microsoft.Network/privateDnsZones/virtualNetworkLinks/read",
      "Microsoft.Network/privateDnsZones/virtualNetworkLinks/write",
    ],
  },
  "azure-native:authorization:RoleAssignment": {
    provider: "Microsoft.Authorization",
    scope: "roleScope",
    actions: ["Microsoft.Authorization/roleAssignments/write"],
  },
};

/** On a subnet the cluster is placed in, its identity needs what Network Contributor grants for it. */
export const SUBNET_ACTIONS = [
  "Microsoft.Network/virtualNetworks/subnets/join/action",
  "Microsoft.Network/virtualNetworks/subnets/read",
];

/** Reading the workspace (getWorkspace) is needed even when nothing in it is created. */
export const WORKSPACE_READ = `${MLS}/read`;
