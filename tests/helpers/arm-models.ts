// Microsoft's generated ARM models as an independent oracle for request bodies: the mappers of
// @azure/arm-machinelearning (API 2022-10-01) and @azure/arm-kubernetesconfiguration, with
// @azure/core-client's serializer, which throws on a missing required property, a broken
// pattern or a wrong type. The packages ship the mappers as ES modules only
// (dist-esm/src/models/mappers.js, in packages without "type": "module"), so each file is copied
// to a temporary .mjs and imported as what it is.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createSerializer, Serializer } from "@azure/core-client";

export type Mappers = Record<string, unknown> & { discriminators?: Record<string, unknown> };

// A real dynamic import: TypeScript would turn `import()` into require() under CommonJS.
const importEsm = new Function("specifier", "return import(specifier)") as (s: string) => Promise<Mappers>;

async function loadMappers(pkg: string): Promise<Mappers> {
  const src = require.resolve(`${pkg}/dist-esm/src/models/mappers.js`);
  const text = fs.readFileSync(src, "utf8");
  if (/^\s*import\s/m.test(text)) throw new Error(`${src} imports other modules; load it another way`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-mappers-"));
  const copy = path.join(dir, "mappers.mjs");
  fs.writeFileSync(copy, text);
  try {
    return await importEsm(`file://${copy}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface ArmModels {
  ml: Mappers;
  k8sConfig: Mappers;
  mlSerializer: Serializer;
  k8sConfigSerializer: Serializer;
}

let cached: Promise<ArmModels> | undefined;

export function armModels(): Promise<ArmModels> {
  cached ??= (async () => {
    const ml = await loadMappers("@azure/arm-machinelearning");
    const k8sConfig = await loadMappers("@azure/arm-kubernetesconfiguration");
    return {
      ml,
      k8sConfig,
      mlSerializer: createSerializer(ml, false),
      k8sConfigSerializer: createSerializer(k8sConfig, false),
    };
  })();
  return cached;
}

/** Dotted paths of every leaf of a JSON value (arrays by index). */
export function leafPaths(v: unknown, prefix = ""): string[] {
  if (v === null || typeof v !== "object") return [prefix];
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([k, x]) => leafPaths(x, prefix ? `${prefix}.${k}` : k));
}

export interface CdnModels {
  cdn: Mappers;
  cdnSerializer: Serializer;
}

let cdnCached: Promise<CdnModels> | undefined;

/** @azure/arm-cdn's mappers (API 2024-02-01), for the Front Door bodies of SslMlManagedEndpoints. */
export function cdnModels(): Promise<CdnModels> {
  cdnCached ??= (async () => {
    const cdn = await loadMappers("@azure/arm-cdn");
    return { cdn, cdnSerializer: createSerializer(cdn, false) };
  })();
  return cdnCached;
}
