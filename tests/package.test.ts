// npm users are unaffected by the plugin support: the packed tarball, installed into a scratch
// project, loads with require() (both entries) and type-checks as a consumer compiles it (TypeScript 5
// and 6, node10, node16 and bundler resolution, both entries), and the tarball holds what the npm and
// the plugin consumer need and nothing else.
// Offline: the tarball is unpacked into the scratch node_modules (what npm does with it) and its
// dependencies are symlinked from this repository's node_modules.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { diagnostics, typescript5, typescript6 } from "./helpers/typecheck";
import { npmEnv } from "./helpers/tmp";

const ROOT = path.resolve(__dirname, "..");

/** A consumer's files: each entry used as documented, and one misuse each that must not compile. */
const CONSUMER: Record<string, string> = {
  "main.ts": [
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
  "certs.ts": [
    'import { inspectCertificate, hostnameCovered, CertificateError, type CertificateReport } from "ssl-ml-cluster/certificates";',
    'export const report: CertificateReport = inspectCertificate({ certPem: "", hostname: "ml.example.com" });',
    'export const covered: boolean = hostnameCovered(["*.example.com"], "ml.example.com");',
    "export const isError = (e: unknown): boolean => e instanceof CertificateError;",
    "// @ts-expect-error the report has no such field",
    "export const nope = report.valid;",
    "",
  ].join("\n"),
  // node16 and an ES module consumer: the same imports from a .mts file.
  "esm.mts": [
    'import { SslMlCluster } from "ssl-ml-cluster";',
    'import { inspectCertificate } from "ssl-ml-cluster/certificates";',
    "export const kinds: [typeof SslMlCluster, typeof inspectCertificate] = [SslMlCluster, inspectCertificate];",
    "// @ts-expect-error the entry has no such export",
    'import { nothing } from "ssl-ml-cluster/certificates";',
    "export { nothing };",
    "",
  ].join("\n"),
};

const COMMON = { strict: true, skipLibCheck: true, noEmit: true, target: "ES2022", types: ["node"] };
/** Each resolution with the module setting it goes with (TypeScript refuses other pairs: TS5095, TS5110). */
const MATRIX: [string, Record<string, unknown>, string[]][] = [
  ["node10", { module: "commonjs", moduleResolution: "node10" }, ["main.ts", "certs.ts"]],
  ["node16", { module: "node16", moduleResolution: "node16" }, ["main.ts", "certs.ts", "esm.mts"]],
  ["bundler", { module: "esnext", moduleResolution: "bundler" }, ["main.ts", "certs.ts"]],
];

// npm's cache and logs go to a temporary folder, never to the user's ~/.npm.
const npmCache = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-npm-cache-"));
after(() => fs.rmSync(npmCache, { recursive: true, force: true }));

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: npmEnv(npmCache),
  });
}

describe("the npm package", () => {
  let scratch: string;
  let packed: string[];
  before(() => {
    if (!fs.existsSync(path.join(ROOT, "bin/sdk/provider/plugin-entry.js")))
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", env: npmEnv(npmCache) });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-consumer-"));
    const listing = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT)) as {
      files: { path: string }[];
    }[];
    packed = listing[0].files.map((f) => f.path).sort();
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("ships the build, the examples, the policy pack, schema.json and PulumiPlugin.yaml, and nothing else", () => {
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
      "policy/PulumiPolicy.yaml",
      "policy/package.json",
      "policy/index.js",
      "bin/sdk/policy/index.js",
    ])
      assert.ok(packed.includes(f), `${f} is packed`);
    const unexpected = packed.filter(
      (f) =>
        !/^bin\/sdk\/.+\.(js|d\.ts)$/.test(f) &&
        !/^examples\//.test(f) &&
        !/^policy\/(PulumiPolicy\.yaml|package\.json|index\.js|README\.md)$/.test(f) &&
        !["package.json", "README.md", "LICENSE", "schema.json", "PulumiPlugin.yaml"].includes(f),
    );
    assert.deepEqual(unexpected, [], "no tests, bench, sources, tsconfig or maps");
    assert.ok(!packed.some((f) => /(^|\/)(tests|bench)\//.test(f) || f.endsWith(".map")));
  });

  describe("installed from the tarball in a consumer project", () => {
    before(() => {
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
      for (const [file, text] of Object.entries(CONSUMER)) fs.writeFileSync(path.join(scratch, file), text);
    });

    it("loads with require(), both entries", () => {
      const loaded = execFileSync(
        process.execPath,
        [
          "-e",
          'const m = require("ssl-ml-cluster"); const c = require("ssl-ml-cluster/certificates"); console.log(require.resolve("ssl-ml-cluster")); console.log(require.resolve("ssl-ml-cluster/certificates")); console.log(typeof m.SslMlCluster, m.ClusterKind.Aks, m.AuthMode.AMLToken, typeof c.inspectCertificate, c.inspectCertificate === m.inspectCertificate)',
        ],
        { cwd: scratch, encoding: "utf8" },
      ).split("\n");
      const own = fs.realpathSync(path.join(scratch, "node_modules/ssl-ml-cluster"));
      assert.equal(loaded[0], path.join(own, "bin/sdk/index.js"));
      assert.equal(loaded[1], path.join(own, "bin/sdk/certificates/index.js"));
      assert.equal(loaded[2], "function aks AMLToken function true");
    });

    it("the certificates entry imports from an ES module too", () => {
      const out = execFileSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          'import { inspectCertificate, hostnameCovered } from "ssl-ml-cluster/certificates"; console.log(typeof inspectCertificate, typeof hostnameCovered);',
        ],
        { cwd: scratch, encoding: "utf8" },
      );
      assert.equal(out, "function function\n");
    });

    // The matrix a consumer meets: TypeScript 5 (this project's) and 6, each module resolution a
    // tsconfig can choose, both entries. Every file also holds a @ts-expect-error that must be an error.
    for (const ts of [typescript5, typescript6]) {
      const major = ts.version.split(".")[0];
      for (const [resolution, options, files] of MATRIX) {
        it(`type-checks with TypeScript ${major}, moduleResolution ${resolution}: ${files.join(", ")}`, () => {
          const own = {
            ...options,
            ...(major === "6" && resolution === "node10" ? { ignoreDeprecations: "6.0" } : {}),
          };
          const parsed = ts.convertCompilerOptionsFromJson({ ...COMMON, ...own }, scratch);
          assert.deepEqual(parsed.errors, []);
          const roots = files.map((f) => path.join(scratch, f));
          assert.deepEqual(diagnostics(ts, roots, parsed.options), []);
        });
      }
      if (major === "6")
        it("TypeScript 6 refuses moduleResolution node10 unless told to ignore deprecations (TS5107)", () => {
          const parsed = ts.convertCompilerOptionsFromJson({ ...COMMON, ...MATRIX[0][1] }, scratch);
          const found = diagnostics(ts, [path.join(scratch, "certs.ts")], parsed.options);
          assert.deepEqual(
            found.map((d) => /TS\d+/.exec(d)![0]),
            ["TS5107"],
          );
        });
    }
  });
});
