// The traffic template (issue 22, item 3 and the template mutants): every user string reaches the
// endpoint as written (ARM evaluates `[…]`, `[[` escapes it), the PUT repeats the endpoint's tags,
// identity and API version, and the ARM deployment's name differs per project and stack.
// Expected values are literals: ARM's documented escape examples, sha256sum output, azure-native's
// own API version.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { settle, unwrapSecrets } from "./mocks";
import { quickstartArgs, T } from "./helpers/component";
import { setupOfflineRuntime, OfflineRuntimeOptions } from "../sdk/offline/runtime";
import { checkTemplateResource, evaluateArm } from "../sdk/offline/models/arm-template";
import { DEFAULT_SUBSCRIPTION } from "../sdk/offline/models/azure-model";
import { armLiteral, armLiterals } from "../sdk/services/arm-literal";
import { SslMlCluster } from "../sdk/component";
import type { SslMlClusterArgs } from "../sdk/types";

type Dict = Record<string, unknown>;

async function buildWithModel(args: SslMlClusterArgs, options: OfflineRuntimeOptions = {}) {
  const { recorder: rec, model } = setupOfflineRuntime(options);
  const c = new SslMlCluster("ml", args);
  await settle(rec, { computeId: c.computeId, scoringUris: c.scoringUris, dnsRecord: c.dnsRecord });
  const traffic = unwrapSecrets(rec.one(T.traffic).inputs) as { properties: { template: Dict } };
  const [resource] = traffic.properties.template.resources as Dict[];
  return { rec, model, resource };
}

describe("ARM literals: what ARM's escape rule needs", () => {
  it("follows the documented examples: [[test value] for [test value]; [test] value stays", () => {
    // https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#escape-characters
    assert.equal(armLiteral("[test value]"), "[[test value]");
    assert.equal(armLiteral("[test] value"), "[test] value");
    assert.equal(armLiteral("[subscription().subscriptionId]"), "[[subscription().subscriptionId]");
    assert.equal(armLiteral("[]"), "[[]");
    assert.equal(armLiteral("[[already]"), "[[[already]");
    for (const s of ["", "[", "]", "a[b]", "plain", "x]"]) assert.equal(armLiteral(s), s);
  });
  it("escapes every string and property name, at any depth, and leaves other values alone", () => {
    const value = { "[k]": ["[a]", { "[b]": "[c]", n: 1, t: true, z: null }], plain: "v" };
    assert.deepEqual(armLiterals(value), {
      "[[k]": ["[[a]", { "[[b]": "[[c]", n: 1, t: true, z: null }],
      plain: "v",
    });
    assert.deepEqual(value["[k]"][0], "[a]", "the input is not changed");
  });
  it("the offline model reads them back as ARM does (the oracle can fail)", () => {
    const scope = { subscriptionId: "sub-guid", resourceGroup: "rg-x" };
    const original = { "[k]": "[subscription().subscriptionId]", deep: ["[x] y", { "[": "]" }] };
    assert.deepEqual(evaluateArm(armLiterals(original), scope), original);
    // Unescaped, ARM evaluates the expressions (values and property names).
    assert.deepEqual(evaluateArm({ "[resourceGroup().name]": "[subscription().subscriptionId]" }, scope), {
      "rg-x": "sub-guid",
    });
    assert.throws(() => evaluateArm("[concat('a')]", scope), /InvalidTemplate.*not modelled/);
  });
  it("the offline model refuses a resource without an API version or with an unknown identity type", () => {
    const r = { type: "t", name: "n", apiVersion: "2025-12-01", identity: { type: "SystemAssigned" } };
    assert.doesNotThrow(() => checkTemplateResource(r));
    assert.throws(() => checkTemplateResource({ ...r, apiVersion: "" }), /no valid apiVersion/);
    assert.throws(() => checkTemplateResource({ ...r, apiVersion: undefined }), /no valid apiVersion/);
    assert.throws(() => checkTemplateResource({ ...r, identity: { type: "" } }), /identity type ""/);
  });
});

describe("traffic template: no expression injection through tags (issue 22, item 3)", function () {
  this.timeout(60_000);
  const tags = {
    team: "[subscription().subscriptionId]",
    "[resourceGroup().name]": "key-as-expression",
    note: "[kept] as is",
    plain: "ml",
  };
  let built: Awaited<ReturnType<typeof buildWithModel>>;
  before(async () => {
    built = await buildWithModel(quickstartArgs({ tags }));
  });

  it("the template holds ARM literals: [[subscription()… and [[resourceGroup()… as a key", () => {
    assert.deepEqual(built.resource.tags, {
      team: "[[subscription().subscriptionId]",
      "[[resourceGroup().name]": "key-as-expression",
      note: "[kept] as is",
      plain: "ml",
    });
  });
  it("the endpoint receives each tag as written, as the endpoint resource itself sends it", () => {
    const endpoint = built.model.templateEndpoints.iris;
    assert.deepEqual(endpoint.tags, tags);
    assert.notEqual((endpoint.tags as Dict).team, DEFAULT_SUBSCRIPTION);
    assert.deepEqual(unwrapSecrets(built.rec.one(T.endpoint).inputs.tags), tags);
  });
  it("the template's PUT is the endpoint resource's body plus the route, after ARM read it", () => {
    const ep = unwrapSecrets(built.rec.one(T.endpoint).inputs) as Dict;
    const put = built.model.templateEndpoints.iris;
    assert.equal(put.name, "ws-ml/iris");
    assert.equal(put.location, "westeurope");
    assert.deepEqual(put.identity, ep.identity);
    assert.deepEqual(put.properties, { ...(ep.properties as Dict), traffic: { default: 100 } });
  });
});

describe("traffic template: what the PUT must repeat (the mutants of issue 22)", function () {
  this.timeout(60_000);

  it("the endpoint's tags: a PUT without them would strip them", async () => {
    const { resource, model } = await buildWithModel(quickstartArgs({ tags: { env: "prod", owner: "ml" } }));
    assert.deepEqual(resource.tags, { env: "prod", owner: "ml" });
    assert.deepEqual(model.templateEndpoints.iris.tags, { env: "prod", owner: "ml" });
  });
  it("no tags at all: none are sent", async () => {
    const { resource } = await buildWithModel(quickstartArgs());
    assert.equal("tags" in resource, false);
  });
  it("identity SystemAssigned, as the endpoint resource has it", async () => {
    const { resource } = await buildWithModel(quickstartArgs());
    assert.deepEqual(resource.identity, { type: "SystemAssigned" });
  });
  it("the API version azure-native 3.x uses for the endpoint: 2025-12-01", async () => {
    const { resource } = await buildWithModel(quickstartArgs());
    assert.equal(resource.apiVersion, "2025-12-01");
    assert.equal(resource.type, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints");
    // The same as azure-native's own OnlineEndpoint says it uses.
    const js = fs.readFileSync(
      path.join(
        path.dirname(require.resolve("@pulumi/azure-native/package.json")),
        "machinelearningservices",
        "onlineEndpoint.js",
      ),
      "utf8",
    );
    assert.equal(/Uses Azure REST API version (\S+?)\./.exec(js)?.[1], "2025-12-01");
  });

  // Two stacks (or projects) deploying into one resource group must not share an ARM deployment.
  // The name is <service>-traffic-<first 10 hex of sha256("<project>/<stack>/<component>/<service>")>:
  //   printf '%s' ssl-ml-cluster/dev/ml/iris  | sha256sum | cut -c1-10   -> 63492e45d2
  //   printf '%s' ssl-ml-cluster/prod/ml/iris | sha256sum | cut -c1-10   -> 72fcba660f
  //   printf '%s' other-project/dev/ml/iris   | sha256sum | cut -c1-10   -> e29bded1b3
  const names: [OfflineRuntimeOptions, string][] = [
    [{}, "iris-traffic-63492e45d2"],
    [{ stack: "prod" }, "iris-traffic-72fcba660f"],
    [{ project: "other-project" }, "iris-traffic-e29bded1b3"],
  ];
  for (const [options, expected] of names) {
    it(`deployment name ${expected} for ${JSON.stringify(options)}`, async () => {
      const { rec } = await buildWithModel(quickstartArgs(), options);
      assert.equal(rec.one(T.traffic).inputs.deploymentName, expected);
    });
  }
});
