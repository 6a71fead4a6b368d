// The release workflow cannot run here (no GitHub runner, no npm token): it is read with a YAML
// parser and checked for what publishing needs, and its one shell check (tag = version) is run.
// Workflow syntax: https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "..");
const FILE = path.join(ROOT, ".github/workflows/release.yml");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push: { tags: string[]; branches?: unknown } };
  permissions: Record<string, string>;
  jobs: Record<string, { "runs-on": string; permissions: Record<string, string>; steps: Step[] }>;
}

describe("the release workflow (.github/workflows/release.yml)", () => {
  // The yaml package refuses duplicate keys and reports every syntax error.
  const doc = YAML.parseDocument(fs.readFileSync(FILE, "utf8"));
  const wf = doc.toJS() as Workflow;
  const job = wf.jobs?.publish;
  const steps = job?.steps ?? [];
  const runs = steps.map((s) => s.run).filter((r): r is string => r !== undefined);

  it("is valid YAML with one job, started by a v* tag push only", () => {
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(Object.keys(wf.jobs), ["publish"]);
    assert.deepEqual(Object.keys(wf.on), ["push"]);
    assert.deepEqual(wf.on.push, { tags: ["v*"] });
    assert.equal(job["runs-on"], "ubuntu-latest", "provenance needs a GitHub-hosted runner");
  });

  it("may mint an OIDC token for provenance, and no more than it needs", () => {
    assert.deepEqual(wf.permissions, { contents: "read" });
    assert.deepEqual(job.permissions, { contents: "read", "id-token": "write" });
  });

  it("checks out, sets up Node 20 for the npm registry, then npm ci, npm test, the version check, npm publish --provenance", () => {
    for (const s of steps) assert.ok((s.uses === undefined) !== (s.run === undefined), "a step uses or runs");
    assert.match(steps[0].uses ?? "", /^actions\/checkout@v\d+$/);
    assert.match(steps[1].uses ?? "", /^actions\/setup-node@v\d+$/);
    assert.deepEqual(steps[1].with, { "node-version": 20, "registry-url": "https://registry.npmjs.org" });
    const engines = (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }
    ).engines.node;
    assert.equal(engines, ">=20", "the workflow's Node is the oldest the package supports");
    assert.equal(runs.length, 4);
    assert.deepEqual(
      [runs[0], runs[1], runs[3]],
      ["npm ci", "npm test", "npm publish --provenance --access public"],
    );
    assert.deepEqual(steps.at(-1)!.env, { NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" });
  });

  it("publishes only a tag that is the package.json version (the step's own command, run here)", () => {
    const check = runs[2];
    const version = (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }
    ).version;
    const run = (tag: string) =>
      spawnSync("bash", ["-e", "-c", check], { cwd: ROOT, env: { ...process.env, GITHUB_REF_NAME: tag } })
        .status;
    assert.equal(run(`v${version}`), 0);
    assert.equal(run("v9.9.9"), 1);
    assert.equal(run(version), 1, "the tag carries the v");
  });
});
