// The ready pack folder (policy/) as Pulumi's policy host loads it: PulumiPolicy.yaml names the
// Node.js runtime, package.json has the version PolicyPack requires, and index.js builds a
// PolicyPack named ssl-ml-cluster from the package's own policies. PolicyPack itself is replaced
// by a recorder (the real one starts the gRPC server the engine talks to).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { POLICY_NAMES } from "../sdk/policy";

const ROOT = path.resolve(__dirname, "..");
const PACK = path.join(ROOT, "policy");

describe("policy/: the ready pack folder", function () {
  this.timeout(120_000);

  before(() => {
    if (!fs.existsSync(path.join(ROOT, "bin/sdk/policy/index.js")))
      // TypeScript's own tsc through node (no npx: it would leave an npm log in HOME).
      execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
        cwd: ROOT,
        stdio: "ignore",
      });
  });

  it("PulumiPolicy.yaml names the nodejs runtime; package.json has a version and index.js as main", () => {
    const y = parse(fs.readFileSync(path.join(PACK, "PulumiPolicy.yaml"), "utf8"));
    assert.equal(y.runtime, "nodejs");
    assert.ok(typeof y.description === "string" && y.description.length > 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8"));
    assert.match(pkg.version, /^\d+\.\d+\.\d+/);
    assert.equal(pkg.main, "index.js");
    assert.deepEqual(pkg.dependencies ?? {}, {}, "nothing of its own to install");
  });

  it("index.js makes one PolicyPack named ssl-ml-cluster with every policy of ssl-ml-cluster/policy", () => {
    // A child process, so the stub and the module cache stay out of this one.
    const script = `
      const Module = require("module");
      const made = [];
      const policyPath = require.resolve("@pulumi/policy", { paths: [${JSON.stringify(PACK)}] });
      require.cache[policyPath] = { id: policyPath, filename: policyPath, loaded: true,
        exports: { PolicyPack: class { constructor(name, args) { made.push({ name, names: args.policies.map((p) => p.name), levels: args.policies.map((p) => p.enforcementLevel) }); } } } };
      require(${JSON.stringify(path.join(PACK, "index.js"))});
      process.stdout.write(JSON.stringify(made));
    `;
    const made = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: PACK }).toString());
    assert.equal(made.length, 1);
    assert.equal(made[0].name, "ssl-ml-cluster");
    assert.deepEqual([...made[0].names].sort(), Object.values(POLICY_NAMES).sort());
    assert.ok(made[0].levels.every((l: string) => l === "mandatory"));
  });
});
