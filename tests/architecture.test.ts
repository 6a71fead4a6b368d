// The layout of sdk/ as rules (issue 20, "keep the nevers"): every relative import, export-from,
// require() and import() of sdk/**/*.ts is read with TypeScript's own pre-processor, and the
// graph of folders is checked. Each rule is also run once on a made-up import that breaks it, so a
// rule that can no longer fail is caught too.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const SDK = path.resolve(__dirname, "..", "sdk");

/** One import: the importing file and the module named, both relative to sdk/ for local modules. */
interface Edge {
  from: string;
  /** `certificates/rules/rules.ts`-like path for a relative import (extension-less), else the bare specifier. */
  to: string;
  relative: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? sourceFiles(path.join(dir, e.name))
        : e.name.endsWith(".ts")
          ? [path.join(dir, e.name)]
          : [],
    );
}

function rel(file: string): string {
  return path.relative(SDK, file).split(path.sep).join("/");
}

/** Every import of every file of sdk/ (import, export … from, import(), require()). */
function sdkEdges(): Edge[] {
  return sourceFiles(SDK).flatMap((file) =>
    ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles.map(({ fileName }) => {
      const relative = fileName.startsWith(".");
      const to = relative ? rel(path.resolve(path.dirname(file), fileName)) : fileName;
      return { from: rel(file), to, relative };
    }),
  );
}

/** The layer a path of sdk/ is in: its folder (`dns/`), or the root file's own name (`types.ts`). */
function layer(p: string): string {
  const slash = p.indexOf("/");
  if (slash >= 0) return p.slice(0, slash + 1);
  return p.endsWith(".ts") ? p : `${p}.ts`;
}

/** Root files at the bottom: they import no folder but sdk/args/ (the argument shapes). */
const BOTTOM = ["errors.ts", "enums.ts", "types.ts"];
/** Root files at the top: nothing in sdk/ imports index.ts. */
const TOP = ["index.ts", "component.ts"];

/** (a) Pairs of layers that import each other, as "a <-> b (file -> module, file -> module)". */
function mutualImports(edges: Edge[]): string[] {
  const seen = new Map<string, string>();
  for (const e of edges.filter((x) => x.relative)) {
    const a = layer(e.from);
    const b = layer(e.to);
    if (a !== b && !seen.has(`${a} ${b}`)) seen.set(`${a} ${b}`, `${e.from} -> ${e.to}`);
  }
  const out: string[] = [];
  for (const [key, example] of seen) {
    const [a, b] = key.split(" ");
    if (a < b && seen.has(`${b} ${a}`)) out.push(`${a} <-> ${b} (${example}, ${seen.get(`${b} ${a}`)})`);
  }
  return out;
}

/** (a) The bottom files import only each other and sdk/args/; nothing imports index.ts. */
function layerViolations(edges: Edge[]): string[] {
  return edges
    .filter((e) => e.relative)
    .filter(
      (e) =>
        (BOTTOM.includes(e.from) && !BOTTOM.includes(layer(e.to)) && layer(e.to) !== "args/") ||
        (layer(e.to) === "index.ts" && e.from !== "index.ts"),
    )
    .map((e) => `${e.from} -> ${e.to}`);
}

/**
 * (b) The files of sdk/certificates/ that are Pulumi glue (they register resources for the
 * component); everything else there is the certificate toolkit (`ssl-ml-cluster/certificates`,
 * `check-cert`), which loads no Pulumi package.
 */
const CERTIFICATE_GLUE = [
  "certificates/sources/source.ts", // the self-signed / imported sources as Pulumi resources
  "certificates/sources/acme.ts", // the ACME order (@pulumiverse/acme, @pulumi/tls)
  "certificates/sources/acme-challenge.ts", // the DNS-01 role assignment (@pulumi/azure-native/authorization)
  "certificates/sources/keyvault-source.ts", // the Key Vault source (pulumi.secret, warnings)
];
const PULUMI = /^@pulumi(verse)?\//;

function pulumiInToolkit(edges: Edge[]): string[] {
  return edges
    .filter((e) => layer(e.from) === "certificates/" && !CERTIFICATE_GLUE.includes(e.from))
    .filter((e) => !e.relative && PULUMI.test(e.to))
    .map((e) => `${e.from} -> ${e.to}`);
}

/** (c) The library (all but the CLI and the offline engine) never imports the CLI or the offline engine. */
function libraryImportsTools(edges: Edge[]): string[] {
  const tools = ["cli/", "offline/"];
  return edges
    .filter((e) => e.relative && !tools.includes(layer(e.from)) && tools.includes(layer(e.to)))
    .map((e) => `${e.from} -> ${e.to}`);
}

/** (d) dns/ and cluster/ do not import each other, in either direction. */
function dnsClusterImports(edges: Edge[]): string[] {
  const pair = ["dns/", "cluster/"];
  return edges
    .filter((e) => e.relative && pair.includes(layer(e.from)) && pair.includes(layer(e.to)))
    .filter((e) => layer(e.from) !== layer(e.to))
    .map((e) => `${e.from} -> ${e.to}`);
}

/** (e) Files allowed over the limit, each with why. */
const MAX_LINES = 300;
const LONG_FILES: Record<string, string> = {};

function lineCount(text: string): number {
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

function longFiles(files: Record<string, number>): string[] {
  return Object.entries(files)
    .filter(([file, lines]) => lines > MAX_LINES && !(file in LONG_FILES))
    .map(([file, lines]) => `${file}: ${lines} lines`);
}

function sdkLineCounts(): Record<string, number> {
  return Object.fromEntries(sourceFiles(SDK).map((f) => [rel(f), lineCount(fs.readFileSync(f, "utf8"))]));
}

describe("architecture of sdk/", () => {
  const edges = sdkEdges();

  it("reads the imports of sdk/ (import, export from, require, import())", () => {
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    assert.ok(has("index.ts", "component"), "import … from");
    assert.ok(has("types.ts", "args/cluster"), "export … from");
    assert.ok(has("provider/plugin-entry.ts", "provider/host"), "require()");
    assert.ok(edges.length > 200, `only ${edges.length} imports found`);
  });

  it("(a) no two folders (or root files) of sdk/ import each other", () => {
    assert.deepEqual(mutualImports(edges), []);
    assert.deepEqual(
      mutualImports([...edges, { from: "dns/record.ts", to: "validation/args", relative: true }]),
      ["dns/ <-> validation/ (dns/record.ts -> validation/args, validation/args.ts -> dns/args-rules)"],
    );
  });

  it("(a) errors.ts, enums.ts and types.ts import no folder but sdk/args/; nothing imports index.ts", () => {
    assert.deepEqual(layerViolations(edges), []);
    assert.deepEqual(
      layerViolations([
        { from: "types.ts", to: "common/hostname", relative: true },
        { from: "provider/provider.ts", to: "index", relative: true },
      ]),
      ["types.ts -> common/hostname", "provider/provider.ts -> index"],
    );
    for (const file of [...BOTTOM, ...TOP]) assert.ok(fs.existsSync(path.join(SDK, file)), file);
  });

  it("(b) sdk/certificates/ imports no Pulumi package outside its glue files", () => {
    for (const file of CERTIFICATE_GLUE) assert.ok(fs.existsSync(path.join(SDK, file)), file);
    assert.deepEqual(pulumiInToolkit(edges), []);
    assert.deepEqual(
      pulumiInToolkit([{ from: "certificates/rules/inspect.ts", to: "@pulumi/pulumi", relative: false }]),
      ["certificates/rules/inspect.ts -> @pulumi/pulumi"],
    );
  });

  it("(c) the library never imports sdk/cli/ or sdk/offline/", () => {
    assert.deepEqual(libraryImportsTools(edges), []);
    assert.deepEqual(
      libraryImportsTools([
        { from: "component.ts", to: "offline/runtime", relative: true },
        { from: "cli/main.ts", to: "offline/plan", relative: true },
      ]),
      ["component.ts -> offline/runtime"],
    );
  });

  it("(d) sdk/dns/ and sdk/cluster/ do not import each other", () => {
    assert.deepEqual(dnsClusterImports(edges), []);
    assert.deepEqual(
      dnsClusterImports([{ from: "cluster/kubernetes.ts", to: "dns/rules", relative: true }]),
      ["cluster/kubernetes.ts -> dns/rules"],
    );
  });

  it(`(e) no file of sdk/ is over ${MAX_LINES} lines, but the listed ones`, () => {
    const counts = sdkLineCounts();
    assert.deepEqual(longFiles(counts), []);
    for (const file of Object.keys(LONG_FILES)) assert.ok(file in counts, `${file} is listed but gone`);
    assert.deepEqual(longFiles({ "validation/args.ts": MAX_LINES + 1 }), ["validation/args.ts: 301 lines"]);
  });
});
