// How `plan` loads a program: with the program's own tsconfig.json (as Pulumi's Node.js host does),
// and naming every missing configuration value of the run at once.
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runPlan } from "../sdk/offline/plan";
import { cli, ROOT } from "./helpers/cli";
import { npmEnv, tempDirs } from "./helpers/tmp";
// The component's modules (azure-native and the rest) load here, once, outside any test's time limit;
// the programs below import them through plan's resolution hook.
import "../sdk/index";

/** A program folder: Pulumi.yaml, index.ts and, when given, tsconfig.json. */
function program(dir: string, name: string, source: string, tsconfig?: unknown): string {
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
  fs.writeFileSync(path.join(dir, "index.ts"), source);
  if (tsconfig !== undefined) fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  return dir;
}

describe("plan: the program's own tsconfig.json", () => {
  const tmp = tempDirs();
  // A comment that survives into Function.prototype.toString unless the compiler removes comments.
  const source = "export const body = (function f() { /* kept */ return 1; }).toString();\n";

  it("compiles the program with its compiler options (removeComments shows in the output)", async () => {
    const withOwn = program(tmp("prog-ts-"), "own-options", source, {
      compilerOptions: { removeComments: true, module: "node16", moduleResolution: "node16" },
    });
    const without = program(tmp("prog-ts-"), "no-tsconfig", source);
    const a = await runPlan(withOwn);
    const b = await runPlan(without);
    assert.equal(a.rawOutputs.body, "function f() { return 1; }");
    assert.equal(b.rawOutputs.body, "function f() { /* kept */ return 1; }");
  });

  it("takes module and moduleResolution node16 as written, run from the program's folder (no TS5110)", () => {
    if (!fs.existsSync(path.join(ROOT, "bin/sdk/cli/main.js")))
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", env: npmEnv(tmp("npm-cache-")) });
    const dir = program(
      tmp("prog-node16-"),
      "node16",
      [
        'import * as certs from "ssl-ml-cluster/certificates";',
        "export const inspect = typeof certs.inspectCertificate;",
        "",
      ].join("\n"),
      { compilerOptions: { strict: true, module: "node16", moduleResolution: "node16" } },
    );
    // The compiled command, started in the program's folder, as a user runs it.
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/sdk/cli/main.js"), "plan", ".", "--json"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(r.stderr, "");
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout).outputs, { inspect: "function" });
  });

  it("reads PULUMI_NODEJS_TSCONFIG_PATH as the host does, and refuses a tsconfig.json that is not valid", async () => {
    const dir = program(tmp("prog-ts-"), "named-tsconfig", source);
    fs.writeFileSync(
      path.join(dir, "tsconfig.pulumi.json"),
      '{ "compilerOptions": { "removeComments": true, }, // trailing comma and comment, as tsc allows\n}',
    );
    process.env.PULUMI_NODEJS_TSCONFIG_PATH = "tsconfig.pulumi.json";
    try {
      assert.equal((await runPlan(dir)).rawOutputs.body, "function f() { return 1; }");
    } finally {
      delete process.env.PULUMI_NODEJS_TSCONFIG_PATH;
    }
    fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "compilerOptions": { "strict": true ');
    const r = await cli("plan", dir);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^ssl-ml-cluster: .*tsconfig\.json is not a valid tsconfig\.json: '}' expected\.\n\(run with --verbose/,
    );
  });
});

describe("plan: stack traces of the program", () => {
  const tmp = tempDirs();

  it("with --verbose, point at the program's TypeScript lines (Node's source maps; none otherwise)", () => {
    if (!fs.existsSync(path.join(ROOT, "bin/sdk/cli/main.js")))
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", env: npmEnv(tmp("npm-cache-")) });
    // Types before the throw: the emitted JavaScript has the throw on another line and column.
    const dir = program(
      tmp("prog-throws-"),
      "throws",
      [
        "interface Box {",
        "  size: number;",
        "}",
        "const box: Box = { size: 1 };",
        "export const size: number = box.size;",
        'if (box.size > 0) throw new Error("boom");',
        "",
      ].join("\n"),
    );
    const run = (...flags: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, "bin/sdk/cli/main.js"), "plan", ".", ...flags], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
      });
    const verbose = run("--verbose");
    assert.equal(verbose.status, 2);
    assert.match(verbose.stderr, /^ssl-ml-cluster: boom\nError: boom\n\s+at .*index\.ts:6:25\)/);
    const quiet = run();
    assert.equal(quiet.status, 2);
    assert.equal(quiet.stderr, "ssl-ml-cluster: boom\n(run with --verbose for the stack trace)\n");
  });

  it("are off while the program runs when stackTraces is false (plan without --verbose), unless PULUMI_DEBUG_PROMISE_LEAKS", async () => {
    const dir = program(tmp("prog-limit-"), "limit", "export const limit = Error.stackTraceLimit;\n");
    const before = Error.stackTraceLimit;
    assert.equal((await runPlan(dir, { stackTraces: false })).rawOutputs.limit, 0);
    assert.equal(Error.stackTraceLimit, before, "restored after the run");
    assert.equal((await runPlan(dir)).rawOutputs.limit, before);
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    try {
      assert.equal((await runPlan(dir, { stackTraces: false })).rawOutputs.limit, before);
    } finally {
      delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    }
  });

  it("a syntax error names the file, line and column, as tsc does", async () => {
    const dir = program(tmp("prog-syntax-"), "syntax", "export const x: = 1;\n");
    await assert.rejects(runPlan(dir), (e: Error) => {
      assert.equal(e.name, "ProgramError");
      assert.equal(e.message, "Unable to compile TypeScript:\nindex.ts(1,17): error TS1110: Type expected.");
      return true;
    });
  });
});

describe("plan: every missing configuration value in one run", () => {
  const tmp = tempDirs();

  it("names each require* call without a value, in call order, once, and nothing that failed after it", async () => {
    const dir = program(
      tmp("prog-config-"),
      "needs-many",
      [
        'import * as pulumi from "@pulumi/pulumi";',
        'import { SslMlCluster } from "ssl-ml-cluster";',
        "const c = new pulumi.Config();",
        "export const ml = new SslMlCluster('ml', {",
        '  hostname: c.require("hostname"),', // "" in its place: the component refuses it, unreported
        '  resourceGroupName: c.get("rg") ?? "rg",',
        '  workspaceName: c.require("workspace"),',
        '  cluster: { nodeCount: c.requireNumber("nodes") },',
        '  tlsEnabled: c.requireBoolean("tls"),',
        '  tags: c.requireObject<Record<string, string>>("tags"),',
        '  dns: { cloudflare: { zoneId: "z", apiToken: c.requireSecret("token") } },',
        "  certificate: { selfSigned: {} },",
        "}).hostname;",
        'export const again = c.require("hostname");',
        "",
      ].join("\n"),
    );
    const r = await cli("plan", dir, "--config", "rg=rg-ml");
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "ssl-ml-cluster: the program needs 6 configuration values, needs-many:hostname, needs-many:workspace, needs-many:nodes, needs-many:tls, needs-many:tags, needs-many:token: give them with --config hostname=VALUE --config workspace=VALUE --config nodes=VALUE --config tls=VALUE --config tags=VALUE --config token=VALUE (or pulumi config set them; plan reads the plain values of Pulumi.<stack>.yaml, never its secrets)\n",
    );
  });

  it("plans once every value is given, and keeps Pulumi's own error for a value that is not a number", async () => {
    const dir = program(
      tmp("prog-config-"),
      "needs-two",
      'import * as pulumi from "@pulumi/pulumi";\nconst c = new pulumi.Config();\nexport const n = c.requireNumber("n");\nexport const s = c.require("s");\n',
    );
    let r = await cli("plan", dir, "--config", "n=3", "--config", "s=x", "--json");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).outputs, { n: 3, s: "x" });
    r = await cli("plan", dir, "--config", "n=three", "--config", "s=x");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Configuration 'needs-two:n' value 'three' is not a valid number/);
  });
});

describe("plan: waits for the runtime to settle", () => {
  const tmp = tempDirs();

  it("returns only after a registration still waiting on its inputs has finished (nothing left pending for Pulumi to report at exit)", async () => {
    // The resource's input resolves on a timer, after the exports: a plan that stopped at the
    // exports missed the resource and left its promises pending ("promises were still active").
    const dir = program(
      tmp("prog-late-"),
      "late",
      [
        'import * as pulumi from "@pulumi/pulumi";',
        'const later = new Promise<string>((resolve) => setTimeout(() => resolve("v"), 300));',
        'new pulumi.CustomResource("test:index:Late", "late", { x: pulumi.output(later) });',
        'export const early = "e";',
        "",
      ].join("\n"),
    );
    const { plan } = await runPlan(dir);
    assert.deepEqual(
      plan.resources.map((r) => [r.name, r.inputs]),
      [["late", { x: "v" }]],
    );
    // Pulumi's leak detector reads this set when the process exits (runtime/debuggable.ts).
    const store = (globalThis as unknown as { globalStore: { leakCandidates: Set<unknown> } }).globalStore;
    assert.equal(store.leakCandidates.size, 0);
  });
});
