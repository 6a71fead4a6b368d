// preflight's needs derived from everything an `up` does, not only what it registers: the invokes
// the offline plan records (kubeconfig, attached cluster, workspace and endpoint reads), the
// private zone link's VNet (a linked access check) and the ACME DNS-01 challenge's TXT writes in
// Azure DNS. Expected action names are Azure's, from
// https://learn.microsoft.com/azure/role-based-access-control/resource-provider-operations
// (Microsoft.ContainerService, Microsoft.MachineLearningServices, Microsoft.Network,
// Microsoft.Authorization), never read from sdk/preflight/required-actions.ts.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { runPlan } from "../sdk/offline/plan";
import { stackNeeds } from "../sdk/preflight/needs";
import { acmeAzureZones } from "../sdk/preflight/acme-zones";
import { exampleConfigs } from "./helpers/example-configs";
import { fixtures } from "./helpers/openssl-certs";

const SUB = "00000000-0000-0000-0000-000000000000";
const RG = (g: string) => `/subscriptions/${SUB}/resourceGroups/${g}`;
const EX = path.join(__dirname, "..", "examples");

async function needsOf(example: string) {
  const { plan, recorder } = await runPlan(path.join(EX, example), {
    config: exampleConfigs(fixtures())[example],
  });
  const needs = stackNeeds(plan.resources, SUB, [], {
    invocations: recorder.invocations,
    acmeAzureZones: acmeAzureZones(recorder.registrations),
  });
  return { needs, by: Object.fromEntries(needs.scopes.map((s) => [s.id, [...s.actions].sort()])) };
}

describe("preflight: what the stack's invokes and linked resources need", () => {
  it("an attached cluster (examples/existing-cluster): getManagedCluster reads it where it is", async () => {
    const { by } = await needsOf("existing-cluster");
    assert.deepEqual(by[`${RG("rg-aks")}/providers/Microsoft.ContainerService/managedClusters/prod-aks`], [
      "Microsoft.ContainerService/managedClusters/read",
    ]);
    assert.ok(
      by[`${RG("rg-ml")}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`].includes(
        "Microsoft.MachineLearningServices/workspaces/read",
      ),
    );
  });

  it("an attached kubernetes-kind cluster: the kubeconfig (listClusterUserCredential) on the cluster", () => {
    const needs = stackNeeds(
      [
        {
          op: "register",
          type: "azure-native:kubernetesconfiguration:Extension",
          name: "ml-azureml",
          inputs: { resourceGroupName: "rg-aks" },
        },
      ],
      SUB,
      [],
      {
        invocations: [
          {
            token: "azure-native:containerservice:listManagedClusterUserCredentials",
            inputs: { resourceGroupName: "rg-aks", resourceName: "prod-aks" },
          },
          {
            token: "azure-native:machinelearningservices:getOnlineDeployment",
            inputs: { resourceGroupName: "rg-ml", workspaceName: "ws-ml", endpointName: "e" },
          },
          {
            token: "azure-native:machinelearningservices:listOnlineEndpointKeys",
            inputs: { resourceGroupName: "rg-ml", workspaceName: "ws-ml", endpointName: "e" },
          },
          {
            token: "azure-native:machinelearningservices:getDatastore",
            inputs: { resourceGroupName: "rg-ml", workspaceName: "ws-ml", name: "workspaceblobstore" },
          },
          { token: "cloudflare:index/getZone:getZone", inputs: { zoneId: "z9" } },
          { token: "azure-native:authorization:getClientConfig", inputs: {} },
        ],
      },
    );
    const by = Object.fromEntries(needs.scopes.map((s) => [s.id, [...s.actions].sort()]));
    assert.deepEqual(by[`${RG("rg-aks")}/providers/Microsoft.ContainerService/managedClusters/prod-aks`], [
      "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
    ]);
    assert.deepEqual(by[`${RG("rg-ml")}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`], [
      // Sorted: "datastores" < "onlineEndpoints/deployments" < "onlineEndpoints/listKeys".
      "Microsoft.MachineLearningServices/workspaces/datastores/read",
      "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/read",
      "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action",
    ]);
    assert.deepEqual(needs.cloudflareZones, ["z9"]);
    assert.deepEqual(needs.providers, [
      "Microsoft.ContainerService",
      "Microsoft.KubernetesConfiguration",
      "Microsoft.MachineLearningServices",
    ]);
  });

  it("a new cluster (examples/quickstart): its kubeconfig is checked on its resource group, endpoints read", async () => {
    const { needs, by } = await needsOf("quickstart");
    assert.ok(
      by[RG("rg-ml")].includes("Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"),
    );
    assert.ok(
      !needs.scopes.some((s) => /managedClusters\//i.test(s.id)),
      "a cluster that does not exist yet is not a scope",
    );
    assert.ok(
      by[`${RG("rg-ml")}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`].includes(
        "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read",
      ),
    );
    assert.deepEqual(needs.cloudflareZones, ["0123456789abcdef0123456789abcdef"]);
  });

  it("examples/private-keyvault: joining the linked VNet, and reading back the subnet role", async () => {
    const { by } = await needsOf("private-keyvault");
    assert.deepEqual(by[`${RG("rg-net")}/providers/Microsoft.Network/virtualNetworks/vnet-ml`], [
      "Microsoft.Network/virtualNetworks/join/action",
    ]);
    const subnet = by[`${RG("rg-net")}/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ml`];
    assert.ok(subnet.includes("Microsoft.Authorization/roleAssignments/write"));
    assert.ok(subnet.includes("Microsoft.Authorization/roleAssignments/read"));
  });

  it("examples/azure-dns: the ACME DNS-01 TXT record in the Azure DNS zone", async () => {
    const { needs, by } = await needsOf("azure-dns");
    const zone = `${RG("rg-dns")}/providers/Microsoft.Network/dnszones/example.com`;
    for (const a of [
      "Microsoft.Network/dnszones/read",
      "Microsoft.Network/dnszones/TXT/read",
      "Microsoft.Network/dnszones/TXT/write",
      "Microsoft.Network/dnszones/TXT/delete",
      "Microsoft.Network/dnszones/A/write",
    ])
      assert.ok(by[zone]?.includes(a), `${a} on ${zone}: ${JSON.stringify(by[zone])}`);
    assert.deepEqual(needs.dnsZones, [zone]);
  });

  it("acmeAzureZones reads only the zone of an azuredns challenge (secret wire form unwrapped)", () => {
    const sig = "4dabf18193072939515e22adb298388d";
    const secret = (value: unknown) => ({ [sig]: "1b47061264138c4ac30d75fd1eb44270", value });
    assert.deepEqual(
      acmeAzureZones([
        {
          type: "acme:index/certificate:Certificate",
          inputs: {
            dnsChallenges: [
              {
                provider: "azuredns",
                config: secret({ AZURE_RESOURCE_GROUP: "rg-pub", AZURE_ZONE_NAME: "contoso.com" }),
              },
              { provider: "cloudflare", config: secret({ CLOUDFLARE_DNS_API_TOKEN: "t" }) },
            ],
          },
        },
        { type: "azure-native:dns:RecordSet", inputs: {} },
      ]),
      [{ resourceGroup: "rg-pub", zoneName: "contoso.com" }],
    );
  });
});
