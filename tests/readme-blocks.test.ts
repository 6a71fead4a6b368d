// The code in the documentation works as written: every ```ts block of README.md and of docs/**/*.md
// compiles strictly against the package with the tsconfig.json the README recommends, under TypeScript 5 and 6; every ```yaml block that is a Pulumi YAML program using the
// component fits schema.json (required properties, no unknown ones, enum values, outputs that exist)
// and passes the component's own argument checks.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { validateArgs } from "../sdk/validation/args";
import type { SslMlClusterArgs } from "../sdk/types";
import { checkResourceProperties, PackageSchema } from "./helpers/schema-check";
import { tempDirs } from "./helpers/tmp";
import { diagnostics, typescript5, typescript6 } from "./helpers/typecheck";

const ROOT = path.resolve(__dirname, "..");
const TOKEN = "ssl-ml-cluster:index:SslMlCluster";

interface Block {
  where: string;
  lang: string;
  text: string;
}

/** README.md, then every Markdown file under docs/, at any depth. */
function documents(root = ROOT): string[] {
  const docs = path.join(root, "docs");
  const more = fs.existsSync(docs)
    ? fs
        .readdirSync(docs, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => path.join(docs, f))
    : [];
  return [path.join(root, "README.md"), ...more];
}

/** Fenced code blocks (``` at the start of a line, CommonMark), with the line of the opening fence. */
export function fencedBlocks(file: string, text: string): Block[] {
  const out: Block[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(open[1])) body.push(lines[j++]);
    out.push({
      where: `${path.relative(ROOT, file)}:${i + 1}`,
      lang: open[2].toLowerCase(),
      text: body.join("\n"),
    });
    i = j;
  }
  return out;
}

const blocks = documents().flatMap((f) => fencedBlocks(f, fs.readFileSync(f, "utf8")));
const tsBlocks = blocks.filter((b) => ["ts", "typescript"].includes(b.lang));
const yamlPrograms = blocks
  .filter((b) => ["yaml", "yml"].includes(b.lang))
  .map((b) => ({ ...b, doc: YAML.parse(b.text) as unknown }))
  .filter((b) => {
    const resources = (b.doc as { resources?: Record<string, { type?: string }> } | null)?.resources;
    return !!resources && Object.values(resources).some((r) => r?.type === TOKEN);
  }) as (Block & { doc: YamlProgram })[];

interface YamlProgram {
  config?: Record<string, { default?: unknown }>;
  resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
  outputs?: Record<string, unknown>;
}

/** The tsconfig.json the README recommends (the first ```json block with compilerOptions). */
function recommendedTsconfig(): { compilerOptions: Record<string, unknown> } {
  const readme = path.join(ROOT, "README.md");
  const found = fencedBlocks(readme, fs.readFileSync(readme, "utf8")).find(
    (b) => b.lang === "json" && b.text.includes('"compilerOptions"'),
  );
  assert.ok(found, "README.md gives a tsconfig.json");
  return JSON.parse(found.text) as { compilerOptions: Record<string, unknown> };
}

describe("documentation code blocks", function () {
  this.timeout(300_000);
  const tmp = tempDirs();

  it("finds the TypeScript blocks and the YAML program of README.md and docs/", () => {
    assert.ok(tsBlocks.length >= 3, tsBlocks.map((b) => b.where).join(", "));
    assert.ok(
      tsBlocks.some((b) => b.where.startsWith("README.md:")),
      "README.md has a TypeScript block",
    );
    assert.ok(
      tsBlocks.some((b) => b.where.startsWith("docs/")),
      "docs/ has TypeScript blocks",
    );
    assert.ok(yamlPrograms.length >= 1);
    // The fence reader itself: a longer fence holds a shorter one.
    const sample = "a\n```ts\nconst a = 1;\n```\n\n````yaml\n```\nb: 1\n````\n";
    assert.deepEqual(
      fencedBlocks(path.join(ROOT, "x.md"), sample).map((b) => [b.where, b.lang, b.text]),
      [
        ["x.md:2", "ts", "const a = 1;"],
        ["x.md:6", "yaml", "```\nb: 1"],
      ],
    );
  });

  it("every fenced block is closed where it should be: no block holds a fence or a heading of the page", () => {
    // A lost closing fence swallows the text after it (prettier then lengthens the fences around it).
    const swallowed = (b: Block) =>
      /^(`{3,}|~{3,})|^#{2,6} /m.test(b.text) && !/^(md|markdown)$/.test(b.lang);
    const broken = fencedBlocks(
      path.join(ROOT, "x.md"),
      "```mermaid\nflowchart LR\n\n## Next\n\n```sh\nls\n```\n",
    );
    assert.deepEqual(
      broken.filter(swallowed).map((b) => b.where),
      ["x.md:1"],
    );
    assert.deepEqual(
      blocks.filter(swallowed).map((b) => b.where),
      [],
    );
  });

  it("the tsconfig.json the README recommends is the one every TypeScript example uses", () => {
    const recommended = recommendedTsconfig();
    const examples = path.join(ROOT, "examples");
    const withTsconfig = fs
      .readdirSync(examples)
      .filter((x) => fs.existsSync(path.join(examples, x, "tsconfig.json")));
    assert.ok(withTsconfig.length >= 6);
    for (const x of withTsconfig)
      assert.deepEqual(
        JSON.parse(fs.readFileSync(path.join(examples, x, "tsconfig.json"), "utf8")),
        recommended,
        x,
      );
  });

  it("reads docs/**/*.md too, when there is such a folder", () => {
    const root = tmp("ssl-ml-docs-");
    fs.mkdirSync(path.join(root, "docs", "guide"), { recursive: true });
    for (const f of ["README.md", "docs/a.md", "docs/guide/b.md", "docs/guide/c.txt"])
      fs.writeFileSync(path.join(root, f), "");
    assert.deepEqual(
      documents(root).map((f) => path.relative(root, f)),
      ["README.md", "docs/a.md", "docs/guide/b.md"],
    );
  });

  it("the schema check names a missing required property, an unknown one, a wrong enum value and a wrong type", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as PackageSchema;
    assert.deepEqual(
      checkResourceProperties(schema, TOKEN, {
        resourceGroupName: "rg",
        certificate: { acme: { server: "letsencrypt" } },
        cluster: { kind: "AKS", nodeCount: "3" },
        services: [{ name: "iris", modle: "azureml:iris:1" }],
      }),
      [
        "workspaceName: required",
        "certificate.acme.email: required",
        'cluster.kind: "AKS" is not one of "kubernetes", "aks"',
        'cluster.nodeCount: a number is expected, got "3"',
        "services[0].modle: no such property",
      ],
    );
    assert.deepEqual(
      checkResourceProperties(schema, TOKEN, {
        resourceGroupName: "${rg}",
        workspaceName: "ws",
        certificate: { selfSigned: "${cert}" },
      }),
      [],
      "an interpolation is not judged",
    );
  });

  describe("every TypeScript block compiles strictly against the package, with the README's tsconfig.json", () => {
    let dir: string;
    before(() => {
      // A consumer folder: node_modules/ssl-ml-cluster is this package (its exports and types, bin/),
      // the rest are this repository's dependencies.
      dir = tmp("ssl-ml-readme-");
      const modules = path.join(dir, "node_modules");
      fs.mkdirSync(modules);
      for (const dep of fs.readdirSync(path.join(ROOT, "node_modules")))
        if (!dep.startsWith("."))
          fs.symlinkSync(path.join(ROOT, "node_modules", dep), path.join(modules, dep));
      fs.symlinkSync(ROOT, path.join(modules, "ssl-ml-cluster"));
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "readme", private: true }));
      tsBlocks.forEach((b, i) => fs.writeFileSync(path.join(dir, `block${i}.ts`), b.text + "\n"));
    });

    for (const ts of [typescript5, typescript6]) {
      it(`TypeScript ${ts.version.split(".")[0]}`, () => {
        const { compilerOptions } = recommendedTsconfig();
        const parsed = ts.convertCompilerOptionsFromJson({ ...compilerOptions, noEmit: true }, dir);
        assert.deepEqual(parsed.errors, []);
        assert.equal(parsed.options.strict, true, "strict");
        const roots = tsBlocks.map((_, i) => path.join(dir, `block${i}.ts`));
        const found = diagnostics(ts, roots, parsed.options).map((d) => {
          const i = Number(/block(\d+)\.ts/.exec(d)?.[1]);
          return Number.isNaN(i) ? d : `${tsBlocks[i].where}: ${d.slice(d.indexOf("("))}`;
        });
        assert.deepEqual(found, []);
      });
    }
  });

  describe("every YAML program using the component fits schema.json and the component's checks", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as PackageSchema & {
      resources: Record<string, { properties: Record<string, unknown> }>;
    };
    for (const b of yamlPrograms) {
      it(b.where, () => {
        for (const [name, r] of Object.entries(b.doc.resources)) {
          if (r.type !== TOKEN) continue;
          assert.deepEqual(
            checkResourceProperties(schema, TOKEN, r.properties),
            [],
            `${b.where} resource ${name}`,
          );
          // ${name} of a config value with a default reads that default, as `pulumi up` would.
          const resolved = JSON.parse(
            JSON.stringify(r.properties ?? {}).replace(/"\$\{(\w+)\}"/g, (m, k: string) =>
              b.doc.config?.[k]?.default !== undefined ? JSON.stringify(b.doc.config[k].default) : m,
            ),
          ) as SslMlClusterArgs;
          assert.doesNotThrow(() => validateArgs(resolved), `${b.where} resource ${name}`);
          for (const [output, value] of Object.entries(b.doc.outputs ?? {}))
            for (const m of String(value).matchAll(/\$\{(\w+)\.(\w+)\}/g))
              if (m[1] === name)
                assert.ok(
                  Object.hasOwn(schema.resources[TOKEN].properties, m[2]),
                  `output ${output}: ${m[0]}`,
                );
        }
      });
    }
  });
});
