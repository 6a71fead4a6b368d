// plan --typecheck type-checks the program first, as Pulumi's Node.js host does (ts-node with type
// checking): a program `pulumi up` would refuse is refused with tsc's own lines. Without the option
// plan runs the program as before (README: the check triples plan's time). The expected diagnostics
// come from the TypeScript compiler API run as `tsc -p` on the same folder (tests/helpers/typecheck.ts).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli } from "./helpers/cli";
import { tempDirs } from "./helpers/tmp";
import { checkProject, typescript5 } from "./helpers/typecheck";

const ROOT = path.resolve(__dirname, "..");
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    skipLibCheck: true,
    types: ["node"],
  },
  files: ["index.ts"],
};

describe("plan --typecheck", function () {
  this.timeout(180_000);
  const tmp = tempDirs();

  /** A program folder; node_modules is this repository's, so that plain tsc resolves its imports too. */
  function program(source: string, tsconfig: object = TSCONFIG): string {
    const dir = tmp("ssl-ml-typecheck-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: typed\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    fs.writeFileSync(path.join(dir, "index.ts"), source);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    return dir;
  }
  const WRONG =
    'import * as pulumi from "@pulumi/pulumi";\nexport const stack: number = pulumi.getStack();\n';

  it("a program with a type error: plan runs it, plan --typecheck refuses it with tsc's diagnostics", async () => {
    const dir = program(WRONG);
    const expected = checkProject(typescript5, path.join(dir, "tsconfig.json")).map((d) =>
      d.replace(`${dir}${path.sep}`, ""),
    );
    assert.equal(expected.length, 1, expected.join("\n"));
    assert.match(expected[0], /^index\.ts\(2,14\): error TS2322: /);
    const loose = await cli("plan", dir);
    assert.equal(loose.code, 0, loose.stderr);
    const strict = await cli("plan", dir, "--typecheck");
    assert.equal(strict.code, 2);
    assert.equal(strict.stdout, "");
    assert.equal(
      strict.stderr,
      `ssl-ml-cluster: the program does not type-check, so Pulumi's host would refuse it too:\n${expected[0]}\n`,
    );
  });

  it("the quickstart type-checks against this package with no npm install of its own", async () => {
    assert.equal(fs.existsSync(path.join(ROOT, "examples/quickstart/node_modules")), false);
    const r = await cli("plan", path.join(ROOT, "examples/quickstart"), "--typecheck");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OFFLINE PLAN/);
  });

  it("noCheck in the tsconfig turns the check off, as the host turns ts-node's off", async () => {
    const dir = program(WRONG, {
      ...TSCONFIG,
      compilerOptions: { ...TSCONFIG.compilerOptions, noCheck: true },
    });
    const r = await cli("plan", dir, "--typecheck");
    assert.equal(r.code, 0, r.stderr);
  });
});
