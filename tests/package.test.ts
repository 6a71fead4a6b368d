// npm users are unaffected by the plugin support: the packed tarball, installed into a scratch
// project, loads with require() and type-checks as a consumer compiles it (both TypeScript module
// resolutions), and the tarball holds what the npm and the plugin consumer need and nothing else.
// Offline: the tarball is unpacked into the scratch node_modules (what npm does with it) and its
// dependencies are symlinked from this repository's node_modules.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe("the npm package", () => {
  let scratch: string;
  let packed: string[];
  before(() => {
    if (!fs.existsSync(path.join(ROOT, "bin/sdk/provider/plugin-entry.js")))
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-consumer-"));
    const listing = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT)) as {
      files: { path: string }[];
    }[];
    packed = listing[0].files.map((f) => f.path).sort();
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("ships the build, the examples, schema.json and PulumiPlugin.yaml, and nothing else", () => {
    for (const f of [
      "package.json",
      "README.md",
      "schema.json",
      "PulumiPlugin.yaml",
      "bin/sdk/index.js",
      "bin/sdk/index.d.ts",
      "bin/sdk/enums.d.ts",
      "bin/sdk/cli/main.js",
      "bin/sdk/provider/provider.js",
      "examples/quickstart/index.ts",
      "examples/yaml-quickstart/Pulumi.yaml",
      "examples/python-quickstart/__main__.py",
    ])
      assert.ok(packed.includes(f), `${f} is packed`);
    const unexpected = packed.filter(
      (f) =>
        !/^bin\/sdk\/.+\.(js|d\.ts)$/.test(f) &&
        !/^examples\//.test(f) &&
        !["package.json", "README.md", "LICENSE", "schema.json", "PulumiPlugin.yaml"].includes(f),
    );
    assert.deepEqual(unexpected, [], "no tests, bench, sources, tsconfig or maps");
    assert.ok(!packed.some((f) => /(^|\/)(tests|bench)\//.test(f) || f.endsWith(".map")));
  });

  it("installed from the tarball, it loads and type-checks in a consumer project", () => {
    const tarball = path.join(
      scratch,
      npm(["pack", "--ignore-scripts", "--pack-destination", scratch], ROOT).trim().split("\n").pop()!,
    );
    const modules = path.join(scratch, "node_modules");
    const own = path.join(modules, "ssl-ml-cluster");
    fs.mkdirSync(own, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", own, "--strip-components=1"]);
    for (const dep of fs.readdirSync(path.join(ROOT, "node_modules"))) {
      if (dep === "ssl-ml-cluster" || dep.startsWith(".")) continue;
      fs.symlinkSync(path.join(ROOT, "node_modules", dep), path.join(modules, dep));
    }
    fs.writeFileSync(
      path.join(scratch, "package.json"),
      JSON.stringify({
        name: "consumer",
        private: true,
        dependencies: { "ssl-ml-cluster": `file:${tarball}` },
      }),
    );
    fs.writeFileSync(
      path.join(scratch, "index.ts"),
      [
        'import { SslMlCluster, ClusterKind, AuthMode, inspectCertificate, scoringUri } from "ssl-ml-cluster";',
        "export function program(): SslMlCluster {",
        '  return new SslMlCluster("ml", {',
        '    hostname: "ml.example.com",',
        '    resourceGroupName: "rg",',
        '    workspaceName: "ws-ml",',
        "    cluster: { kind: ClusterKind.Kubernetes },",
        "    certificate: { selfSigned: {} },",
        '    services: [{ name: "iris", model: "azureml:iris:1", authMode: AuthMode.Key }],',
        "  });",
        "}",
        'export const uri: string = scoringUri("ml.example.com", "kubernetes", "iris");',
        "export const inspect = inspectCertificate;",
        "// @ts-expect-error a wrong spelling fails for the consumer too",
        'export const wrong: ClusterKind = "Kubernetes";',
        "",
      ].join("\n"),
    );
    const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
    for (const [module, resolution] of [
      ["commonjs", "node"],
      ["node16", "node16"],
    ]) {
      const out = execFileSync(
        process.execPath,
        [
          tsc,
          "--noEmit",
          "--strict",
          "--skipLibCheck",
          "--types",
          "node",
          "--module",
          module,
          "--moduleResolution",
          resolution,
          "index.ts",
        ],
        { cwd: scratch, encoding: "utf8" },
      );
      assert.equal(out, "", `tsc (${resolution}) is clean`);
    }
    const loaded = execFileSync(
      process.execPath,
      [
        "-e",
        'const m = require("ssl-ml-cluster"); console.log(require.resolve("ssl-ml-cluster")); console.log(typeof m.SslMlCluster, m.ClusterKind.Aks, m.AuthMode.AMLToken)',
      ],
      { cwd: scratch, encoding: "utf8" },
    ).split("\n");
    assert.equal(loaded[0], path.join(fs.realpathSync(own), "bin/sdk/index.js"));
    assert.equal(loaded[1], "function aks AMLToken");
  });
});
