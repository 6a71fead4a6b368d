// What each resource type the component registers needs from Azure: its resource provider, and the
// ARM actions `pulumi up` performs on it (create or update is a PUT: `.../write`; azure-native reads
// back with a GET: `.../read`). Action names are Azure's, from the resource-provider operations list:
// https://learn.microsoft.com/azure/role-based-access-control/resource-provider-operations
// (sections Microsoft.ContainerService, Microsoft.KubernetesConfiguration,
// Microsoft.MachineLearningServices, Microsoft.Resources, Microsoft.Network, Microsoft.Authorization).
// The scope says where the action is checked: the resource group, the workspace, or the DNS zone.

export type ScopeKind =
  "resourceGroup" | "workspace" | "dnsZone" | "privateDnsZone" | "roleScope" | "managedCluster";

export interface RequiredActions {
  /** The resource provider namespace that must be registered in the subscription. */
  provider: string;
  scope: ScopeKind;
  actions: string[];
  /**
   * An ID in the body that ARM checks too (a "linked access check": the caller needs `actions` on
   * the resource the body points at, or the PUT fails with LinkedAuthorizationFailed).
   */
  linked?: { path: string[]; actions: string[] };
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
    // Linking a zone to a VNet also needs the right to join that VNet (Network Contributor on it;
    // Private DNS Zone Contributor grants it too): https://learn.microsoft.com/azure/dns/dns-faq-private
    // ("You must have write operation permission on the virtual networks and the private DNS zone").
    linked: {
      path: ["virtualNetwork", "id"],
      actions: ["Microsoft.Network/virtualNetworks/join/action"],
    },
  },
  // azure-native reads the assignment back after the PUT, as for every other resource.
  "azure-native:authorization:RoleAssignment": {
    provider: "Microsoft.Authorization",
    scope: "roleScope",
    actions: [
      "Microsoft.Authorization/roleAssignments/read",
      "Microsoft.Authorization/roleAssignments/write",
    ],
  },
};

/**
 * What each invoke (a function call of a provider, `pulumi up` and preview alike) the component
 * makes needs: the kubeconfig behind the front end's Service, the attached cluster's read, the
 * workspace read and the endpoint/deployment reads of the traffic step. Keyed by the invoke token
 * the offline plan records (sdk/offline/recorder.ts, Invocation.token). Invokes that read no Azure
 * resource (authorization:getClientConfig) need nothing.
 */
export const INVOKE_ACTIONS: Record<string, RequiredActions> = {
  "azure-native:containerservice:listManagedClusterUserCredentials": {
    provider: "Microsoft.ContainerService",
    scope: "managedCluster",
    actions: ["Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"],
  },
  "azure-native:containerservice:getManagedCluster": {
    provider: "Microsoft.ContainerService",
    scope: "managedCluster",
    actions: ["Microsoft.ContainerService/managedClusters/read"],
  },
  "azure-native:machinelearningservices:getWorkspace": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/read`],
  },
  "azure-native:machinelearningservices:getOnlineEndpoint": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/onlineEndpoints/read`],
  },
  // The live check's program: the endpoint's key for its scoring call, and the default datastore.
  "azure-native:machinelearningservices:listOnlineEndpointKeys": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/onlineEndpoints/listKeys/action`],
  },
  "azure-native:machinelearningservices:getDatastore": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/datastores/read`],
  },
  "azure-native:machinelearningservices:getOnlineDeployment": {
    provider: "Microsoft.MachineLearningServices",
    scope: "workspace",
    actions: [`${MLS}/onlineEndpoints/deployments/read`],
  },
};

/**
 * The ACME DNS-01 challenge through Azure DNS: lego's azuredns provider signs in with the same
 * credentials as `pulumi up` and reads the zone, then reads, writes and deletes the TXT record set
 * `_acme-challenge` (https://go-acme.github.io/lego/dns/azuredns/; DNS Zone Contributor grants all).
 */
export const ACME_AZURE_DNS_ACTIONS = [
  "Microsoft.Network/dnszones/read",
  "Microsoft.Network/dnszones/TXT/read",
  "Microsoft.Network/dnszones/TXT/write",
  "Microsoft.Network/dnszones/TXT/delete",
];

/** On a subnet the cluster is placed in, its identity needs what Network Contributor grants for it. */
export const SUBNET_ACTIONS = [
  "Microsoft.Network/virtualNetworks/subnets/join/action",
  "Microsoft.Network/virtualNetworks/subnets/read",
];

/** Reading the workspace (getWorkspace) is needed even when nothing in it is created. */
export const WORKSPACE_READ = `${MLS}/read`;
