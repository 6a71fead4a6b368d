// plan --compare: the certificate's public facts before and after a rotation, and summary counts;
// plan's command line: --config before the folder, a missing configuration value, --help.
import * as assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPlan } from "../sdk/offline/plan";
import { SNAPSHOT_KEY_ENV } from "../sdk/offline/snapshot-key";
import { cli } from "./helpers/cli";

const QUICKSTART = path.resolve(__dirname, "../examples/quickstart");

async function at<T>(now: string, fn: () => Promise<T>): Promise<T> {
  const prev = process.env.SSL_ML_CLUSTER_NOW;
  process.env.SSL_ML_CLUSTER_NOW = now;
  try {
    return await fn();
  } finally {
    if (prev === undefined) delete process.env.SSL_ML_CLUSTER_NOW;
    else process.env.SSL_ML_CLUSTER_NOW = prev;
  }
}

/** Facts read by Node's X509Certificate from the PEM the tls resource returned: not from the plan's outputs. */
async function servedFacts(now: string) {
  const run = await at(now, () => runPlan(QUICKSTART));
  const certs = run.recorder.registrations.filter(
    (r) => r.type === "tls:index/selfSignedCert:SelfSignedCert",
  );
  assert.equal(certs.length, 1);
  const x = new X509Certificate(String(certs[0].outputs.certPem));
  return {
    fingerprintSha256: x.fingerprint256,
    notAfter: new Date(Date.parse(x.validTo)).toISOString(),
    issuer: x.issuer.split("\n").join(", "),
  };
}

describe("plan --compare: the certificate before and after", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-compare-"));
  const snap = path.join(dir, "snapshot.json");
  // The snapshot key (made on first use) in the test's folder, never in the user's ~/.config.
  const savedKeyEnv = process.env[SNAPSHOT_KEY_ENV];
  before(() => {
    process.env[SNAPSHOT_KEY_ENV] = path.join(dir, "key", "snapshot.key");
  });
  after(() => {
    if (savedKeyEnv === undefined) delete process.env[SNAPSHOT_KEY_ENV];
    else process.env[SNAPSHOT_KEY_ENV] = savedKeyEnv;
  });

  let old: Awaited<ReturnType<typeof servedFacts>>;
  let rotated: Awaited<ReturnType<typeof servedFacts>>;
  before(async function () {
    this.timeout(180_000); // three offline plans on a shared machine
    const r = await at("2027-01-10T00:00:00Z", () => cli("plan", QUICKSTART, "--snapshot", snap));
    assert.equal(r.code, 0, r.stderr);
    old = await servedFacts("2027-01-10T00:00:00Z");
    rotated = await servedFacts("2027-03-10T00:00:00Z");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("after the rotation window: fingerprint and notAfter change, the issuer does not; counts in --json", async () => {
    assert.notEqual(old.fingerprintSha256, rotated.fingerprintSha256);
    const r = await at("2027-03-10T00:00:00Z", () => cli("plan", QUICKSTART, "--compare", snap, "--json"));
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.certificates, [{ output: "certificate", before: old, after: rotated, changed: true }]);
    const { same, ...moved } = j.summary;
    assert.deepEqual(moved, { create: 0, update: 1, replace: 2, delete: 0, read: 1 });
    // Everything else (cluster, compute, DNS record, endpoints …) is untouched and counted as such.
    assert.equal(same, j.changes.filter((c: { verdict: string }) => c.verdict === "same").length);
    assert.equal(same, j.changes.length - 4);
  });

  it("prints the facts in the text", async () => {
    const r = await at("2027-03-10T00:00:00Z", () => cli("plan", QUICKSTART, "--compare", snap));
    assert.equal(r.code, 0, r.stderr);
    const block = [
      "certificate (output certificate)",
      `  fingerprint  ${old.fingerprintSha256}  ->  ${rotated.fingerprintSha256}`,
      `  notAfter     ${old.notAfter}  ->  ${rotated.notAfter}`,
      `  issuer       ${old.issuer} (unchanged)`,
    ].join("\n");
    assert.ok(r.stdout.includes(block), r.stdout);
    assert.match(r.stdout, /summary: 0 to create, 1 to update, 2 to replace, 0 to delete, \d+ unchanged\n$/);
  });

  it("inside the same window the certificate is unchanged", async () => {
    const r = await at("2027-02-20T00:00:00Z", () => cli("plan", QUICKSTART, "--compare", snap));
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /certificate \(output certificate\): unchanged\n {2}fingerprint {2}[0-9A-F:]{95} \(unchanged\)/,
    );
  });
});

describe("plan's command line", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-plancli-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("takes --config before the program folder", async () => {
    const r = await cli(
      "plan",
      "--config",
      "hostname=api.example.org",
      "--config",
      "nodeCount=2",
      QUICKSTART,
      "--json",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).outputs.hostname, "api.example.org");
  });

  it("a missing configuration value suggests --config key=value", async () => {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: needs-config\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import * as pulumi from "@pulumi/pulumi";\nexport const zone = new pulumi.Config().require("zoneId");\n',
    );
    const r = await cli("plan", dir);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "ssl-ml-cluster: the program needs the configuration value needs-config:zoneId: give it with --config zoneId=VALUE (or pulumi config set it; plan reads the plain values of Pulumi.<stack>.yaml, never its secrets)\n",
    );
  });

  it("plan --help mentions SSL_ML_CLUSTER_NOW", async () => {
    const r = await cli("plan", "--help");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /SSL_ML_CLUSTER_NOW {2}the clock \(ISO 8601/);
  });
});
