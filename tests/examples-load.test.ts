// Every TypeScript example runs where it stands: `cd examples/<x> && npm install && pulumi up`.
// Each is loaded from its own folder the way Pulumi's Node.js host loads a program
// (@pulumi/pulumi/cmd/run/run.js: the folder as working directory, ts-node with type checking and the
// folder's tsconfig.json over the host's defaults, the entry from package.json "main"), in a process
// of its own, under the offline runtime (sdk/offline/runtime.ts) instead of an engine. No resolution
// hook: "ssl-ml-cluster" and "@pulumi/pulumi" resolve as Node resolves them there.
//
// The layout is the clone's, in a temporary folder: package.json, bin and node_modules of this
// repository linked at its root, each example copied to examples/<x>, and in it
// node_modules/ssl-ml-cluster -> ../../.. : the symlink `npm install` makes for the example's
// "ssl-ml-cluster": "file:../.." (npm links a file: folder outside the project; checked by hand with
// npm 11). Making the link, not running npm, keeps the test offline and fast; the example's own
// typescript devDependency (~5.9.3) is the version the clone's node_modules holds.
import * as assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { exampleConfigs } from "./helpers/example-configs";
import { fixtures } from "./helpers/openssl-certs";
import { npmEnv, tempDirs } from "./helpers/tmp";
import { checkProject, typescript5, typescript6 } from "./helpers/typecheck";

const ROOT = path.resolve(__dirname, "..");
const EXAMPLES = path.join(ROOT, "examples");
const tsExamples = fs
  .readdirSync(EXAMPLES)
  .filter((d) => fs.existsSync(path.join(EXAMPLES, d, "index.ts")))
  .sort();

/** Run in the example's process: the host's steps, then the registrations and module locations as JSON. */
const HOST = `
const fs = require("fs");
const path = require("path");
const Module = require("module");
const [runtimeJs, project, configJson] = process.argv.slice(1);
const dir = process.cwd();
// pulumi-language-nodejs runs the @pulumi/pulumi/cmd/run that resolves from the program's folder.
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir] }));
const hostRequire = Module.createRequire(path.join(pulumiDir, "cmd", "run", "run.js"));
const tsutils = hostRequire("../../tsutils");
const { setupOfflineRuntime, resolveOutput } = require(runtimeJs);
const { recorder } = setupOfflineRuntime({ project, stack: "dev" });
hostRequire("../../runtime").setAllConfig(JSON.parse(configJson), []);
// run.js, TypeScript >= 4.7 and a CommonJS program: these options, the program's own over them.
const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json";
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
hostRequire(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: compilerOptions.noCheck,
  project: tsConfigPath,
  skipProject: !fs.existsSync(tsConfigPath),
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...compilerOptions },
});
const report = (r) => process.stdout.write(JSON.stringify(r));
(async () => {
  const main = JSON.parse(fs.readFileSync("package.json", "utf8")).main;
  const exports = require(path.resolve(main));
  for (const v of Object.values(exports)) await resolveOutput(v);
  await recorder.settled();
  await new Promise((r) => setTimeout(r, 20));
  await recorder.settled();
  const own = require.resolve("ssl-ml-cluster", { paths: [dir] });
  report({
    registrations: recorder.registrations.map((r) => [r.type, r.name]).sort(),
    warnings: recorder.warnings,
    compilerOptions,
    typescript: hostRequire(typescriptRequire).version,
    modules: {
      "ssl-ml-cluster": fs.realpathSync(own),
      "@pulumi/pulumi (program)": fs.realpathSync(require.resolve("@pulumi/pulumi", { paths: [dir] })),
      "@pulumi/pulumi (package)": require.resolve("@pulumi/pulumi", { paths: [path.dirname(fs.realpathSync(own))] }),
    },
  });
})().catch((e) => {
  report({ error: String(e && e.message || e) });
  process.exitCode = 1;
});
`;

interface HostReport {
  error?: string;
  registrations: [string, string][];
  warnings: string[];
  compilerOptions: Record<string, unknown>;
  typescript: string;
  modules: Record<string, string>;
}

function load(dir: string, project: string, config: Record<string, string>): Promise<HostReport> {
  const runtimeJs = path.join(ROOT, "bin/sdk/offline/runtime.js");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      // `pulumi config set k v` stores project:k, which is what the engine hands the program.
      [
        "-e",
        HOST,
        runtimeJs,
        project,
        JSON.stringify(Object.fromEntries(Object.entries(config).map(([k, v]) => [`${project}:${k}`, v]))),
      ],
      { cwd: dir, encoding: "utf8", timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        try {
          const r = JSON.parse(stdout) as HostReport;
          if (r.error) reject(new Error(`examples/${path.basename(dir)}: ${r.error}\n${stderr}`));
          else resolve(r);
        } catch {
          reject(err ?? new Error(`examples/${path.basename(dir)}: no report\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** What each example registers, by docs/what-azure-receives.md "What it creates": [type, name]. */
const kubernetes = (name: string, services: string[]): [string, string][] => [
  ["ssl-ml-cluster:index:SslMlCluster", name],
  ["azure-native:containerservice:ManagedCluster", `${name}-aks`],
  ["azure-native:kubernetesconfiguration:Extension", `${name}-azureml`],
  ["azure-native:machinelearningservices:Compute", `${name}-compute`],
  ["pulumi:providers:kubernetes", `${name}-k8s`],
  ["kubernetes:core/v1:Service", `${name}-azureml-fe`],
  ...services.flatMap((s): [string, string][] => [
    ["azure-native:machinelearningservices:OnlineEndpoint", `${name}-${s}`],
    ["azure-native:machinelearningservices:OnlineDeployment", `${name}-${s}-default`],
    ["azure-native:resources:Deployment", `${name}-${s}-traffic`],
  ]),
];
const selfSigned = (name: string): [string, string][] => [
  ["tls:index/privateKey:PrivateKey", `${name}-key`],
  ["tls:index/selfSignedCert:SelfSignedCert", `${name}-cert`],
];
const acme = (name: string): [string, string][] => [
  ["pulumi:providers:acme", `${name}-acme`],
  ["tls:index/privateKey:PrivateKey", `${name}-acme-account-key`],
  ["acme:index/registration:Registration", `${name}-acme-account`],
  ["acme:index/certificate:Certificate", `${name}-acme-cert`],
];
const cloudflareRecord = (name: string): [string, string] => [
  "cloudflare:index/dnsRecord:DnsRecord",
  `${name}-dns`,
];
/** dns.cloudflare.apiToken: one explicit Cloudflare provider for the record, the lookups and ACME. */
const cloudflareProvider = (name: string): [string, string] => [
  "pulumi:providers:cloudflare",
  `${name}-cloudflare`,
];
const EXPECTED: Record<string, [string, string][]> = {
  quickstart: [...kubernetes("ml", ["iris", "churn"]), ...selfSigned("ml"), cloudflareRecord("ml")],
  "imported-cert": [...kubernetes("ml", ["scoring"]), cloudflareRecord("ml")],
  "acme-cloudflare": [
    ...kubernetes("ml", ["scoring"]),
    ...acme("ml"),
    cloudflareProvider("ml"),
    cloudflareRecord("ml"),
  ],
  "azure-dns": [...kubernetes("ml", ["scoring"]), ...acme("ml"), ["azure-native:dns:RecordSet", "ml-dns"]],
  // Legacy AKS compute: the compute makes (or attaches) the cluster; nothing for a Microsoft-managed certificate.
  "legacy-aks": [
    ["ssl-ml-cluster:index:SslMlCluster", "legacy"],
    ["azure-native:machinelearningservices:Compute", "legacy-compute"],
  ],
  // No key or certificate resource: the certificate is read from Key Vault. The link's suffix is
  // `printf %s <vnetId lower-cased> | sha256sum | cut -c1-8` (docs/private-networks.md).
  "private-keyvault": [
    ...kubernetes("ml", ["scoring"]),
    // The new cluster's Network Contributor role on the callers' subnet.
    ["azure-native:authorization:RoleAssignment", "ml-subnet-role"],
    ["azure-native:privatedns:PrivateRecordSet", "ml-dns"],
    ["azure-native:privatedns:VirtualNetworkLink", "ml-link-5cfbce0e"],
  ],
  // Managed online endpoints behind Front Door: no cluster, the Front Door resources, two records.
  "managed-frontdoor": [
    ["ssl-ml-cluster:index:SslMlManagedEndpoints", "ml"],
    ["azure-native:machinelearningservices:OnlineEndpoint", "ml-iris"],
    ["azure-native:machinelearningservices:OnlineDeployment", "ml-iris-default"],
    ["azure-native:resources:Deployment", "ml-iris-traffic"],
    ["azure-native:cdn:Profile", "ml-afd"],
    ["azure-native:cdn:AFDEndpoint", "ml-afd-endpoint"],
    ["azure-native:cdn:AFDCustomDomain", "ml-domain"],
    ["azure-native:cdn:AFDOriginGroup", "ml-iris-origins"],
    ["azure-native:cdn:AFDOrigin", "ml-iris-origin"],
    ["azure-native:cdn:Route", "ml-iris-route"],
    ["cloudflare:index/dnsRecord:DnsRecord", "ml-dnsauth"],
    cloudflareRecord("ml"),
  ],
  "existing-cluster": [
    ["ssl-ml-cluster:index:SslMlCluster", "attached"],
    ["azure-native:machinelearningservices:Compute", "attached-compute"],
    ...selfSigned("attached"),
    cloudflareRecord("attached"),
  ],
};

describe("examples: each TypeScript example loads from its own folder as Pulumi's Node.js host loads it", function () {
  this.timeout(600_000);
  const tmp = tempDirs();
  const f = fixtures();
  const configs = exampleConfigs(f);
  const reports = new Map<string, HostReport>();
  let clone: string;

  before(async () => {
    if (!fs.existsSync(path.join(ROOT, "bin/sdk/offline/runtime.js")))
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", env: npmEnv(tmp("npm-cache-")) });
    clone = tmp("ssl-ml-examples-");
    for (const f of ["package.json", "bin", "node_modules"])
      fs.symlinkSync(path.join(ROOT, f), path.join(clone, f));
    for (const x of tsExamples) {
      const dir = path.join(clone, "examples", x);
      fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
      for (const file of fs.readdirSync(path.join(EXAMPLES, x)))
        fs.copyFileSync(path.join(EXAMPLES, x, file), path.join(dir, file));
      fs.symlinkSync(path.join("..", "..", ".."), path.join(dir, "node_modules", "ssl-ml-cluster"));
    }
    // Two at a time (CI has two cores); each process type-checks its program.
    const queue = [...tsExamples];
    const worker = async () => {
      for (let x = queue.shift(); x; x = queue.shift()) {
        const dir = path.join(clone, "examples", x);
        const project = (
          YAML.parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { name: string }
        ).name;
        reports.set(x, await load(dir, project, configs[x]));
      }
    };
    await Promise.all([worker(), worker()]);
  });

  it("covers every TypeScript example, each with package.json, tsconfig.json and Pulumi.yaml", () => {
    assert.deepEqual(tsExamples, Object.keys(configs).sort());
    for (const x of tsExamples)
      for (const file of ["package.json", "tsconfig.json", "Pulumi.yaml"])
        assert.ok(fs.existsSync(path.join(EXAMPLES, x, file)), `examples/${x}/${file}`);
  });

  for (const x of tsExamples) {
    it(`examples/${x}: depends on this package as file:../.., and on TypeScript ~5.9 for Pulumi's host`, () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(EXAMPLES, x, "package.json"), "utf8")) as {
        main: string;
        dependencies: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      // @pulumi/pulumi comes through the package: a second copy would hold a second runtime state.
      assert.deepEqual(pkg.dependencies, { "ssl-ml-cluster": "file:../.." });
      // TypeScript 7 has no compiler API for Pulumi's host (pulumi/pulumi#21518): pinned below 6.1.
      assert.deepEqual(pkg.devDependencies, { typescript: "~5.9.3" });
      assert.equal(path.resolve(EXAMPLES, x, "../.."), ROOT);
      assert.equal(pkg.main, "index.ts");
    });

    it(`examples/${x}: type-checked by ts-node with its tsconfig.json, one @pulumi/pulumi, the expected resources`, () => {
      const r = reports.get(x)!;
      assert.equal(
        r.typescript,
        typescript5.version,
        "the host compiles with the TypeScript the package brings",
      );
      assert.equal(r.compilerOptions.moduleResolution, "node16");
      assert.equal(r.compilerOptions.noCheck, undefined, "type checking is on");
      assert.equal(r.modules["ssl-ml-cluster"], path.join(ROOT, "bin/sdk/index.js"));
      assert.equal(r.modules["@pulumi/pulumi (program)"], r.modules["@pulumi/pulumi (package)"]);
      assert.equal(
        r.modules["@pulumi/pulumi (program)"],
        path.join(ROOT, "node_modules/@pulumi/pulumi/index.js"),
      );
      assert.deepEqual(r.registrations, [...EXPECTED[x]].sort());
    });
  }

  it("each example's tsconfig.json type-checks it with TypeScript 5 and TypeScript 6 (tsc -p)", () => {
    assert.match(typescript6.version, /^6\./);
    for (const x of tsExamples) {
      const tsconfig = path.join(clone, "examples", x, "tsconfig.json");
      for (const ts of [typescript5, typescript6])
        assert.deepEqual(checkProject(ts, tsconfig), [], `examples/${x} with TypeScript ${ts.version}`);
    }
  });
});
