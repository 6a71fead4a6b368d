// Where a Pulumi program lives: its folder, Pulumi.yaml, and the entry file Pulumi's Node.js host
// would run (`main`, package.json's main, index.ts/index.js).
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { UsageError } from "../errors";

export interface ProgramInfo {
  dir: string;
  project: string;
  entry: string;
}

/** Finds `Pulumi.yaml` and the entry point of a program directory. */
export function locateProgram(dirArg: string): ProgramInfo {
  const dir = path.resolve(dirArg);
  if (!fs.existsSync(dir)) throw new UsageError(`${dirArg}: no such directory`);
  if (!fs.statSync(dir).isDirectory())
    throw new UsageError(`${dirArg} is not a directory; give the folder that holds Pulumi.yaml`);
  const yamlPath = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((p) => fs.existsSync(p));
  if (!yamlPath) throw new UsageError(`${dirArg} has no Pulumi.yaml; give the folder of a Pulumi program`);
  const shown = path.relative(process.cwd(), yamlPath) || yamlPath;
  const project = readProjectFile(yamlPath, shown);
  if (project.runtime !== undefined && project.runtime !== "nodejs")
    throw new UsageError(`${dirArg} is a ${project.runtime} program; plan runs nodejs (TypeScript) programs`);
  const main = project.main;
  const base = main ? path.resolve(dir, main) : dir;
  const candidates = fs.existsSync(base) && fs.statSync(base).isFile() ? [base] : [];
  if (candidates.length === 0) {
    const pkgMain = packageMain(path.join(base, "package.json"));
    if (pkgMain) candidates.push(path.resolve(base, pkgMain));
    candidates.push(path.join(base, "index.ts"), path.join(base, "index.js"));
  }
  const entry = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!entry)
    throw new UsageError(`${dirArg} has no entry point (index.ts, index.js, or package.json "main")`);
  const projectDir = main ? path.dirname(yamlPath) : dir;
  return { dir: projectDir, project: project.name, entry };
}

/**
 * The fields of `Pulumi.yaml` that plan needs, read with a YAML parser (the file is YAML: quotes,
 * comments, block scalars and `runtime: {name: ...}` all occur). Shape:
 * https://www.pulumi.com/docs/iac/concepts/projects/project-file/
 */
function readProjectFile(yamlPath: string, shown: string): { name: string; runtime?: string; main?: string } {
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(yamlPath, "utf8"));
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    throw new UsageError(`${shown} is not valid YAML: ${first}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw new UsageError(`${shown} is not a Pulumi project file (expected name:, runtime: ...)`);
  const y = doc as Record<string, unknown>;
  const name = typeof y.name === "string" ? y.name.trim() : "";
  if (!name) throw new UsageError(`${shown} has no "name:"`);
  const rt = y.runtime;
  const runtime =
    typeof rt === "string"
      ? rt
      : rt && typeof rt === "object" && typeof (rt as Record<string, unknown>).name === "string"
        ? ((rt as Record<string, unknown>).name as string)
        : undefined;
  if (y.main !== undefined && y.main !== null && typeof y.main !== "string")
    throw new UsageError(`${shown}: "main:" is not a path`);
  return { name, runtime: runtime?.trim(), main: typeof y.main === "string" ? y.main : undefined };
}

/** The "main" of a program's package.json, if any; a file that is not JSON is a usage error. */
function packageMain(pkg: string): string | undefined {
  if (!fs.existsSync(pkg)) return undefined;
  const shown = path.relative(process.cwd(), pkg) || pkg;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(pkg, "utf8"));
  } catch (e) {
    throw new UsageError(`${shown} is not valid JSON (${(e as Error).message}); fix it or remove it`);
  }
  const main = (parsed as { main?: unknown } | null)?.main;
  if (main === undefined) return undefined;
  if (typeof main !== "string" || main === "")
    throw new UsageError(`${shown}: "main" is not a file path; fix it or remove it`);
  return main;
}
