// examples/yaml-managed-frontdoor, the YAML twin of examples/managed-frontdoor: only schema
// properties with the schema's types and enum values, the same arguments as the TypeScript example,
// every output exported. (No Pulumi CLI here to run it.)
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { checkResourceProperties, PackageSchema } from "./helpers/schema-check";
import { leafPaths } from "./helpers/arm-models";

const ROOT = path.resolve(__dirname, "..");
const TOKEN = "ssl-ml-cluster:index:SslMlManagedEndpoints";

describe("examples/yaml-managed-frontdoor", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as PackageSchema;
  const program = yaml.load(
    fs.readFileSync(path.join(ROOT, "examples/yaml-managed-frontdoor/Pulumi.yaml"), "utf8"),
  ) as {
    runtime: string;
    packages: Record<string, string>;
    resources: Record<string, { type: string; properties: Record<string, unknown> }>;
    outputs: Record<string, string>;
  };

  it("is a YAML program that takes the package from this repository", () => {
    assert.equal(program.runtime, "yaml");
    assert.equal(
      path.resolve(ROOT, "examples/yaml-managed-frontdoor", program.packages["ssl-ml-cluster"]),
      ROOT,
    );
    assert.equal(program.resources.ml.type, TOKEN);
  });

  it("sets only schema properties, with the schema's types and enum values", () => {
    assert.deepEqual(checkResourceProperties(schema, TOKEN, program.resources.ml.properties), []);
    const bad = { ...program.resources.ml.properties, frontDoor: { sku: "Standard" } };
    assert.notDeepEqual(checkResourceProperties(schema, TOKEN, bad), [], "the check can fail");
  });

  it("sets the arguments the TypeScript example sets", () => {
    const ts = fs.readFileSync(path.join(ROOT, "examples/managed-frontdoor/index.ts"), "utf8");
    const paths = leafPaths(program.resources.ml.properties).map((p) => p.replace(/\.\d+\./, "[]."));
    for (const p of paths) {
      const field = p.split(".").pop()!;
      assert.match(ts, new RegExp(`\\b${field}:`), `${p} is in the TypeScript example`);
    }
  });

  it("exports every output of the component under its schema name", () => {
    for (const [k, v] of Object.entries(program.outputs)) assert.equal(v, `\${ml.${k}}`);
    assert.deepEqual(
      Object.keys(program.outputs).sort(),
      Object.keys((schema.resources[TOKEN] as unknown as { properties: object }).properties).sort(),
    );
  });
});
