import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { at, freshRuntime, Recorder } from "./mocks";
import { SslMlCluster } from "../sdk/component";
import type { SslMlClusterArgs } from "../sdk/types";
import { build, T } from "./helpers/component";
import { fixtures } from "./helpers/openssl-certs";

const ZONE = "0123456789abcdef0123456789abcdef";
const EXISTING =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/legacy-aks";

function aksArgs(extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs {
  return {
    hostname: "scoring.example.com",
    resourceGroupName: "rg-ml",
    workspaceName: "ws-ml",
    location: "eastus",
    cluster: { kind: "aks", nodeCount: 3, vmSize: "Standard_D3_v2", computeName: "aks-ssl" },
    certificate: { selfSigned: {} },
    dns: { cloudflare: { zoneId: ZONE } },
    services: [{ name: "sentiment" }, { name: "fraud-score" }],
    ...extra,
  };
}

function computeProps(rec: Recorder): { value: Record<string, unknown>; secret: boolean } {
  const p = at(rec.one(T.compute).inputs, "properties");
  return { value: p.value as Record<string, unknown>, secret: p.secret };
}

describe("SslMlCluster, legacy aks kind", () => {
  it("creates an AKS compute with sslConfiguration Enabled (PEM chain, key, cname), the key secret", async () => {
    const { rec, out } = await build(aksArgs());
    assert.deepEqual(
      rec.registrations.map((r) => r.type).sort(),
      [T.component, T.compute, T.dns, T.key, T.cert].sort(),
    );
    const { value, secret } = computeProps(rec);
    // Only the key is secret: a reviewer of the preview sees the rest.
    assert.equal(secret, false, "properties as a whole is readable");
    const inputs = rec.one(T.compute).inputs;
    assert.equal(at(inputs, "properties.properties.sslConfiguration.key").secret, true, "the key is secret");
    for (const path of ["cert", "cname", "status"])
      assert.equal(at(inputs, `properties.properties.sslConfiguration.${path}`).secret, false, path);
    assert.equal(at(inputs, "properties.properties.agentCount").secret, false);
    assert.deepEqual(rec.one(T.compute).additionalSecretOutputs, ["properties"]);
    assert.equal(value.computeType, "AKS");
    assert.equal(value.resourceId, undefined, "a new cluster: no resourceId");
    const inner = value.properties as Record<string, unknown>;
    assert.equal(inner.agentCount, 3);
    assert.equal(inner.agentVmSize, "Standard_D3_v2");
    assert.equal(inner.clusterPurpose, "FastProd");
    const ssl = inner.sslConfiguration as Record<string, string>;
    assert.equal(ssl.status, "Enabled");
    assert.equal(ssl.cname, "scoring.example.com");
    assert.match(ssl.cert, /^-----BEGIN CERTIFICATE-----\n/, "raw PEM, as azureml-core sends it");
    const x = new crypto.X509Certificate(ssl.cert);
    assert.equal(x.checkPrivateKey(crypto.createPrivateKey(ssl.key)), true);
    assert.equal(rec.one(T.compute).inputs.computeName, "aks-ssl");
    assert.equal(out.frontEndIp, "203.0.113.10", "from systemServices ScoringFrontEnd");
    assert.deepEqual(out.scoringUris, {
      sentiment: "https://scoring.example.com/api/v1/service/sentiment/score",
      "fraud-score": "https://scoring.example.com/api/v1/service/fraud-score/score",
    });
    assert.equal(out.scoringUri, "https://scoring.example.com/api/v1/service/sentiment/score");
    assert.deepEqual(
      { type: rec.one(T.dns).inputs.type, content: rec.one(T.dns).inputs.content },
      { type: "A", content: "203.0.113.10" },
    );
    assert.equal(rec.byType(T.endpoint).length, 0, "legacy services are declared, not deployed");
  });

  it("attaches an existing cluster with the same SSL configuration", async () => {
    const f = fixtures();
    const { rec } = await build(
      aksArgs({
        cluster: { kind: "aks", existingClusterId: EXISTING, computeName: "aks-ssl" },
        certificate: {
          imported: {
            certPem: f.read("fullchain.pem").replace("ml.example.com", "ml.example.com"),
            keyPem: f.read("leaf.key"),
          },
        },
        hostname: "ml.example.com",
      }),
    );
    const { value } = computeProps(rec);
    assert.equal(value.resourceId, EXISTING);
    const inner = value.properties as Record<string, unknown>;
    assert.equal(inner.agentCount, undefined, "an attached cluster keeps its size");
    const ssl = inner.sslConfiguration as Record<string, string>;
    assert.equal(ssl.status, "Enabled");
    assert.equal(ssl.cert.match(/BEGIN CERTIFICATE/g)?.length, 3, "the full chain, leaf first");
    assert.equal(new crypto.X509Certificate(ssl.cert).subject, "CN=ml.example.com");
  });

  it("Microsoft-managed: status Auto, hostname from Azure, no DNS record", async () => {
    const { rec, out } = await build({
      resourceGroupName: "rg-ml",
      workspaceName: "ws-ml",
      cluster: { kind: "aks", computeName: "aks-auto" },
      certificate: { microsoftManaged: { leafDomainLabel: "contoso-ml", overwriteExistingDomain: true } },
      services: [{ name: "sentiment" }],
    });
    const ssl = (computeProps(rec).value.properties as Record<string, unknown>).sslConfiguration;
    assert.deepEqual(ssl, { status: "Auto", leafDomainLabel: "contoso-ml", overwriteExistingDomain: true });
    // No key is sent, so nothing is secret: the preview shows every property.
    assert.equal(computeProps(rec).secret, false);
    assert.ok(!JSON.stringify(rec.one(T.compute).inputs).includes("4dabf18193072939515e22adb298388d"));
    assert.deepEqual(rec.one(T.compute).additionalSecretOutputs, []);
    assert.equal(rec.byType(T.dns).length, 0);
    assert.equal(rec.byType(T.key).length + rec.byType(T.cert).length, 0);
    // The compute (and so Azure's name for it) is in the workspace's region, not `location`.
    assert.match(String(out.hostname), /^contoso-ml[0-9a-f]{6}\.westeurope\.cloudapp\.azure\.com$/);
    assert.equal(
      (out.scoringUris as Record<string, string>).sentiment,
      `https://${out.hostname}/api/v1/service/sentiment/score`,
    );
    assert.equal(out.dnsRecord, undefined);
    assert.equal(out.certificate, undefined);
  });

  it("Microsoft-managed: a clear error when Azure returned no name", async () => {
    await assert.rejects(
      build(
        {
          resourceGroupName: "rg",
          workspaceName: "ws-ml",
          cluster: { kind: "aks" },
          certificate: { microsoftManaged: { leafDomainLabel: "x" } },
        },
        { managedCnameMissing: true },
      ),
      /Azure returned no name for the front end/,
    );
  });

  it("falls back to frontEndIp when systemServices is null, and says how to find it otherwise", async () => {
    const { out } = await build(aksArgs({ frontEndIp: "198.51.100.7" }), { systemServicesNull: true });
    assert.equal(out.frontEndIp, "198.51.100.7");
    await assert.rejects(
      build(aksArgs(), { systemServicesNull: true }),
      /systemServices is null.*pass frontEndIp/,
    );
  });

  it("uses AAAA for an IPv6 front end", async () => {
    const { rec } = await build(aksArgs(), { frontEndIp: "2001:db8::7" });
    assert.equal(rec.one(T.dns).inputs.type, "AAAA");
  });

  it("refuses hostname or dns with a Microsoft-managed certificate, before registering", () => {
    const rec = freshRuntime();
    assert.throws(
      () =>
        new SslMlCluster("x", {
          hostname: "a.example.com",
          resourceGroupName: "rg",
          workspaceName: "ws-ml",
          cluster: { kind: "aks" },
          certificate: { microsoftManaged: { leafDomainLabel: "x" } },
        }),
      /hostname: must not be set with certificate.microsoftManaged/,
    );
    assert.equal(rec.registrations.length, 0);
  });

  it("rotates in place: same URNs, only sslConfiguration cert/key change", async () => {
    const run = async (now: string) => {
      process.env.SSL_ML_CLUSTER_NOW = now;
      try {
        return await build(aksArgs());
      } finally {
        delete process.env.SSL_ML_CLUSTER_NOW;
      }
    };
    const a = await run("2027-01-10T00:00:00Z");
    const a2 = await run("2027-02-01T00:00:00Z"); // same 60-day window
    const b = await run("2027-04-15T00:00:00Z"); // next window
    assert.deepEqual(
      a.rec.registrations.map((r) => r.urn),
      b.rec.registrations.map((r) => r.urn),
    );
    const pa = computeProps(a.rec).value;
    assert.deepEqual(pa, computeProps(a2.rec).value, "no change inside a window");
    const pb = computeProps(b.rec).value;
    const strip = (p: Record<string, unknown>) => {
      const inner = { ...(p.properties as Record<string, unknown>) };
      const ssl = { ...(inner.sslConfiguration as Record<string, unknown>) };
      delete ssl.cert;
      delete ssl.key;
      return { ...p, properties: { ...inner, sslConfiguration: ssl } };
    };
    assert.deepEqual(strip(pa), strip(pb), "nothing but sslConfiguration.cert/key changes");
    const sa = (pa.properties as Record<string, Record<string, string>>).sslConfiguration;
    const sb = (pb.properties as Record<string, Record<string, string>>).sslConfiguration;
    assert.notEqual(sa.cert, sb.cert);
    assert.notEqual(sa.key, sb.key);
    for (const t of [T.compute, T.dns]) {
      const ra = a.rec.one(t);
      const rb = b.rec.one(t);
      assert.equal(ra.urn, rb.urn);
      assert.equal(rb.replacementTrigger, undefined, `${t} has no replacement trigger`);
    }
    assert.deepEqual(a.rec.one(T.dns).inputs, b.rec.one(T.dns).inputs);
    assert.notEqual(
      a.rec.one(T.key).replacementTrigger,
      b.rec.one(T.key).replacementTrigger,
      "the key is replaced",
    );
  });
});
