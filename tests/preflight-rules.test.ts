// preflight's pure parts: Azure's evaluation of effective permissions, and what a stack needs from
// its planned resources. Expected action names are Azure's
// (https://learn.microsoft.com/azure/role-based-access-control/resource-provider-operations), the
// evaluation rules those of https://learn.microsoft.com/azure/role-based-access-control/role-definitions
// (wildcards, NotActions subtracted from the same role's Actions, case-insensitive).
import { strict as assert } from "node:assert";
import { isActionAllowed, missingActions, operationMatches } from "../sdk/preflight/permissions";
import { stackNeeds, PlannedResourceLike } from "../sdk/preflight/needs";
import { parseArmId } from "../sdk/preflight/check";

describe("preflight: effective permissions as Azure evaluates them", () => {
  it("wildcards match any run of characters, case-insensitively", () => {
    assert.equal(operationMatches("*", "Microsoft.Resources/deployments/write"), true);
    assert.equal(operationMatches("Microsoft.Resources/*", "microsoft.resources/DEPLOYMENTS/write"), true);
    assert.equal(operationMatches("*/read", "Microsoft.Network/dnszones/A/read"), true);
    assert.equal(operationMatches("*/read", "Microsoft.Network/dnszones/A/write"), false);
    assert.equal(
      operationMatches("Microsoft.Network/dnszones/*/write", "Microsoft.Network/dnszones/A/write"),
      true,
    );
    // A dot is a dot, not "any character".
    assert.equal(
      operationMatches("Microsoft.Resources/deployments/write", "MicrosoftXResources/deployments/write"),
      false,
    );
    assert.equal(
      operationMatches("Microsoft.Resources/deployments", "Microsoft.Resources/deployments/write"),
      false,
    );
  });

  it("Owner/Contributor-like: actions * allows everything; Contributor's notActions remove role assignments", () => {
    // Contributor's definition (built-in role b24988ac-6180-42a0-ab88-20f7382dd24c).
    const contributor = {
      actions: ["*"],
      notActions: [
        "Microsoft.Authorization/*/Delete",
        "Microsoft.Authorization/*/Write",
        "Microsoft.Authorization/elevateAccess/Action",
      ],
    };
    assert.equal(isActionAllowed([contributor], "Microsoft.Resources/deployments/write"), true);
    assert.equal(isActionAllowed([contributor], "Microsoft.Authorization/roleAssignments/write"), false);
  });

  it("a notActions entry removes a needed action even under *", () => {
    const entries = [{ actions: ["*"], notActions: ["Microsoft.Resources/deployments/write"] }];
    assert.deepEqual(
      missingActions(entries, [
        "Microsoft.Resources/deployments/read",
        "Microsoft.Resources/deployments/write",
      ]),
      ["Microsoft.Resources/deployments/write"],
    );
  });

  it("another role's actions still grant what one role's notActions exclude (NotActions are not deny)", () => {
    const entries = [
      { actions: ["*"], notActions: ["Microsoft.Resources/deployments/write"] },
      { actions: ["Microsoft.Resources/deployments/*"], notActions: [] },
    ];
    assert.deepEqual(missingActions(entries, ["Microsoft.Resources/deployments/write"]), []);
    assert.deepEqual(missingActions([], ["Microsoft.Resources/deployments/write"]), [
      "Microsoft.Resources/deployments/write",
    ]);
  });
});

const SUB = "00000000-0000-0000-0000-0000000000aa";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-ml`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`;
const SUBNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/aks`;

/** The shapes `plan --json` prints for the quickstart plus a private zone and a subnet. */
const RESOURCES: PlannedResourceLike[] = [
  {
    op: "register",
    type: "azure-native:containerservice:ManagedCluster",
    name: "ml-aks",
    inputs: {
      agentPoolProfiles: [{ count: 3, vmSize: "Standard_D4s_v3", vnetSubnetID: SUBNET }],
      identity: { type: "SystemAssigned" },
      location: "westeurope",
      resourceGroupName: "rg-ml",
    },
  },
  {
    op: "register",
    type: "azure-native:kubernetesconfiguration:Extension",
    name: "ml-azureml",
    inputs: { resourceGroupName: "rg-ml" },
  },
  {
    op: "register",
    type: "azure-native:machinelearningservices:Compute",
    name: "ml-compute",
    inputs: {
      resourceGroupName: "rg-ml",
      workspaceName: "ws-ml",
      location: "westeurope",
      properties: { computeType: "Kubernetes" },
    },
  },
  {
    op: "register",
    type: "azure-native:machinelearningservices:OnlineEndpoint",
    name: "ml-iris",
    inputs: { resourceGroupName: "rg-ml", workspaceName: "ws-ml" },
  },
  {
    op: "register",
    type: "azure-native:machinelearningservices:OnlineDeployment",
    name: "ml-iris-default",
    inputs: { resourceGroupName: "rg-ml", workspaceName: "ws-ml" },
  },
  {
    op: "register",
    type: "azure-native:resources:Deployment",
    name: "ml-iris-traffic",
    inputs: { resourceGroupName: "rg-ml" },
  },
  {
    op: "register",
    type: "azure-native:privatedns:PrivateRecordSet",
    name: "ml-dns",
    inputs: { resourceGroupName: "rg-dns", privateZoneName: "contoso.internal", recordType: "A" },
  },
  { op: "register", type: "cloudflare:index/dnsRecord:DnsRecord", name: "ml-dns2", inputs: { zoneId: "z1" } },
  { op: "read", type: "kubernetes:core/v1:Service", name: "ml-azureml-fe", inputs: {} },
  { op: "register", type: "tls:index/privateKey:PrivateKey", name: "ml-key", inputs: {} },
];

describe("preflight: what a stack needs, from its planned resources", () => {
  const needs = stackNeeds(RESOURCES, SUB, [
    { vaultUri: "https://kv.vault.azure.net/", certificateName: "tls" },
  ]);

  it("the resource providers of every Azure type it creates", () => {
    assert.deepEqual(needs.providers, [
      "Microsoft.ContainerService",
      "Microsoft.KubernetesConfiguration",
      "Microsoft.MachineLearningServices",
      "Microsoft.Network",
      "Microsoft.Resources",
    ]);
  });

  it("the actions on each scope: resource group, workspace, private zone, subnet", () => {
    const by = Object.fromEntries(needs.scopes.map((s) => [s.id, [...s.actions].sort()]));
    assert.deepEqual(
      Object.keys(by).sort(),
      [
        `/subscriptions/${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/contoso.internal`,
        RG,
        WS,
        SUBNET,
      ].sort(),
    );
    assert.deepEqual(by[RG], [
      "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
      "Microsoft.ContainerService/managedClusters/read",
      "Microsoft.ContainerService/managedClusters/write",
      "Microsoft.KubernetesConfiguration/extensions/read",
      "Microsoft.KubernetesConfiguration/extensions/write",
      "Microsoft.Resources/deployments/read",
      "Microsoft.Resources/deployments/write",
    ]);
    assert.deepEqual(by[WS], [
      "Microsoft.MachineLearningServices/workspaces/computes/read",
      "Microsoft.MachineLearningServices/workspaces/computes/write",
      "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/read",
      "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write",
      "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read",
      "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write",
      "Microsoft.MachineLearningServices/workspaces/read",
    ]);
    assert.deepEqual(
      by[
        `/subscriptions/${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/contoso.internal`
      ],
      ["Microsoft.Network/privateDnsZones/A/read", "Microsoft.Network/privateDnsZones/A/write"],
    );
    assert.deepEqual(by[SUBNET], [
      "Microsoft.Network/virtualNetworks/subnets/join/action",
      "Microsoft.Network/virtualNetworks/subnets/read",
    ]);
  });

  it("the workspace, zones, Key Vault secrets, subnets and node pools", () => {
    assert.deepEqual(needs.workspace, {
      resourceGroup: "rg-ml",
      name: "ws-ml",
      id: WS,
      location: "westeurope",
    });
    assert.deepEqual(needs.cloudflareZones, ["z1"]);
    assert.equal(needs.dnsZones.length, 1);
    assert.deepEqual(needs.keyVaults, [
      { vaultUri: "https://kv.vault.azure.net/", certificateName: "tls", version: undefined },
    ]);
    assert.deepEqual(needs.subnets, [
      // AKS's default service range when the body sends none (ContainerServiceNetworkProfile.serviceCidr).
      { id: SUBNET, identityMadeByStack: true, from: "ManagedCluster ml-aks", serviceCidr: "10.0.0.0/16" },
    ]);
    assert.deepEqual(needs.nodePools, [
      { location: "westeurope", vmSize: "Standard_D4s_v3", count: 3, from: "ManagedCluster ml-aks" },
    ]);
  });

  it("a legacy AKS compute asks for its agent pool; reads and unknown types ask for nothing", () => {
    const legacy = stackNeeds(
      [
        {
          op: "register",
          type: "azure-native:machinelearningservices:Compute",
          name: "legacy-compute",
          inputs: {
            resourceGroupName: "rg",
            workspaceName: "ws",
            location: "westeurope",
            properties: {
              computeType: "AKS",
              computeLocation: "northeurope",
              properties: { agentCount: 4, agentVmSize: "Standard_D3_v2" },
            },
          },
        },
      ],
      SUB,
    );
    assert.deepEqual(legacy.providers, ["Microsoft.ContainerService", "Microsoft.MachineLearningServices"]);
    assert.deepEqual(legacy.nodePools, [
      { location: "northeurope", vmSize: "Standard_D3_v2", count: 4, from: "Compute legacy-compute" },
    ]);
    assert.deepEqual(stackNeeds(RESOURCES.slice(8), SUB).scopes, []);
  });

  it("parses ARM IDs into listForResource's arguments", () => {
    assert.deepEqual(parseArmId(SUBNET), {
      subscriptionId: SUB,
      resourceGroup: "rg-net",
      provider: "Microsoft.Network",
      parentPath: "virtualNetworks/vnet-ml",
      type: "subnets",
      name: "aks",
    });
    assert.deepEqual(parseArmId(RG), {
      subscriptionId: SUB,
      resourceGroup: "rg-ml",
      parentPath: "",
      type: "",
      name: "",
    });
    assert.equal(parseArmId("/subscriptions/x"), undefined);
  });
});

describe("preflight: a stack that makes its own workspace", () => {
  it("the workspace is not read, and what is done in it is checked on its resource group", () => {
    const needs = stackNeeds(
      [
        {
          op: "register",
          type: "azure-native:machinelearningservices:Workspace",
          name: "live-ws",
          inputs: { resourceGroupName: "rg-ml", workspaceName: "ws-new", location: "westeurope" },
        },
        {
          op: "register",
          type: "azure-native:machinelearningservices:OnlineEndpoint",
          name: "ep",
          inputs: { resourceGroupName: "rg-ml", workspaceName: "ws-new" },
        },
      ],
      SUB,
    );
    assert.equal(needs.workspace?.madeByStack, true);
    assert.deepEqual(
      needs.scopes.map((s) => s.id),
      [RG],
    );
    assert.ok(needs.scopes[0].actions.includes("Microsoft.MachineLearningServices/workspaces/write"));
    assert.ok(
      needs.scopes[0].actions.includes("Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write"),
    );
  });
});
