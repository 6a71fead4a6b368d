import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPlan, Plan } from "../sdk/offline/plan";
import { comparePlans } from "../sdk/offline/diff";
import { cli } from "./cli.test";
import { fixtures } from "./helpers/openssl-certs";

const EX = path.resolve(__dirname, "..", "examples");

async function withNow<T>(now: string | undefined, fn: () => Promise<T>): Promise<T> {
  const prev = process.env.SSL_ML_CLUSTER_NOW;
  if (now === undefined) delete process.env.SSL_ML_CLUSTER_NOW;
  else process.env.SSL_ML_CLUSTER_NOW = now;
  try {
    return await fn();
  } finally {
    if (prev === undefined) delete process.env.SSL_ML_CLUSTER_NOW;
    else process.env.SSL_ML_CLUSTER_NOW = prev;
  }
}

describe("plan: every example runs offline", () => {
  const f = fixtures();
  const configs: Record<string, Record<string, string>> = {
    quickstart: {},
    "legacy-aks": {},
    "existing-cluster": {},
    "imported-cert": {
      hostname: "ml.example.com",
      certFile: f.file("fullchain.pem"),
      keyFile: f.file("leaf.key"),
      cloudflareZoneId: "0123456789abcdef0123456789abcdef",
    },
    "acme-cloudflare": { cloudflareApiToken: "cf-plan-test-token" },
    "azure-dns": {},
  };
  for (const [name, config] of Object.entries(configs)) {
    it(`plans examples/${name} and prints its outputs`, async () => {
      const args = [
        "plan",
        path.join(EX, name),
        ...Object.entries(config).flatMap(([k, v]) => ["--config", `${k}=${v}`]),
      ];
      const r = await cli(...args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^OFFLINE PLAN: nothing was deployed/);
      assert.match(r.stdout, /ssl-ml-cluster:index:SslMlCluster/);
      assert.match(r.stdout, /\noutputs\n/);
      assert.match(r.stdout, /scoringUris: \{/);
      assert.doesNotMatch(r.stdout, /PRIVATE KEY|BEGIN CERTIFICATE/, "no key or certificate body printed");
    });
  }

  it("masks secrets in the plan", async () => {
    const { plan } = await runPlan(path.join(EX, "quickstart"));
    const ext = plan.resources.find((r) => r.type === "azure-native:kubernetesconfiguration:Extension")!;
    assert.equal((ext.inputs as Record<string, unknown>).configurationProtectedSettings, "[secret]");
    assert.ok(ext.secretDigests.configurationProtectedSettings?.match(/^[0-9a-f]{64}$/));
    assert.doesNotMatch(JSON.stringify(plan), /PRIVATE KEY|LS0tLS1CRUdJTiB/);
  });

  it("fails with exit 2 and a clear message for a folder without Pulumi.yaml, a missing entry, a throwing program", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "prog-"));
    let r = await cli("plan", empty);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /has no Pulumi\.yaml/);
    fs.writeFileSync(path.join(empty, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    r = await cli("plan", empty);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no entry point/);
    fs.writeFileSync(
      path.join(empty, "index.ts"),
      'import { SslMlCluster } from "ssl-ml-cluster";\nnew SslMlCluster("x", { hostname: "bad host", resourceGroupName: "r", workspaceName: "w", certificate: { selfSigned: {} } });\n',
    );
    r = await cli("plan", empty);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /hostname: "bad host" contains " "/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace without --verbose");
    r = await cli("plan", path.join(EX, "imported-cert"));
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /needs the configuration value ssl-ml-imported-cert:hostname: give it with --config hostname=VALUE/,
    );
    r = await cli("plan", "/nonexistent/dir");
    assert.equal(r.code, 2);
  });

  it("reports a front end without an IP as a plan failure, not a crash", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prog-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import { SslMlCluster } from "ssl-ml-cluster";\nconst c = new SslMlCluster("x", { hostname: "a.example.com", resourceGroupName: "r", workspaceName: "w", certificate: { selfSigned: {} }, frontEndIp: process.env.FE_IP });\nexport const ip = c.frontEndIp;\n',
    );
    process.env.FE_IP = "not-an-ip";
    try {
      const r = await cli("plan", dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /frontEndIp: "not-an-ip" is not an IPv4 or IPv6 address/);
    } finally {
      delete process.env.FE_IP;
    }
  });
});

describe("plan --snapshot / --compare: a certificate rotation as a reviewer sees it", () => {
  let snapshot: Plan;
  let sameWindow: Plan;
  let rotated: Plan;
  const snap = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "snap-")), "snapshot.json");

  before(async () => {
    const r = await withNow("2027-01-10T00:00:00Z", () =>
      cli("plan", path.join(EX, "quickstart"), "--snapshot", snap),
    );
    assert.equal(r.code, 0, r.stderr);
    snapshot = JSON.parse(fs.readFileSync(snap, "utf8"));
    sameWindow = (
      await withNow("2027-02-20T00:00:00Z", () =>
        runPlan(path.join(EX, "quickstart"), {
          salt: snapshot.salt,
          priorCertificates: snapshot.offlineCertificates,
        }),
      )
    ).plan;
    rotated = (
      await withNow("2027-03-10T00:00:00Z", () =>
        runPlan(path.join(EX, "quickstart"), {
          salt: snapshot.salt,
          priorCertificates: snapshot.offlineCertificates,
        }),
      )
    ).plan;
  });

  it("saves the snapshot with mode 0600 and without secrets", () => {
    assert.equal(fs.statSync(snap).mode & 0o777, 0o600);
    assert.doesNotMatch(
      fs.readFileSync(snap, "utf8"),
      /PRIVATE KEY|LS0tLS1CRUdJTiBFQyBQUklWQVRF|LS0tLS1CRUdJTiBQUklWQVRF/,
    );
  });

  it("shows nothing to do inside the same rotation window", () => {
    const c = comparePlans(snapshot, sameWindow);
    assert.deepEqual(
      c.changes
        .filter((x) => x.verdict !== "same" && x.verdict !== "read")
        .map((x) => `${x.verdict} ${x.name}`),
      [],
    );
    assert.ok(c.outputs.every((o) => o.verdict === "same"));
  });

  it("after the window: new key and certificate, extension updated in place, nothing else touched", () => {
    const c = comparePlans(snapshot, rotated);
    const v = Object.fromEntries(c.changes.map((x) => [x.name, x]));
    assert.equal(v["ml-key"].verdict, "replace");
    assert.deepEqual(v["ml-key"].replaceBecause, ["replacementTrigger (rotation window)"]);
    assert.equal(v["ml-cert"].verdict, "replace");
    assert.deepEqual(v["ml-cert"].fields, ["privateKeyPem [secret]"]);
    assert.equal(v["ml-azureml"].verdict, "update");
    assert.deepEqual(v["ml-azureml"].fields, ["configurationProtectedSettings [secret]"]);
    for (const name of [
      "ml",
      "ml-aks",
      "ml-compute",
      "ml-dns",
      "ml-iris",
      "ml-iris-default",
      "ml-churn",
      "ml-churn-default",
      "ml-k8s",
    ]) {
      assert.equal(v[name].verdict, "same", `${name} is untouched`);
    }
    assert.equal(v["ml-azureml-fe"].verdict, "read");
    assert.deepEqual(
      c.outputs.filter((o) => o.verdict !== "same").map((o) => o.key),
      ["certificate"],
    );
  });

  it("prints the comparison through the CLI, secret values never shown", async () => {
    const r = await withNow("2027-03-10T00:00:00Z", () =>
      cli("plan", path.join(EX, "quickstart"), "--compare", snap),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\+- replace tls:index\/privateKey:PrivateKey {2}ml-key/);
    assert.match(
      r.stdout,
      /~ {2}update {2}azure-native:kubernetesconfiguration:Extension {2}ml-azureml \(configurationProtectedSettings \[secret\]\)/,
    );
    assert.match(r.stdout, /same {4}cloudflare:index\/dnsRecord:DnsRecord {2}ml-dns/);
    assert.match(r.stdout, /summary: 0 to create, 1 to update, 2 to replace, 0 to delete/);
    assert.doesNotMatch(r.stdout, /PRIVATE KEY|LS0tLS1/);
  });

  it("refuses a --compare file that is not a snapshot", async () => {
    const bad = path.join(path.dirname(snap), "bad.json");
    fs.writeFileSync(bad, "{}");
    const r = await cli("plan", path.join(EX, "quickstart"), "--compare", bad);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not a plan saved by/);
  });

  it("refuses an SSL_ML_CLUSTER_NOW that is not a date", async () => {
    const r = await withNow("tomorrow", () => cli("plan", path.join(EX, "quickstart")));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /SSL_ML_CLUSTER_NOW: "tomorrow" is not an ISO 8601 date/);
  });
});
