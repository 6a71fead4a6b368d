// Replacements of the routed deployment refused at preview (issue 27, part E). azure-native decides
// a replacement from the previous inputs and the new ones, and an input added or removed is a
// change like a new value (ADD_REPLACE / DELETE_REPLACE for a force-new key:
// https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/diff.go); the
// component reads the previous inputs back from the deployment's tag and compares with Azure too.
// The offline model (sdk/offline/models/online-endpoint-model.ts) keeps Azure between runs; a preview
// sends nothing to it. Fingerprints here are computed with node:crypto, not by the code under test.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { build, quickstartArgs, T } from "./helpers/component";
import { programFailure } from "./helpers/program-failure";
import { freshRuntime, resolveOutput, unwrapSecrets } from "./mocks";
import { ArgumentError } from "../sdk/errors";
import { OnlineEndpointsOnAzure } from "../sdk/offline/models/online-endpoint-model";
import {
  FORCE_NEW_TAG,
  changedForceNewInputs,
  forceNewRecord,
  isNotFound,
  parseForceNewRecord,
  replacementRefusal,
  serviceOnAzure,
  type DeploymentOnAzure,
} from "../sdk/services/route";
import type { ServiceArgs, SslMlClusterArgs } from "../sdk/types";

type Dict = Record<string, unknown>;
const WS = "ws-ml";
const h8 = (v: string) => createHash("sha256").update(v).digest("hex").slice(0, 8);
const CODE = (v: number | string) =>
  `/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml/codes/score/versions/${v}`;

describe("force-new inputs: the record and the comparison (pure)", () => {
  it("the tag: one 8-hex SHA-256 fingerprint per input, '-' when not sent; the region without case and spaces", () => {
    const record = forceNewRecord({
      location: "West Europe",
      endpointComputeType: "Kubernetes",
      codeId: CODE(1),
      scoringScript: "score.py",
    });
    assert.equal(
      record,
      `v1 location=${h8("westeurope")} endpointComputeType=${h8("Kubernetes")} codeId=${h8(CODE(1))} scoringScript=${h8("score.py")} instanceType=-`,
    );
    assert.ok(record.length <= 256, "Azure's limit for a tag value");
    assert.deepEqual(parseForceNewRecord(record), {
      location: h8("westeurope"),
      endpointComputeType: h8("Kubernetes"),
      codeId: h8(CODE(1)),
      scoringScript: h8("score.py"),
      instanceType: null,
    });
    assert.equal(FORCE_NEW_TAG, "ssl-ml-cluster-force-new", "a tag name Azure takes (no < > % & \\ ? /)");
    assert.deepEqual(parseForceNewRecord(record.replace(/ /g, "  ")), parseForceNewRecord(record));
    for (const bad of [
      undefined,
      "",
      "v2 location=-",
      "v1 location=-",
      `${record} extra=-`,
      `${record} garbage`,
      record.replace("v1", "v0"),
      record.replace("location=", "-location="),
      record.replace("instanceType=-", "instanceType=-x"),
    ]) {
      assert.equal(parseForceNewRecord(bad), undefined, String(bad));
    }
  });

  const azure = (deployment: DeploymentOnAzure) => ({ endpointTraffic: { default: 100 }, deployment });
  const base = { location: "westeurope", endpointComputeType: "Kubernetes" };
  const recorded = (inputs: Parameters<typeof forceNewRecord>[0]) =>
    parseForceNewRecord(forceNewRecord(inputs));

  it("unset → set and set → unset are changes, with or without the record", () => {
    // No code configuration on Azure, one now: an added force-new input.
    assert.deepEqual(
      changedForceNewInputs(azure(base), { ...base, codeId: CODE(1), scoringScript: "score.py" }),
      ["codeId", "scoringScript"],
    );
    // Sent last time, not now: a removed one (Azure stores the code configuration as sent).
    const withCode = { ...base, codeId: CODE(1), scoringScript: "score.py" };
    assert.deepEqual(changedForceNewInputs(azure(withCode), base), ["codeId", "scoringScript"]);
    assert.deepEqual(changedForceNewInputs(azure({ ...withCode, previous: recorded(withCode) }), base), [
      "codeId",
      "scoringScript",
    ]);
    assert.deepEqual(
      changedForceNewInputs(azure({ ...withCode, previous: recorded(withCode) }), withCode),
      [],
    );
  });

  it("instanceType: only the previous inputs tell Azure's default from a value that was sent", () => {
    // Azure holds a default the component never sent: no record, nothing sent now → no refusal.
    const filled = { ...base, instanceType: "defaultinstancetype" };
    assert.deepEqual(changedForceNewInputs(azure(filled), base), []);
    // With the record (instanceType not sent), sending that very value is an added input: replaced.
    const previous = recorded(base);
    assert.deepEqual(
      changedForceNewInputs(azure({ ...filled, previous }), { ...base, instanceType: "defaultinstancetype" }),
      ["instanceType"],
    );
    assert.deepEqual(changedForceNewInputs(azure({ ...filled, previous }), base), []);
    // Sent last time (the record says so), not now: removed.
    const sent = recorded({ ...base, instanceType: "big" });
    assert.deepEqual(changedForceNewInputs(azure({ ...base, instanceType: "big", previous: sent }), base), [
      "instanceType",
    ]);
  });

  it("the refusal: the first changed input's argument, every change listed, the fix", () => {
    const d = { ...base, codeId: CODE(1), scoringScript: "score.py" };
    const field = (f: string) => `services[2].${f}`;
    const script = replacementRefusal(field, azure(d), { ...d, scoringScript: "other.py" });
    assert.equal(script?.argument, "services[2].scoringScript");
    const both = replacementRefusal(field, { deployment: d }, base);
    assert.ok(both);
    assert.equal(both.argument, "services[2].codeId");
    assert.match(
      both.message,
      /\(codeId \/subscriptions\/.*\/versions\/1 → unset, scoringScript score\.py → unset\)/,
    );
    assert.match(both.message, /it holds 0 % of the endpoint's traffic/, "no traffic read: 0 %");
    assert.match(
      both.message,
      /add the service again under a new name with the new value, move your clients to its scoring URI, then remove the old service/,
    );
    assert.equal(replacementRefusal(field, azure(d), d), undefined);
  });

  it("isNotFound: the 404 shapes azure-native reports", () => {
    for (const msg of [
      'Status=404 Code="ResourceNotFound"',
      "RESPONSE 404: 404 Not Found",
      "GET onlineEndpoints/iris: 404 (the resource was not found)",
      "404 NotFound",
      'Code="NotFound"',
    ]) {
      assert.ok(isNotFound(new Error(msg)), msg);
    }
    for (const msg of ['Status=403 Code="AuthorizationFailed"', "404 requests throttled"]) {
      assert.ok(!isNotFound(new Error(msg)), msg);
    }
    assert.ok(isNotFound("Status=404"), "a thrown string");
  });

  it("previous inputs compare exactly (as azure-native does), Azure's values without case; regions without case or spaces", () => {
    const d = { ...base, codeId: CODE(1), scoringScript: "score.py" };
    const lower = { ...d, codeId: CODE(1).toLowerCase() };
    assert.deepEqual(changedForceNewInputs(azure(d), lower), [], "Azure alone: same ID");
    assert.deepEqual(changedForceNewInputs(azure({ ...d, previous: recorded(d) }), lower), ["codeId"]);
    assert.deepEqual(
      changedForceNewInputs(azure({ ...d, previous: recorded(d) }), { ...d, location: "West Europe" }),
      [],
    );
    assert.deepEqual(changedForceNewInputs(azure({ ...d, previous: recorded(d) }), base, ["location"]), []);
    assert.deepEqual(changedForceNewInputs({}, lower), [], "nothing on Azure: a create");
  });
});

describe("serviceOnAzure: the state the up starts from, read with azure-native's invokes", () => {
  const read = async (azure: OnlineEndpointsOnAzure) => {
    const rec = freshRuntime({ onlineEndpoints: azure });
    const parent = new pulumi.ComponentResource("test:index:Parent", "p", {});
    const out = await resolveOutput(serviceOnAzure(parent, "rg-ml", pulumi.output(WS), "iris"));
    return { out, asked: rec.invocations.map((i) => [i.token.split(":").at(-1), i.inputs]) };
  };
  const key = { resourceGroupName: "rg-ml", workspaceName: WS, endpointName: "iris" };

  it("no endpoint: {} after one GET; an endpoint without deployment: its traffic, no deployment", async () => {
    const azure = new OnlineEndpointsOnAzure();
    let r = await read(azure);
    assert.deepEqual(r.out, {});
    assert.deepEqual(r.asked, [["getOnlineEndpoint", key]]);
    azure.putEndpoint(WS, "iris", "westeurope", { authMode: "Key" });
    r = await read(azure);
    assert.deepEqual(r.out, { endpointTraffic: {}, deployment: undefined });
    assert.deepEqual(r.asked, [
      ["getOnlineEndpoint", key],
      ["getOnlineDeployment", { ...key, deploymentName: "default" }],
    ]);
  });

  it("the deployment's force-new inputs as Azure holds them, and the record of the last up", async () => {
    const azure = new OnlineEndpointsOnAzure();
    azure.putEndpoint(WS, "iris", "westeurope", {});
    const sent = {
      location: "westeurope",
      endpointComputeType: "Kubernetes",
      codeId: CODE(1),
      scoringScript: "s.py",
    };
    azure.putDeployment(
      WS,
      "iris",
      "default",
      "westeurope",
      {
        endpointComputeType: "Kubernetes",
        codeConfiguration: { codeId: CODE(1), scoringScript: "s.py" },
        instanceType: "big",
      },
      { team: "ml", [FORCE_NEW_TAG]: forceNewRecord(sent) },
    );
    azure.putEndpoint(WS, "iris", "westeurope", { traffic: { default: 100 } });
    const { out } = await read(azure);
    assert.deepEqual(out, {
      endpointTraffic: { default: 100 },
      deployment: { ...sent, instanceType: "big", previous: parseForceNewRecord(forceNewRecord(sent)) },
    });
  });
});

const svc = (extra: Partial<ServiceArgs> = {}): ServiceArgs => ({
  name: "iris",
  model: "azureml:iris:1",
  environment: "azureml:sklearn-env:1",
  ...extra,
});
const CODE_V = (v: pulumi.Input<string> | number) => ({
  scoringScript: "score.py",
  codeId: typeof v === "number" ? `azureml:score:${v}` : v,
});

/** Two ups of `first` (the second carries the route in the endpoint's own PUT): Azure after them. */
async function deployed(first: Partial<ServiceArgs>): Promise<OnlineEndpointsOnAzure> {
  const azure = new OnlineEndpointsOnAzure();
  await build(quickstartArgs({ services: [svc(first)] }), { onlineEndpoints: azure });
  await build(quickstartArgs({ services: [svc(first)] }), { onlineEndpoints: azure });
  assert.deepEqual(azure.trafficOf(WS, "iris"), { default: 100 });
  return azure;
}

/** The run fails with the refusal, naming `argument`, and sends nothing to Azure. */
async function refused(
  azure: OnlineEndpointsOnAzure,
  args: SslMlClusterArgs,
  preview: boolean,
  argument: string,
  what: RegExp,
): Promise<void> {
  const before = azure.calls.length;
  const failure = await programFailure(args, { onlineEndpoints: azure, preview });
  assert.ok(failure instanceof ArgumentError, String(failure));
  assert.equal(failure.argument, argument);
  assert.match(failure.message, what);
  assert.match(failure.message, /replaces the deployment 'default'/);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(azure.calls.slice(before), [], "nothing was sent");
  assert.deepEqual(azure.trafficOf(WS, "iris"), { default: 100 });
}

describe("deployment replacement: refused at preview when the inputs are known", function () {
  this.timeout(120_000);

  it("the deployment carries the record of what it was sent, next to the caller's tags", async () => {
    const azure = await deployed(CODE_V(1));
    const d = azure.getDeployment("s", "rg-ml", WS, "iris", "default");
    assert.deepEqual(d.tags, {
      [FORCE_NEW_TAG]: `v1 location=${h8("westeurope")} endpointComputeType=${h8("Kubernetes")} codeId=${h8(CODE(1))} scoringScript=${h8("score.py")} instanceType=-`,
    });
    const { rec } = await build(quickstartArgs({ tags: { team: "ml" }, services: [svc(CODE_V(1))] }), {
      onlineEndpoints: azure,
    });
    const tags = (unwrapSecrets(rec.one(T.deployment).inputs) as { tags: Dict }).tags;
    assert.deepEqual(tags, { team: "ml", [FORCE_NEW_TAG]: d.tags && (d.tags as Dict)[FORCE_NEW_TAG] });
  });

  for (const preview of [true, false]) {
    const run = preview ? "preview" : "up";

    it(`${run}: a new code version`, async () => {
      const azure = await deployed(CODE_V(1));
      await refused(
        azure,
        quickstartArgs({ services: [svc(CODE_V(2))] }),
        preview,
        "services[0].codeId",
        /codeId .*versions\/1 → .*versions\/2/,
      );
    });

    it(`${run}: unset → set (a scoring script and code added)`, async () => {
      const azure = await deployed({});
      await refused(
        azure,
        quickstartArgs({ services: [svc(CODE_V(1))] }),
        preview,
        "services[0].codeId",
        /codeId unset → .*versions\/1, scoringScript unset → score\.py/,
      );
    });

    it(`${run}: set → unset (the scoring script and code removed)`, async () => {
      const azure = await deployed(CODE_V(1));
      await refused(
        azure,
        quickstartArgs({ services: [svc()] }),
        preview,
        "services[0].codeId",
        /codeId .*versions\/1 → unset, scoringScript score\.py → unset/,
      );
    });

    it(`${run}: instanceType set where Azure holds its default but none was sent`, async () => {
      const azure = await deployed({});
      // Azure filling a default on its side (the model stores bodies as sent; set it as Azure would).
      const d = azure.getDeployment("s", "rg-ml", WS, "iris", "default");
      azure.putDeployment(
        WS,
        "iris",
        "default",
        String(d.location),
        { ...(d.properties as Dict), instanceType: "defaultinstancetype" },
        d.tags as Record<string, string>,
      );
      // Nothing sent, as before: no refusal (Azure's default is not a previous input).
      await build(quickstartArgs({ services: [svc()] }), { onlineEndpoints: azure, preview });
      await refused(
        azure,
        quickstartArgs({ services: [svc({ instanceType: "defaultinstancetype" })] }),
        preview,
        "services[0].instanceType",
        /instanceType defaultinstancetype → defaultinstancetype/,
      );
    });
  }

  it("a value known only in the up: the preview passes, the up refuses before the deployment's step", async () => {
    const azure = await deployed(CODE_V(1));
    // In the preview, the new code asset's ID is not known yet (e.g. a CodeVersion made in the same up).
    const unknown = pulumi.output((pulumi as unknown as { unknown: string }).unknown);
    const before = azure.calls.length;
    const { rec } = await build(quickstartArgs({ services: [svc(CODE_V(unknown))] }), {
      onlineEndpoints: azure,
      preview: true,
    });
    assert.ok(rec.byName("ml-iris-default"), "the deployment is in the preview");
    assert.deepEqual(azure.calls.slice(before), [], "a preview sends nothing");
    await refused(
      azure,
      quickstartArgs({ services: [svc(CODE_V(2))] }),
      false,
      "services[0].codeId",
      /codeId .*versions\/1 → .*versions\/2/,
    );
  });

  it("an unchanged service passes preview and up with no call", async () => {
    const azure = await deployed(CODE_V(1));
    const before = azure.calls.length;
    await build(quickstartArgs({ services: [svc(CODE_V(1))] }), { onlineEndpoints: azure, preview: true });
    await build(quickstartArgs({ services: [svc(CODE_V(1))] }), { onlineEndpoints: azure });
    assert.deepEqual(azure.calls.slice(before), []);
  });
});
