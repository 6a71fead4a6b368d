// SslMlManagedEndpoints' request bodies as Microsoft's generated models accept them: the Front
// Door bodies against @azure/arm-cdn 9.1 (API 2024-02-01; azure-native 3.28 sends 2025-06-01, and
// every property used here is in both versions' Microsoft.Cdn spec, see docs/managed-endpoints.md),
// the managed endpoint and deployment against @azure/arm-machinelearning (API 2022-10-01). The
// serializer throws on a missing required property, a wrong type or a broken pattern; a property the
// model does not know is reported as dropped.
import * as assert from "node:assert/strict";
import { unwrapSecrets } from "./mocks";
import { buildManaged, M, managedArgs } from "./helpers/managed";
import { keyVaultArgs, useTestVault } from "./helpers/managed-keyvault";
import { armModels, cdnModels, leafPaths, Mappers } from "./helpers/arm-models";
import type { Serializer } from "@azure/core-client";

type Dict = Record<string, unknown>;

/** The ARM path's parameters, which azure-native takes as inputs but sends in the URL. */
const PATH_PARAMS = [
  "resourceGroupName",
  "profileName",
  "endpointName",
  "originGroupName",
  "originName",
  "routeName",
  "customDomainName",
  "secretName",
  "workspaceName",
  "deploymentName",
];

const CDN_MAPPERS: Record<string, string> = {
  [M.profile]: "Profile",
  [M.afdEndpoint]: "AFDEndpoint",
  [M.originGroup]: "AFDOriginGroup",
  [M.origin]: "AFDOrigin",
  [M.route]: "Route",
  [M.domain]: "AFDDomain",
  [M.secret]: "Secret",
};

function body(inputs: Dict): Dict {
  const b = { ...(unwrapSecrets(inputs) as Dict) };
  for (const k of PATH_PARAMS) delete b[k];
  return b;
}

/** Serializes with Microsoft's model; returns the body's leaves that the model dropped. */
function dropped(
  serializer: Serializer,
  mappers: Mappers,
  mapper: string,
  b: Dict,
  flattened: boolean,
): string[] {
  const m = mappers[mapper];
  assert.ok(m, `no mapper ${mapper}`);
  const out = serializer.serialize(m as never, b, "body");
  const kept = new Set(leafPaths(out).map((p) => (flattened ? p.replace(/^properties\./, "") : p)));
  return leafPaths(b).filter((p) => !kept.has(p));
}

describe("SslMlManagedEndpoints: bodies as Microsoft's models accept them", function () {
  this.timeout(120_000);
  let vault: ReturnType<typeof useTestVault>;
  before(() => (vault = useTestVault()));
  after(() => vault.undo());

  it("the oracle can fail: an unknown property, a wrong type, a missing required property", async () => {
    const { cdn, cdnSerializer } = await cdnModels();
    assert.deepEqual(dropped(cdnSerializer, cdn, "Route", { patternsToMatch: ["/a/*"] }, true), []);
    assert.deepEqual(dropped(cdnSerializer, cdn, "Route", { patternToMatch: ["/a/*"] }, true), [
      "patternToMatch.0",
    ]);
    assert.throws(
      () => dropped(cdnSerializer, cdn, "AFDOrigin", { httpsPort: "443" }, true),
      /httpsPort.*number/,
    );
    assert.throws(
      () => dropped(cdnSerializer, cdn, "AFDDomain", { tlsSettings: { minimumTlsVersion: "TLS12" } }, true),
      /tlsSettings\.certificateType cannot be null or undefined/,
    );
  });

  for (const [label, extra] of [
    ["managed certificate", {}],
    ["Key Vault certificate", keyVaultArgs],
  ] as const) {
    it(`every Front Door body passes @azure/arm-cdn's models (${label})`, async () => {
      const { cdn, cdnSerializer } = await cdnModels();
      const { rec } = await buildManaged(managedArgs(extra), { keyVaultFile: vault.keyVaultFile });
      const checked: string[] = [];
      for (const r of rec.registrations.filter((x) => CDN_MAPPERS[x.type])) {
        const mapper = CDN_MAPPERS[r.type];
        let lost: string[];
        try {
          lost = dropped(cdnSerializer, cdn, mapper, body(r.inputs), true);
        } catch (e) {
          assert.fail(`${r.name}: Microsoft's ${mapper} model refuses the body: ${(e as Error).message}`);
        }
        assert.deepEqual(lost, [], `${r.name}: properties unknown to ${mapper}`);
        checked.push(mapper);
      }
      const expected = ["AFDDomain", "AFDEndpoint", "AFDOrigin", "AFDOriginGroup", "Profile", "Route"];
      if (label !== "managed certificate") expected.push("Secret");
      assert.deepEqual([...new Set(checked)].sort(), expected.sort());
    });
  }

  it("the managed endpoint and deployment pass @azure/arm-machinelearning's models", async () => {
    const { ml, mlSerializer } = await armModels();
    const { rec } = await buildManaged(
      managedArgs({ services: [{ name: "iris", model: "azureml:iris:1", requestTimeoutSeconds: 60 }] }),
    );
    for (const [type, mapper] of [
      [M.endpoint, "OnlineEndpoint"],
      [M.deployment, "OnlineDeployment"],
    ]) {
      const b = body(rec.one(type).inputs);
      delete b.endpointName;
      let lost: string[] = [];
      try {
        lost = dropped(mlSerializer, ml, mapper, b, false);
      } catch (e) {
        assert.fail(`${type}: Microsoft's ${mapper} model refuses the body: ${(e as Error).message}`);
      }
      assert.deepEqual(lost, [], `${type}: properties unknown to ${mapper}`);
    }
  });
});
