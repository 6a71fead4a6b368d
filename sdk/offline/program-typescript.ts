import * as fs from "node:fs";
import * as path from "node:path";
import Module from "node:module";
import type * as TS from "typescript";
import { UsageError } from "../errors";

/**
 * Compiles a program's TypeScript files with the program's own `tsconfig.json`, as Pulumi's Node.js
 * host does (`@pulumi/pulumi/cmd/run/run.js`): the file named by `PULUMI_NODEJS_TSCONFIG_PATH`, else
 * `tsconfig.json` in the project folder (with what it `extends`); its compiler options win over the
 * host's defaults (target ES2020, module and resolution `nodenext`). Unlike the host, plan transpiles
 * each file with the TypeScript module it has loaded already (`ts.transpileModule`), not ts-node:
 * types are checked beforehand only with `plan --typecheck` (program-typecheck.ts), and no
 * source-map-support is loaded, which rewrote every stack that Pulumi's `debuggablePromise`
 * captures (several per output property). The options are the program's: `module: node16` with
 * `moduleResolution: node16` is taken as written.
 * With `sourceMaps` (plan --verbose), files carry inline source maps and Node maps stack traces.
 */
type Compile = (code: string, fileName: string) => string;
interface Scope {
  dir: string;
  key: string;
  compile: Compile;
}

export interface ProgramTypeScriptOptions {
  /** Map stack traces of the program to its TypeScript lines (Node's own source maps). Default: false. */
  sourceMaps?: boolean;
}

const scopes: Scope[] = [];
let installed = false;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const typescript = () => require("typescript") as typeof TS;

/** The tsconfig.json the host would read for a program in `projectDir`, if there is one. */
export function programTsconfig(projectDir: string): string | undefined {
  const named = process.env.PULUMI_NODEJS_TSCONFIG_PATH;
  const file = path.resolve(projectDir, named || "tsconfig.json");
  if (fs.existsSync(file)) return file;
  if (named)
    throw new UsageError(`PULUMI_NODEJS_TSCONFIG_PATH names ${named}, which is not in ${projectDir}`);
  return undefined;
}

const flatten = (d: TS.Diagnostic) => typescript().flattenDiagnosticMessageText(d.messageText, " ");

/**
 * The compiler options of a tsconfig file (comments, trailing commas and `extends` read as tsc
 * reads them), over the host's defaults. Files are not listed: transpiling needs none.
 */
export function programCompilerOptions(projectDir: string, file: string | undefined): TS.CompilerOptions {
  const ts = typescript();
  const defaults = { target: "ES2020", module: "nodenext", moduleResolution: "nodenext" };
  if (!file) return ts.convertCompilerOptionsFromJson(defaults, projectDir).options;
  const parsed = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8"));
  if (parsed.error) throw new UsageError(`${file} is not a valid tsconfig.json: ${flatten(parsed.error)}`);
  const host: TS.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: () => [],
  };
  const config = (parsed.config ?? {}) as { compilerOptions?: Record<string, unknown> };
  const withDefaults = { ...config, compilerOptions: { ...defaults, ...(config.compilerOptions ?? {}) } };
  const NO_INPUTS = 18003; // "No inputs were found": no files are listed on purpose
  const result = ts.parseJsonConfigFileContent(withDefaults, host, path.dirname(file), undefined, file);
  const errors = result.errors.filter((e) => e.code !== NO_INPUTS);
  if (errors.length > 0)
    throw new UsageError(`${file} is not a valid tsconfig.json: ${errors.map(flatten).join("; ")}`);
  return result.options;
}

function createCompiler(
  projectDir: string,
  tsconfig: string | undefined,
  o: ProgramTypeScriptOptions,
): Compile {
  const ts = typescript();
  const compilerOptions: TS.CompilerOptions = {
    ...programCompilerOptions(projectDir, tsconfig),
    // The output is run, never written: no map files, an inline map only when stacks are mapped.
    sourceMap: false,
    inlineSourceMap: !!o.sourceMaps,
    inlineSources: !!o.sourceMaps,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    noEmit: false,
  };
  return (code, fileName) => {
    const out = ts.transpileModule(code, { fileName, compilerOptions, reportDiagnostics: true });
    const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      // As tsc prints them: file(line,col): error TSnnnn: text
      const lines = errors.map((d) => {
        const at =
          d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        const where = at
          ? `${path.relative(projectDir, fileName)}(${at.line + 1},${at.character + 1}): `
          : "";
        return `${where}error TS${d.code}: ${flatten(d)}`;
      });
      throw new SyntaxError(`Unable to compile TypeScript:\n${lines.join("\n")}`);
    }
    return out.outputText;
  };
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
export function useProgramTypeScript(projectDir: string, o: ProgramTypeScriptOptions = {}): void {
  const dir = path.resolve(projectDir);
  const tsconfig = programTsconfig(dir);
  const key = `${!!o.sourceMaps}\n${tsconfig ?? ""}\n${tsconfig ? fs.readFileSync(tsconfig, "utf8") : ""}`;
  const i = scopes.findIndex((s) => s.dir === dir);
  if (i >= 0 && scopes[i].key === key) {
    scopes.unshift(...scopes.splice(i, 1));
  } else {
    if (i >= 0) scopes.splice(i, 1);
    scopes.unshift({ dir, key, compile: createCompiler(dir, tsconfig, o) });
  }
  // Node maps stacks through the inline maps (no source-map-support); only when asked, since every
  // stack Pulumi captures would then be mapped.
  if (o.sourceMaps) process.setSourceMapsEnabled(true);
  install();
}
