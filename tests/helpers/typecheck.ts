// Type-checks TypeScript programs in process with a given compiler (TypeScript 5 or 6), reusing
// parsed declaration files between programs of one compiler: the consumer matrix and the examples
// compile the same @pulumi and package declarations many times.
import * as path from "node:path";
import type * as TS from "typescript";

type Compiler = typeof TS;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const typescript5 = require("typescript") as Compiler;
// tests/types/typescript6: TypeScript 6 nested in its own folder (its tsc must not replace TypeScript 5's).
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const typescript6 = require("typescript6") as Compiler;

const caches = new WeakMap<Compiler, Map<string, TS.SourceFile>>();
/** Options that shape a parsed file (the language service's DocumentRegistry keys on the same kind). */
const shapeOf = (o: TS.CompilerOptions) => JSON.stringify([o.target, o.module, o.moduleResolution, o.jsx]);

function host(ts: Compiler, options: TS.CompilerOptions): TS.CompilerHost {
  const h = ts.createCompilerHost(options, true);
  let cache = caches.get(ts);
  if (!cache) caches.set(ts, (cache = new Map()));
  const get = h.getSourceFile.bind(h);
  h.getSourceFile = (file, lang, onError, fresh) => {
    // Only files that never change during a run are shared: installed declarations.
    const shared = file.includes(`${path.sep}node_modules${path.sep}`) || /\/bin\/sdk\/.*\.d\.ts$/.test(file);
    const key = `${shapeOf(options)}|${JSON.stringify(lang)}|${file}`;
    if (shared && cache.has(key)) return cache.get(key);
    const sf = get(file, lang, onError, fresh);
    if (shared && sf) cache.set(key, sf);
    return sf;
  };
  return h;
}

/** Every diagnostic of a program, as tsc prints it (`file(line,col): error TSnnnn: text`). */
export function diagnostics(ts: Compiler, roots: string[], options: TS.CompilerOptions): string[] {
  const program = ts.createProgram({ rootNames: roots, options, host: host(ts, options) });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file) return `error TS${d.code}: ${text}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${d.file.fileName}(${line + 1},${character + 1}): error TS${d.code}: ${text}`;
  });
}

/** Type-checks the project of a tsconfig.json as `tsc -p <file> --noEmit` does. */
export function checkProject(ts: Compiler, tsconfig: string): string[] {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) return [ts.flattenDiagnosticMessageText(read.error.messageText, "\n")];
  const parsed = ts.parseJsonConfigFileContent(
    read.config,
    ts.sys,
    path.dirname(tsconfig),
    { noEmit: true },
    tsconfig,
  );
  const options = parsed.errors.map(
    (d) => `error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
  );
  return [...options, ...diagnostics(ts, parsed.fileNames, parsed.options)];
}
