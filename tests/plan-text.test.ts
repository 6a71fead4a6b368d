// The text plan shows every input whole, so that a reviewer reads what each provider will receive
// (docs/cli.md): long values are laid out over lines, never cut. Checked against the same plan
// printed by --json: each input's text, with the tree's prefix taken off, parses back to the JSON
// value (a PEM certificate chain, public but unreadable, is the one value summarized; secrets are
// "[secret]" in both).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { cli } from "./helpers/cli";

const EX = path.resolve(__dirname, "../examples");

interface Resource {
  type: string;
  name: string;
  op: string;
  inputs?: Record<string, unknown>;
}

/** What the text shows for a value: a string holding a PEM certificate chain is a count and a size. */
function expectedShown(v: unknown): unknown {
  if (typeof v === "string" && v.includes("-----BEGIN CERTIFICATE-----")) {
    const n = (v.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
    return `[PEM: ${n} certificate${n === 1 ? "" : "s"}, ${Buffer.byteLength(v)} bytes]`;
  }
  if (Array.isArray(v)) return v.map(expectedShown);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, expectedShown(x)]),
    );
  return v;
}

/** The inputs printed under one resource's line, each parsed back from its (multi-line) text. */
function inputsInText(lines: string[], r: Resource): Record<string, unknown> {
  const at = lines.findIndex(
    (l) => l.endsWith(`${r.type}  ${r.name}`) || l.includes(`${r.type}  ${r.name}  [`),
  );
  assert.ok(at >= 0, `${r.type} ${r.name} in the text plan`);
  const out: Record<string, unknown> = {};
  let i = at + 1;
  for (const key of Object.keys(r.inputs ?? {})) {
    const m = /^([ │]*)([A-Za-z0-9_$]+): (.*)$/.exec(lines[i]);
    assert.ok(m && m[2] === key, `${r.name}: line ${i + 1} shows ${key}: ${lines[i]}`);
    const prefix = m[1].length;
    const text = [m[3]];
    // Continuation lines: the same tree prefix, then the value's indentation or its closing bracket.
    for (i++; i < lines.length && /^[ \]}]$/.test(lines[i][prefix] ?? ""); i++)
      text.push(lines[i].slice(prefix));
    out[key] = JSON.parse(text.join("\n"));
  }
  return out;
}

describe("plan: the text shows every input whole", () => {
  for (const example of ["quickstart", "existing-cluster", "private-keyvault"]) {
    it(`examples/${example}: each input of each resource parses back to what --json prints`, async () => {
      const text = await cli("plan", path.join(EX, example));
      assert.equal(text.code, 0, text.stderr);
      const json = await cli("plan", path.join(EX, example), "--json");
      assert.equal(json.code, 0, json.stderr);
      const plan = JSON.parse(json.stdout) as { resources: Resource[] };
      assert.doesNotMatch(text.stdout, /…/, "nothing cut");
      assert.match(text.stdout, /--json prints all as JSON/);
      const lines = text.stdout.split("\n");
      let checked = 0;
      for (const r of plan.resources) {
        if (r.op !== "register" || r.type === "ssl-ml-cluster:index:SslMlCluster") continue;
        assert.deepEqual(inputsInText(lines, r), expectedShown(r.inputs ?? {}), `${r.type} ${r.name}`);
        checked++;
      }
      assert.ok(checked >= 4, `${checked} resources`);
      // Secrets: as many "[secret]" as in the JSON plan, and no key material.
      const count = (s: string) => (s.match(/"\[secret\]"/g) ?? []).length;
      assert.ok(count(text.stdout) >= 1);
      assert.equal(count(text.stdout), count(JSON.stringify(plan.resources, null, 1)));
      assert.doesNotMatch(text.stdout, /PRIVATE KEY|BEGIN CERTIFICATE/);
    });
  }
});
