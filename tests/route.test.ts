// The traffic route across consecutive `pulumi up`s (issue 18, item 3): the offline model keeps
// Azure's online endpoints between runs with ARM's PUT semantics (sdk/offline/models/online-endpoint-model.ts),
// so these tests see what Azure would hold after each step. Expected routes come from those rules
// (a PUT replaces the endpoint, traffic included; a deployment with traffic cannot be deleted),
// not from the component.
import { strict as assert } from "node:assert";
import { build, quickstartArgs, T } from "./helpers/component";
import { programFailure } from "./helpers/program-failure";
import { unwrapSecrets } from "./mocks";
import { ArgumentError } from "../sdk/errors";
import { OnlineEndpointsOnAzure } from "../sdk/offline/models/online-endpoint-model";
import { carriedTraffic, isNotFound, replacementRefusal } from "../sdk/services/route";
import type { SslMlClusterArgs } from "../sdk/types";

type Dict = Record<string, unknown>;
const WS = "ws-ml";

/** One `pulumi up` of the quickstart against the Azure state `azure`; the ARM calls it made. */
async function up(azure: OnlineEndpointsOnAzure, extra: Partial<SslMlClusterArgs> = {}, opts = {}) {
  const before = azure.calls.length;
  const r = await build(quickstartArgs(extra), { onlineEndpoints: azure, ...opts });
  return { ...r, calls: azure.calls.slice(before) };
}

describe("traffic route: ARM PUT semantics in the offline model", () => {
  it("a PUT of the endpoint without traffic clears its route; with traffic it keeps it", () => {
    const azure = new OnlineEndpointsOnAzure();
    azure.putEndpoint(WS, "iris", "westeurope", { authMode: "Key" });
    azure.putDeployment(WS, "iris", "default", "westeurope", {});
    azure.putEndpoint(WS, "iris", "westeurope", { authMode: "Key", traffic: { default: 100 } });
    assert.deepEqual(azure.trafficOf(WS, "iris"), { default: 100 });
    azure.putEndpoint(WS, "iris", "westeurope", { authMode: "Key", description: "x" });
    assert.deepEqual(azure.trafficOf(WS, "iris"), {}, "the route is gone after a PUT without traffic");
  });

  it("refuses traffic to a deployment that does not exist, and values that do not sum to 100", () => {
    const azure = new OnlineEndpointsOnAzure();
    azure.putEndpoint(WS, "iris", "westeurope", {});
    assert.throws(
      () => azure.putEndpoint(WS, "iris", "westeurope", { traffic: { default: 100 } }),
      /Code="BadArgument".*deployment 'default', which does not exist/,
    );
    azure.putDeployment(WS, "iris", "default", "westeurope", {});
    assert.throws(
      () => azure.putEndpoint(WS, "iris", "westeurope", { traffic: { default: 50 } }),
      /sum to 100/,
    );
  });

  it("refuses to delete a deployment that holds traffic; a blue/green move is accepted", () => {
    const azure = new OnlineEndpointsOnAzure();
    azure.putEndpoint(WS, "iris", "westeurope", {});
    azure.putDeployment(WS, "iris", "default", "westeurope", {});
    azure.putEndpoint(WS, "iris", "westeurope", { traffic: { default: 100 } });
    // What a delete-first replacement of `default` would send first:
    assert.throws(() => azure.deleteDeployment(WS, "iris", "default"), /has 100 % of the traffic/);
    assert.deepEqual(azure.trafficOf(WS, "iris"), { default: 100 }, "nothing changed");
    // New deployment, traffic moved, old one deleted: the route never empty.
    azure.putDeployment(WS, "iris", "green", "westeurope", {});
    azure.putEndpoint(WS, "iris", "westeurope", { traffic: { green: 100 } });
    azure.deleteDeployment(WS, "iris", "default");
    assert.deepEqual(
      azure.calls.filter((c) => !c.refused).map((c) => Object.keys(c.traffic).length > 0),
      [false, false, true, true, true, true],
    );
  });

  it("answers getOnlineEndpoint / getOnlineDeployment as Azure: 404 until PUT, then the resource", () => {
    const azure = new OnlineEndpointsOnAzure();
    assert.throws(
      () => azure.getEndpoint("s", "rg", WS, "iris"),
      (e: Error) => isNotFound(e),
    );
    azure.putEndpoint(WS, "iris", "westeurope", { authMode: "Key" });
    assert.throws(
      () => azure.getDeployment("s", "rg", WS, "iris", "default"),
      (e: Error) => isNotFound(e),
    );
    azure.putDeployment(WS, "iris", "default", "westeurope", { endpointComputeType: "Kubernetes" });
    const d = azure.getDeployment("s", "rg", WS, "iris", "default");
    assert.equal(d.location, "westeurope");
    assert.equal((d.properties as Dict).endpointComputeType, "Kubernetes");
    assert.deepEqual((azure.getEndpoint("s", "rg", WS, "iris").properties as Dict).traffic as Dict, {});
  });
});

describe("traffic route: the component keeps it across endpoint updates", function () {
  this.timeout(60_000);

  it("first up: the endpoint has no traffic, the template sets {default: 100} once the deployment exists", async () => {
    const azure = new OnlineEndpointsOnAzure();
    const { rec, calls } = await up(azure);
    assert.equal(
      (unwrapSecrets(rec.one(T.endpoint).inputs) as { properties: Dict }).properties.traffic,
      undefined,
    );
    assert.deepEqual(
      calls.map((c) => [c.op, c.deployment ?? "", c.traffic]),
      [
        ["PUT endpoint", "", {}],
        ["PUT deployment", "default", {}],
        ["PUT endpoint", "", { default: 100 }],
      ],
    );
    const asked = rec.invocations.map((i) => i.token).filter((t) => /getOnline/.test(t));
    assert.deepEqual(
      asked,
      ["azure-native:machinelearningservices:getOnlineEndpoint"],
      "404: nothing more to ask",
    );
  });

  it("later ups: the endpoint's own PUT carries the route, so an endpoint-only change never clears it", async () => {
    const azure = new OnlineEndpointsOnAzure();
    await up(azure);
    // Second up, nothing changed by the user: the endpoint now carries the route (one PUT, same route).
    const second = await up(azure);
    assert.deepEqual(
      (unwrapSecrets(second.rec.one(T.endpoint).inputs) as { properties: Dict }).properties.traffic,
      { default: 100 },
    );
    assert.deepEqual(
      second.calls.map((c) => [c.op, c.traffic]),
      [["PUT endpoint", { default: 100 }]],
    );
    // Endpoint-only changes: tags (endpoint, deployment and template change), then the auth mode.
    for (const extra of [
      { tags: { team: "ml" } },
      {
        tags: { team: "ml" },
        services: [
          {
            name: "iris",
            model: "azureml:iris:1",
            environment: "azureml:sklearn-env:1",
            authMode: "AMLToken" as const,
          },
        ],
      },
    ]) {
      const { calls } = await up(azure, extra);
      assert.ok(
        calls.some((c) => c.op === "PUT endpoint"),
        "the endpoint was PUT",
      );
      for (const c of calls) assert.deepEqual(c.traffic, { default: 100 }, `${c.op}: the route is kept`);
    }
    // What the same endpoint PUT does without the route in its body (the code before this change:
    // ignoreChanges kept the creation's input, no traffic): the route is cleared.
    const last = azure.getEndpoint("s", "rg-ml", WS, "iris");
    const { traffic: _kept, provisioningState: _s, ...withoutRoute } = last.properties as Dict;
    azure.putEndpoint(WS, "iris", String(last.location), withoutRoute);
    assert.deepEqual(azure.trafficOf(WS, "iris"), {}, "without the fix the same PUT clears the route");
  });

  it("preview of a first create: the invoke answers 404 and the endpoint carries no traffic", async () => {
    const { rec } = await build(quickstartArgs(), { preview: true });
    assert.equal(
      (unwrapSecrets(rec.one(T.endpoint).inputs) as { properties: Dict }).properties.traffic,
      undefined,
    );
    assert.ok(
      rec.invocations.some((i) => i.token === "azure-native:machinelearningservices:getOnlineEndpoint"),
    );
  });
});

describe("deployment replacement: refused before anything is deleted", function () {
  this.timeout(60_000);

  it("carriedTraffic and replacementRefusal, pure", () => {
    assert.equal(carriedTraffic({}), undefined);
    assert.deepEqual(carriedTraffic({ endpointTraffic: {}, deployment: { location: "westeurope" } }), {
      default: 100,
    });
    const field = (f: string) => `services[0].${f}`;
    const onAzure = {
      endpointTraffic: { default: 100 },
      deployment: {
        location: "westeurope",
        endpointComputeType: "Kubernetes",
        codeId: "/subscriptions/S/codes/score/versions/1",
        scoringScript: "score.py",
        instanceType: "defaultinstancetype",
      },
    };
    const same = { ...onAzure.deployment, location: "West Europe" };
    assert.equal(replacementRefusal(field, onAzure, same), undefined, "regions compare as azure-native does");
    assert.equal(
      replacementRefusal(field, onAzure, { ...same, codeId: "/subscriptions/s/codes/score/versions/1" }),
      undefined,
      "ARM IDs compare case-insensitively",
    );
    const moved = replacementRefusal(field, onAzure, { ...same, location: "northeurope" });
    assert.ok(moved);
    assert.equal(moved.argument, "services[0].name");
    assert.match(moved.message, /location westeurope → northeurope/);
    assert.match(moved.message, /holds 100 % of the endpoint's traffic/);
    const code = replacementRefusal(field, onAzure, {
      ...same,
      codeId: "/subscriptions/S/codes/score/versions/2",
    });
    assert.equal(code?.argument, "services[0].codeId");
    assert.equal(
      replacementRefusal(field, onAzure, { ...same, instanceType: "big" })?.argument,
      "services[0].instanceType",
    );
    assert.equal(replacementRefusal(field, {}, same), undefined, "nothing on Azure: a create");
  });

  it("a change of the workspace's region fails before any ARM call", async () => {
    const azure = new OnlineEndpointsOnAzure();
    await up(azure);
    const before = azure.calls.length;
    const failure = await programFailure(quickstartArgs(), {
      onlineEndpoints: azure,
      workspaceLocation: "northeurope",
    });
    assert.ok(failure instanceof ArgumentError, String(failure));
    assert.equal(failure.argument, "services[0].name");
    assert.match(failure.message, /location westeurope → northeurope\) replaces the deployment 'default'/);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(azure.calls.slice(before), [], "no endpoint or deployment call: nothing deleted");
    assert.deepEqual(azure.trafficOf(WS, "iris"), { default: 100 });
  });

  it("a new code asset (force-new in azure-native) is refused before the deployment's step; without the refusal Azure would refuse the DELETE", async () => {
    const svc = (v: number) => ({
      name: "iris",
      model: "azureml:iris:1",
      environment: "azureml:sklearn-env:1",
      scoringScript: "score.py",
      codeId: `azureml:score:${v}`,
    });
    const azure = new OnlineEndpointsOnAzure();
    await up(azure, { services: [svc(1)] });
    await up(azure, { services: [svc(1)] }); // the route now in the endpoint's own PUT
    const before = azure.calls.length;
    const failure = await programFailure(quickstartArgs({ services: [svc(2)] }), { onlineEndpoints: azure });
    assert.ok(failure instanceof ArgumentError, String(failure));
    assert.equal(failure.argument, "services[0].codeId");
    assert.match(failure.message, /codes\/score\/versions\/1 → .*codes\/score\/versions\/2/);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(azure.calls.slice(before), [], "nothing was sent");
    // What the engine would do without the refusal: azure-native replaces delete-first.
    const last = azure.getDeployment("s", "rg-ml", WS, "iris", "default");
    const props = { ...(last.properties as Dict) };
    props.codeConfiguration = { scoringScript: "score.py", codeId: "…/codes/score/versions/2" };
    assert.throws(
      () =>
        azure.deploymentStep(
          `${T.deployment}::ml-iris-default`,
          WS,
          "iris",
          "default",
          String(last.location),
          props,
        ),
      /Deployment 'default' of endpoint 'iris' has 100 % of the traffic/,
    );
    assert.equal(azure.calls.at(-1)?.op, "DELETE deployment");
    assert.ok(azure.calls.at(-1)?.refused);
    assert.deepEqual(azure.trafficOf(WS, "iris"), { default: 100 });
  });
});
