// The policy pack (ssl-ml-cluster/policy): each rule on good and bad resources shaped as
// azure-native and Cloudflare receive them, with certificates made by openssl at test time; then
// the whole pack over the offline plan of every example (no violation) and of a seeded bad program.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { sslMlClusterPolicies, POLICY_NAMES } from "../sdk/policy";
import { runPlan } from "../sdk/offline/plan";
import { fixtures } from "./helpers/openssl-certs";
import { exampleConfigs } from "./helpers/example-configs";
import { planResources, PolicyResource, runPolicies } from "./helpers/policy-runner";
import { tempDirs } from "./helpers/tmp";

const EXT = "azure-native:kubernetesconfiguration:Extension";
const COMPUTE = "azure-native:machinelearningservices:Compute";
const ENDPOINT = "azure-native:machinelearningservices:OnlineEndpoint";
const DEPLOYMENT = "azure-native:machinelearningservices:OnlineDeployment";
const CF = "cloudflare:index/dnsRecord:DnsRecord";

const f = fixtures();
const b64 = (name: string) => Buffer.from(f.read(name)).toString("base64");

function extension(
  settings: Record<string, string> = {},
  cert = "fullchain.pem",
  key = "leaf.key",
): PolicyResource {
  return {
    type: EXT,
    name: "ext",
    props: {
      extensionType: "Microsoft.AzureML.Kubernetes",
      configurationSettings: {
        enableInference: "True",
        allowInsecureConnections: "False",
        inferenceRouterServiceType: "LoadBalancer",
        sslCname: "ml.example.com",
        ...settings,
      },
      configurationProtectedSettings: { "scoringFe.sslCert": b64(cert), "scoringFe.sslKey": b64(key) },
    },
  };
}

function legacy(ssl: Record<string, unknown> | undefined): PolicyResource {
  return {
    type: COMPUTE,
    name: "legacy",
    props: {
      properties: { computeType: "AKS", properties: ssl === undefined ? {} : { sslConfiguration: ssl } },
    },
  };
}

const policies = sslMlClusterPolicies();
const run = (rs: PolicyResource[], config: Record<string, Record<string, unknown>> = {}) =>
  runPolicies(policies, rs, config);
const codes = (vs: { policy: string; message: string }[]) =>
  vs.map((v) => `${v.policy} ${v.message.split(":")[0]}`);

describe("policy pack: scoring TLS", () => {
  it("a TLS extension with a clean chain and its key: no violation", async () => {
    assert.deepEqual(await run([extension()]), []);
  });

  it("allowInsecureConnections=True is plain HTTP", async () => {
    const vs = await run([extension({ allowInsecureConnections: "True" })]);
    assert.equal(vs.length, 1);
    assert.equal(vs[0].policy, POLICY_NAMES.scoringTls);
    assert.match(vs[0].message, /plain HTTP \(allowInsecureConnections=True\)/);
  });

  it("TLS on without a certificate is refused; sslSecret instead of the PEM settings is accepted", async () => {
    const bare = extension();
    delete bare.props.configurationProtectedSettings;
    const vs = await run([bare]);
    assert.deepEqual(codes(vs), [
      `${POLICY_NAMES.scoringTls} the AzureML extension (configurationSettings) has TLS on but no certificate`,
    ]);
    const withSecret = extension({ sslSecret: "my-tls" });
    delete withSecret.props.configurationProtectedSettings;
    assert.deepEqual(await run([withSecret]), []);
  });

  it("TLS on without sslCname is refused", async () => {
    const r = extension();
    delete (r.props.configurationSettings as Record<string, string>).sslCname;
    const vs = await run([r]);
    assert.ok(
      vs.some((v) => v.policy === POLICY_NAMES.scoringTls && /no sslCname/.test(v.message)),
      JSON.stringify(vs),
    );
  });

  it("a preview's unknown certificate (a key present, its value undefined) is no violation yet", async () => {
    const r = extension();
    r.props.configurationProtectedSettings = {
      "scoringFe.sslCert": undefined,
      "scoringFe.sslKey": undefined,
    };
    assert.deepEqual(await run([r]), []);
    const whole = extension();
    whole.props.configurationProtectedSettings = undefined;
    assert.deepEqual(await run([whole]), []);
  });

  it("another extension type, or inference off, is not the pack's business", async () => {
    const other = extension({ allowInsecureConnections: "True" });
    other.props.extensionType = "microsoft.flux";
    assert.deepEqual(await run([other]), []);
    assert.deepEqual(
      await run([extension({ allowInsecureConnections: "True", enableInference: "False" })]),
      [],
    );
  });

  it("legacy compute: Disabled or absent sslConfiguration is plain HTTP; Auto is Microsoft's", async () => {
    const disabled = await run([legacy({ status: "Disabled" })]);
    assert.deepEqual(codes(disabled), [
      `${POLICY_NAMES.scoringTls} the legacy AKS compute (properties.properties.sslConfiguration) serves scoring over plain HTTP (sslConfiguration.status is "Disabled"); set status Enabled with cert, key and cname, or Auto with leafDomainLabel`,
    ]);
    assert.equal((await run([legacy(undefined)])).length, 1);
    assert.deepEqual(await run([legacy({ status: "Auto", leafDomainLabel: "contoso-ml" })]), []);
  });

  it("legacy compute Enabled: the certificate rules apply to cert/key/cname", async () => {
    const good = legacy({
      status: "Enabled",
      cert: f.read("fullchain.pem"),
      key: f.read("leaf.key"),
      cname: "ml.example.com",
    });
    assert.deepEqual(await run([good]), []);
    const expired = legacy({
      status: "Enabled",
      cert: f.read("expired-fullchain.pem"),
      key: f.read("dates.key"),
      cname: "ml.example.com",
    });
    assert.deepEqual(codes(await run([expired])), [`${POLICY_NAMES.certificate} EXPIRED`]);
  });
});

describe("policy pack: the scoring certificate (the package's own rules)", () => {
  const cases: [string, PolicyResource, string][] = [
    ["expired", extension({}, "expired-fullchain.pem", "dates.key"), "EXPIRED"],
    ["not yet valid", extension({}, "future-fullchain.pem", "dates.key"), "NOT_YET_VALID"],
    ["the key of another certificate", extension({}, "fullchain.pem", "other.key"), "KEY_MISMATCH"],
    ["a hostname the SAN does not cover", extension({ sslCname: "api.contoso.com" }), "HOSTNAME_MISMATCH"],
    ["RSA 1024", extension({}, "weak-fullchain.pem", "weak.key"), "WEAK_KEY"],
    ["SHA-1", extension({}, "sha1-fullchain.pem", "leaf.key"), "WEAK_SIGNATURE"],
  ];
  for (const [what, r, code] of cases)
    it(`${what}: ${code}`, async () => {
      const vs = await run([r]);
      assert.deepEqual(codes(vs), [`${POLICY_NAMES.certificate} ${code}`]);
    });

  it("fewer days left than minDaysRemaining (default 30) violates the days-left rule; 0 allows it", async () => {
    const soon = extension({}, "soon-fullchain.pem", "dates.key");
    assert.deepEqual(codes(await run([soon])), [`${POLICY_NAMES.daysLeft} EXPIRES_SOON`]);
    assert.deepEqual(await run([soon], { [POLICY_NAMES.daysLeft]: { minDaysRemaining: 0 } }), []);
    assert.deepEqual(codes(await run([soon], { [POLICY_NAMES.daysLeft]: { minDaysRemaining: 11 } })), [
      `${POLICY_NAMES.daysLeft} EXPIRES_SOON`,
    ]);
    assert.deepEqual(await run([soon], { [POLICY_NAMES.daysLeft]: { minDaysRemaining: 10 } }), []);
  });

  it("a chain that stops at an intermediate: CHAIN_INCOMPLETE; a self-signed leaf only when not allowed", async () => {
    assert.deepEqual(codes(await run([extension({}, "leaf+int.pem")])), [
      `${POLICY_NAMES.chain} CHAIN_INCOMPLETE`,
    ]);
    const self = extension({ sslCname: "self.example.com" }, "self.pem", "self.key");
    const selfViolations = (await run([self])).filter((v) => v.policy !== POLICY_NAMES.certificate);
    assert.deepEqual(selfViolations, []);
    const strict = await run([self], { [POLICY_NAMES.chain]: { allowSelfSigned: false } });
    assert.ok(
      strict.some((v) => v.policy === POLICY_NAMES.chain && v.message.startsWith("SELF_SIGNED")),
      JSON.stringify(strict),
    );
  });

  it("an enforcement level set to disabled in the pack's config turns a rule off", async () => {
    const expired = extension({}, "expired-fullchain.pem", "dates.key");
    assert.deepEqual(
      await run([expired], { [POLICY_NAMES.certificate]: { enforcementLevel: "disabled" } }),
      [],
    );
  });
});

describe("policy pack: endpoints and DNS", () => {
  const endpoint = (props: Record<string, unknown>): PolicyResource => ({
    type: ENDPOINT,
    name: "ep",
    props: { properties: props },
  });

  it("every Azure ML auth mode passes by default; a missing or disallowed one is refused", async () => {
    for (const m of ["Key", "AMLToken", "AADToken"])
      assert.deepEqual(await run([endpoint({ authMode: m })]), []);
    const none = await run([endpoint({})]);
    assert.deepEqual(codes(none), [
      `${POLICY_NAMES.endpointAuth} properties.authMode is not set; use one of Key, AMLToken, AADToken so callers must present a key or a token`,
    ]);
    const keyOnly = await run([endpoint({ authMode: "AADToken" })], {
      [POLICY_NAMES.endpointAuth]: { allowedAuthModes: ["Key"] },
    });
    assert.equal(keyOnly.length, 1);
  });

  it("requirePrivate: publicNetworkAccess must be Disabled (absent is Azure's Enabled), managed deployments' egress too", async () => {
    const cfg = { [POLICY_NAMES.endpointAuth]: { requirePrivate: true } };
    assert.equal((await run([endpoint({ authMode: "Key" })], cfg)).length, 1);
    assert.equal((await run([endpoint({ authMode: "Key", publicNetworkAccess: "Enabled" })], cfg)).length, 1);
    assert.deepEqual(await run([endpoint({ authMode: "Key", publicNetworkAccess: "Disabled" })], cfg), []);
    assert.deepEqual(await run([endpoint({ authMode: "Key", publicNetworkAccess: "Enabled" })]), []);
    const dep = (p: Record<string, unknown>): PolicyResource => ({
      type: DEPLOYMENT,
      name: "dep",
      props: { properties: p },
    });
    assert.equal((await run([dep({ endpointComputeType: "Managed" })], cfg)).length, 1);
    assert.deepEqual(
      await run([dep({ endpointComputeType: "Managed", egressPublicNetworkAccess: "Disabled" })], cfg),
      [],
    );
    assert.deepEqual(await run([dep({ endpointComputeType: "Kubernetes" })], cfg), []);
  });

  it("a Cloudflare record proxying the scoring hostname of a TLS front end is refused (full or relative name)", async () => {
    const rec = (name: string, proxied: boolean): PolicyResource => ({
      type: CF,
      name: "dns",
      props: {
        name,
        proxied,
        type: "A",
        content: "203.0.113.10",
        zoneId: "0123456789abcdef0123456789abcdef",
      },
    });
    const vs = await run([extension(), rec("ml.example.com", true)]);
    assert.deepEqual(
      vs.map((v) => [v.policy, v.name, v.message]),
      [
        [
          POLICY_NAMES.dnsNotProxied,
          "dns",
          "Cloudflare record dns proxies ml.example.com, whose scoring front end terminates TLS itself; set proxied: false",
        ],
      ],
    );
    assert.equal((await run([extension(), rec("ml", true)])).length, 1);
    assert.deepEqual(await run([extension(), rec("ml.example.com", false)]), []);
    assert.deepEqual(await run([extension(), rec("www.example.com", true)]), []);
    assert.deepEqual(await run([rec("ml.example.com", true)]), []);
  });

  it("enforcement levels can be set per policy when the pack is built", () => {
    const p = sslMlClusterPolicies({ [POLICY_NAMES.dnsNotProxied]: "advisory" });
    const byName = Object.fromEntries(p.map((x) => [x.name, x.enforcementLevel]));
    assert.equal(byName[POLICY_NAMES.dnsNotProxied], "advisory");
    assert.equal(byName[POLICY_NAMES.certificate], "mandatory");
    assert.deepEqual(p.map((x) => x.name).sort(), Object.values(POLICY_NAMES).sort());
  });
});

describe("policy pack over offline plans", function () {
  this.timeout(120_000);
  const tmp = tempDirs();

  for (const [example, config] of Object.entries(exampleConfigs(f))) {
    it(`examples/${example}: no violation`, async () => {
      const planRun = await runPlan(path.join(__dirname, "..", "examples", example), { config });
      const resources = planResources(planRun.recorder);
      assert.ok(
        resources.some((r) => r.type.startsWith("azure-native:")),
        "the plan registered Azure resources",
      );
      assert.deepEqual(await run(resources), []);
    });
  }

  it("a seeded bad program: the expected violations, each on its resource", async () => {
    const dir = tmp("policy-bad-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bad\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      `import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as kc from "@pulumi/azure-native/kubernetesconfiguration";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as cloudflare from "@pulumi/cloudflare";
const cfg = new pulumi.Config();
const b64 = (f: string) => fs.readFileSync(f).toString("base64");
new kc.Extension("ext", {
  clusterName: "aks", clusterResourceName: "managedClusters", clusterRp: "Microsoft.ContainerService",
  resourceGroupName: "rg", extensionType: "Microsoft.AzureML.Kubernetes",
  configurationSettings: { enableInference: "True", allowInsecureConnections: "False", sslCname: "ml.example.com" },
  configurationProtectedSettings: { "scoringFe.sslCert": b64(cfg.require("certFile")), "scoringFe.sslKey": b64(cfg.require("keyFile")) },
});
new ml.Compute("legacy", {
  resourceGroupName: "rg", workspaceName: "ws", computeName: "legacy",
  properties: { computeType: "AKS", properties: { sslConfiguration: { status: "Disabled" } } },
});
new ml.OnlineEndpoint("open", {
  resourceGroupName: "rg", workspaceName: "ws", endpointName: "open",
  location: "westeurope", properties: { authMode: "AADToken", publicNetworkAccess: "Enabled" },
});
new cloudflare.DnsRecord("dns", { zoneId: "0123456789abcdef0123456789abcdef", name: "ml.example.com", type: "A", content: "203.0.113.10", ttl: 1, proxied: true });
`,
    );
    const planRun = await runPlan(dir, {
      config: { certFile: f.file("expired-fullchain.pem"), keyFile: f.file("dates.key") },
    });
    const vs = await run(planResources(planRun.recorder), {
      [POLICY_NAMES.endpointAuth]: { requirePrivate: true },
    });
    assert.deepEqual(
      vs.map((v) => `${v.policy} ${v.name} ${v.message.split(/[:;]/)[0]}`).sort(),
      [
        `${POLICY_NAMES.certificate} ext EXPIRED`,
        `${POLICY_NAMES.dnsNotProxied} dns Cloudflare record dns proxies ml.example.com, whose scoring front end terminates TLS itself`,
        `${POLICY_NAMES.endpointAuth} open properties.publicNetworkAccess is "Enabled"`,
        `${POLICY_NAMES.scoringTls} legacy the legacy AKS compute (properties.properties.sslConfiguration) serves scoring over plain HTTP (sslConfiguration.status is "Disabled")`,
      ].sort(),
    );
  });
});
