import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { SslMlCluster, SSL_ML_CLUSTER_TYPE } from "../component";
import { SslMlManagedEndpoints, SSL_ML_MANAGED_ENDPOINTS_TYPE } from "../managed/component";
import { packageRoot } from "./package-root";
import type { PackageSchema } from "./resolve-inputs";
import { MANAGED_SECRET_INPUTS, markSecretInputs, SECRET_INPUTS } from "./secret-inputs";

/** Where the committed schema lives. */
export function schemaPath(root: string = packageRoot()): string {
  return path.join(root, "schema.json");
}

/**
 * The package schema exactly as @pulumi/pulumi's component analyzer derives it from the TypeScript
 * sources (the entry point is the root index.ts, which re-exports sdk/index.ts): what the stock
 * ComponentProvider would serve. It takes a few seconds (the analyzer compiles the tsconfig.json
 * program).
 */
export async function analyzerSchema(root: string = packageRoot()): Promise<PackageSchema> {
  const provider = new ComponentProvider({
    components: [SslMlCluster, SslMlManagedEndpoints],
    name: "ssl-ml-cluster",
    dirname: root,
  });
  return JSON.parse(await provider.getSchema()) as PackageSchema;
}

/**
 * schema.json as committed: the analyzer's schema, then one step the analyzer cannot do (it has no
 * way to say that an input is secret): every input in SECRET_INPUTS (secret-inputs.ts) gets
 * `secret: true`, so other languages' SDKs can mark it.
 */
export function committedSchemaText(analyzed: PackageSchema): string {
  const schema = markSecretInputs(
    markSecretInputs(analyzed, SSL_ML_CLUSTER_TYPE, SECRET_INPUTS),
    SSL_ML_MANAGED_ENDPOINTS_TYPE,
    MANAGED_SECRET_INPUTS,
  );
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** What `npm run schema` writes: {@link committedSchemaText} of {@link analyzerSchema}. */
export async function analyzedSchema(root: string = packageRoot()): Promise<string> {
  return committedSchemaText(await analyzerSchema(root));
}

/** `npm run schema`: regenerates schema.json. */
export async function writeSchema(root: string = packageRoot()): Promise<string> {
  const text = await analyzedSchema(root);
  fs.writeFileSync(schemaPath(root), text);
  return schemaPath(root);
}

if (require.main === module) {
  writeSchema().then(
    (file) => console.log(`wrote ${path.relative(process.cwd(), file) || file}`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
