// live/program, the live check's own Pulumi program, planned offline (the engine `plan` uses), so
// it cannot rot unseen: its assets, the component and what each measured change alters.
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { runPlan, type PlanRun } from "../sdk/offline/plan";
import { DEFAULT_SUBSCRIPTION } from "../sdk/offline/models/azure-model";
import { assetInvoke } from "../sdk/offline/models/assets-model";
import { unwrapSecrets } from "../sdk/offline/secrets";
import { missingConfig } from "../sdk/cli/plan-command";
import { checkLiveConfig } from "../live/program/config";

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
/** A plan with BASE's configuration and `config` over it (a key given `undefined` is left unset). */
const plan = (config: Record<string, string | undefined>) =>
  runPlan(PROGRAM, {
    stack: STACK,
    config: Object.fromEntries(
      Object.entries({ ...BASE, ...config }).filter((kv): kv is [string, string] => kv[1] !== undefined),
    ),
  });
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
      ["pulumi-nodejs:dynamic:CodeBlob", "sml-live-abc123-score"],
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
    // Uploaded with Entra ID by the program's own provider (code-blob.ts), never with the account
    // key: no azure-native Blob, no listStorageAccountKeys (issue 27 item 8).
    const blob = inputsOf(r, "pulumi-nodejs:dynamic:CodeBlob");
    assert.equal(blob.accountUrl, `https://${store.accountName}.blob.core.windows.net`);
    assert.equal(blob.containerName, store.containerName);
    assert.equal(blob.blobName, `${folder}/score.py`);
    assert.equal(blob.contentType, "text/x-python");
    assert.equal(Buffer.from(String(blob.contentBase64), "base64").toString(), script.toString());
    assert.equal(
      blob.url,
      `https://${store.accountName}.blob.core.windows.net/${store.containerName}/${folder}/score.py`,
    );
    assert.equal(r.recorder.byType("azure-native:storage:Blob").length, 0);
    assert.deepEqual(
      r.recorder.invocations
        .filter((i) => /listStorageAccountKeys|listKeys$/i.test(i.token))
        .map((i) => i.token),
      [],
    );
    // The provider Pulumi ships with it requires packages live/program/package.json lists: the
    // Blob client, and the package's one credential chain (exported as ssl-ml-cluster/azure-credential).
    const provider = String(blob.__provider);
    assert.match(provider, /require\("@azure\/storage-blob"\)/);
    assert.match(provider, /require\("ssl-ml-cluster\/azure-credential"\)/);
    const own = JSON.parse(fs.readFileSync(path.join(PROGRAM, "..", "..", "package.json"), "utf8"));
    assert.equal(own.exports["./azure-credential"].default, "./bin/sdk/common/azure-credential.js");
    const deps = JSON.parse(fs.readFileSync(path.join(PROGRAM, "package.json"), "utf8")).dependencies;
    assert.equal(deps["@azure/storage-blob"], "~12.32.0");
    assert.ok(deps["@azure/identity"]);

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
      "pulumi-nodejs:dynamic:CodeBlob",
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
    // Without the private zone, the configuration names what is missing, both values.
    await assert.rejects(plan({ cloudflareZoneId: undefined, subnetId }), {
      name: "MissingConfigError",
      keys: ["ssl-ml-live:privateDnsZone", "ssl-ml-live:privateDnsResourceGroup"],
    });
  });

  it("a wrong configuration names its key before anything is registered", async () => {
    await assert.rejects(plan({ kind: "managed" }), {
      message:
        'config kind: "managed" is not one of kubernetes, aks; set it with pulumi config set kind kubernetes',
    });
    await assert.rejects(plan({ certificate: "microsoftManaged", leafDomainLabel: "x" }), {
      message: "config certificate: microsoftManaged exists on the aks kind only; set kind aks",
    });
    await assert.rejects(plan({ cloudflareZoneId: undefined }), {
      name: "MissingConfigError",
      keys: ["ssl-ml-live:cloudflareZoneId"],
    });
    await assert.rejects(plan({ createWorkspace: "true", location: undefined }), {
      name: "MissingConfigError",
      keys: ["ssl-ml-live:location"],
    });
  });

  it("every missing value is named in one run, as plan names them (issue 28 item 15)", async () => {
    const r = runPlan(PROGRAM, { stack: STACK, config: { kind: "kubernetes" } });
    const e = await r.then(
      () => assert.fail("planned without its configuration"),
      (x: unknown) => x as { name: string; keys: string[] },
    );
    assert.equal(e.name, "MissingConfigError");
    assert.deepEqual(e.keys, [
      "ssl-ml-live:resourceGroupName",
      "ssl-ml-live:workspaceName",
      "ssl-ml-live:hostname",
      "ssl-ml-live:cloudflareZoneId",
    ]);
    // What the plan command prints of it: every key, each with its flag.
    assert.equal(
      missingConfig(e)!.message,
      "the program needs 4 configuration values, ssl-ml-live:resourceGroupName, ssl-ml-live:workspaceName, ssl-ml-live:hostname, ssl-ml-live:cloudflareZoneId: give them with --config resourceGroupName=VALUE --config workspaceName=VALUE --config hostname=VALUE --config cloudflareZoneId=VALUE (or pulumi config set them; plan reads the plain values of Pulumi.<stack>.yaml, never its secrets)",
    );
  });
});

describe("live/program configuration under pulumi up", () => {
  const check = (values: Record<string, string>) => () => checkLiveConfig((k) => values[k], STACK);

  it("names every missing value in one message, each with its pulumi config set", () => {
    assert.throws(check({ kind: "kubernetes" }), {
      name: "LiveConfigError",
      message:
        "the live program needs 4 configuration values, resourceGroupName, workspaceName, hostname (the hostname under your DNS zone), cloudflareZoneId (or azureDnsZone and azureDnsResourceGroup: the zone the hostname is in): set them with pulumi config set resourceGroupName VALUE; pulumi config set workspaceName VALUE; pulumi config set hostname VALUE; pulumi config set cloudflareZoneId VALUE",
    });
    // The private variant, a created workspace, half an Azure DNS zone.
    const base = { resourceGroupName: "rg", workspaceName: "ws", hostname: "ml.example.com" };
    assert.throws(
      check({
        ...base,
        subnetId:
          "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
        createWorkspace: "true",
      }),
      {
        message:
          "the live program needs 3 configuration values, location (the region of the new workspace, as createWorkspace is true), privateDnsZone (the private variant, subnetId, writes the record in an Azure Private DNS zone), privateDnsResourceGroup (the private variant, subnetId, writes the record in an Azure Private DNS zone): set them with pulumi config set location VALUE; pulumi config set privateDnsZone VALUE; pulumi config set privateDnsResourceGroup VALUE",
      },
    );
    assert.throws(check({ ...base, azureDnsZone: "example.com" }), {
      message:
        "the live program needs the configuration value azureDnsResourceGroup (the resource group of the Azure DNS zone): set it with pulumi config set azureDnsResourceGroup VALUE",
    });
  });

  it("names the missing values, then every wrong one, in the same run", () => {
    assert.throws(check({ kind: "managed", certificateAlgorithm: "DSA", instanceCount: "two" }), {
      message: [
        "the live program needs 4 configuration values, resourceGroupName, workspaceName, hostname (the hostname under your DNS zone), cloudflareZoneId (or azureDnsZone and azureDnsResourceGroup: the zone the hostname is in): set them with pulumi config set resourceGroupName VALUE; pulumi config set workspaceName VALUE; pulumi config set hostname VALUE; pulumi config set cloudflareZoneId VALUE",
        'config kind: "managed" is not one of kubernetes, aks; set it with pulumi config set kind kubernetes',
        'config instanceCount: "two" is not a whole number of replicas',
        'config certificateAlgorithm: "DSA" is not one of RSA, ECDSA; set it with pulumi config set certificateAlgorithm RSA',
      ].join("\n"),
    });
  });

  it("a complete configuration passes, with its defaults", () => {
    const c = checkLiveConfig(
      (k) => ({ ...BASE, createWorkspace: "false" })[k as keyof typeof BASE | "createWorkspace"],
      STACK,
    );
    assert.deepEqual(
      [c.kind, c.certificate, c.algorithm, c.instanceCount, c.environmentVersion, c.createWorkspace],
      ["kubernetes", "selfSigned", "RSA", 2, "1", false],
    );
  });
});
