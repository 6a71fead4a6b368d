// schema.json is what other Pulumi languages see (their SDKs are generated from it). It must be what
// @pulumi/pulumi's component analyzer derives from the sources today, document every property, and
// carry the closed sets as enums.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzerSchema, committedSchemaText } from "../sdk/provider/schema";
import { SslMlClusterProvider } from "../sdk/provider/provider";
import type { PackageSchema, SchemaProperty } from "../sdk/provider/resolve-inputs";
import { markSecretInputs } from "../sdk/provider/secret-inputs";

const ROOT = path.resolve(__dirname, "..");
const committed = fs.readFileSync(path.join(ROOT, "schema.json"), "utf8");
const schema = JSON.parse(committed) as PackageSchema & {
  resources: Record<string, { description?: string }>;
  types: Record<
    string,
    { description?: string; properties?: Record<string, SchemaProperty & { description?: string }> }
  >;
};
const TOKEN = "ssl-ml-cluster:index:SslMlCluster";

/** Every property of the schema's types and of the component's inputs, as `Type.property`. */
function propertiesOf(s: PackageSchema): [string, SchemaProperty][] {
  const types = Object.entries(s.types).flatMap(([token, t]) =>
    Object.entries(t.properties ?? {}).map(([k, p]): [string, SchemaProperty] => [
      `${token.split(":")[2]}.${k}`,
      p,
    ]),
  );
  const inputs = Object.entries(s.resources[TOKEN].inputProperties).map(
    ([k, p]): [string, SchemaProperty] => [`SslMlCluster.${k}`, p],
  );
  return [...inputs, ...types];
}

describe("schema.json", () => {
  let analyzed: PackageSchema;
  before(async function () {
    this.timeout(120_000);
    analyzed = await analyzerSchema(ROOT);
  });

  it("is exactly what the component analyzer derives from the sources, secrets marked (else: npm run schema)", () => {
    assert.ok(
      committedSchemaText(analyzed) === committed,
      "schema.json differs from the analyzer's schema of the current sources: run `npm run schema` and commit schema.json",
    );
  });

  it("marks the key, the password, the PKCS#12 and the API token secret, and nothing else", () => {
    const secret = propertiesOf(schema)
      .filter(([, p]) => p.secret === true)
      .map(([k]) => k);
    assert.deepEqual(secret.sort(), [
      "CloudflareDnsArgs.apiToken",
      "ImportedCertificateArgs.certPem",
      "ImportedCertificateArgs.keyPem",
      "ImportedCertificateArgs.password",
      "ImportedCertificateArgs.pfxBase64",
    ]);
  });

  it("differs from the analyzer's own schema only by those marks (the analyzer has no secret marker)", () => {
    assert.deepEqual(
      propertiesOf(analyzed).filter(([, p]) => "secret" in p),
      [],
      "the analyzer now marks secrets itself: mark them in the sources and drop secret-inputs.ts",
    );
    const unmarked = JSON.parse(committed, (k: string, v: unknown) =>
      k === "secret" ? undefined : v,
    ) as unknown;
    assert.deepEqual(unmarked, analyzed);
  });

  it("the marking step refuses a path that names no property, or a plain one", () => {
    assert.throws(
      () => markSecretInputs(analyzed, TOKEN, ["dns.cloudflare.apiTokn"]),
      /^Error: secret input dns\.cloudflare\.apiTokn: schema\.json has no such property$/,
    );
    assert.throws(
      () => markSecretInputs(analyzed, TOKEN, ["certificate.imported.keyFile"]),
      /^Error: secret input certificate\.imported\.keyFile: a plain property cannot be secret$/,
    );
    assert.throws(
      () => markSecretInputs(analyzed, TOKEN, ["hostname.x"]),
      /^Error: secret input hostname\.x: hostname is not an object type$/,
    );
    const marked = markSecretInputs(analyzed, TOKEN, ["tags", "services[].codeId"]);
    assert.equal(marked.resources[TOKEN].inputProperties.tags.secret, true);
    assert.equal(marked.types["ssl-ml-cluster:index:ServiceArgs"].properties!.codeId.secret, true);
    assert.equal(
      analyzed.resources[TOKEN].inputProperties.tags.secret,
      undefined,
      "a copy: the input is kept",
    );
  });

  it("is analyzed with the project's TypeScript 5.9, not the analyzer's vendored 3.8 fallback", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shim = require("@pulumi/pulumi/typescript-shim") as { version: string };
    assert.match(shim.version, /^5\.9\./);
  });

  it("is what the plugin serves", async () => {
    assert.equal(await new SslMlClusterProvider({ dirname: ROOT }).getSchema(), committed);
  });

  it("names the component and its outputs as the TypeScript API does", () => {
    const r = schema.resources[TOKEN] as unknown as {
      inputProperties: Record<string, unknown>;
      properties: Record<string, unknown>;
      requiredInputs: string[];
    };
    assert.deepEqual(Object.keys(r.properties).sort(), [
      "certificate",
      "computeId",
      "dnsRecord",
      "frontEndIp",
      "hostname",
      "keyVaultCertificate",
      "scoringUri",
      "scoringUris",
    ]);
    assert.deepEqual(r.requiredInputs, ["certificate", "resourceGroupName", "workspaceName"]);
  });

  it("documents every property of the component and of every type; inputs name their default", () => {
    const missing: string[] = [];
    const r = schema.resources[TOKEN] as unknown as {
      inputProperties: Record<string, { description?: string }>;
      properties: Record<string, { description?: string }>;
    };
    const check = (where: string, props: Record<string, { description?: string }>, input: boolean) => {
      for (const [k, p] of Object.entries(props)) {
        if (!p.description) missing.push(`${where}.${k}: no description`);
        else if (input && !/\b(Default|default|Required|required)\b/.test(p.description))
          missing.push(`${where}.${k}: no default named`);
      }
    };
    check("SslMlCluster inputs", r.inputProperties, true);
    check("SslMlCluster outputs", r.properties, false);
    for (const [token, t] of Object.entries(schema.types)) {
      const name = token.split(":")[2];
      if (t.properties) check(name, t.properties, !/Summary$/.test(name));
    }
    assert.deepEqual(missing, []);
  });

  it("carries each closed set as an enum with its exact spellings", () => {
    const values = (name: string) =>
      (schema.types[`ssl-ml-cluster:index:${name}`] as unknown as { enum: { value: string }[] }).enum.map(
        (e) => e.value,
      );
    assert.deepEqual(values("ClusterKind"), ["kubernetes", "aks"]);
    assert.deepEqual(values("ClusterPurpose"), ["FastProd", "DevTest", "DenseProd"]);
    assert.deepEqual(values("KeyAlgorithm"), ["RSA", "ECDSA"]);
    assert.deepEqual(values("AuthMode"), ["Key", "AMLToken"]);
    const ref = (type: string, prop: string) =>
      schema.types[`ssl-ml-cluster:index:${type}`].properties![prop].$ref;
    assert.equal(ref("ClusterArgs", "kind"), "#/types/ssl-ml-cluster:index:ClusterKind");
    assert.equal(ref("ClusterArgs", "clusterPurpose"), "#/types/ssl-ml-cluster:index:ClusterPurpose");
    assert.equal(ref("SelfSignedCertificateArgs", "algorithm"), "#/types/ssl-ml-cluster:index:KeyAlgorithm");
    assert.equal(ref("ServiceArgs", "authMode"), "#/types/ssl-ml-cluster:index:AuthMode");
  });
});
