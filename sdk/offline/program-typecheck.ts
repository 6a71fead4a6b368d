// Type-checks a program before plan runs it (`plan --typecheck`), as Pulumi's Node.js host does: the host registers ts-node
// with type checking unless the tsconfig sets `noCheck` (@pulumi/pulumi/cmd/run/run.js,
// https://www.pulumi.com/docs/iac/languages-sdks/javascript/#typescript), so a program that `pulumi up`
// refuses is refused here too, with the same tsc-style lines. The program's own tsconfig.json options
// (over the host's defaults) are used. Imports of "ssl-ml-cluster" and "@pulumi/*" resolve to this
// process's copies, as plan runs them (sdk/offline/plan.ts), so a clone's example whose own
// `npm install` has not run is checked against the package it will run with.
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TS from "typescript";
import { programCompilerOptions, programTsconfig } from "./program-typescript";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const typescript = () => require("typescript") as typeof TS;

/** The program does not type-check: `diagnostics` as tsc prints them. */
export class ProgramTypeError extends Error {
  constructor(readonly diagnostics: string[]) {
    super(
      `the program does not type-check, so Pulumi's host would refuse it too:\n${diagnostics.join("\n")}`,
    );
    this.name = "ProgramTypeError";
  }
}

const OWN_ROOT = path.resolve(__dirname, "..", "..");

/** This process's copy of an "ssl-ml-cluster" entry: declarations when built, sources under ts-node. */
function ownEntry(name: string): string | undefined {
  const sub =
    name === "ssl-ml-cluster"
      ? "index"
      : name === "ssl-ml-cluster/certificates"
        ? "certificates/index"
        : undefined;
  if (!sub) return undefined;
  const base = path.resolve(__dirname, "..", sub);
  return [`${base}.d.ts`, `${base}.ts`].find((f) => fs.existsSync(f));
}

const inside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return !rel.startsWith("..") && !path.isAbsolute(rel) && !rel.split(path.sep).includes("node_modules");
};

/** Type-checks the program whose entry is `entry`; throws ProgramTypeError listing every error. */
export function typeCheckProgram(projectDir: string, entry: string): void {
  const ts = typescript();
  const options: TS.CompilerOptions = {
    ...programCompilerOptions(projectDir, programTsconfig(projectDir)),
    noEmit: true,
  };
  if (options.noCheck) return; // the host turns ts-node's type checking off for it too
  const host = ts.createCompilerHost(options, true);
  const cache = ts.createModuleResolutionCache(projectDir, (f) => f, options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) =>
    literals.map((lit) => {
      const own = ownEntry(lit.text);
      if (own)
        return {
          resolvedModule: {
            resolvedFileName: own,
            extension: own.endsWith(".d.ts") ? ts.Extension.Dts : ts.Extension.Ts,
            isExternalLibraryImport: true,
          },
        };
      const mode = ts.getModeForUsageLocation(containingSourceFile, lit, opts);
      const from = lit.text.startsWith("@pulumi/") ? path.join(OWN_ROOT, "package.json") : containingFile;
      const r = ts.resolveModuleName(lit.text, from, opts, host, cache, redirected, mode);
      return r.resolvedModule
        ? r
        : ts.resolveModuleName(lit.text, containingFile, opts, host, cache, redirected, mode);
    });
  // `types: ["node"]` in a program whose own `npm install` has not run: this package's @types.
  host.resolveTypeReferenceDirectiveReferences = (
    refs,
    containingFile,
    redirected,
    opts,
    containingSourceFile,
  ) =>
    refs.map((ref) => {
      const name = typeof ref === "string" ? ref : ref.fileName.toLowerCase();
      const mode =
        typeof ref === "string" || !containingSourceFile
          ? undefined
          : ts.getModeForFileReference(ref, containingSourceFile.impliedNodeFormat);
      const r = ts.resolveTypeReferenceDirective(
        name,
        containingFile,
        opts,
        host,
        redirected,
        undefined,
        mode,
      );
      return r.resolvedTypeReferenceDirective
        ? r
        : ts.resolveTypeReferenceDirective(
            name,
            path.join(OWN_ROOT, "package.json"),
            opts,
            host,
            redirected,
            undefined,
            mode,
          );
    });
  const program = ts.createProgram({ rootNames: [entry], options, host });
  const files = program.getSourceFiles().filter((sf) => inside(projectDir, sf.fileName));
  const found = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...files.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (found.length === 0) return;
  throw new ProgramTypeError(
    found.map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!d.file || d.start === undefined) return `error TS${d.code}: ${text}`;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${path.relative(projectDir, d.file.fileName)}(${line + 1},${character + 1}): error TS${d.code}: ${text}`;
    }),
  );
}
