import * as fs from "node:fs";
import * as path from "node:path";
import Module from "node:module";
import { UsageError } from "../errors";

/**
 * Compiles a program's TypeScript files with the program's own `tsconfig.json`, as Pulumi's Node.js
 * host does (`@pulumi/pulumi/cmd/run/run.js`): the file named by `PULUMI_NODEJS_TSCONFIG_PATH`, else
 * `tsconfig.json` in the project folder; its compiler options win over the host's defaults (target
 * ES2020, module and resolution `nodenext`). Unlike the host, plan transpiles without type checking
 * (it runs in a clone where the example's own `npm install` may not have run; `tsc` or `pulumi up`
 * check types), but the options are the program's: `module: node16` with `moduleResolution: node16`
 * is taken as written, not overridden (which made TypeScript refuse the pair, TS5110).
 */
type Compile = (code: string, fileName: string) => string;
interface Scope {
  dir: string;
  key: string;
  compile: Compile;
}

const scopes: Scope[] = [];
let installed = false;

/** The tsconfig.json the host would read for a program in `projectDir`, if there is one. */
export function programTsconfig(projectDir: string): string | undefined {
  const named = process.env.PULUMI_NODEJS_TSCONFIG_PATH;
  const file = path.resolve(projectDir, named || "tsconfig.json");
  if (fs.existsSync(file)) return file;
  if (named)
    throw new UsageError(`PULUMI_NODEJS_TSCONFIG_PATH names ${named}, which is not in ${projectDir}`);
  return undefined;
}

/** The compilerOptions object of a tsconfig file, read as TypeScript reads it (comments, trailing commas). */
function ownCompilerOptions(file: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof import("typescript");
  const parsed = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8"));
  if (parsed.error) {
    const text = ts.flattenDiagnosticMessageText(parsed.error.messageText, " ");
    throw new UsageError(`${file} is not a valid tsconfig.json: ${text}`);
  }
  const options = (parsed.config as { compilerOptions?: unknown } | undefined)?.compilerOptions;
  return options && typeof options === "object" ? (options as Record<string, unknown>) : {};
}

function createCompiler(projectDir: string, tsconfig: string | undefined): Compile {
  const own = tsconfig ? ownCompilerOptions(tsconfig) : {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsnode = require("ts-node") as typeof import("ts-node");
  const service = tsnode.create({
    transpileOnly: true,
    cwd: projectDir,
    project: tsconfig,
    skipProject: tsconfig === undefined,
    // The host's defaults for TypeScript >= 4.7, then the program's own options over them.
    compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", ...own },
  });
  return (code, fileName) => service.compile(code, fileName);
}

const inside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return (
    rel !== "" &&
    !rel.startsWith("..") &&
    !path.isAbsolute(rel) &&
    !rel.split(path.sep).includes("node_modules")
  );
};

function install(): void {
  if (installed) return;
  installed = true;
  const M = Module as unknown as {
    _extensions: Record<string, ((m: NodeJS.Module, filename: string) => void) | undefined>;
  };
  // Files outside every program folder go on to whatever handled .ts before (ts-node under the tests).
  const previous = M._extensions[".ts"];
  M._extensions[".ts"] = function (m, filename) {
    // The innermost program folder holding the file (a project may sit inside another's folder).
    const scope =
      scopes.filter((s) => inside(s.dir, filename)).sort((a, b) => b.dir.length - a.dir.length)[0] ??
      (previous ? undefined : scopes[0]);
    if (!scope) return previous!.call(this, m, filename);
    const js = scope.compile(fs.readFileSync(filename, "utf8"), filename);
    (m as unknown as { _compile(code: string, filename: string): void })._compile(js, filename);
  };
}

/** Makes `.ts` files under `projectDir` compile with the program's own tsconfig.json. */
export function useProgramTypeScript(projectDir: string): void {
  const dir = path.resolve(projectDir);
  const tsconfig = programTsconfig(dir);
  const key = `${tsconfig ?? ""}\n${tsconfig ? fs.readFileSync(tsconfig, "utf8") : ""}`;
  const i = scopes.findIndex((s) => s.dir === dir);
  if (i >= 0 && scopes[i].key === key) {
    scopes.unshift(...scopes.splice(i, 1));
  } else {
    if (i >= 0) scopes.splice(i, 1);
    scopes.unshift({ dir, key, compile: createCompiler(dir, tsconfig) });
  }
  install();
}
