// Every ML and extension body the component registers, checked against Microsoft's generated ARM
// models (see tests/helpers/arm-models.ts): required properties, patterns and types as the Azure
// SDKs enforce them, and no property that the model does not know (it would be dropped or refused).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runPlan } from "../sdk/offline/plan";
import { unwrapSecrets, Recorder } from "./mocks";
import { build, quickstartArgs, T } from "./helpers/component";
import { fixtures } from "./helpers/openssl-certs";
import { exampleConfigs } from "./helpers/example-configs";
import { armModels, ArmModels, leafPaths } from "./helpers/arm-models";

type Dict = Record<string, unknown>;

const pick = (o: Dict, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

interface Body {
  what: string;
  model: "ml" | "k8sConfig";
  mapper: string;
  body: Dict;
}

/** The ARM request bodies behind the registrations (path parameters removed, as azure-native sends them). */
export function armBodies(rec: Recorder): Body[] {
  const out: Body[] = [];
  for (const r of rec.registrations.filter((x) => x.op === "register")) {
    const inputs = unwrapSecrets(r.inputs) as Dict;
    const what = `${r.type} ${r.name}`;
    const tracked = ["location", "identity", "properties", "tags", "kind", "sku"];
    switch (r.type) {
      case T.compute:
        out.push({ what, model: "ml", mapper: "ComputeResource", body: pick(inputs, tracked) });
        break;
      case T.endpoint:
        out.push({ what, model: "ml", mapper: "OnlineEndpoint", body: pick(inputs, tracked) });
        break;
      case T.deployment:
        out.push({ what, model: "ml", mapper: "OnlineDeployment", body: pick(inputs, tracked) });
        break;
      case T.ext: {
        const body = { ...inputs };
        for (const k of [
          "resourceGroupName",
          "clusterRp",
          "clusterResourceName",
          "clusterName",
          "extensionName",
        ])
          delete body[k];
        out.push({ what, model: "k8sConfig", mapper: "Extension", body });
        break;
      }
      case T.traffic: {
        const template = ((inputs.properties as Dict).template ?? {}) as Dict;
        for (const res of (template.resources as Dict[]) ?? []) {
          assert.equal(res.type, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", what);
          out.push({
            what: `${what} (template)`,
            model: "ml",
            mapper: "OnlineEndpoint",
            body: pick(res, tracked),
          });
        }
        break;
      }
    }
  }
  return out;
}

function check(models: ArmModels, b: Body): void {
  const serializer = b.model === "ml" ? models.mlSerializer : models.k8sConfigSerializer;
  const mapper = (b.model === "ml" ? models.ml : models.k8sConfig)[b.mapper];
  assert.ok(mapper, `no mapper ${b.mapper}`);
  let serialized: unknown;
  try {
    serialized = serializer.serialize(mapper as never, b.body, "body");
  } catch (e) {
    assert.fail(`${b.what}: Microsoft's ${b.mapper} model refuses the body: ${(e as Error).message}`);
  }
  // The extension model is flattened (`properties.extensionType` in ARM is `extensionType` in the
  // SDK object, as in azure-native's inputs): compare on the SDK side.
  const flattened = b.mapper === "Extension";
  const kept = new Set(leafPaths(serialized).map((p) => (flattened ? p.replace(/^properties\./, "") : p)));
  const dropped = leafPaths(b.body).filter((p) => !kept.has(p));
  assert.deepEqual(dropped, [], `${b.what}: properties unknown to ${b.mapper}`);
}

describe("conformance: bodies as Microsoft's ARM models accept them", function () {
  this.timeout(120_000);
  let models: ArmModels;
  before(async () => {
    models = await armModels();
  });

  it("the oracle can fail: a missing required property, a broken pattern, an unknown field", () => {
    const ep = {
      location: "westeurope",
      identity: { type: "SystemAssigned" },
      properties: { authMode: "Key", compute: "/x" },
    };
    assert.doesNotThrow(() => check(models, { what: "ok", model: "ml", mapper: "OnlineEndpoint", body: ep }));
    const noAuth = { ...ep, properties: { compute: "/x" } };
    assert.throws(
      () => check(models, { what: "no authMode", model: "ml", mapper: "OnlineEndpoint", body: noAuth }),
      /authMode.*cannot be null or undefined/,
    );
    const badName = {
      location: "w",
      sku: { name: "Default", capacity: 1 },
      properties: { endpointComputeType: "Kubernetes" },
    };
    assert.doesNotThrow(() =>
      check(models, { what: "dep", model: "ml", mapper: "OnlineDeployment", body: badName }),
    );
    const typo = { ...ep, properties: { authMode: "Key", compute: "/x", trafic: { a: 1 } } };
    assert.throws(
      () => check(models, { what: "typo", model: "ml", mapper: "OnlineEndpoint", body: typo }),
      /properties unknown to OnlineEndpoint[\s\S]*properties\.trafic\.a/,
    );
  });

  const f = fixtures();
  const exampleConfig = exampleConfigs(f);

  it("covers every TypeScript example", () => {
    const dir = path.join(__dirname, "..", "examples");
    const programs = fs
      .readdirSync(dir)
      .filter((d) => fs.existsSync(path.join(dir, d, "index.ts")))
      .sort();
    assert.ok(programs.length >= 4);
    assert.deepEqual(programs, Object.keys(exampleConfig).sort());
  });

  for (const [example, config] of Object.entries(exampleConfig)) {
    it(`examples/${example}: every ML and extension body`, async () => {
      const run = await runPlan(path.join(__dirname, "..", "examples", example), { config });
      const bodies = armBodies(run.recorder);
      // Managed endpoints have no compute (their Front Door bodies: tests/managed-conformance.test.ts).
      assert.ok(
        bodies.some(
          (b) => b.mapper === (example === "managed-frontdoor" ? "OnlineDeployment" : "ComputeResource"),
        ),
        "a compute (or a managed deployment) was checked",
      );
      for (const b of bodies) check(models, b);
    });
  }

  it("kubernetes kind with every service field: compute, extension, endpoint, deployment, traffic", async () => {
    const { rec } = await build(
      quickstartArgs({
        services: [
          {
            name: "full",
            model: "azureml://registries/azureml/models/iris/versions/3",
            environment: "azureml:sklearn-env:2",
            codeId: "azureml:code:5",
            scoringScript: "score.py",
            instanceType: "defaultinstancetype",
            instanceCount: 2,
            authMode: "AMLToken",
          },
        ],
      }),
    );
    const bodies = armBodies(rec);
    assert.deepEqual(bodies.map((b) => b.mapper).sort(), [
      "ComputeResource",
      "Extension",
      "OnlineDeployment",
      "OnlineEndpoint",
      "OnlineEndpoint",
    ]);
    for (const b of bodies) check(models, b);
  });

  it("kubernetes kind, private front end: the extension body with internalLoadBalancerProvider", async () => {
    const { rec } = await build(
      quickstartArgs({
        network: {
          internalLoadBalancer: true,
          subnetId:
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-ml",
        },
      }),
    );
    const bodies = armBodies(rec);
    const ext = bodies.find((b) => b.mapper === "Extension")!;
    assert.equal((ext.body.configurationSettings as Dict).internalLoadBalancerProvider, "azure");
    for (const b of bodies) check(models, b);
    // As azure-ai-ml's KubernetesCompute._to_rest_object: computeLocation = the compute's location.
    const compute = bodies.find((b) => b.mapper === "ComputeResource")!;
    assert.equal((compute.body.properties as Dict).computeLocation, compute.body.location);
    assert.equal((compute.body.properties as Dict).computeType, "Kubernetes");
  });

  for (const [attach, internal] of [
    [false, true],
    [true, true],
    [false, false],
  ]) {
    it(`aks kind (${attach ? "attached" : "new"} cluster), ${internal ? "internal" : "public"} load balancer: loadBalancerType / loadBalancerSubnet`, async () => {
      const { rec } = await build(
        quickstartArgs({
          cluster: attach
            ? {
                kind: "aks",
                existingClusterId:
                  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1",
              }
            : { kind: "aks" },
          network: internal
            ? {
                internalLoadBalancer: true,
                subnetId:
                  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-ilb",
              }
            : { internalLoadBalancer: false },
          services: [{ name: "svc" }],
        }),
      );
      const [b] = armBodies(rec);
      check(models, b);
      const inner = (b.body.properties as Dict).properties as Dict;
      // The model types loadBalancerType as a string; its known values are the SDK's enum.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { KnownLoadBalancerType } = require("@azure/arm-machinelearning") as {
        KnownLoadBalancerType: Record<string, string>;
      };
      assert.ok(Object.values(KnownLoadBalancerType).includes(String(inner.loadBalancerType)));
      assert.equal(inner.loadBalancerType, internal ? "InternalLoadBalancer" : "PublicIp");
      assert.equal(inner.loadBalancerSubnet, internal ? "snet-ilb" : undefined);
      // A new cluster in the subnet: the networking configuration azureml-core sends (checked above
      // against the SDK's AksNetworkingConfiguration mapper, its patterns included).
      assert.deepEqual(
        inner.aksNetworkingConfiguration,
        internal && !attach
          ? {
              subnetId:
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-ilb",
              serviceCidr: "10.0.0.0/16",
              dnsServiceIP: "10.0.0.10",
              dockerBridgeCidr: "172.17.0.1/16",
            }
          : undefined,
      );
    });
  }

  for (const attach of [false, true]) {
    it(`aks kind (${attach ? "attached" : "new"} cluster): the AKS compute body`, async () => {
      const { rec } = await build(
        quickstartArgs({
          cluster: attach
            ? {
                kind: "aks",
                existingClusterId:
                  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1",
              }
            : { kind: "aks" },
          services: [{ name: "svc" }],
        }),
      );
      const bodies = armBodies(rec);
      assert.deepEqual(
        bodies.map((b) => b.mapper),
        ["ComputeResource"],
      );
      for (const b of bodies) check(models, b);
    });
  }
});
