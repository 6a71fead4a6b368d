// Fast, pure tests of sdk/services' rules (issue 28 item 8: the mutants that survived and would ship
// a bug). Expected values come from Azure's documented rules, cited per block, not from the code:
// - online endpoint names: https://learn.microsoft.com/azure/machine-learning/how-to-manage-quotas#azure-machine-learning-online-endpoints-and-batch-endpoints
//   (3–32 characters, a letter first, letters, digits and '-', not ending in '-'; unique per region,
//   case-insensitively).
// - asset references: azure-ai-ml's _arm_id_utils.py / AMLVersionedArmId
//   https://github.com/Azure/azure-sdk-for-python/blob/main/sdk/ml/azure-ai-ml/azure/ai/ml/_utils/_arm_id_utils.py
// - ARM literals: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#escape-characters
// - scoring URIs: https://learn.microsoft.com/azure/machine-learning/how-to-kubernetes-inference-routing-azureml-fe
import assert from "node:assert/strict";
import { ArgumentError } from "../sdk/errors";
import { scoringUri } from "../sdk/services/uris";
import { armLiteral, armLiterals } from "../sdk/services/arm-literal";
import { assetArmId, parseAssetReference } from "../sdk/services/assets";
import { legacyServiceWarnings, validateServices } from "../sdk/services/args-rules";
import type { ServiceArgs } from "../sdk/types";

const SUB = "00000000-0000-0000-0000-000000000000";
const WS_ID = `/subscriptions/${SUB}/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws-1`;
const armId = (collection: string, name = "m", version = "1", ws = "ws-1", rg = "rg-1", sub = SUB) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}/${collection}/${name}/versions/${version}`;

/** Runs `f`, expects an ArgumentError, returns its message. */
function refusal(f: () => unknown, argument?: string): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ArgumentError, `not an ArgumentError: ${String(e)}`);
    if (argument !== undefined) assert.equal(e.argument, argument);
    return e.message;
  }
  assert.fail("expected an ArgumentError");
}

describe("services mutants: scoringUri (pure)", () => {
  it("uses /api/v1/endpoint/<name>/score for kubernetes and https by default", () => {
    assert.equal(
      scoringUri("ml.example.com", "kubernetes", "ep-1"),
      "https://ml.example.com/api/v1/endpoint/ep-1/score",
    );
  });
  it("uses /api/v1/service/<name>/score for the legacy aks kind", () => {
    assert.equal(
      scoringUri("ml.example.com", "aks", "svc-1"),
      "https://ml.example.com/api/v1/service/svc-1/score",
    );
  });
  it("normalises the host: trimmed, lower case, one trailing dot dropped, inner dots kept", () => {
    assert.equal(
      scoringUri("  ML.Example.COM. ", "kubernetes", "ep"),
      "https://ml.example.com/api/v1/endpoint/ep/score",
    );
  });
  it("takes the scheme given and percent-encodes the name", () => {
    assert.equal(
      scoringUri("a.b", "kubernetes", "x y/z", "http"),
      "http://a.b/api/v1/endpoint/x%20y%2Fz/score",
    );
  });
});

describe("services mutants: armLiteral (pure)", () => {
  it("escapes only strings that start with [ and end with ]", () => {
    assert.equal(armLiteral("[subscription().id]"), "[[subscription().id]");
    assert.equal(armLiteral("[x"), "[x");
    assert.equal(armLiteral("x]"), "x]");
    assert.equal(armLiteral("plain"), "plain");
    assert.equal(armLiteral(""), "");
  });
  it("escapes every string and property name of a JSON value, leaving other values as they are", () => {
    const input = {
      "[k]": "[v]",
      list: ["[a]", "b", 1, null, true],
      nested: { "[n]": { deep: "[d]" } },
      none: null,
      n: 5,
      f: false,
    };
    assert.deepEqual(armLiterals(input), {
      "[[k]": "[[v]",
      list: ["[[a]", "b", 1, null, true],
      nested: { "[[n]": { deep: "[[d]" } },
      none: null,
      n: 5,
      f: false,
    });
    assert.deepEqual(input.list, ["[a]", "b", 1, null, true], "the input is not mutated");
    assert.equal(armLiterals(null), null);
    assert.equal(armLiterals(7), 7);
    assert.equal(armLiterals("[s]"), "[[s]");
  });
});

describe("services mutants: parseAssetReference (pure)", () => {
  const ex = (one: string, col: string) =>
    `azureml:my-${one}:1, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>/${col}/my-${one}/versions/1, or azureml://registries/azureml/${col}/my-${one}/versions/1`;

  it("refuses a non-string or blank value with an example of each form for the collection", () => {
    assert.equal(
      refusal(() => parseAssetReference("f", 5, "models"), "f"),
      `f: must be an asset reference such as ${ex("model", "models")}`,
    );
    assert.equal(
      refusal(() => parseAssetReference("f", "   ", "environments"), "f"),
      `f: must be an asset reference such as ${ex("environment", "environments")}`,
    );
    assert.equal(
      refusal(() => parseAssetReference("f", "", "codes"), "f"),
      `f: must be an asset reference such as ${ex("code", "codes")}`,
    );
  });

  it("reads the short form, trimmed", () => {
    assert.deepEqual(parseAssetReference("f", "  azureml:my-model:3 ", "models"), {
      form: "short",
      name: "my-model",
      version: "3",
    });
  });

  it("passes a curated environment (AzureML- prefix) on as written, only for environments", () => {
    assert.deepEqual(parseAssetReference("f", "azureml:AzureML-sklearn-1.5:2", "environments"), {
      form: "curated",
      id: "azureml:AzureML-sklearn-1.5:2",
    });
    assert.deepEqual(parseAssetReference("f", "azureml:AzureML-sklearn-1.5:2", "models"), {
      form: "short",
      name: "AzureML-sklearn-1.5",
      version: "2",
    });
    assert.equal(parseAssetReference("f", "azureml:azureml-x:2", "environments").form, "short");
  });

  it("checks name and version segments: a letter or digit first, no '..', 255 and 64 characters at most", () => {
    const nameRule =
      "is not an asset name: letters, digits, '.', '-' and '_', a letter or digit first, no '..'";
    const versionRule =
      "is not an asset version: letters, digits, '.', '-' and '_', a letter or digit first, no '..'";
    assert.equal(
      refusal(() => parseAssetReference("f", "azureml:-m:1", "models"), "f"),
      `f: "azureml:-m:1": the name "-m" ${nameRule}`,
    );
    assert.equal(
      refusal(() => parseAssetReference("f", "azureml:a..b:1", "models")),
      `f: "azureml:a..b:1": the name "a..b" ${nameRule}`,
    );
    assert.equal(
      refusal(() => parseAssetReference("f", "azureml:m:_1", "models")),
      `f: "azureml:m:_1": the version "_1" ${versionRule}`,
    );
    assert.match(
      refusal(() => parseAssetReference("f", "azureml:m:1..2", "models")),
      /the version "1\.\.2"/,
    );
    assert.match(
      refusal(() => parseAssetReference("f", "azureml:m?x:1", "models")),
      /the name "m\?x"/,
    );
    assert.match(
      refusal(() => parseAssetReference("f", "azureml:m:1#x", "models")),
      /the version "1#x"/,
    );
    const n255 = "a".repeat(255);
    const v64 = "1".repeat(64);
    assert.equal(parseAssetReference("f", `azureml:${n255}:${v64}`, "models").form, "short");
    assert.match(
      refusal(() => parseAssetReference("f", `azureml:${n255}a:1`, "models")),
      /the name/,
    );
    assert.match(
      refusal(() => parseAssetReference("f", `azureml:m:${v64}1`, "models")),
      /the version/,
    );
  });

  it("reads a full ARM ID with or without the leading '/' and the azureml: prefix, sending it with one '/'", () => {
    const id = armId("models");
    assert.deepEqual(parseAssetReference("f", id, "models"), { form: "arm", id });
    assert.deepEqual(parseAssetReference("f", id.slice(1), "models"), { form: "arm", id });
    assert.deepEqual(parseAssetReference("f", `azureml:${id}`, "models"), { form: "arm", id });
    assert.deepEqual(parseAssetReference("f", `azureml:${id.slice(1)}`, "models"), { form: "arm", id });
    // ARM IDs are case-insensitive: the segment names may be in any case.
    const upper = id.replace("/subscriptions/", "/SUBSCRIPTIONS/").replace("/models/", "/Models/");
    assert.deepEqual(parseAssetReference("f", `azureml:${upper}`, "models"), { form: "arm", id: upper });
  });

  it("refuses an ARM ID of another collection, naming both", () => {
    const id = armId("environments");
    assert.equal(
      refusal(() => parseAssetReference("f", id, "models"), "f"),
      `f: ${JSON.stringify(id)} is the ID of a environment asset, not a model; give a model such as ${ex("model", "models")}`,
    );
    const upper = armId("CODES");
    assert.match(
      refusal(() => parseAssetReference("f", upper, "models")),
      /is the ID of a code asset, not a model/,
    );
  });

  it("checks each segment of an ARM ID against Azure's rule for it, naming the segment", () => {
    assert.match(
      refusal(() =>
        parseAssetReference("f", armId("models", "m", "1", "ws-1", "rg-1", "not-a-guid"), "models"),
      ),
      /: the subscription "not-a-guid" /,
    );
    assert.match(
      refusal(() => parseAssetReference("f", armId("models", "m", "1", "ws-1", "rg."), "models")),
      /: the resource group "rg\." /,
    );
    assert.match(
      refusal(() => parseAssetReference("f", armId("models", "m", "1", "w"), "models")),
      /: the workspace "w" /,
    );
    assert.match(
      refusal(() => parseAssetReference("f", armId("models", "-m"), "models")),
      /: the name "-m" /,
    );
    assert.match(
      refusal(() => parseAssetReference("f", armId("models", "m", "1..2"), "models")),
      /: the version "1\.\.2" /,
    );
  });

  it("passes a registry reference on as written and checks its segments", () => {
    const reg = "azureml://registries/azureml/environments/sklearn-1.5/versions/1";
    assert.deepEqual(parseAssetReference("f", reg, "environments"), { form: "registry", id: reg });
    assert.equal(
      refusal(() => parseAssetReference("f", reg, "models"), "f"),
      `f: ${JSON.stringify(reg)} is a registry environment, not a model; give a model such as ${ex("model", "models")}`,
    );
    assert.match(
      refusal(() => parseAssetReference("f", "azureml://registries/r/models/m/versions/1", "models")),
      /: the registry "r" /,
    );
    assert.match(
      refusal(() => parseAssetReference("f", "azureml://registries/reg-1/models/a..b/versions/1", "models")),
      /: the name "a\.\.b" /,
    );
    assert.match(
      refusal(() => parseAssetReference("f", "azureml://registries/reg-1/models/m/versions/-1", "models")),
      /: the version "-1" /,
    );
  });

  it("refuses text around a recognised form (every form is anchored)", () => {
    const id = armId("models");
    for (const v of [
      "xazureml:m:1",
      "azureml:m:1:2",
      `x${id}`,
      `${id}/x`,
      "xazureml://registries/reg-1/models/m/versions/1",
      "azureml://registries/reg-1/models/m/versions/1/x",
    ]) {
      assert.match(
        refusal(() => parseAssetReference("f", v, "models"), "f"),
        / is not an asset reference/,
        v,
      );
    }
  });

  it("says how to write a reference that is nearly right", () => {
    const label =
      " (a label such as @latest is resolved by az ml with an extra call at deploy time and would make every preview differ; pin the version instead)";
    const write = " (write azureml:<name>:<version>, with the azureml: prefix and a version)";
    assert.equal(
      refusal(() => parseAssetReference("f", "azureml:m@latest", "models")),
      `f: "azureml:m@latest" is not an asset reference${label}; give ${ex("model", "models")}`,
    );
    assert.equal(
      refusal(() => parseAssetReference("f", "azureml:m", "models")),
      `f: "azureml:m" is not an asset reference${write}; give ${ex("model", "models")}`,
    );
    assert.equal(
      refusal(() => parseAssetReference("f", "my-model:1", "models")),
      `f: "my-model:1" is not an asset reference${write}; give ${ex("model", "models")}`,
    );
    for (const v of ["my-model", "x azureml:m", "azureml:m/x", "-m:1", "m:1 x", "m:1/2", "azureml:a/b@1"]) {
      assert.equal(
        refusal(() => parseAssetReference("f", v, "models")),
        `f: ${JSON.stringify(v)} is not an asset reference; give ${ex("model", "models")}`,
        v,
      );
    }
  });

  it("expands the short form against the workspace ID, other forms unchanged", () => {
    assert.equal(
      assetArmId({ form: "short", name: "m", version: "2" }, "models", `${WS_ID}//`),
      `${WS_ID}/models/m/versions/2`,
    );
    assert.equal(
      assetArmId({ form: "short", name: "e", version: "1" }, "environments", WS_ID),
      `${WS_ID}/environments/e/versions/1`,
    );
    assert.equal(assetArmId({ form: "registry", id: "azureml://x" }, "models", WS_ID), "azureml://x");
    assert.equal(assetArmId({ form: "arm", id: "/a" }, "models", WS_ID), "/a");
  });
});

describe("services mutants: validateServices (pure)", () => {
  const env = "azureml:my-env:1";
  const k8s = (s: Partial<ServiceArgs> & Record<string, unknown>) =>
    ({ environment: env, ...s }) as ServiceArgs;

  it("takes no services as none and refuses a non-array", () => {
    assert.deepEqual(validateServices(undefined, "kubernetes"), []);
    for (const v of ["x", { name: "a" }, null]) {
      assert.equal(
        refusal(() => validateServices(v, "kubernetes"), "services"),
        "services: must be an array of { name, model, … }",
      );
    }
  });

  it("knows the service fields, and requestTimeoutSeconds only on managed endpoints", () => {
    const all = {
      name: "ep-1",
      model: "azureml:m:1",
      environment: env,
      scoringScript: "score.py",
      codeId: "azureml:c:1",
      instanceType: "Standard_DS3_v2",
      instanceCount: 2,
      authMode: "Key",
    };
    assert.equal(validateServices([all], "kubernetes").length, 1);
    assert.match(
      refusal(
        () => validateServices([{ ...all, requestTimeoutSeconds: 5 }], "kubernetes"),
        "services[0].requestTimeoutSeconds",
      ),
      /unknown field/,
    );
    assert.equal(validateServices([{ ...all, requestTimeoutSeconds: 5 }], "kubernetes", true).length, 1);
    assert.match(
      refusal(() => validateServices([k8s({ name: "ep-1", Model: "x" })], "kubernetes")),
      /did you mean "model"/,
    );
  });

  it("requires a string name", () => {
    assert.equal(
      refusal(() => validateServices([null], "kubernetes"), "services[0].name"),
      "services[0].name: is required and must be a string",
    );
    assert.equal(
      refusal(() => validateServices([{ environment: env }], "kubernetes"), "services[0].name"),
      "services[0].name: is required and must be a string",
    );
    assert.equal(
      refusal(
        () => validateServices([k8s({ name: 5 as unknown as string })], "kubernetes"),
        "services[0].name",
      ),
      "services[0].name: is required and must be a string",
    );
  });

  it("applies Azure's endpoint name rule on kubernetes: 3–32, a letter first, letters, digits, '-', not ending in '-'", () => {
    for (const ok of ["abc", "My-Endpoint-1", `a${"b".repeat(31)}`, "A1-b"]) {
      assert.equal(validateServices([k8s({ name: ok })], "kubernetes")[0].name, ok);
    }
    for (const bad of ["ab", `a${"b".repeat(32)}`, "1abc", "-abc", "abc-", "ab_c", "ab c", "abc\n"]) {
      assert.equal(
        refusal(() => validateServices([k8s({ name: bad })], "kubernetes"), "services[0].name"),
        `services[0].name: ${JSON.stringify(bad)} is not a valid endpoint name: use 3–32 characters, a letter first, then letters, digits and '-', not ending in '-'`,
        bad,
      );
    }
  });

  it("applies the lower-case service name rule on the legacy aks kind", () => {
    for (const ok of ["abc", "svc-1", `a${"b".repeat(31)}`]) {
      assert.equal(validateServices([{ name: ok }], "aks")[0].name, ok);
    }
    for (const bad of ["Svc", "ab", "1abc", "abc-", `a${"b".repeat(32)}`]) {
      assert.equal(
        refusal(() => validateServices([{ name: bad }], "aks"), "services[0].name"),
        `services[0].name: ${JSON.stringify(bad)} is not a valid service name: use 3–32 characters, a letter first, then lower-case letters, digits and '-', not ending in '-'`,
        bad,
      );
    }
  });

  it("refuses names used twice, case-insensitively, naming the first", () => {
    assert.equal(
      refusal(
        () =>
          validateServices(
            [k8s({ name: "first" }), k8s({ name: "Ep-A" }), k8s({ name: "ep-a" })],
            "kubernetes",
          ),
        "services[2].name",
      ),
      'services[2].name: "ep-a" is already used by services[1] (names are case-insensitive in Azure); give each service its own name',
    );
  });

  it("returns the services sorted by name without changing the input", () => {
    const input = [k8s({ name: "ccc" }), k8s({ name: "aaa" }), k8s({ name: "bbb" }), k8s({ name: "Bzz" })];
    assert.deepEqual(
      validateServices(input, "kubernetes").map((s) => s.name),
      ["Bzz", "aaa", "bbb", "ccc"],
    );
    assert.deepEqual(
      input.map((s) => s.name),
      ["ccc", "aaa", "bbb", "Bzz"],
    );
  });

  it("checks instanceCount (1 to 100), authMode (Key or AMLToken) and instanceType", () => {
    assert.equal(
      validateServices([k8s({ name: "abc", instanceCount: 1, authMode: "AMLToken" })], "kubernetes").length,
      1,
    );
    assert.equal(validateServices([k8s({ name: "abc", instanceCount: 100 })], "kubernetes").length, 1);
    for (const n of [0, 101, 1.5]) {
      assert.equal(
        refusal(
          () => validateServices([k8s({ name: "abc", instanceCount: n })], "kubernetes"),
          "services[0].instanceCount",
        ),
        `services[0].instanceCount: must be a whole number from 1 to 100, got ${n}`,
      );
    }
    assert.match(
      refusal(
        () => validateServices([k8s({ name: "abc", authMode: "key" as "Key" })], "kubernetes"),
        "services[0].authMode",
      ),
      /"Key" or "AMLToken"/,
    );
    for (const ok of ["Standard_DS3_v2", "a", `a${"b".repeat(62)}`, "gpu.small-1"]) {
      assert.equal(validateServices([k8s({ name: "abc", instanceType: ok })], "kubernetes").length, 1, ok);
    }
    for (const bad of ["", "-x", "_x", ".x", `a${"b".repeat(63)}`, "x y", "x/y", "x\n"]) {
      assert.equal(
        refusal(
          () => validateServices([k8s({ name: "abc", instanceType: bad })], "kubernetes"),
          "services[0].instanceType",
        ),
        `services[0].instanceType: ${JSON.stringify(bad)} is not an instance type name`,
        JSON.stringify(bad),
      );
    }
  });

  it("checks the other services too, naming each by its index", () => {
    assert.match(
      refusal(() =>
        validateServices([k8s({ name: "abc" }), k8s({ name: "def", instanceCount: 0 })], "kubernetes"),
      ),
      /^services\[1\]\.instanceCount: /,
    );
  });
});

describe("services mutants: deployment assets (pure)", () => {
  const one = (s: Record<string, unknown>, managed = false) =>
    validateServices([{ name: "ep-1", ...s }], "kubernetes", managed);

  it("requires an environment on the kubernetes kind, even with a model", () => {
    const msg =
      "services[0].environment: is required on the kubernetes kind: the Kubernetes online deployment schema requires an environment " +
      "(e.g. azureml:my-env:1, or a curated one such as azureml://registries/azureml/environments/sklearn-1.5/versions/1)";
    assert.equal(
      refusal(() => one({ model: "azureml:m:1" }), "services[0].environment"),
      msg,
    );
    assert.equal(
      refusal(() => one({ model: "azureml:m:1", environment: "" }), "services[0].environment"),
      msg,
    );
    assert.equal(
      refusal(() => one({}), "services[0].environment"),
      msg,
    );
  });

  it("lets a managed deployment leave out the environment only when it has a model (MLflow)", () => {
    const msg =
      "services[0].environment: is required unless model is an MLflow model (a managed deployment without an environment deploys the MLflow model as it is): give environment, or model";
    assert.equal(
      refusal(() => one({}, true), "services[0].environment"),
      msg,
    );
    assert.equal(
      refusal(() => one({ environment: "" }, true), "services[0].environment"),
      msg,
    );
    assert.equal(one({ model: "azureml:m:1" }, true).length, 1);
    assert.equal(one({ environment: "azureml:e:1" }, true).length, 1);
  });

  it("does not check assets on the legacy aks kind", () => {
    assert.equal(validateServices([{ name: "abc" }], "aks").length, 1);
    assert.equal(
      validateServices([{ name: "abc", model: "nonsense", scoringScript: "s.py" }], "aks").length,
      1,
    );
  });

  it("pairs scoringScript with codeId", () => {
    assert.equal(
      refusal(() => one({ environment: "azureml:e:1", scoringScript: "score.py" }), "services[0].codeId"),
      'services[0].codeId: is required with scoringScript "score.py": give the code asset that holds it, e.g. azureml:my-code:1',
    );
    assert.equal(
      refusal(() => one({ environment: "azureml:e:1", codeId: "azureml:c:1" }), "services[0].scoringScript"),
      "services[0].scoringScript: is required with codeId: name the scoring script inside the code asset, e.g. score.py",
    );
    for (const bad of ["  ", "", 5]) {
      assert.equal(
        refusal(
          () => one({ environment: "azureml:e:1", codeId: "azureml:c:1", scoringScript: bad }),
          "services[0].scoringScript",
        ),
        "services[0].scoringScript: must be the path of the script inside the code asset, e.g. score.py",
      );
    }
    assert.equal(
      one({ environment: "azureml:e:1", codeId: "azureml:c:1", scoringScript: "src/score.py" }).length,
      1,
    );
  });

  it("parses each plain asset reference against its own collection, naming the field", () => {
    assert.match(
      refusal(() => one({ environment: "azureml:e:1", model: "bad" }), "services[0].model"),
      /give azureml:my-model:1/,
    );
    assert.match(
      refusal(() => one({ environment: "bad" }), "services[0].environment"),
      /give azureml:my-environment:1/,
    );
    assert.match(
      refusal(
        () => one({ environment: "azureml:e:1", codeId: "bad", scoringScript: "s.py" }),
        "services[0].codeId",
      ),
      /give azureml:my-code:1/,
    );
    // A model ID where the environment belongs: the collection is checked.
    assert.match(
      refusal(() => one({ environment: armId("models") }), "services[0].environment"),
      /is the ID of a model asset, not a environment/,
    );
    assert.match(
      refusal(() => one({ environment: "azureml:e:1", model: armId("codes") }), "services[0].model"),
      /is the ID of a code asset, not a model/,
    );
    assert.match(
      refusal(
        () => one({ environment: "azureml:e:1", codeId: armId("models"), scoringScript: "s.py" }),
        "services[0].codeId",
      ),
      /is the ID of a model asset, not a code/,
    );
  });
});

describe("services mutants: legacyServiceWarnings (pure)", () => {
  it("warns once per legacy service about each field other than the name", () => {
    const warnings: string[] = [];
    legacyServiceWarnings(
      [
        { name: "a" },
        { name: "b", model: "azureml:m:1" },
        { name: "c", environment: "azureml:e:1", instanceCount: 2 },
      ],
      warnings,
    );
    assert.deepEqual(warnings, [
      'services "b": model is ignored on cluster.kind "aks" (services there are deployed by other tooling; only the name is used)',
      'services "c": environment, instanceCount are ignored on cluster.kind "aks" (services there are deployed by other tooling; only the name is used)',
    ]);
  });
  it("names every ignored field in the order of the service fields", () => {
    const warnings: string[] = [];
    legacyServiceWarnings(
      [
        {
          name: "a",
          authMode: "Key",
          instanceType: "t",
          codeId: "c",
          scoringScript: "s",
          environment: "e",
          model: "m",
          instanceCount: 1,
        },
      ],
      warnings,
    );
    assert.deepEqual(warnings, [
      'services "a": model, environment, scoringScript, codeId, instanceType, instanceCount, authMode are ignored on cluster.kind "aks" (services there are deployed by other tooling; only the name is used)',
    ]);
  });
});
