// A wrong spelling of a closed set fails `tsc`: tests/types/enums.typecheck.ts (compiled by
// `npm run typecheck`) holds one per set behind `@ts-expect-error`; here it is compiled without the
// directives, and each of those lines must be a type error.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const FILE = path.join(ROOT, "tests/types/enums.typecheck.ts");

describe("closed sets are checked by tsc", () => {
  it("each @ts-expect-error line is a type error without the directive, and nothing else is", () => {
    const original = fs.readFileSync(FILE, "utf8");
    const lines = original.split("\n");
    const expected: number[] = [];
    const stripped = lines.map((l, i) => {
      if (!l.includes("// @ts-expect-error")) return l;
      expected.push(i + 2); // 1-based number of the line after the directive
      return "";
    });
    assert.equal(expected.length, 5, "one directive per closed set");
    const config = ts.parseJsonConfigFileContent(
      ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config,
      ts.sys,
      ROOT,
    );
    const host = ts.createCompilerHost(config.options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, onError) =>
      path.resolve(name) === FILE
        ? ts.createSourceFile(name, stripped.join("\n"), lang)
        : read(name, lang, onError);
    const program = ts.createProgram({
      rootNames: [FILE],
      options: { ...config.options, noEmit: true },
      host,
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && path.resolve(d.file.fileName) === FILE)
      .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1);
    assert.deepEqual(
      [...new Set(errors)].sort((a, b) => a - b),
      expected,
    );
  });
});
