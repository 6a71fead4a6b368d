// The YAML and Python quickstarts cannot be run here (no Pulumi CLI), so they are checked against
// schema.json, which is what their generated SDKs come from: every property they set exists with the
// right type (snake_case in Python), every enum value is a member, every output they read exists; and
// they set the same arguments as the TypeScript quickstart.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import * as yaml from "js-yaml";

const ROOT = path.resolve(__dirname, "..");
const TOKEN = "ssl-ml-cluster:index:SslMlCluster";

interface Prop {
  type?: string;
  $ref?: string;
  items?: Prop;
  additionalProperties?: Prop;
}
interface Schema {
  resources: Record<string, { inputProperties: Record<string, Prop>; properties: Record<string, Prop> }>;
  types: Record<
    string,
    { type: string; properties?: Record<string, Prop>; enum?: { name: string; value: string }[] }
  >;
}
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as Schema;
const component = schema.resources[TOKEN];

const typeOf = (p: Prop) => (p.$ref ? schema.types[p.$ref.replace("#/types/", "")] : undefined);
/** Pulumi's Python names: camelCase to snake_case (resourceGroupName -> resource_group_name). */
const snake = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
/** Pulumi's Python enum member names: upper snake case (FastProd -> FAST_PROD). */
const enumMember = (s: string) => snake(s).toUpperCase();

/** A value from a program: a literal, or something computed (config, interpolation). */
type Value =
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "computed" }
  | { kind: "enum"; type: string; member: string }
  | { kind: "object"; entries: [string, Value][] }
  | { kind: "list"; items: Value[] };

/** Checks a value against a schema property; returns the argument paths (schema names) it sets. */
function check(where: string, v: Value, p: Prop, names: (k: string) => string, problems: string[]): string[] {
  const t = typeOf(p);
  if (t?.enum) {
    if (v.kind === "enum") {
      if (`ssl-ml-cluster:index:${v.type}` !== p.$ref!.replace("#/types/", ""))
        problems.push(`${where}: enum ${v.type} where the schema has ${p.$ref}`);
      else if (!t.enum.some((e) => enumMember(e.name) === v.member))
        problems.push(`${where}: no member ${v.member}`);
    } else if (v.kind === "literal") {
      if (!t.enum.some((e) => e.value === v.value))
        problems.push(`${where}: ${JSON.stringify(v.value)} is no enum value`);
    } else if (v.kind !== "computed") problems.push(`${where}: not an enum value`);
    return [where];
  }
  if (t?.properties || p.additionalProperties) {
    if (v.kind !== "object") {
      problems.push(`${where}: an object is expected`);
      return [where];
    }
    const paths: string[] = [];
    for (const [k, ev] of v.entries) {
      if (p.additionalProperties) {
        paths.push(...check(`${where}.${k}`, ev, p.additionalProperties, names, problems));
        continue;
      }
      const name = Object.keys(t!.properties!).find((n) => names(n) === k);
      if (!name) problems.push(`${where}.${k}: no such property in ${p.$ref}`);
      else paths.push(...check(`${where}.${name}`, ev, t!.properties![name], names, problems));
    }
    return paths;
  }
  if (p.type === "array") {
    if (v.kind !== "list") {
      problems.push(`${where}: a list is expected`);
      return [where];
    }
    return v.items.flatMap((it) => check(`${where}[]`, it, p.items!, names, problems));
  }
  if (v.kind === "literal") {
    const expected = p.type === "integer" ? "number" : p.type;
    if (typeof v.value !== expected)
      problems.push(`${where}: ${typeof v.value} where the schema has ${p.type}`);
  } else if (v.kind !== "computed") problems.push(`${where}: ${v.kind} where the schema has ${p.type}`);
  return [where];
}

function checkArgs(args: [string, Value][], names: (k: string) => string) {
  const problems: string[] = [];
  const paths: string[] = [];
  for (const [k, v] of args) {
    const name = Object.keys(component.inputProperties).find((n) => names(n) === k);
    if (!name) problems.push(`${k}: no such argument`);
    else paths.push(...check(name, v, component.inputProperties[name], names, problems));
  }
  return { problems, paths: [...new Set(paths)].sort() };
}

// --- YAML ---------------------------------------------------------------------------------------
function fromYaml(v: unknown): Value {
  if (typeof v === "string" && /\$\{[^}]+\}/.test(v)) return { kind: "computed" };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    return { kind: "literal", value: v };
  if (Array.isArray(v)) return { kind: "list", items: v.map(fromYaml) };
  if (v && typeof v === "object")
    return { kind: "object", entries: Object.entries(v).map(([k, e]) => [k, fromYaml(e)]) };
  throw new Error(`unexpected YAML value ${JSON.stringify(v)}`);
}

// --- Python (the literal subset the example uses: calls, keywords, dicts, lists, `or`) ----------
function pythonCall(source: string, callee: string): [string, Value][] {
  const tokens = source
    .replace(/#.*$/gm, "")
    .replace(/"""[\s\S]*?"""/g, "")
    .match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*|[()[\]{},:=]/g)!;
  let i = tokens.indexOf(callee);
  assert.ok(i >= 0 && tokens[i + 1] === "(", `${callee}( not found`);
  i += 2;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => assert.equal(next(), t);
  function primary(): Value {
    const t = next();
    if (t === "{") {
      const entries: [string, Value][] = [];
      while (peek() !== "}") {
        const k = next();
        expect(":");
        entries.push([JSON.parse(k.replace(/^'|'$/g, '"')) as string, expr()]);
        if (peek() === ",") next();
      }
      next();
      return { kind: "object", entries };
    }
    if (t === "[") {
      const items: Value[] = [];
      while (peek() !== "]") {
        items.push(expr());
        if (peek() === ",") next();
      }
      next();
      return { kind: "list", items };
    }
    if (/^["']/.test(t)) return { kind: "literal", value: JSON.parse(t.replace(/^'|'$/g, '"')) as string };
    if (/^\d/.test(t)) return { kind: "literal", value: Number(t) };
    if (t === "True" || t === "False") return { kind: "literal", value: t === "True" };
    const m = t.match(/^ssl_ml\.([A-Za-z]+)\.([A-Z0-9_]+)$/);
    if (m) return { kind: "enum", type: m[1], member: m[2] };
    if (peek() === "(") {
      // A call (config.get(...)): computed. Skip its arguments.
      let depth = 0;
      do {
        const c = next();
        if (c === "(") depth++;
        if (c === ")") depth--;
      } while (depth > 0);
      return { kind: "computed" };
    }
    return { kind: "computed" };
  }
  function expr(): Value {
    const v = primary();
    if (peek() === "or") {
      next();
      expr();
      return { kind: "computed" };
    }
    return v;
  }
  next(); // the resource name
  const args: [string, Value][] = [];
  while (peek() === ",") {
    next();
    if (peek() === ")") break;
    const k = next();
    expect("=");
    args.push([k, expr()]);
  }
  expect(")");
  return args;
}

// --- TypeScript quickstart (the reference) --------------------------------------------------------
function typescriptArgs(file: string): [string, Value][] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const toValue = (e: ts.Expression): Value => {
    if (ts.isObjectLiteralExpression(e))
      return {
        kind: "object",
        entries: e.properties
          .filter(ts.isPropertyAssignment)
          .map((p) => [p.name.getText(sf), toValue(p.initializer)]),
      };
    if (ts.isArrayLiteralExpression(e)) return { kind: "list", items: e.elements.map(toValue) };
    if (ts.isStringLiteral(e)) return { kind: "literal", value: e.text };
    if (ts.isNumericLiteral(e)) return { kind: "literal", value: Number(e.text) };
    return { kind: "computed" };
  };
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node) => {
    if (ts.isNewExpression(n) && n.expression.getText(sf) === "SslMlCluster")
      found = n.arguments![1] as ts.ObjectLiteralExpression;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  assert.ok(found, "new SslMlCluster(...) in the TypeScript quickstart");
  return (toValue(found) as { entries: [string, Value][] }).entries;
}

describe("examples for other languages, checked against schema.json", () => {
  const reference = checkArgs(typescriptArgs(path.join(ROOT, "examples/quickstart/index.ts")), (n) => n);

  it("the TypeScript quickstart itself fits the schema (the reference)", () => {
    assert.deepEqual(reference.problems, []);
    assert.ok(reference.paths.includes("services[].model"));
  });

  describe("examples/yaml-quickstart", () => {
    const program = yaml.load(
      fs.readFileSync(path.join(ROOT, "examples/yaml-quickstart/Pulumi.yaml"), "utf8"),
    ) as {
      runtime: string;
      packages: Record<string, string>;
      resources: Record<string, { type: string; properties: Record<string, unknown> }>;
      outputs: Record<string, string>;
    };

    it("is a YAML program that takes the package from this repository", () => {
      assert.equal(program.runtime, "yaml");
      assert.equal(path.resolve(ROOT, "examples/yaml-quickstart", program.packages["ssl-ml-cluster"]), ROOT);
      assert.equal(program.resources.ml.type, TOKEN);
    });

    it("sets only schema properties, with the schema's types and enum values, as the quickstart does", () => {
      const r = checkArgs(
        Object.entries(program.resources.ml.properties).map(([k, v]) => [k, fromYaml(v)]),
        (n) => n,
      );
      assert.deepEqual(r.problems, []);
      assert.deepEqual(
        r.paths.filter((p) => p !== "cluster.kind"),
        reference.paths,
      );
    });

    it("exports every output of the component under its schema name", () => {
      for (const [k, v] of Object.entries(program.outputs)) assert.equal(v, `\${ml.${k}}`);
      assert.deepEqual(Object.keys(program.outputs).sort(), Object.keys(component.properties).sort());
    });
  });

  describe("examples/python-quickstart", () => {
    const source = fs.readFileSync(path.join(ROOT, "examples/python-quickstart/__main__.py"), "utf8");

    it("sets only schema properties in snake_case, with the schema's types and enum members, as the quickstart does", () => {
      const r = checkArgs(pythonCall(source, "ssl_ml.SslMlCluster"), snake);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(
        r.paths.filter((p) => p !== "cluster.kind"),
        reference.paths,
      );
    });

    it("reads every output under its snake_case name and exports it under the TypeScript name", () => {
      const exports = [...source.matchAll(/pulumi\.export\("(\w+)", ml\.(\w+)\)/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(exports.map((e) => e[0]).sort(), Object.keys(component.properties).sort());
      for (const [name, attr] of exports) assert.equal(attr, snake(name));
    });

    it("takes the package from this repository", () => {
      const project = yaml.load(
        fs.readFileSync(path.join(ROOT, "examples/python-quickstart/Pulumi.yaml"), "utf8"),
      ) as {
        packages: Record<string, string>;
      };
      assert.equal(
        path.resolve(ROOT, "examples/python-quickstart", project.packages["ssl-ml-cluster"]),
        ROOT,
      );
    });
  });
});
