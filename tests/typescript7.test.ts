// README "TypeScript 7": npm's `latest` typescript is 7, which has no compiler API; Pulumi's Node.js
// host compiles a program through `require("typescript")` and ts-node (pulumi/pulumi#21518). A
// consumer that wants `tsc` 7 installs it side by side, as Pulumi documents
// (https://www.pulumi.com/docs/iac/languages-sdks/javascript/#using-typescript-7, after TypeScript's
// https://devblogs.microsoft.com/typescript/announcing-typescript-7-0/#running-side-by-side-with-typescript-6.0):
// "@typescript/native": "npm:typescript@^7" gives `tsc`, "typescript": "npm:@typescript/typescript6@^6"
// keeps the API the host needs. This test installs those two from the npm registry into a temporary
// folder (skipped, with the reason, when the registry cannot be reached), links this package and its
// dependencies, copies @pulumi/pulumi (the host resolves `typescript` from its own folder), and checks
// what README says: tsc 7 accepts the README tsconfig and refuses Pulumi's template one (TS5108), and
// the host's steps type-check and load the program with TypeScript 6.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { npmEnv, seedNpmCache, tempDirs } from "./helpers/tmp";

const ROOT = path.resolve(__dirname, "..");
const NETWORK = /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|HOSTUNREACH)|network|ETARGET/;

/** README "Install": the tsconfig for TypeScript 5 and 6 (and, as this test shows, 7). */
const README_TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    skipLibCheck: true,
    types: ["node"],
    outDir: "bin",
  },
  files: ["index.ts"],
};
/** Pulumi's TypeScript template (pulumi/templates typescript/tsconfig.json), the options that matter. */
const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    skipLibCheck: true,
    types: ["node"],
  },
  files: ["index.ts"],
};

const PROGRAM = [
  'import * as pulumi from "@pulumi/pulumi";',
  'import type { SslMlClusterArgs } from "ssl-ml-cluster";',
  'import { inspectCertificate } from "ssl-ml-cluster/certificates";',
  'export const hostname: string = "ml.example.com";',
  'const args: Pick<SslMlClusterArgs, "hostname"> = { hostname };',
  "export const given = args.hostname;",
  'export const inspect: string = typeof inspectCertificate + " " + typeof pulumi.getStack;',
  "",
].join("\n");

/** Pulumi's Node.js host, its steps (@pulumi/pulumi/cmd/run/run.js) from the program's folder. */
const HOST = `
const path = require("path");
const Module = require("module");
const hostRequire = Module.createRequire(require.resolve("@pulumi/pulumi/cmd/run/run.js", { paths: [process.cwd()] }));
const tsutils = hostRequire("../../tsutils");
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const ts = hostRequire(typescriptRequire);
const compilerOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
hostRequire(tsnodeRequire).register({
  compiler: typescriptRequire,
  project: "tsconfig.json",
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", ...compilerOptions },
});
const out = require(path.resolve("index.ts"));
console.log(JSON.stringify({ typescript: ts.version, at: hostRequire.resolve(typescriptRequire), out }));
`;

describe("a consumer with TypeScript 7 installed side by side, as Pulumi documents (README: TypeScript 7)", function () {
  this.timeout(420_000);
  const tmp = tempDirs();
  let dir: string;

  before(function () {
    dir = path.join(tmp("ssl-ml-ts7-"), "consumer");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({
        name: "consumer",
        private: true,
        devDependencies: {
          "@typescript/native": "npm:typescript@^7.0.2",
          typescript: "npm:@typescript/typescript6@^6.0.2",
        },
      }),
    );
    const cache = tmp("ssl-ml-npm-cache-");
    seedNpmCache(cache);
    const r = spawnSync(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"],
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...npmEnv(cache), npm_config_fetch_timeout: "30000", npm_config_fetch_retries: "1" },
        timeout: 300_000,
      },
    );
    if (r.status !== 0) {
      const why = `${r.error?.message ?? ""}\n${r.stderr}`;
      if (r.error || NETWORK.test(why)) {
        console.log(
          `      skipped: the npm registry cannot be reached to install TypeScript 7 (${why.trim().split("\n")[0]})`,
        );
        this.skip();
      }
      assert.fail(`npm install exited ${r.status}\n${r.stdout}\n${r.stderr}`);
    }
    // This package and its dependencies as npm would place them; @pulumi/pulumi as a folder of the
    // consumer's own (hard links), so that the host's require("typescript") starts from here.
    const modules = path.join(dir, "node_modules");
    for (const dep of fs.readdirSync(path.join(ROOT, "node_modules"))) {
      if (dep.startsWith(".") || dep === "@pulumi" || fs.existsSync(path.join(modules, dep))) continue;
      fs.symlinkSync(path.join(ROOT, "node_modules", dep), path.join(modules, dep));
    }
    fs.mkdirSync(path.join(modules, "@pulumi"));
    for (const p of fs.readdirSync(path.join(ROOT, "node_modules/@pulumi")))
      if (p !== "pulumi")
        fs.symlinkSync(path.join(ROOT, "node_modules/@pulumi", p), path.join(modules, "@pulumi", p));
    const from = path.join(ROOT, "node_modules/@pulumi/pulumi");
    const to = path.join(modules, "@pulumi/pulumi");
    if (spawnSync("cp", ["-al", from, to]).status !== 0) fs.cpSync(from, to, { recursive: true });
    fs.symlinkSync(ROOT, path.join(modules, "ssl-ml-cluster"));
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
  });

  const tsc = (...args: string[]) =>
    spawnSync(path.join(dir, "node_modules/.bin/tsc"), args, {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
    });

  it("`tsc` is TypeScript 7, and the package named typescript is TypeScript 6 with its compiler API", () => {
    assert.match(tsc("--version").stdout, /^Version 7\./);
    const api = spawnSync(
      process.execPath,
      ["-e", 'const ts = require("typescript"); console.log(ts.version, typeof ts.createProgram)'],
      { cwd: dir, encoding: "utf8" },
    );
    assert.match(api.stdout, /^6\.\d+\.\d+ function\n$/);
    // What the host would meet with TypeScript 7 installed as "typescript": no compiler API.
    const seven = spawnSync(
      process.execPath,
      ["-e", 'const ts = require("@typescript/native"); console.log(typeof ts.createProgram)'],
      { cwd: dir, encoding: "utf8" },
    );
    assert.equal(seven.stdout, "undefined\n", seven.stderr);
  });

  it("tsc 7 type-checks the consumer with README's tsconfig.json, and refuses Pulumi's template one (TS5108)", () => {
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(README_TSCONFIG));
    const ok = tsc("-p", "tsconfig.json", "--noEmit");
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    fs.writeFileSync(path.join(dir, "tsconfig.template.json"), JSON.stringify(TEMPLATE_TSCONFIG));
    const template = tsc("-p", "tsconfig.template.json", "--noEmit");
    assert.notEqual(template.status, 0);
    assert.match(
      template.stdout + template.stderr,
      /error TS5108: Option 'moduleResolution=node10' has been removed/,
    );
  });

  it("Pulumi's host steps compile and load the program with TypeScript 6, type checking on", () => {
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(README_TSCONFIG));
    const run = () =>
      spawnSync(process.execPath, ["-e", HOST], {
        cwd: dir,
        encoding: "utf8",
        timeout: 180_000,
        env: { ...process.env, PULUMI_NODEJS_TSCONFIG_PATH: "" },
      });
    const ok = run();
    assert.equal(ok.status, 0, ok.stderr);
    const r = JSON.parse(ok.stdout) as { typescript: string; at: string; out: Record<string, string> };
    assert.match(r.typescript, /^6\./);
    assert.ok(r.at.startsWith(path.join(dir, "node_modules", "typescript") + path.sep), r.at);
    assert.deepEqual(r.out, {
      hostname: "ml.example.com",
      given: "ml.example.com",
      inspect: "function function",
    });
    // The same host refuses a type error: it type-checks.
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM + 'export const n: number = "one";\n');
    const bad = run();
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /TS2322/);
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
  });
});
