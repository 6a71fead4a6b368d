// certificate.acme: the acme provider, account, order and DNS-01 challenge as registered; the chain the
// front end receives; renewal by the rotation clock; the offline stand-in CA behind plan and demo.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { at, freshRuntime, settle, unwrapSecrets } from "./mocks";
import { build, quickstartArgs, T } from "./helpers/component";
import { ACME_EMAIL } from "./helpers/example-configs";
import { SslMlCluster } from "../sdk/component";
import { runPlan } from "../sdk/offline/plan";
import { comparePlans } from "../sdk/offline/diff";
import { callScoringUri, startScoringFrontEnd } from "../sdk/offline/scoring-server";
import type { SslMlClusterArgs } from "../sdk/types";

const EX = path.resolve(__dirname, "..", "examples");
const ZONE = "0123456789abcdef0123456789abcdef";
const TOKEN = "cf-test-token-7Hq2VxZ9";
const A = {
  provider: "pulumi:providers:acme",
  reg: "acme:index/registration:Registration",
  cert: "acme:index/certificate:Certificate",
  recordSet: "azure-native:dns:RecordSet",
};

function acmeArgs(extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs {
  return quickstartArgs({
    certificate: { acme: { email: "ops@contoso.com" } },
    dns: { cloudflare: { zoneId: ZONE, apiToken: TOKEN } },
    ...extra,
  });
}

async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const prev = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(prev)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The PEM blocks of a chain, leaf first, as node:crypto certificates. */
function certs(pem: string): crypto.X509Certificate[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
    (b) => new crypto.X509Certificate(b),
  );
}

function frontEndMaterial(rec: ReturnType<typeof freshRuntime>): {
  chain: string;
  key: string;
  secret: boolean;
} {
  const ext = rec.one(T.ext);
  const ps = at(ext.inputs, "configurationProtectedSettings");
  const v = ps.value as Record<string, string>;
  return {
    chain: Buffer.from(v["scoringFe.sslCert"], "base64").toString("utf8"),
    key: Buffer.from(v["scoringFe.sslKey"], "base64").toString("utf8"),
    secret: ps.secret,
  };
}

describe("certificate.acme with Cloudflare DNS-01: what is registered", () => {
  let built: Awaited<ReturnType<typeof build>>;
  before(async () => {
    built = await withEnv(
      { SSL_ML_CLUSTER_NOW: "2027-01-10T00:00:00Z", CLOUDFLARE_API_TOKEN: undefined },
      () => build(acmeArgs()),
    );
  });

  it("an explicit acme provider for Let's Encrypt's production directory, child of the component", () => {
    const { rec } = built;
    const component = rec.one(T.component);
    const p = rec.one(A.provider);
    assert.equal(p.name, "ml-acme");
    assert.equal(p.parent, component.urn);
    assert.equal(p.inputs.serverUrl, "https://acme-v02.api.letsencrypt.org/directory");
  });

  it("an ECDSA account key, a Registration and a Certificate, all through that provider", () => {
    const { rec } = built;
    const component = rec.one(T.component);
    const p = rec.one(A.provider);
    const key = rec.byName("ml-acme-account-key")!;
    assert.equal(key.type, T.key);
    assert.deepEqual(key.inputs, { algorithm: "ECDSA", ecdsaCurve: "P256" });
    assert.equal(key.replacementTrigger, undefined, "the account key never rotates");

    const reg = rec.one(A.reg);
    assert.equal(reg.name, "ml-acme-account");
    assert.equal(reg.parent, component.urn);
    assert.ok(reg.provider.startsWith(`${p.urn}::`));
    assert.deepEqual(Object.keys(reg.inputs).sort(), ["accountKeyPem", "emailAddress"]);
    assert.equal(reg.inputs.emailAddress, "ops@contoso.com");
    const regKey = at(reg.inputs, "accountKeyPem");
    assert.equal(regKey.secret, true);
    assert.match(String(regKey.value), /^-----BEGIN EC PRIVATE KEY-----/);

    const cert = rec.one(A.cert);
    assert.equal(cert.name, "ml-acme-cert");
    assert.equal(cert.parent, component.urn);
    assert.ok(cert.provider.startsWith(`${p.urn}::`));
    const plain = unwrapSecrets(cert.inputs) as Record<string, unknown>;
    assert.deepEqual(plain, {
      accountKeyPem: regKey.value,
      commonName: "ml.example.com",
      keyType: "2048",
      minDaysRemaining: 30,
      revokeCertificateOnDestroy: false,
      dnsChallenges: [
        {
          provider: "cloudflare",
          config: { CLOUDFLARE_DNS_API_TOKEN: TOKEN, CLOUDFLARE_ZONE_API_TOKEN: TOKEN },
        },
      ],
    });
    assert.equal(at(cert.inputs, "accountKeyPem").secret, true);
    const challenge = (cert.inputs.dnsChallenges as Record<string, unknown>[])[0];
    assert.equal(at(challenge, "config").secret, true, "the challenge config (with the token) is secret");
    assert.equal(challenge.provider, "cloudflare", "the provider name itself is not secret");
    // The 59-day window (90 - 30 - 1 day of margin) that holds 2027-01-10, aligned to the Unix epoch.
    assert.equal(cert.replacementTrigger, "2027-01-09T00:00:00.000Z");
    for (const k of ["privateKeyPem", "certificateP12", "accountKeyPem"])
      assert.ok(cert.additionalSecretOutputs.includes(k), k);
  });

  it("says which token source was used, never the token", () => {
    const { rec } = built;
    assert.deepEqual(
      rec.infos.filter((m) => /DNS-01/.test(m)),
      ["certificate.acme: DNS-01 through Cloudflare with the API token from dns.cloudflare.apiToken"],
    );
    assert.ok(![...rec.infos, ...rec.warnings].some((m) => m.includes(TOKEN)));
  });

  it("the certificate output shows the real issuer and selfSigned: false", async () => {
    const { rec, out, c } = built;
    const [leaf, issuer] = certs(frontEndMaterial(rec).chain);
    const summary = out.certificate as Record<string, unknown>;
    assert.equal(summary.fingerprintSha256, leaf.fingerprint256);
    assert.equal(summary.issuer, issuer.subject.split("\n").join(", "));
    assert.equal(summary.subject, "CN=ml.example.com");
    assert.deepEqual(summary.dnsNames, ["ml.example.com"]);
    assert.equal(summary.selfSigned, false);
    assert.equal(summary.notAfter, new Date(leaf.validTo).toISOString());
    assert.equal(summary.rotatesAfter, "2027-03-09T00:00:00.000Z");
    assert.equal(await pulumi.isSecret(c.certificate as pulumi.Output<unknown>), false);
  });
});

describe("certificate.acme: the chain the front end receives", () => {
  let material: { chain: string; key: string; secret: boolean };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acme-chain-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  before(async () => {
    const { rec } = await withEnv({ SSL_ML_CLUSTER_NOW: "2027-01-10T00:00:00Z" }, () => build(acmeArgs()));
    material = frontEndMaterial(rec);
  });

  it("is leaf first, then the issuer; the issuer's key verifies the leaf (node:crypto)", () => {
    assert.equal(material.secret, true, "protected settings are secret");
    const chain = certs(material.chain);
    assert.equal(chain.length, 2);
    const [leaf, issuer] = chain;
    assert.equal(leaf.subject, "CN=ml.example.com");
    assert.equal(leaf.subjectAltName, "DNS:ml.example.com");
    assert.equal(leaf.ca, false);
    assert.equal(issuer.ca, true);
    assert.equal(leaf.issuer, issuer.subject);
    assert.equal(leaf.verify(issuer.publicKey), true);
    assert.equal(leaf.checkIssued(issuer), true);
    assert.equal(issuer.verify(leaf.publicKey), false, "and not the other way round");
  });

  it("openssl verifies the leaf against the issuer, for the hostname and serverAuth", () => {
    const [leaf, issuer] = certs(material.chain);
    fs.writeFileSync(path.join(dir, "leaf.pem"), leaf.toString());
    fs.writeFileSync(path.join(dir, "issuer.pem"), issuer.toString());
    const out = execFileSync("openssl", [
      "verify",
      "-CAfile",
      path.join(dir, "issuer.pem"),
      "-verify_hostname",
      "ml.example.com",
      "-purpose",
      "sslserver",
      "-attime",
      String(Date.parse("2027-01-10T00:00:00Z") / 1000),
      path.join(dir, "leaf.pem"),
    ]).toString();
    assert.match(out, /leaf\.pem: OK/);
  });

  it("the key belongs to the leaf: RSA 2048, signs what the leaf's public key verifies", () => {
    const [leaf] = certs(material.chain);
    const key = crypto.createPrivateKey(material.key);
    assert.equal(key.asymmetricKeyType, "rsa");
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    const data = Buffer.from("scoring front end");
    const sig = crypto.sign("sha256", data, key);
    assert.equal(crypto.verify("sha256", data, leaf.publicKey, sig), true);
    assert.equal(leaf.checkPrivateKey(key), true);
  });
});

describe("certificate.acme: options reach the provider", () => {
  it("letsencrypt-staging, P384: the staging directory, keyType P384 and both warnings", async () => {
    const { rec, out } = await build(
      acmeArgs({
        certificate: { acme: { email: "ops@contoso.com", server: "letsencrypt-staging", keyType: "P384" } },
      }),
    );
    assert.equal(
      rec.one(A.provider).inputs.serverUrl,
      "https://acme-staging-v02.api.letsencrypt.org/directory",
    );
    assert.equal(unwrapSecrets(rec.one(A.cert).inputs.keyType), "P384");
    const key = crypto.createPrivateKey(frontEndMaterial(rec).key);
    assert.equal(key.asymmetricKeyDetails?.namedCurve, "secp384r1");
    assert.ok(rec.warnings.some((w) => /keyType P384: an ECDSA certificate/.test(w)));
    assert.ok(rec.warnings.some((w) => /letsencrypt-staging: the staging CA is not trusted/.test(w)));
    assert.match(
      String((out.certificate as { issuer: string }).issuer),
      /acme-staging-v02\.api\.letsencrypt\.org/,
    );
  });

  it("an https directory URL is used as given; renewBeforeDays is the provider's minDaysRemaining", async () => {
    const url = "https://acme.internal.example.org/acme/directory";
    const { rec } = await build(
      acmeArgs({
        certificate: {
          acme: { email: "ops@contoso.com", server: url, keyType: "P256", renewBeforeDays: 45 },
        },
      }),
    );
    assert.equal(rec.one(A.provider).inputs.serverUrl, url);
    const cert = unwrapSecrets(rec.one(A.cert).inputs) as Record<string, unknown>;
    assert.equal(cert.keyType, "P256");
    assert.equal(cert.minDaysRemaining, 45);
  });

  it("the token from CLOUDFLARE_API_TOKEN when apiToken is not given, and the log names the variable", async () => {
    const envToken = "cf-env-token-Ab12";
    const { rec } = await withEnv({ CLOUDFLARE_API_TOKEN: envToken }, () =>
      build(acmeArgs({ dns: { cloudflare: { zoneId: ZONE } } })),
    );
    const challenge = (rec.one(A.cert).inputs.dnsChallenges as Record<string, unknown>[])[0];
    assert.deepEqual(at(challenge, "config"), {
      value: { CLOUDFLARE_DNS_API_TOKEN: envToken, CLOUDFLARE_ZONE_API_TOKEN: envToken },
      secret: true,
    });
    assert.deepEqual(
      rec.infos.filter((m) => /DNS-01/.test(m)),
      ["certificate.acme: DNS-01 through Cloudflare with the API token from CLOUDFLARE_API_TOKEN"],
    );
    assert.ok(!rec.infos.some((m) => m.includes(envToken)));
  });

  it("a secret apiToken stays secret", async () => {
    const { rec } = await build(
      acmeArgs({ dns: { cloudflare: { zoneId: ZONE, apiToken: pulumi.secret(TOKEN) } } }),
    );
    const challenge = (rec.one(A.cert).inputs.dnsChallenges as Record<string, unknown>[])[0];
    assert.deepEqual(at(challenge, "config"), {
      value: { CLOUDFLARE_DNS_API_TOKEN: TOKEN, CLOUDFLARE_ZONE_API_TOKEN: TOKEN },
      secret: true,
    });
  });

  it("no token at all is an ArgumentError naming dns.cloudflare.apiToken, before anything is registered", async () => {
    await withEnv({ CLOUDFLARE_API_TOKEN: undefined }, async () => {
      const rec = freshRuntime();
      assert.throws(
        () => new SslMlCluster("ml", acmeArgs({ dns: { cloudflare: { zoneId: ZONE } } })),
        (e: Error & { argument?: string }) =>
          e.name === "ArgumentError" &&
          e.argument === "dns.cloudflare.apiToken" &&
          /set dns\.cloudflare\.apiToken \(a secret\), the cloudflare:apiToken configuration, or the CLOUDFLARE_API_TOKEN environment variable/.test(
            e.message,
          ),
      );
      await rec.settled();
      assert.equal(rec.registrations.length, 0);
    });
  });

  it("on the legacy aks path the same chain goes into sslConfiguration", async () => {
    const { rec } = await build(acmeArgs({ cluster: { kind: "aks" }, services: [{ name: "svc" }] }));
    const inputs = rec.one(T.compute).inputs;
    const ssl = at(inputs, "properties.properties.sslConfiguration");
    // The key is secret; the chain, status and name stay readable in a preview.
    assert.equal(at(inputs, "properties.properties.sslConfiguration.key").secret, true);
    assert.equal(at(inputs, "properties.properties.sslConfiguration.cert").secret, false);
    const v = ssl.value as { status: string; cert: string; key: string; cname: string };
    assert.equal(v.status, "Enabled");
    assert.equal(v.cname, "ml.example.com");
    const [leaf, issuer] = certs(v.cert);
    assert.equal(leaf.verify(issuer.publicKey), true);
    assert.equal(leaf.checkPrivateKey(crypto.createPrivateKey(v.key)), true);
  });
});

describe("certificate.acme: the issued chain is checked like an imported certificate", () => {
  it("a key that does not match the leaf stops the deployment with KEY_MISMATCH", async () => {
    const { setupOfflineRuntime } = await import("../sdk/offline/runtime");
    const { recorder, model } = setupOfflineRuntime();
    const original = model.newResource.bind(model);
    model.newResource = async (args) => {
      const r = await original(args);
      if (args.type === A.cert) {
        const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
        r.state.privateKeyPem = other.export({ type: "pkcs1", format: "pem" });
      }
      return r;
    };
    const c = new SslMlCluster("ml", acmeArgs());
    await assert.rejects(
      settle(recorder, { certificate: c.certificate }),
      (e: Error & { code?: string }) => e.name === "CertificateError" && e.code === "KEY_MISMATCH",
    );
  });

  it("a certificate for another name stops it with HOSTNAME_MISMATCH", async () => {
    const { setupOfflineRuntime } = await import("../sdk/offline/runtime");
    const { recorder, model } = setupOfflineRuntime();
    const original = model.newResource.bind(model);
    model.newResource = async (args) =>
      original(
        args.type === A.cert
          ? { ...args, inputs: { ...args.inputs, commonName: "other.example.com" } }
          : args,
      );
    const c = new SslMlCluster("ml", acmeArgs());
    await assert.rejects(
      settle(recorder, { certificate: c.certificate }),
      (e: Error & { code?: string }) => e.name === "CertificateError" && e.code === "HOSTNAME_MISMATCH",
    );
  });
});

describe("certificate.acme: renewal by the rotation clock, no --refresh", () => {
  const dir = path.join(EX, "acme-cloudflare");
  const config = { acmeEmail: ACME_EMAIL, cloudflareApiToken: TOKEN };
  const plan = (now: string, prior?: Awaited<ReturnType<typeof runPlan>>["plan"]) =>
    withEnv({ SSL_ML_CLUSTER_NOW: now }, () =>
      runPlan(dir, { config, priorCertificates: prior?.offlineCertificates }),
    );
  let first: Awaited<ReturnType<typeof runPlan>>;
  let same: Awaited<ReturnType<typeof runPlan>>;
  let later: Awaited<ReturnType<typeof runPlan>>;
  before(async () => {
    first = await plan("2027-01-10T00:00:00Z");
    same = await plan("2027-02-20T00:00:00Z", first.plan);
    later = await plan("2027-03-10T00:00:00Z", first.plan);
  });

  it("inside the window nothing changes, the certificate included", () => {
    const c = comparePlans(first.plan, same.plan);
    assert.deepEqual(
      c.changes
        .filter((x) => x.verdict !== "same" && x.verdict !== "read")
        .map((x) => `${x.verdict} ${x.name}`),
      [],
    );
    assert.ok(c.outputs.every((o) => o.verdict === "same"));
  });

  it("in the next window only the acme certificate (replaced) and the protected settings (updated) change, same URNs", () => {
    const c = comparePlans(first.plan, later.plan);
    const changed = c.changes
      .filter((x) => x.verdict !== "same" && x.verdict !== "read")
      .map((x) => `${x.verdict} ${x.name}`)
      .sort();
    assert.deepEqual(changed, ["replace ml-acme-cert", "update ml-azureml"]);
    const v = Object.fromEntries(c.changes.map((x) => [x.name, x]));
    assert.deepEqual(v["ml-acme-cert"].replaceBecause, ["replacementTrigger (rotation window)"]);
    assert.deepEqual(v["ml-azureml"].fields, ["configurationProtectedSettings [secret]"]);
    assert.deepEqual(
      first.plan.resources.map((r) => r.urn),
      later.plan.resources.map((r) => r.urn),
    );
    assert.deepEqual(
      c.outputs.filter((o) => o.verdict !== "same").map((o) => o.key),
      ["certificate"],
    );
    const before = first.rawOutputs.certificate as { notAfter: string; fingerprintSha256: string };
    const after = later.rawOutputs.certificate as {
      notBefore: string;
      notAfter: string;
      fingerprintSha256: string;
    };
    assert.notEqual(after.fingerprintSha256, before.fingerprintSha256);
    assert.equal(after.notBefore, "2027-03-09T00:00:00.000Z");
    // Renewed at least renewBeforeDays (30) before the first certificate expired.
    assert.ok(Date.parse(before.notAfter) - Date.parse("2027-03-09T00:00:00Z") >= 30 * 86_400_000);
  });
});

describe("dns.azure: one azure-native dns.RecordSet", () => {
  const azure = { zoneName: "example.com", resourceGroupName: "rg-dns" };

  it("an A record for an IPv4 front end, named relative to the zone, owned in metadata", async () => {
    const { rec, out } = await build(quickstartArgs({ dns: { azure } }));
    const rs = rec.one(A.recordSet);
    assert.equal(rs.name, "ml-dns");
    assert.equal(rs.parent, rec.one(T.component).urn);
    assert.deepEqual(rs.inputs, {
      zoneName: "example.com",
      resourceGroupName: "rg-dns",
      relativeRecordSetName: "ml",
      recordType: "A",
      aRecords: [{ ipv4Address: "203.0.113.10" }],
      ttl: 300,
      metadata: { managedBy: "managed by ssl-ml-cluster ssl-ml-cluster/dev/ml" },
    });
    assert.equal(rs.deleteBeforeReplace, true);
    assert.deepEqual(rs.replaceOnChanges, ["recordType"]);
    assert.equal(rs.outputs.fqdn, "ml.example.com.");
    assert.equal(rec.byType(T.dns).length, 0, "no Cloudflare record");
    assert.deepEqual(out.dnsRecord, {
      type: "A",
      name: "ml.example.com",
      content: "203.0.113.10",
      managed: true,
    });
  });

  it("AAAA with aaaaRecords for an IPv6 front end; a deeper name and a custom TTL", async () => {
    const { rec } = await build(
      quickstartArgs({
        hostname: "score.ml.example.com",
        frontEndIp: "2001:DB8::10",
        dns: { azure: { ...azure, ttl: 60 } },
      }),
    );
    const rs = rec.one(A.recordSet).inputs;
    assert.equal(rs.recordType, "AAAA");
    assert.equal(rs.relativeRecordSetName, "score.ml");
    assert.deepEqual(rs.aaaaRecords, [{ ipv6Address: "2001:db8::10" }]);
    assert.equal(rs.aRecords, undefined);
    assert.equal(rs.ttl, 60);
  });

  it("CNAME with cnameRecord for a front end that is a host name", async () => {
    const { rec, out } = await build(quickstartArgs({ dns: { azure } }), {
      frontEndHostname: "fe-1.westeurope.cloudapp.azure.com",
    });
    const rs = rec.one(A.recordSet).inputs;
    assert.equal(rs.recordType, "CNAME");
    assert.deepEqual(rs.cnameRecord, { cname: "fe-1.westeurope.cloudapp.azure.com" });
    assert.equal(rs.aRecords, undefined);
    assert.deepEqual(out.dnsRecord, {
      type: "CNAME",
      name: "ml.example.com",
      content: "fe-1.westeurope.cloudapp.azure.com",
      managed: true,
    });
  });

  it("the apex is '@'; a CNAME there is refused with the fix", async () => {
    const { rec } = await build(quickstartArgs({ hostname: "example.com", dns: { azure } }));
    assert.equal(rec.one(A.recordSet).inputs.relativeRecordSetName, "@");
    await assert.rejects(
      build(quickstartArgs({ hostname: "example.com", dns: { azure } }), {
        frontEndHostname: "fe.example.net",
      }),
      /a CNAME cannot sit at a zone apex; use a subdomain such as ml\.example\.com, or pass frontEndIp/,
    );
  });

  it("a zone name given as an Output is applied the same way", async () => {
    const { rec } = await build(
      quickstartArgs({
        dns: {
          azure: { zoneName: pulumi.output("Example.COM."), resourceGroupName: pulumi.output("rg-dns") },
        },
      }),
    );
    const rs = rec.one(A.recordSet).inputs;
    assert.equal(rs.zoneName, "example.com");
    assert.equal(rs.relativeRecordSetName, "ml");
  });

  it("the legacy aks path gets the same record and dnsRecord output", async () => {
    const { rec, out } = await build(
      quickstartArgs({ cluster: { kind: "aks" }, services: [{ name: "svc" }], dns: { azure } }),
    );
    assert.equal(rec.one(A.recordSet).inputs.relativeRecordSetName, "ml");
    assert.deepEqual(out.dnsRecord, {
      type: "A",
      name: "ml.example.com",
      content: "203.0.113.10",
      managed: true,
    });
  });

  it("with certificate.acme, DNS-01 runs through azuredns with the zone's subscription, resource group and name", async () => {
    const { rec } = await build(
      quickstartArgs({
        certificate: { acme: { email: "ops@contoso.com" } },
        dns: { azure: { ...azure, zoneName: "Example.com" } },
      }),
    );
    const challenge = (rec.one(A.cert).inputs.dnsChallenges as Record<string, unknown>[])[0];
    assert.equal(challenge.provider, "azuredns");
    assert.deepEqual(at(challenge, "config"), {
      value: {
        AZURE_SUBSCRIPTION_ID: "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345",
        ARM_SUBSCRIPTION_ID: "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345",
        AZURE_RESOURCE_GROUP: "rg-dns",
        ARM_RESOURCE_GROUP: "rg-dns",
        AZURE_ZONE_NAME: "example.com",
        AZURE_AUTH_METHOD: "default",
      },
      secret: true,
    });
    assert.ok(rec.invocations.some((i) => i.token === "azure-native:authorization:getClientConfig"));
    assert.ok(
      rec.infos.some((m) =>
        /DNS-01 through Azure DNS, signing in with the "default" method \(dns\.azure\.authMethod\)/.test(m),
      ),
    );
  });
});

describe("offline: the new examples plan and demo", () => {
  const configs: Record<string, Record<string, string>> = {
    "acme-cloudflare": { acmeEmail: ACME_EMAIL, cloudflareApiToken: TOKEN },
    "azure-dns": { acmeEmail: ACME_EMAIL },
  };
  for (const [example, config] of Object.entries(configs)) {
    it(`examples/${example}: a real HTTPS front end on 127.0.0.1 with the planned chain, verified against the issuer only`, async () => {
      const { recorder, rawOutputs } = await runPlan(path.join(EX, example), { config });
      const ext = recorder.registrations.find((r) => r.type === T.ext)!;
      const ps = unwrapSecrets(ext.inputs.configurationProtectedSettings) as Record<string, string>;
      const certPem = Buffer.from(ps["scoringFe.sslCert"], "base64").toString();
      const keyPem = Buffer.from(ps["scoringFe.sslKey"], "base64").toString();
      const [, issuer] = certs(certPem);
      const uris = rawOutputs.scoringUris as Record<string, string>;
      assert.deepEqual(Object.keys(uris), ["scoring"]);
      const fe = await startScoringFrontEnd({ certPem, keyPem, services: Object.keys(uris) });
      try {
        const r = await callScoringUri(uris.scoring, fe.port, issuer.toString(), { data: [[1, 2]] });
        assert.equal(r.status, 200);
        assert.equal(
          r.fingerprint256,
          (rawOutputs.certificate as { fingerprintSha256: string }).fingerprintSha256,
        );
        await assert.rejects(
          callScoringUri(
            uris.scoring.replace("ml.example.com", "other.example.com"),
            fe.port,
            issuer.toString(),
            {
              data: [[1]],
            },
          ),
          /altnames|Hostname\/IP does not match/i,
        );
      } finally {
        await fe.close();
      }
    });
  }
});
