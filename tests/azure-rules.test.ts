// One test per rule of "What Azure receives" (docs/what-azure-receives.md): asset IDs, environment and code, traffic,
// regions, legacy compute rules, Cloudflare TTLs, key types and the extension's own strings.
// Expected values are literals from Azure's docs and from the az CLI's source, not from the code.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentError } from "../sdk/errors";
import { assetArmId, parseAssetReference } from "../sdk/services/assets";
import { validateArgs } from "../sdk/validation/args";
import { vmSizeVcpus } from "../sdk/cluster/vm-sizes";
import { attachedClusterPurpose } from "../sdk/cluster/aks";
import { defaultComputeName } from "../sdk/cluster/resource-id";
import type { SslMlClusterArgs } from "../sdk/types";
import { build, quickstartArgs, T } from "./helpers/component";
import { unwrapSecrets } from "./mocks";

const WS =
  "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml";
const ZONE = "0123456789abcdef0123456789abcdef";

function throwsArg(fn: () => unknown, argument: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ArgumentError, `an ArgumentError, got ${String(e)}`);
    assert.equal(e.argument, argument);
    assert.match(e.message, message);
    return true;
  });
}

const base = (extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs => ({
  hostname: "ml.example.com",
  resourceGroupName: "rg",
  workspaceName: "ws-ml",
  certificate: { selfSigned: {} },
  ...extra,
});

describe("rule: asset references as azure-ai-ml reads them", () => {
  it("expands azureml:<name>:<version> against the workspace's ARM ID", () => {
    const ref = parseAssetReference("m", "azureml:iris-model:12", "models");
    assert.equal(assetArmId(ref, "models", WS), `${WS}/models/iris-model/versions/12`);
    const env = parseAssetReference("e", "azureml:sklearn_env.v2:1.0", "environments");
    assert.equal(assetArmId(env, "environments", WS), `${WS}/environments/sklearn_env.v2/versions/1.0`);
  });

  it("passes a curated environment (azureml:AzureML-<name>:<v>) through, as azure-ai-ml does", () => {
    const curated = "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:1";
    assert.equal(assetArmId(parseAssetReference("e", curated, "environments"), "environments", WS), curated);
    // Only environments are curated: a model named AzureML-x is a workspace model.
    assert.equal(
      assetArmId(parseAssetReference("m", "azureml:AzureML-x:1", "models"), "models", WS),
      `${WS}/models/AzureML-x/versions/1`,
    );
  });

  it("passes ARM IDs (with or without azureml: and the leading /) and registry IDs through", () => {
    const arm =
      "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/other/providers/Microsoft.MachineLearningServices/workspaces/ws-2/models/m/versions/3";
    assert.equal(assetArmId(parseAssetReference("m", arm, "models"), "models", WS), arm);
    assert.equal(assetArmId(parseAssetReference("m", `azureml:${arm}`, "models"), "models", WS), arm);
    assert.equal(assetArmId(parseAssetReference("m", arm.slice(1), "models"), "models", WS), arm);
    const reg = "azureml://registries/azureml/environments/sklearn-1.5/versions/14";
    assert.equal(assetArmId(parseAssetReference("e", reg, "environments"), "environments", WS), reg);
  });

  const bad: [string, string, RegExp][] = [
    ["m", "models", /not an asset reference; give azureml:my-model:1/],
    ["azureml:m", "models", /with the azureml: prefix and a version/],
    ["m:1", "models", /with the azureml: prefix and a version/],
    ["azureml:m@latest", "models", /pin the version/],
    ["https://example.com/model.pkl", "models", /not an asset reference/],
    [
      "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/ws-2/environments/e/versions/1",
      "models",
      /ID of a environment asset, not a model/,
    ],
    ["azureml://registries/reg/models/m/versions/1", "codes", /registry model, not a code/],
    ["", "codes", /must be an asset reference such as azureml:my-code:1/],
  ];
  for (const [value, collection, message] of bad) {
    it(`refuses ${JSON.stringify(value)} as ${collection}, naming the field`, () => {
      throwsArg(
        () => parseAssetReference("services[0].x", value, collection as "models"),
        "services[0].x",
        message,
      );
    });
  }

  // Item 7 of issue 22: every segment takes only Azure's name characters, so nothing that would
  // change the request path ('?', '#', '%2F', '..') reaches ARM.
  const SUB = "00000000-1111-2222-3333-444444444444";
  const armId = (p: { sub?: string; rg?: string; ws?: string; name?: string; version?: string } = {}) =>
    `/subscriptions/${p.sub ?? SUB}/resourceGroups/${p.rg ?? "rg-ml"}/providers/Microsoft.MachineLearningServices/workspaces/${p.ws ?? "ws-ml"}/models/${p.name ?? "m"}/versions/${p.version ?? "1"}`;
  const regId = (p: { reg?: string; name?: string; version?: string } = {}) =>
    `azureml://registries/${p.reg ?? "azureml"}/models/${p.name ?? "m"}/versions/${p.version ?? "1"}`;
  const hostile = ["x?y=1", "x#y", "x%2Fy", "..", "a..b", ".x"];
  const segmentCases: [string, string, string][] = [];
  // A GUID with junk before or after is no subscription ID either.
  for (const sub of [`x${SUB}`, `${SUB}x`]) segmentCases.push([armId({ sub }), "subscription", sub]);
  for (const bad of hostile) {
    segmentCases.push(
      [`azureml:${bad}:1`, "name", bad],
      [`azureml:m:${bad}`, "version", bad],
      [armId({ sub: bad }), "subscription", bad],
      // A resource group may hold '.' anywhere but at its end: "a..b" and ".x" are valid ones.
      ...(bad === "a..b" || bad === ".x"
        ? []
        : [[armId({ rg: bad }), "resource group", bad] as [string, string, string]]),
      [armId({ ws: bad }), "workspace", bad],
      [armId({ name: bad }), "name", bad],
      [armId({ version: bad }), "version", bad],
      [regId({ reg: bad }), "registry", bad],
      [regId({ name: bad }), "name", bad],
      [regId({ version: bad }), "version", bad],
    );
  }
  for (const [value, segment, bad] of segmentCases) {
    it(`refuses the ${segment} ${JSON.stringify(bad)} in ${value.slice(0, 40)}…`, () => {
      throwsArg(
        () => parseAssetReference("services[0].model", value, "models"),
        "services[0].model",
        new RegExp(`: the ${segment} ${JSON.stringify(bad).replace(/[.?]/g, "\\$&")} is not an? `),
      );
    });
  }
  it("accepts each segment at Azure's limits", () => {
    const name = `a${"b".repeat(254)}`;
    assert.deepEqual(parseAssetReference("m", `azureml:${name}:1.0-rc_2`, "models"), {
      form: "short",
      name,
      version: "1.0-rc_2",
    });
    for (const id of [
      armId({ rg: "Rg_(test).prod", ws: "a".repeat(33), name: "m.v2", version: "1.2.3" }),
      armId({ rg: "Grüße-rg", ws: "ws_1" }),
      armId({ rg: "a..b" }),
      armId({ rg: ".x" }),
      regId({ reg: "azureml-meta", name: "Llama-2-7b", version: "21" }),
    ]) {
      assert.notEqual(parseAssetReference("m", id, "models").form, "short", id);
    }
    throwsArg(() => parseAssetReference("m", `azureml:a${"b".repeat(255)}:1`, "models"), "m", /the name/);
    throwsArg(() => parseAssetReference("m", `azureml:m:${"1".repeat(65)}`, "models"), "m", /the version/);
    throwsArg(() => parseAssetReference("m", armId({ ws: "a".repeat(34) }), "models"), "m", /the workspace/);
    throwsArg(() => parseAssetReference("m", armId({ rg: "rg." }), "models"), "m", /must not end with '\.'/);
  });

  // Every regular expression of assets.ts is anchored: a valid reference with junk before or after
  // is refused, and the hints only fire for the whole value.
  const valid = ["azureml:m:1", armId(), regId()];
  for (const v of valid) {
    for (const junked of [`x${v}`, `${v}/x`, `${v}?x`]) {
      it(`refuses ${JSON.stringify(junked.slice(0, 30) + "…")} (junk around a valid reference)`, () => {
        assert.throws(() => parseAssetReference("f", junked, "models"), ArgumentError);
      });
    }
  }
  const generic = (v: string) =>
    `f: ${JSON.stringify(v)} is not an asset reference; give azureml:my-model:1, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>/models/my-model/versions/1, or azureml://registries/azureml/models/my-model/versions/1`;
  for (const v of [
    "xazureml:m@1",
    "/azureml:m",
    "azureml:m/x",
    "/m:1",
    "m:1/x",
    "azureml:?m:1",
    "azureml:m?:1",
    "azureml:m:?1",
    "azureml:m:1?",
  ]) {
    it(`${JSON.stringify(v)}: refused${v.includes("?") ? "" : " with no hint"}`, () => {
      assert.throws(
        () => parseAssetReference("f", v, "models"),
        (e: unknown) => {
          assert.ok(e instanceof ArgumentError);
          if (!v.includes("?")) assert.equal(e.message, generic(v));
          return true;
        },
      );
    });
  }
  it("a workspace ID with a trailing '/' expands without doubling it", () => {
    assert.equal(
      assetArmId(parseAssetReference("m", "azureml:m:1", "models"), "models", `${WS}/`),
      `${WS}/models/m/versions/1`,
    );
  });

  it("the component refuses a bad plain reference before anything is registered", () => {
    throwsArg(
      () =>
        validateArgs(base({ services: [{ name: "svc", model: "iris:1", environment: "azureml:env:1" }] })),
      "services[0].model",
      /azureml:<name>:<version>/,
    );
  });

  it("expands an Output reference too", async () => {
    const { rec } = await build(
      quickstartArgs({
        services: [{ name: "iris", model: pulumi.output("azureml:iris:7"), environment: "azureml:env:1" }],
      }),
    );
    const dep = unwrapSecrets(rec.one(T.deployment).inputs) as { properties: { model: string } };
    assert.equal(dep.properties.model, `${WS}/models/iris/versions/7`);
  });
});

describe("rule: Kubernetes deployments need an environment; a script needs its code", () => {
  it("environment is required on the kubernetes kind", () => {
    throwsArg(
      () => validateArgs(base({ services: [{ name: "svc", model: "azureml:m:1" }] })),
      "services[0].environment",
      /required on the kubernetes kind/,
    );
  });
  it("a custom-container environment needs no model", () => {
    assert.doesNotThrow(() =>
      validateArgs(base({ services: [{ name: "svc", environment: "azureml:triton:1" }] })),
    );
  });
  it("scoringScript without codeId, and codeId without scoringScript, are refused", () => {
    throwsArg(
      () =>
        validateArgs(
          base({ services: [{ name: "svc", environment: "azureml:e:1", scoringScript: "score.py" }] }),
        ),
      "services[0].codeId",
      /required with scoringScript "score.py"/,
    );
    throwsArg(
      () =>
        validateArgs(
          base({ services: [{ name: "svc", environment: "azureml:e:1", codeId: "azureml:c:1" }] }),
        ),
      "services[0].scoringScript",
      /required with codeId/,
    );
  });
  it("the code configuration reaches Azure as an ARM ID", async () => {
    const { rec } = await build(
      quickstartArgs({
        services: [
          { name: "iris", environment: "azureml:env:1", codeId: "azureml:code:2", scoringScript: "score.py" },
        ],
      }),
    );
    const dep = unwrapSecrets(rec.one(T.deployment).inputs) as Record<string, Record<string, unknown>>;
    assert.deepEqual(dep.properties.codeConfiguration, {
      scoringScript: "score.py",
      codeId: `${WS}/codes/code/versions/2`,
    });
    assert.equal(dep.properties.model, undefined);
  });
});

describe("rule: all traffic to the deployment once it exists", () => {
  let rec: Awaited<ReturnType<typeof build>>["rec"];
  before(async () => {
    ({ rec } = await build(quickstartArgs()));
  });
  it("an ARM template PUTs the endpoint with traffic {default: 100}, after the deployment", () => {
    const traffic = rec.one(T.traffic);
    const deployment = rec.one(T.deployment);
    const endpoint = rec.one(T.endpoint);
    assert.ok(traffic.dependencies.includes(deployment.urn), "the route waits for the deployment");
    const inputs = unwrapSecrets(traffic.inputs) as {
      properties: { mode: string; template: Record<string, unknown> };
    };
    assert.equal(inputs.properties.mode, "Incremental");
    const [res] = inputs.properties.template.resources as Record<string, unknown>[];
    assert.equal(res.type, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints");
    assert.equal(res.name, "ws-ml/iris");
    assert.equal(res.location, "westeurope");
    // The same endpoint body as the endpoint resource's, plus the route.
    const ep = unwrapSecrets(endpoint.inputs) as { properties: Record<string, unknown> };
    assert.deepEqual(res.properties, { ...ep.properties, traffic: { default: 100 } });
    assert.deepEqual(ep.properties.traffic, undefined, "the endpoint itself is created without traffic");
  });
  it("the ARM deployment's name stays within Azure's 64 characters, stable per stack", async () => {
    const longName = "a-rather-long-component-name-of-forty";
    const svc = "s".repeat(32);
    const r = await build(
      quickstartArgs({ services: [{ name: svc, model: "azureml:m:1", environment: "azureml:e:1" }] }),
      {},
      longName,
    );
    const dn = String(r.rec.one(T.traffic).inputs.deploymentName);
    assert.match(dn, new RegExp(`^${svc}-traffic-[0-9a-f]{10}$`));
    assert.ok(dn.length <= 64, dn);
    // The hash is sha256("<project>/<stack>/<component>/<service>"), first 10 hex digits:
    //   printf '%s' ssl-ml-cluster/dev/ml/iris | sha256sum | cut -c1-10    -> 63492e45d2
    //   printf '%s' ssl-ml-cluster/dev/ml2/iris | sha256sum | cut -c1-10   -> 9d40e65a9d
    assert.equal(
      (await build(quickstartArgs())).rec.one(T.traffic).inputs.deploymentName,
      "iris-traffic-63492e45d2",
    );
    assert.equal(
      (await build(quickstartArgs(), {}, "ml2")).rec.one(T.traffic).inputs.deploymentName,
      "iris-traffic-9d40e65a9d",
    );
  });

  it("later endpoint updates keep the route; destroy deletes the deployment with its endpoint", () => {
    assert.deepEqual(rec.one(T.endpoint).ignoreChanges, ["properties.traffic"]);
    assert.equal(rec.one(T.deployment).deletedWith, rec.one(T.endpoint).urn);
  });
  it("the route follows any change of the endpoint (its template repeats the endpoint's properties)", async () => {
    const other = await build(
      quickstartArgs({
        services: [
          {
            name: "iris",
            model: "azureml:iris:1",
            environment: "azureml:sklearn-env:1",
            authMode: "AMLToken",
          },
        ],
      }),
    );
    const t = unwrapSecrets(other.rec.one(T.traffic).inputs) as {
      properties: { template: { resources: { properties: Record<string, unknown> }[] } };
    };
    assert.equal(t.properties.template.resources[0].properties.authMode, "AMLToken");
  });
});

describe("rule: ML resources in the workspace's region", () => {
  it("compute, endpoint and deployment take the workspace's region whatever location says", async () => {
    const { rec } = await build(quickstartArgs({ location: "eastus2" }), {
      workspaceLocation: "northeurope",
    });
    assert.equal(rec.one(T.aks).inputs.location, "eastus2");
    for (const t of [T.compute, T.endpoint, T.deployment])
      assert.equal(rec.one(t).inputs.location, "northeurope", t);
  });
  it("a new legacy AKS compute sends computeLocation = the cluster's region", async () => {
    const { rec } = await build(
      quickstartArgs({ location: "eastus2", cluster: { kind: "aks" }, services: [{ name: "svc" }] }),
      { workspaceLocation: "northeurope" },
    );
    const c = unwrapSecrets(rec.one(T.compute).inputs) as {
      location: string;
      properties: Record<string, unknown>;
    };
    assert.equal(c.location, "northeurope");
    assert.equal(c.properties.computeLocation, "eastus2");
  });
});

describe("rule: legacy compute names and purpose", () => {
  it("a compute name is 3–24 characters on aks, also when derived from a short name", async () => {
    assert.equal(defaultComputeName("ml", "aks"), "ml-aks");
    assert.equal(defaultComputeName("ml", "kubernetes"), "ml");
    throwsArg(
      () => validateArgs(base({ cluster: { kind: "aks", computeName: "ab" } })),
      "cluster.computeName",
      /3–24/,
    );
    assert.doesNotThrow(() =>
      validateArgs(base({ cluster: { kind: "aks", computeName: "abcdefghij-klmnopqrst-uv" } })),
    );
    const { rec } = await build(quickstartArgs({ cluster: { kind: "aks" }, services: [{ name: "svc" }] }));
    assert.equal(rec.one(T.compute).inputs.computeName, "ml-aks");
  });
  it("vCPUs from VM size names (Azure's size docs)", () => {
    assert.equal(vmSizeVcpus("Standard_D4s_v3"), 4);
    assert.equal(vmSizeVcpus("Standard_DS3_v2"), 4);
    assert.equal(vmSizeVcpus("Standard_D3_v2"), 4);
    assert.equal(vmSizeVcpus("Standard_E16-4s_v4"), 4);
    assert.equal(vmSizeVcpus("Standard_F8s_v2"), 8);
    assert.equal(vmSizeVcpus("Standard_NC6"), 6);
    assert.equal(vmSizeVcpus("Standard_Unknown"), undefined);
  });
  it("FastProd needs 12 vCPUs: an explicit FastProd on less is refused", () => {
    throwsArg(
      () =>
        validateArgs(
          base({
            cluster: { kind: "aks", nodeCount: 3, vmSize: "Standard_D2s_v3", clusterPurpose: "FastProd" },
          }),
        ),
      "cluster.clusterPurpose",
      /at least 12 vCPUs in total; 3 × Standard_D2s_v3 \(2 vCPUs each\) has 6/,
    );
  });
  it("a defaulted purpose falls back to DevTest with a warning", () => {
    const r = validateArgs(base({ cluster: { kind: "aks", nodeCount: 3, vmSize: "Standard_D2s_v3" } }));
    assert.equal(r.clusterPurpose, "DevTest");
    assert.ok(
      r.warnings.some((w) => w.startsWith("cluster.clusterPurpose: 3 × Standard_D2s_v3 has 6 vCPUs")),
    );
    assert.equal(validateArgs(base({ cluster: { kind: "aks" } })).clusterPurpose, "FastProd"); // 3 × D4s_v3 = 12
  });
  it("on attach the purpose follows the real cluster", async () => {
    assert.equal(attachedClusterPurpose([{ count: 3, vmSize: "Standard_D4s_v3" }], undefined), "FastProd");
    assert.equal(attachedClusterPurpose([{ count: 2, vmSize: "Standard_D8s_v3" }], undefined), "DevTest");
    assert.throws(
      () => attachedClusterPurpose([{ count: 1, vmSize: "Standard_D4s_v3" }], "FastProd"),
      /has 4/,
    );
    const { rec } = await build(
      quickstartArgs({
        cluster: {
          kind: "aks",
          existingClusterId:
            "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/small",
        },
        services: [{ name: "svc" }],
      }),
      { existingClusterNodeCount: 2 },
    );
    const c = unwrapSecrets(rec.one(T.compute).inputs) as {
      properties: { properties: { clusterPurpose: string } };
    };
    assert.equal(c.properties.properties.clusterPurpose, "DevTest");
  });
});

describe("rule: Cloudflare TTLs", () => {
  const cf = (extra: Record<string, unknown>) => base({ dns: { cloudflare: { zoneId: ZONE, ...extra } } });
  it("1 or 60–86400; 30–59 only with enterpriseZone", () => {
    for (const ttl of [1, 60, 300, 86400]) assert.equal(validateArgs(cf({ ttl })).dns?.ttl, ttl);
    throwsArg(() => validateArgs(cf({ ttl: 30 })), "dns.cloudflare.ttl", /30–59 s needs an Enterprise zone/);
    throwsArg(() => validateArgs(cf({ ttl: 86401 })), "dns.cloudflare.ttl", /from 60 to 86400/);
    assert.equal(validateArgs(cf({ ttl: 30, enterpriseZone: true })).dns?.ttl, 30);
    throwsArg(
      () => validateArgs(cf({ ttl: 29, enterpriseZone: true })),
      "dns.cloudflare.ttl",
      /from 30 to 86400/,
    );
  });
  it("a proxied record is sent with ttl 1", async () => {
    const r = validateArgs(cf({ proxied: true, ttl: 600 }));
    assert.equal(r.dns?.ttl, 1);
    assert.ok(
      r.warnings.some((w) => w.startsWith("dns.cloudflare.ttl: 600 is not used for a proxied record")),
    );
    const { rec } = await build(
      quickstartArgs({
        certificate: { selfSigned: {} },
        dns: { cloudflare: { zoneId: ZONE, proxied: true } },
      }),
    );
    assert.equal(rec.one(T.dns).inputs.ttl, 1);
  });
});

describe("rule: key types the front end is known to load", () => {
  it("self-signed certificates default to RSA 2048", async () => {
    const { rec } = await build(quickstartArgs());
    const key = rec.one(T.key).inputs;
    assert.equal(key.algorithm, "RSA");
    assert.equal(key.rsaBits, 2048);
  });
  it("an ECDSA key is warned about", () => {
    const r = validateArgs(base({ certificate: { selfSigned: { algorithm: "ECDSA" } } }));
    assert.ok(
      r.warnings.some((w) => /^certificate\.selfSigned\.algorithm: the certificate has an ECDSA key/.test(w)),
    );
    assert.ok(!validateArgs(base()).warnings.some((w) => w.includes("ECDSA")));
  });
});

describe("rule: the extension's own strings, as az k8s-extension writes them", () => {
  it("True/False where the CLI stringifies a Python bool or the docs have users type it", async () => {
    const { rec } = await build(quickstartArgs({ cluster: { nodeCount: 2 } }));
    const s = rec.one(T.ext).inputs.configurationSettings as Record<string, string>;
    assert.equal(rec.one(T.ext).inputs.extensionType, "Microsoft.AzureML.Kubernetes");
    assert.equal(s.enableInference, "True");
    assert.equal(s.enableTraining, "False");
    assert.equal(s.allowInsecureConnections, "False");
    // Lower-case literals in AzureMLKubernetes.py.
    assert.equal(s["servicebus.enabled"], "false");
    assert.equal(s["relayserver.enabled"], "false");
    assert.equal(s["nginxIngress.enabled"], "true");
    assert.equal(s.inferenceRouterHA, "false");
    assert.equal(s.clusterPurpose, "DevTest");
    // No identity: az k8s-extension creates none for managedClusters.
    assert.equal(rec.one(T.ext).inputs.identity, undefined);
  });
});
