// The offline model's table (sdk/offline/models/model-table.ts, docs/offline-model.md): every token it
// holds is one the provider packages really use, and every resource the component registers is
// answered by a row of it (not by the catch-all answer `<name>-id`). Expected tokens come from the
// installed provider SDKs (their `__pulumiType` and `invoke("…")` strings), not from the model.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { build, quickstartArgs } from "./helpers/component";
import { buildManaged, managedArgs } from "./helpers/managed";
import { keyVaultArgs, useTestVault } from "./helpers/managed-keyvault";
import { INVOKE_MODELS, RESOURCE_MODELS } from "../sdk/offline/models/model-table";
import { isAssetToken } from "../sdk/offline/models/assets-model";

const PULUMI = path.resolve(__dirname, "..", "node_modules", "@pulumi");
// The acme provider is not an installed SDK package (the component declares its resources itself).
const NOT_INSTALLED = /^(acme:|pulumi:providers:acme$)/;

/** The installed SDK file that declares a token: `pkg:index/x:Name` → `@pulumi/pkg/name.js`, `pkg:mod:Name` → `@pulumi/pkg/mod/name.js`. */
function sdkFile(token: string): string {
  const [pkg, mod, name] = token.split(":");
  const dir = pkg !== "azure-native" && mod.startsWith("index") ? "" : mod;
  const file = path.join(PULUMI, pkg, dir, `${name[0].toLowerCase()}${name.slice(1)}.js`);
  if (fs.existsSync(file)) return file;
  // azure-native lower-cases a leading acronym differently (AFDEndpoint → afdendpoint.js,
  // AFDCustomDomain → afdcustomDomain.js): find the one file whose name matches, case aside.
  const found = fs
    .readdirSync(path.dirname(file))
    .find((f) => f.toLowerCase() === `${name.toLowerCase()}.js`);
  return found ? path.join(path.dirname(file), found) : file;
}

describe("offline model table", () => {
  it("keys every resource row by a type token its provider SDK declares", () => {
    for (const token of RESOURCE_MODELS.keys()) {
      if (NOT_INSTALLED.test(token)) continue;
      const text = fs.readFileSync(sdkFile(token), "utf8");
      assert.ok(text.includes(`__pulumiType = '${token}'`), `${token} is not declared in ${sdkFile(token)}`);
    }
  });

  it("keys every invoke row by a token its provider SDK invokes", () => {
    assert.ok(INVOKE_MODELS.size > 0);
    for (const token of INVOKE_MODELS.keys()) {
      const text = fs.readFileSync(sdkFile(token), "utf8");
      assert.ok(text.includes(`invoke("${token}"`), `${token} is not invoked in ${sdkFile(token)}`);
    }
  });

  for (const [what, args] of [
    ["Kubernetes extension, self-signed, Cloudflare", quickstartArgs()],
    [
      "legacy AKS compute, ACME, Azure DNS",
      quickstartArgs({
        cluster: { kind: "aks" },
        services: [{ name: "svc" }],
        certificate: { acme: { email: "ops@contoso.com" } },
        dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns" } },
      }),
    ],
  ] as const) {
    it(`answers every resource the component registers from a row (${what})`, async () => {
      const { rec } = await build(args);
      const types = [...new Set(rec.registrations.filter((r) => r.custom).map((r) => r.type))];
      const unanswered = types.filter(
        (t) => !RESOURCE_MODELS.has(t) && !isAssetToken(t) && !t.startsWith("pulumi:providers:"),
      );
      assert.deepEqual(unanswered, []);
      assert.ok(types.length >= 6, `only ${types.join(", ")}`);
    });
  }

  it("answers every resource SslMlManagedEndpoints registers from a row (Front Door, Key Vault, Azure DNS)", async () => {
    const vault = useTestVault();
    try {
      const { rec } = await buildManaged(
        managedArgs({
          ...keyVaultArgs,
          dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns" } },
        }),
        { keyVaultFile: vault.keyVaultFile },
      );
      const types = [...new Set(rec.registrations.filter((r) => r.custom).map((r) => r.type))];
      const unanswered = types.filter(
        (t) => !RESOURCE_MODELS.has(t) && !isAssetToken(t) && !t.startsWith("pulumi:providers:"),
      );
      assert.deepEqual(unanswered, []);
      assert.ok(types.length >= 10, `only ${types.join(", ")}`);
    } finally {
      vault.undo();
    }
  });
});
