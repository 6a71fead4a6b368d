import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { SslMlCluster } from "../component";
import { packageRoot } from "./package-root";

/** Where the committed schema lives. */
export function schemaPath(root: string = packageRoot()): string {
  return path.join(root, "schema.json");
}

/**
 * The package schema as @pulumi/pulumi's component analyzer derives it from the TypeScript sources
 * (the entry point is the root index.ts, which re-exports sdk/index.ts), formatted the way
 * schema.json is committed. This is what `pulumi package add` would get from the stock
 * ComponentProvider; it takes a few seconds (the analyzer compiles the tsconfig.json program).
 */
export async function analyzedSchema(root: string = packageRoot()): Promise<string> {
  const provider = new ComponentProvider({
    components: [SslMlCluster],
    name: "ssl-ml-cluster",
    dirname: root,
  });
  const schema = JSON.parse(await provider.getSchema()) as unknown;
  return `${JSON.stringify(schema, null, 2)}\n`;
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
