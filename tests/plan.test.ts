import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { locateProgram, runPlan, Plan } from "../sdk/offline/plan";
import { comparePlans } from "../sdk/offline/diff";
import { unwrapSecrets } from "../sdk/offline/secrets";
import { loadSnapshotKey, snapshotKeyFile, SNAPSHOT_KEY_ENV } from "../sdk/offline/snapshot-key";
import { cli } from "./helpers/cli";
import { fixtures } from "./helpers/openssl-certs";
import { ACME_EMAIL, exampleConfigs } from "./helpers/example-configs";
import { tempDirs } from "./helpers/tmp";

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
  const tmp = tempDirs();
  const configs = exampleConfigs(f);
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
      assert.match(r.stdout, /ssl-ml-cluster:index:SslMl(Cluster|ManagedEndpoints)/);
      assert.match(r.stdout, /\noutputs\n/);
      assert.match(r.stdout, /scoringUris: \{/);
      assert.doesNotMatch(r.stdout, /PRIVATE KEY|BEGIN CERTIFICATE/, "no key or certificate body printed");
    });
  }

  it("masks secrets in the plan", async () => {
    const { plan } = await runPlan(path.join(EX, "quickstart"));
    const ext = plan.resources.find((r) => r.type === "azure-native:kubernetesconfiguration:Extension")!;
    assert.equal((ext.inputs as Record<string, unknown>).configurationProtectedSettings, "[secret]");
    assert.match(ext.secretDigests.configurationProtectedSettings, /^[0-9a-f]{64}$/);
    assert.doesNotMatch(JSON.stringify(plan), /PRIVATE KEY|LS0tLS1CRUdJTiB/);
  });

  it("fails with exit 2 and a clear message for a folder without Pulumi.yaml, a missing entry, a throwing program", async () => {
    const empty = tmp("prog-");
    let r = await cli("plan", empty);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /has no Pulumi\.yaml/);
    fs.writeFileSync(path.join(empty, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    r = await cli("plan", empty);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no entry point/);
    fs.writeFileSync(
      path.join(empty, "index.ts"),
      'import { SslMlCluster } from "ssl-ml-cluster";\nnew SslMlCluster("x", { hostname: "bad host", resourceGroupName: "r", workspaceName: "ws-ml", certificate: { selfSigned: {} } });\n',
    );
    r = await cli("plan", empty);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /hostname: "bad host" contains " "/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace without --verbose");
    // Every missing value of the run is named at once, in the order the program asks for them.
    r = await cli("plan", path.join(EX, "imported-cert"));
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "ssl-ml-cluster: the program needs 4 configuration values, ssl-ml-imported-cert:hostname, ssl-ml-imported-cert:certFile, ssl-ml-imported-cert:keyFile, ssl-ml-imported-cert:cloudflareZoneId: give them with --config hostname=VALUE --config certFile=VALUE --config keyFile=VALUE --config cloudflareZoneId=VALUE (or pulumi config set them; plan reads the plain values of Pulumi.<stack>.yaml, never its secrets)\n",
    );
    r = await cli("plan", "/nonexistent/dir");
    assert.equal(r.code, 2);
  });

  it("reads Pulumi.yaml with a YAML parser: quotes, comments, block scalars, runtime as a map, long lines", () => {
    const dir = tmp("prog-");
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(path.join(dir, "src", "index.ts"), "export const x = 1;\n");
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      [
        "# a project",
        'name: "my-proj" # the name',
        "description: >-",
        "  folded",
        "  text",
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: true",
        'main: "src/"',
        `long: "${" ".repeat(40_000)}x"`,
        "",
      ].join("\n"),
    );
    assert.deepEqual(locateProgram(dir), {
      dir,
      project: "my-proj",
      entry: path.join(dir, "src", "index.ts"),
    });
    // 40 000 spaces before a comment: the regex reader took tens of seconds on such a line, then missed the value.
    const pad = " ".repeat(40_000);
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      `name: spaced${pad}# the name\nruntime: nodejs\nmain: src/index.ts${pad}# the entry\n`,
    );
    assert.deepEqual(locateProgram(dir), {
      dir,
      project: "spaced",
      entry: path.join(dir, "src", "index.ts"),
    });
  });

  it("refuses a Pulumi.yaml that is not YAML and a package.json that is not JSON: exit 2, no stack trace", async () => {
    const dir = tmp("prog-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: [unclosed\nruntime: nodejs\n");
    let r = await cli("plan", dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ssl-ml-cluster: .*Pulumi\.yaml is not valid YAML: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), '{ "main": ');
    r = await cli("plan", dir);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^ssl-ml-cluster: .*package\.json is not valid JSON \(.*\); fix it or remove it\n$/,
    );
    fs.writeFileSync(path.join(dir, "package.json"), '{ "main": 5 }');
    r = await cli("plan", dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /package\.json: "main" is not a file path; fix it or remove it\n$/);
  });

  it("reports a front end without an IP as a plan failure, not a crash", async () => {
    const dir = tmp("prog-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import { SslMlCluster } from "ssl-ml-cluster";\nconst c = new SslMlCluster("x", { hostname: "a.example.com", resourceGroupName: "r", workspaceName: "ws-ml", certificate: { selfSigned: {} }, frontEndIp: process.env.FE_IP });\nexport const ip = c.frontEndIp;\n',
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
  let snap: string;
  let keyFile: string;
  const tmp = tempDirs();
  const savedKeyEnv = process.env[SNAPSHOT_KEY_ENV];

  before(async () => {
    const dir = tmp("snap-");
    snap = path.join(dir, "snapshot.json");
    // The machine's snapshot key, in a test folder instead of ~/.config (created on first use).
    keyFile = path.join(dir, "key", "snapshot.key");
    process.env[SNAPSHOT_KEY_ENV] = keyFile;
    const r = await withNow("2027-01-10T00:00:00Z", () =>
      cli("plan", path.join(EX, "quickstart"), "--snapshot", snap),
    );
    assert.equal(r.code, 0, r.stderr);
    snapshot = JSON.parse(fs.readFileSync(snap, "utf8"));
    sameWindow = (
      await withNow("2027-02-20T00:00:00Z", () =>
        runPlan(path.join(EX, "quickstart"), {
          secretKey: loadSnapshotKey(),
          priorCertificates: snapshot.offlineCertificates,
        }),
      )
    ).plan;
    rotated = (
      await withNow("2027-03-10T00:00:00Z", () =>
        runPlan(path.join(EX, "quickstart"), {
          secretKey: loadSnapshotKey(),
          priorCertificates: snapshot.offlineCertificates,
        }),
      )
    ).plan;
  });
  after(() => {
    if (savedKeyEnv === undefined) delete process.env[SNAPSHOT_KEY_ENV];
    else process.env[SNAPSHOT_KEY_ENV] = savedKeyEnv;
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
    assert.ok(snapshot.resources.length > 0);
    assert.equal(c.changes.length, snapshot.resources.length, "every resource of the quickstart is compared");
    assert.deepEqual(
      c.changes
        .filter((x) => x.verdict !== "same" && x.verdict !== "read")
        .map((x) => `${x.verdict} ${x.name}`),
      [],
    );
    assert.deepEqual(
      c.outputs.map((o) => `${o.key} ${o.verdict}`),
      [
        "certificate same",
        "computeId same",
        "dnsRecord same",
        "frontEndIp same",
        "hostname same",
        "scoringUri same",
        "scoringUris same",
      ],
    );
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

  it("keeps secrets as markers keyed by a 0600 machine key that is not in the snapshot", async () => {
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    const key = fs.readFileSync(keyFile, "utf8").trim();
    assert.match(key, /^[0-9a-f]{64}$/);
    const text = fs.readFileSync(snap, "utf8");
    assert.equal(text.includes(key), false, "the key is not in the snapshot");
    assert.equal("salt" in snapshot, false);
    // The marker is an HMAC under the machine key (an independent HMAC here), so nobody holding
    // only the snapshot can test a guess against it.
    const { recorder } = await withNow("2027-01-10T00:00:00Z", () => runPlan(path.join(EX, "quickstart")));
    const ext = recorder.registrations.find((r) => r.name === "ml-azureml")!;
    const ps = unwrapSecrets(ext.inputs.configurationProtectedSettings) as Record<string, string>;
    const sorted = Object.fromEntries(
      Object.keys(ps)
        .sort()
        .map((k) => [k, ps[k]]),
    );
    const expected = crypto
      .createHmac("sha256", Buffer.from(key, "hex"))
      .update(JSON.stringify(sorted))
      .digest("hex");
    const saved = snapshot.resources.find((r) => r.name === "ml-azureml")!.secretDigests;
    assert.deepEqual(saved, { configurationProtectedSettings: expected });
    const unkeyed = crypto.createHash("sha256").update(JSON.stringify(sorted)).digest("hex");
    assert.notEqual(expected, unkeyed);
  });

  it("stores no digest of a private key in the certificate cache keys", async () => {
    const { recorder } = await withNow("2027-01-10T00:00:00Z", () => runPlan(path.join(EX, "quickstart")));
    const keyPem = String(
      unwrapSecrets(recorder.registrations.find((r) => r.name === "ml-key")!.outputs.privateKeyPem),
    );
    assert.match(keyPem, /PRIVATE KEY/);
    const digest = crypto.createHash("sha256").update(keyPem).digest("hex");
    const keys = Object.keys(snapshot.offlineCertificates);
    assert.equal(keys.length, 1);
    assert.equal(keys[0].includes(digest), false);
    assert.equal(fs.readFileSync(snap, "utf8").includes(digest), false);
  });

  it("refuses to compare a snapshot made under another machine key (exit 2)", async () => {
    const other = path.join(path.dirname(snap), "other.key");
    fs.writeFileSync(other, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
    process.env[SNAPSHOT_KEY_ENV] = other;
    try {
      const r = await cli("plan", path.join(EX, "quickstart"), "--compare", snap);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /was saved with another snapshot key .* secret changes cannot be told/);
    } finally {
      process.env[SNAPSHOT_KEY_ENV] = keyFile;
    }
  });

  it("rewrites an existing snapshot with mode 0600, and never through a symlink", async () => {
    const dir = path.dirname(snap);
    const again = path.join(dir, "again.json");
    fs.writeFileSync(again, "old", { mode: 0o644 });
    fs.chmodSync(again, 0o644);
    const target = path.join(dir, "elsewhere.json");
    const link = path.join(dir, "link.json");
    fs.symlinkSync(target, link);
    for (const file of [again, link]) {
      const r = await withNow("2027-01-10T00:00:00Z", () =>
        cli("plan", path.join(EX, "quickstart"), "--snapshot", file),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.lstatSync(file).isFile(), true);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600, file);
    }
    assert.equal(fs.existsSync(target), false, "the link's target was not written");
  });

  it("ignores a certificate planted in a snapshot: the plan keeps the one its key signs", async () => {
    const planted = fixtures().read("self.pem");
    const forged = Object.fromEntries(Object.keys(snapshot.offlineCertificates).map((k) => [k, planted]));
    const { plan } = await withNow("2027-01-10T00:00:00Z", () =>
      runPlan(path.join(EX, "quickstart"), { priorCertificates: forged }),
    );
    const fp = (plan.outputs.certificate as { fingerprintSha256: string }).fingerprintSha256;
    assert.notEqual(fp, new crypto.X509Certificate(planted).fingerprint256);
    const honest = Object.values(snapshot.offlineCertificates)[0];
    assert.equal(fp, new crypto.X509Certificate(honest).fingerprint256);
    assert.equal(Object.values(plan.offlineCertificates)[0], honest);
  });

  it("refuses a device as the --compare file instead of reading it forever", async () => {
    const r = await cli("plan", path.join(EX, "quickstart"), "--compare", "/dev/zero");
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "ssl-ml-cluster: --compare: /dev/zero is not a regular file; give the path of a plan snapshot\n",
    );
  });

  it("ignores an ACME certificate and a stand-in CA planted in a snapshot", async () => {
    const dir = path.join(EX, "acme-cloudflare");
    const config = { acmeEmail: ACME_EMAIL, cloudflareApiToken: "cf-test-token-7Hq2VxZ9" };
    const honest = await withNow("2027-01-10T00:00:00Z", () => runPlan(dir, { config }));
    const certs = honest.plan.offlineCertificates;
    assert.deepEqual(
      Object.keys(certs)
        .map((k) => k.split("|")[0])
        .sort(),
      ["acme", "acme-ca"],
    );
    const planted = fixtures().read("self.pem");
    const forged = Object.fromEntries(Object.keys(certs).map((k) => [k, planted]));
    const { plan } = await withNow("2027-01-10T00:00:00Z", () =>
      runPlan(dir, { config, priorCertificates: forged }),
    );
    assert.deepEqual(plan.offlineCertificates, certs, "the plan kept its own CA and certificate");
    const fp = (plan.outputs.certificate as { fingerprintSha256: string }).fingerprintSha256;
    const leaf = certs[Object.keys(certs).find((k) => k.startsWith("acme|"))!];
    assert.equal(fp, new crypto.X509Certificate(leaf).fingerprint256);
  });

  const malformed: [string, (p: Record<string, unknown>) => unknown, RegExp][] = [
    ["not JSON", () => "{", /\(it is not JSON\)/],
    ["an empty object", () => ({}), /\("kind" is not "ssl-ml-cluster offline plan"\)/],
    [
      "an older version with a salt",
      (p) => ({ ...p, version: 1, salt: "00" }),
      /\("version" is 1, this version reads 2: make a new snapshot\)/,
    ],
    ["resources null", (p) => ({ ...p, resources: null }), /\("resources" is not a list\)/],
    ["a null resource", (p) => ({ ...p, resources: [null] }), /\("resources\[0\]" is not an object\)/],
    [
      "secretDigests null",
      (p) => ({ ...p, resources: [{ ...(p.resources as object[])[0], secretDigests: null }] }),
      /\("resources\[0\]\.secretDigests" is not an object\)/,
    ],
    [
      "a number as urn",
      (p) => ({ ...p, resources: [{ ...(p.resources as object[])[0], urn: 7 }] }),
      /\("resources\[0\]\.urn" is not a string\)/,
    ],
    [
      "replaceOnChanges missing",
      (p) => ({ ...p, resources: [{ ...(p.resources as object[])[0], replaceOnChanges: undefined }] }),
      /\("resources\[0\]\.replaceOnChanges" is not a list\)/,
    ],
    ["outputs missing", (p) => ({ ...p, outputs: undefined }), /\("outputs" is not an object\)/],
    ["warnings a string", (p) => ({ ...p, warnings: "w" }), /\("warnings" is not a list\)/],
    [
      "a certificate that is not text",
      (p) => ({ ...p, offlineCertificates: { x: 5 } }),
      /\("offlineCertificates\.x" is not a string\)/,
    ],
  ];
  for (const [title, mutate, reason] of malformed) {
    it(`refuses a --compare file with ${title}: exit 2, the field named, no stack trace`, async () => {
      const bad = path.join(path.dirname(snap), "bad.json");
      const v = mutate(JSON.parse(fs.readFileSync(snap, "utf8")));
      fs.writeFileSync(bad, typeof v === "string" ? v : JSON.stringify(v));
      const r = await cli("plan", path.join(EX, "quickstart"), "--compare", bad);
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        new RegExp(
          `^ssl-ml-cluster: --compare ${bad.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not a plan saved by 'ssl-ml-cluster plan --snapshot' `,
        ),
      );
      assert.match(r.stderr, reason);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  }

  it("refuses an SSL_ML_CLUSTER_NOW that is not a date", async () => {
    const r = await withNow("tomorrow", () => cli("plan", path.join(EX, "quickstart")));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /SSL_ML_CLUSTER_NOW: "tomorrow" is not an ISO 8601 date/);
  });
});

describe("the snapshot key (kept per machine, out of every snapshot)", () => {
  const tmp = tempDirs();

  it("is made once in the user's config folder with mode 0600, then reused", () => {
    const home = tmp("config-");
    const env = { XDG_CONFIG_HOME: home };
    const file = path.join(home, "ssl-ml-cluster", "snapshot.key");
    assert.equal(snapshotKeyFile(env), file);
    assert.equal(snapshotKeyFile({ ...env, [SNAPSHOT_KEY_ENV]: "/k/other.key" }), "/k/other.key");
    const key = loadSnapshotKey(env);
    assert.equal(key.length, 32);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.equal(fs.readFileSync(file, "utf8"), `${key.toString("hex")}\n`);
    assert.deepEqual(loadSnapshotKey(env), key, "the same key on the next run");
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ["snapshot.key"], "no temporary file left");
  });

  it("refuses a key file that is not 64 hex digits, naming the way out", () => {
    const file = path.join(tmp("config-"), "bad.key");
    fs.writeFileSync(file, "short\n");
    assert.throws(() => loadSnapshotKey({ [SNAPSHOT_KEY_ENV]: file }), {
      name: "SnapshotKeyError",
      message: `the snapshot key ${file} is not 64 hex digits; delete it (a new one is made) or set ${SNAPSHOT_KEY_ENV}`,
    });
  });
});
