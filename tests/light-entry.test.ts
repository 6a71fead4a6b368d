// The light commands and `ssl-ml-cluster/certificates` load no @pulumi package: each runs in its own
// process with Module._load hooked to record every @pulumi module asked for.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "./helpers/cli";
import { fixtures } from "./helpers/openssl-certs";

const HOOK = `
const Module = require("module");
const seen = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const file = Module._resolveFilename(request, parent, isMain);
  if (request.startsWith("@pulumi/") || file.includes("/node_modules/@pulumi/")) seen.add(request);
  return load.apply(this, arguments);
};
process.on("exit", () => process.stderr.write("\\n@pulumi loaded: " + JSON.stringify([...seen]) + "\\n"));
`;

/** Runs `script` after the hook; returns the @pulumi modules it loaded and its exit status. */
function pulumiModulesLoadedBy(script: string): { loaded: string[]; status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", HOOK + script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  const m = /@pulumi loaded: (\[.*\])\n$/.exec(r.stderr);
  assert.ok(m, `no hook report in: ${r.stderr}`);
  return { loaded: JSON.parse(m[1]) as string[], status: r.status, stderr: r.stderr };
}

const runCli = (args: string[]) =>
  `require("./sdk/cli/main.ts").main(${JSON.stringify(args)}).then((c) => { process.exitCode = c; });`;

describe("light entry: no @pulumi module for check-cert, convert, verify, --version", () => {
  const f = fixtures();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-light-"));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  const cases: [string, string[], number][] = [
    ["--version", ["--version"], 0],
    [
      "check-cert",
      [
        "check-cert",
        "--cert",
        f.file("fullchain.pem"),
        "--key",
        f.file("leaf.key"),
        "--hostname",
        "ml.example.com",
      ],
      0,
    ],
    [
      "convert",
      ["convert", "--pfx", f.file("leaf.pfx"), "--password", "pfxpass", "--out-dir", path.join(out, "c")],
      0,
    ],
    [
      "verify (a closed loopback port)",
      [
        "verify",
        "--uri",
        "https://ml.example.com:1/",
        "--resolve",
        "ml.example.com:1:127.0.0.1",
        "--timeout",
        "0.1",
      ],
      1,
    ],
  ];
  for (const [name, args, status] of cases) {
    it(name, () => {
      const r = pulumiModulesLoadedBy(runCli(args));
      assert.equal(r.status, status, r.stderr);
      assert.deepEqual(r.loaded, []);
    });
  }

  it("ssl-ml-cluster/certificates loads no @pulumi module, and inspects a chain", () => {
    const r = pulumiModulesLoadedBy(
      `const c = require("./sdk/certificates/index.ts");
       const rep = c.inspectCertificate({ cert: require("fs").readFileSync(${JSON.stringify(f.file("fullchain.pem"))}, "utf8") });
       if (rep.chainLength !== 3) process.exitCode = 3;`,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.loaded, []);
  });

  it("package.json exports the subpath as the build of sdk/certificates/index.ts", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    assert.deepEqual(pkg.exports["./certificates"], {
      types: "./bin/sdk/certificates/index.d.ts",
      default: "./bin/sdk/certificates/index.js",
    });
    assert.ok(fs.existsSync(path.join(ROOT, "sdk/certificates/index.ts")));
  });

  it("the hook does see @pulumi when plan runs (control)", () => {
    const r = pulumiModulesLoadedBy(runCli(["plan", "examples/quickstart", "--json"]));
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.loaded.includes("@pulumi/pulumi"), JSON.stringify(r.loaded));
  });
});
