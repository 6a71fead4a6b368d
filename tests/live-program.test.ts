// live/program, the live check's own Pulumi program, planned offline (the engine `plan` uses), so
// it cannot rot unseen: its assets, the component and what each measured change alters.
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { runPlan, type PlanRun } from "../sdk/offline/plan";
import { DEFAULT_SUBSCRIPTION } from "../sdk/offline/azure-model";
import { assetInvoke } from "../sdk/offline/assets-model";
import { unwrapSecrets } from "../sdk/offline/secrets";

const PROGRAM = path.resolve(__dirname, "..", "live", "program");
const STACK = "live-abc123";
const WS = `/subscriptions/${DEFAULT_SUBSCRIPTION}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`;
const BASE = {
  resourceGroupName: "rg-ml",
  workspaceName: "ws-ml",
  hostname: "live.example.com",
  location: "westeurope",
  cloudflareZoneId: "0123456789abcdef0123456789abcdef",
};

type Dict = Record<string, unknown>;
const plan = (config: Record<string, string>) =>
  runPlan(PROGRAM, { stack: STACK, config: { ...BASE, ...config } });
const inputsOf = (r: PlanRun, type: string) => unwrapSecrets(r.recorder.one(type).inputs) as Dict;

describe("live/program planned offline", function () {
  // The first plan loads the component and makes its keys: slow on a busy 2-core machine.
  this.timeout(300_000);

  it("kubernetes: makes its environment, code (score.py on the default datastore) and the component, with exact names", async () => {
    const r = await plan({});
    const mine = r.recorder.registrations
      .filter((x) => !x.parent.includes("SslMlCluster") || x.type === "ssl-ml-cluster:index:SslMlCluster")
      .map((x) => [x.type, x.name]);
    assert.deepEqual(mine.sort(), [
      ["azure-native:machinelearningservices:CodeVersion", "sml-live-abc123-code"],
      ["azure-native:machinelearningservices:EnvironmentVersion", "sml-live-abc123-env"],
      ["azure-native:storage:Blob", "sml-live-abc123-score"],
      ["ssl-ml-cluster:index:SslMlCluster", "live"],
    ]);
    const component = r.recorder.one("ssl-ml-cluster:index:SslMlCluster");
    for (const [type, name] of [
      ["azure-native:machinelearningservices:Compute", "live-compute"],
      ["azure-native:machinelearningservices:OnlineEndpoint", "live-sml-live-abc123"],
      ["azure-native:machinelearningservices:OnlineDeployment", "live-sml-live-abc123-default"],
      ["cloudflare:index/dnsRecord:DnsRecord", "live-dns"],
    ])
      assert.equal(r.recorder.one(type).name, name);
    assert.equal(
      r.recorder.one("azure-native:machinelearningservices:OnlineDeployment").parent,
      component.urn,
    );

    // The datastore read is the workspace's default one; the blob goes to its account and container.
    const ds = r.recorder.invocations.filter(
      (i) => i.token === "azure-native:machinelearningservices:getDatastore",
    );
    assert.deepEqual(
      ds.map((i) => i.inputs),
      [{ name: "workspaceblobstore", resourceGroupName: "rg-ml", workspaceName: "ws-ml" }],
    );
    const store = assetInvoke(
      "azure-native:machinelearningservices:getDatastore",
      ds[0].inputs,
      DEFAULT_SUBSCRIPTION,
    ).properties as Dict;
    const script = fs.readFileSync(path.join(PROGRAM, "score.py"));
    const folder = `ssl-ml-live/sml-live-abc123/${crypto.createHash("sha256").update(script).digest("hex").slice(0, 16)}`;
    const blob = inputsOf(r, "azure-native:storage:Blob");
    assert.equal(blob.accountName, store.accountName);
    assert.equal(blob.containerName, store.containerName);
    assert.equal(
      blob.resourceGroupName,
      "rg-ml",
      "the workspace's group when getWorkspace names no storage account",
    );
    assert.equal(blob.blobName, `${folder}/score.py`);
    assert.equal(blob.type, "Block");
    assert.equal((blob.source as Dict).path, path.join(PROGRAM, "score.py"));

    const env = inputsOf(r, "azure-native:machinelearningservices:EnvironmentVersion");
    assert.deepEqual(env, {
      name: "sml-live-abc123-env",
      version: "1",
      resourceGroupName: "rg-ml",
      workspaceName: "ws-ml",
      properties: {
        image: "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest",
        osType: "Linux",
        description: "ssl-ml-cluster live check: Azure ML's minimal CPU inference image",
        // azure-native's own defaults (EnvironmentVersionPropertiesArgs).
        autoRebuild: "Disabled",
        isAnonymous: false,
        isArchived: false,
      },
    });
    const code = inputsOf(r, "azure-native:machinelearningservices:CodeVersion");
    assert.deepEqual(code.properties, {
      codeUri: `https://${store.accountName}.blob.core.windows.net/${store.containerName}/${folder}`,
      description: "ssl-ml-cluster live check: score.py",
      isAnonymous: false,
      isArchived: false,
    });

    // The deployment runs score.py from that code asset in that environment, with no model.
    const dep = inputsOf(r, "azure-native:machinelearningservices:OnlineDeployment");
    const props = dep.properties as Dict;
    assert.equal(props.environmentId, `${WS}/environments/sml-live-abc123-env/versions/1`);
    assert.deepEqual(props.codeConfiguration, {
      codeId: `${WS}/codes/sml-live-abc123-code/versions/1`,
      scoringScript: "score.py",
    });
    assert.equal(props.model, undefined);
    assert.deepEqual(dep.sku, { name: "Default", capacity: 2 });

    // The endpoint key is read once the endpoint exists, and is a secret output.
    const keys = r.recorder.invocations.filter(
      (i) => i.token === "azure-native:machinelearningservices:listOnlineEndpointKeys",
    );
    assert.deepEqual(
      keys.map((i) => i.inputs),
      [{ endpointName: "sml-live-abc123", resourceGroupName: "rg-ml", workspaceName: "ws-ml" }],
    );
    assert.equal(r.plan.outputs.endpointKeys, "[secret]");
    assert.deepEqual(Object.keys(r.rawOutputs.endpointKeys as Dict), ["sml-live-abc123"]);
    assert.match((r.rawOutputs.endpointKeys as Record<string, string>)["sml-live-abc123"], /^[0-9a-f]{32}$/);
    assert.deepEqual(r.plan.outputs.scoringUris, {
      "sml-live-abc123": "https://live.example.com/api/v1/endpoint/sml-live-abc123/score",
    });
  });

  it("the measured changes: the environment version moves the deployment; the endpoint-only change touches the endpoint alone", async () => {
    const base = await plan({});
    const env2 = await plan({ environmentVersion: "2" });
    assert.equal(inputsOf(env2, "azure-native:machinelearningservices:EnvironmentVersion").version, "2");
    assert.equal(
      (inputsOf(env2, "azure-native:machinelearningservices:OnlineDeployment").properties as Dict)
        .environmentId,
      `${WS}/environments/sml-live-abc123-env/versions/2`,
    );

    const note = await plan({ endpointNote: "changed" });
    const byUrn = (r: PlanRun) => new Map(r.plan.resources.map((x) => [x.urn, JSON.stringify(x.inputs)]));
    const a = byUrn(base);
    const b = byUrn(note);
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    const changed = [...a.keys()].filter((u) => a.get(u) !== b.get(u));
    assert.equal(changed.length, 1, changed.join(", "));
    assert.match(
      changed[0],
      /::ssl-ml-cluster:index:SslMlCluster\$azure-native:machinelearningservices:OnlineEndpoint::live-sml-live-abc123$/,
    );
    const ep = inputsOf(note, "azure-native:machinelearningservices:OnlineEndpoint").properties as Dict;
    assert.equal(ep.description, "live check: changed");
    assert.equal(
      ep.traffic,
      undefined,
      "a plan with no endpoint on Azure (getOnlineEndpoint: 404) carries no traffic; once the deployment exists the endpoint's PUT carries {default: 100} (tests/route.test.ts)",
    );

    const code2 = await plan({ codeVersion: "2" });
    assert.deepEqual(
      (inputsOf(code2, "azure-native:machinelearningservices:OnlineDeployment").properties as Dict)
        .codeConfiguration,
      { codeId: `${WS}/codes/sml-live-abc123-code/versions/2`, scoringScript: "score.py" },
    );
  });

  it("aks: the legacy compute with services by name only, no assets; then a Microsoft-managed certificate", async () => {
    const r = await plan({ kind: "aks" });
    const types = r.recorder.registrations.map((x) => x.type);
    for (const t of [
      "azure-native:storage:Blob",
      "azure-native:machinelearningservices:EnvironmentVersion",
      "azure-native:machinelearningservices:CodeVersion",
      "azure-native:machinelearningservices:OnlineDeployment",
    ])
      assert.equal(types.includes(t), false, t);
    const compute = inputsOf(r, "azure-native:machinelearningservices:Compute");
    assert.equal(compute.computeName, "sml-live-abc123");
    assert.equal((compute.properties as Dict).computeType, "AKS");
    assert.equal(r.rawOutputs.endpointKeys, undefined);
    assert.equal(r.rawOutputs.kind, "aks");

    const mm = await plan({ kind: "aks", certificate: "microsoftManaged", leafDomainLabel: "smlabc" });
    assert.equal(mm.recorder.byType("cloudflare:index/dnsRecord:DnsRecord").length, 0);
    const ssl = (
      (inputsOf(mm, "azure-native:machinelearningservices:Compute").properties as Dict).properties as Dict
    ).sslConfiguration as Dict;
    assert.equal(ssl.status, "Auto");
    assert.equal(ssl.leafDomainLabel, "smlabc");
    assert.match(String(mm.rawOutputs.hostname), /^smlabc[0-9a-f]{6}\.westeurope\.cloudapp\.azure\.com$/);
  });

  it("createWorkspace: a workspace with its storage account and key vault, read only once made", async () => {
    const r = await plan({ createWorkspace: "true", workspaceName: "ws-new" });
    const ws = inputsOf(r, "azure-native:machinelearningservices:Workspace");
    assert.equal(ws.workspaceName, "ws-new");
    assert.equal(ws.location, "westeurope");
    assert.equal(r.recorder.byType("azure-native:storage:StorageAccount").length, 1);
    assert.equal(r.recorder.byType("azure-native:keyvault:Vault").length, 1);
    const ds = r.recorder.invocations.find(
      (i) => i.token === "azure-native:machinelearningservices:getDatastore",
    )!;
    assert.equal(ds.inputs.workspaceName, "ws-new");
  });

  it("private variant (subnetId): the cluster in the subnet, an internal front end, the record in the private zone linked to its VNet", async () => {
    const vnetId =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml";
    const subnetId = `${vnetId}/subnets/snet-live`;
    const r = await plan({
      cloudflareZoneId: "",
      hostname: "live.contoso.internal",
      subnetId,
      privateDnsZone: "contoso.internal",
      privateDnsResourceGroup: "rg-pdns",
    });
    const settings = inputsOf(r, "azure-native:kubernetesconfiguration:Extension")
      .configurationSettings as Dict;
    assert.equal(settings.internalLoadBalancerProvider, "azure");
    const pools = inputsOf(r, "azure-native:containerservice:ManagedCluster").agentPoolProfiles as Dict[];
    assert.equal(pools[0].vnetSubnetID, subnetId);
    assert.equal(inputsOf(r, "azure-native:authorization:RoleAssignment").scope, subnetId);
    const record = inputsOf(r, "azure-native:privatedns:PrivateRecordSet");
    assert.equal(record.privateZoneName, "contoso.internal");
    assert.equal(record.resourceGroupName, "rg-pdns");
    assert.equal(record.relativeRecordSetName, "live");
    const link = inputsOf(r, "azure-native:privatedns:VirtualNetworkLink");
    assert.deepEqual(link.virtualNetwork, { id: vnetId });
    assert.ok(!r.recorder.registrations.some((x) => x.type.startsWith("cloudflare:")), "no public record");
    // Without the private zone, the configuration names what is missing.
    await assert.rejects(
      plan({ cloudflareZoneId: "", subnetId }),
      /config subnetId: the private variant writes the record in an Azure Private DNS zone; set privateDnsZone and privateDnsResourceGroup/,
    );
  });

  it("a wrong configuration names its key before anything is registered", async () => {
    await assert.rejects(plan({ kind: "managed" }), {
      message:
        'config kind: "managed" is not one of kubernetes, aks; set it with pulumi config set kind kubernetes',
    });
    await assert.rejects(plan({ certificate: "microsoftManaged", leafDomainLabel: "x" }), {
      message: "config certificate: microsoftManaged exists on the aks kind only; set kind aks",
    });
    await assert.rejects(plan({ cloudflareZoneId: "" }), /config: no DNS zone; set cloudflareZoneId/);
    await assert.rejects(
      plan({ createWorkspace: "true", location: "" }),
      /config createWorkspace: a new workspace needs a region/,
    );
  });
});
