// One set of credentials, said once: dns.cloudflare.apiToken makes an explicit Cloudflare provider
// for the record, the lookups and ACME; the ACME challenge sets every variable lego reads under the
// name lego prefers (https://go-acme.github.io/lego/dns/cloudflare/, .../dns/azuredns/) and warns
// about ambient variables that would still win; a certificate issued during the run is judged when
// it is checked.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import {
  azureAmbientWarnings,
  azureChallengeConfig,
  cloudflareAmbientWarnings,
  cloudflareChallengeConfig,
  cloudflareTokenSource,
  prepareAcme,
} from "../sdk/certificates/sources/acme-challenge";
import { checkedChain, issuedCertificateClock } from "../sdk/certificates/sources/acme";
import { CertificateError } from "../sdk/certificates/rules/inspect";
import { validateArgs } from "../sdk/validation/args";
import { reservedExampleDomain } from "../sdk/certificates/sources/acme-rules";
import type { ResolvedAcme } from "../sdk/certificates/sources/acme-rules";
import type { SslMlClusterArgs } from "../sdk/types";
import { at, isWireSecret } from "./mocks";
import { build, quickstartArgs, T } from "./helpers/component";

const ZONE = "0123456789abcdef0123456789abcdef";
const TOKEN = "cf-said-once-Zq81";
const PROVIDER = "pulumi:providers:cloudflare";
const ACME_CERT = "acme:index/certificate:Certificate";

describe("credentials: the Cloudflare token said once", () => {
  it("dns.cloudflare.apiToken makes one explicit provider (secret token) that the record and every lookup use", async () => {
    const { rec } = await build(quickstartArgs({ dns: { cloudflare: { zoneId: ZONE, apiToken: TOKEN } } }));
    const providers = rec.registrations.filter((r) => r.type === PROVIDER);
    assert.deepEqual(
      providers.map((p) => p.name),
      ["ml-cloudflare"],
    );
    const p = providers[0];
    assert.deepEqual(at(p.inputs, "apiToken"), { value: TOKEN, secret: true });
    const record = rec.one(T.dns);
    assert.ok(record.provider.startsWith(`${p.urn}::`), `record provider ${record.provider}`);
    const cf = rec.invocations.filter((i) => i.token.startsWith("cloudflare:"));
    assert.deepEqual(cf.map((i) => i.token).sort(), [
      "cloudflare:index/getDnsRecords:getDnsRecords",
      "cloudflare:index/getZone:getZone",
    ]);
    for (const i of cf)
      assert.ok(i.provider.startsWith(`${p.urn}::`), `${i.token} went through ${i.provider}`);
    // The token appears nowhere in plain text: not in a log line, not in the record.
    assert.ok(![...rec.warnings, ...rec.infos].some((m) => m.includes(TOKEN)));
    assert.ok(!JSON.stringify(record.inputs).includes(TOKEN));
  });

  it("without apiToken the ambient provider serves: no provider resource, default provider everywhere", async () => {
    const { rec } = await build(quickstartArgs());
    assert.equal(rec.registrations.filter((r) => r.type === PROVIDER).length, 0);
    const record = rec.one(T.dns);
    assert.ok(!record.provider.includes("ml-cloudflare"));
    for (const i of rec.invocations.filter((x) => x.token.startsWith("cloudflare:")))
      assert.ok(!i.provider.includes("ml-cloudflare"), `${i.token} went through ${i.provider}`);
  });

  it("ACME uses the same token as the record: the provider's token and the challenge's are one value", async () => {
    const { rec } = await build(
      quickstartArgs({
        certificate: { acme: { email: "ops@contoso.com" } },
        dns: { cloudflare: { zoneId: ZONE, apiToken: pulumi.secret(TOKEN) } },
      }),
    );
    const challenge = (rec.one(ACME_CERT).inputs.dnsChallenges as Record<string, unknown>[])[0];
    assert.deepEqual(at(challenge, "config"), {
      value: { CLOUDFLARE_DNS_API_TOKEN: TOKEN, CLOUDFLARE_ZONE_API_TOKEN: TOKEN },
      secret: true,
    });
    assert.deepEqual(at(rec.one(PROVIDER).inputs, "apiToken"), { value: TOKEN, secret: true });
  });

  it("token order for ACME: apiToken, then cloudflare:apiToken configuration, then CLOUDFLARE_API_TOKEN", () => {
    assert.equal(cloudflareTokenSource("t", { CLOUDFLARE_API_TOKEN: "e" }, true), "dns.cloudflare.apiToken");
    assert.equal(
      cloudflareTokenSource(undefined, { CLOUDFLARE_API_TOKEN: "e" }, true),
      "cloudflare:apiToken",
    );
    assert.equal(
      cloudflareTokenSource(undefined, { CLOUDFLARE_API_TOKEN: "e" }, false),
      "CLOUDFLARE_API_TOKEN",
    );
    const args = {
      ...quickstartArgs({ certificate: { acme: { email: "ops@contoso.com" } } }),
    } as SslMlClusterArgs;
    const configured = pulumi.secret("from-config");
    const p = prepareAcme(args, {}, configured);
    assert.equal(p.tokenSource, "cloudflare:apiToken");
    assert.equal(p.configuredToken, configured);
  });
});

describe("credentials: lego's variables and the ambient environment", () => {
  it("Cloudflare: the token under lego's preferred name, and as the zone token", () => {
    assert.deepEqual(cloudflareChallengeConfig(" tok \n"), {
      CLOUDFLARE_DNS_API_TOKEN: "tok",
      CLOUDFLARE_ZONE_API_TOKEN: "tok",
    });
  });

  it("Cloudflare: a global API key in the environment would win over the token, so it is named", () => {
    assert.deepEqual(cloudflareAmbientWarnings({ CLOUDFLARE_EMAIL: "a@b.c", CLOUDFLARE_API_KEY: "k" }), [
      "certificate.acme: CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY are set in the environment, and lego prefers a global API key to the token, so the DNS-01 challenge would use them; unset them for pulumi up",
    ]);
    assert.match(
      cloudflareAmbientWarnings({ CF_API_EMAIL: "a@b.c", CF_API_KEY: "k" })[0],
      /CF_API_EMAIL and CF_API_KEY/,
    );
    // One half of the pair is not enough for lego: no warning.
    assert.deepEqual(cloudflareAmbientWarnings({ CLOUDFLARE_EMAIL: "a@b.c" }), []);
    assert.deepEqual(cloudflareAmbientWarnings({ CLOUDFLARE_API_TOKEN: "t" }), []);
  });

  it("Azure: every value also under ARM_*, the auth method under lego's name", () => {
    assert.deepEqual(azureChallengeConfig("sub-1", "rg-dns", "Example.COM.", "workloadIdentity"), {
      AZURE_SUBSCRIPTION_ID: "sub-1",
      ARM_SUBSCRIPTION_ID: "sub-1",
      AZURE_RESOURCE_GROUP: "rg-dns",
      ARM_RESOURCE_GROUP: "rg-dns",
      AZURE_ZONE_NAME: "example.com",
      AZURE_AUTH_METHOD: "wli",
    });
    for (const [m, lego] of [
      ["default", "default"],
      ["cli", "cli"],
      ["msi", "msi"],
      ["oidc", "oidc"],
      ["env", "env"],
    ] as const)
      assert.equal(azureChallengeConfig("s", "r", "z.com", m).AZURE_AUTH_METHOD, lego);
  });

  it("Azure: an ARM_* credential that differs from its AZURE_* twin is named (the provider copies it over)", () => {
    assert.deepEqual(azureAmbientWarnings({ ARM_CLIENT_ID: "a", AZURE_CLIENT_ID: "b" }), [
      "certificate.acme: ARM_CLIENT_ID and AZURE_CLIENT_ID differ in the environment; the acme provider copies ARM_CLIENT_ID over AZURE_CLIENT_ID, so the DNS-01 challenge signs in with ARM_CLIENT_ID",
    ]);
    assert.deepEqual(azureAmbientWarnings({ ARM_CLIENT_ID: "a", AZURE_CLIENT_ID: "a" }), []);
    assert.deepEqual(azureAmbientWarnings({ ARM_CLIENT_ID: "a" }), []);
  });

  it("the warning reaches pulumi up's output, and dns.azure.authMethod reaches the challenge", async () => {
    const saved = { e: process.env.ARM_TENANT_ID, a: process.env.AZURE_TENANT_ID };
    process.env.ARM_TENANT_ID = "tenant-arm";
    process.env.AZURE_TENANT_ID = "tenant-azure";
    try {
      const { rec } = await build(
        quickstartArgs({
          certificate: { acme: { email: "ops@contoso.com" } },
          dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns", authMethod: "oidc" } },
        }),
      );
      assert.ok(
        rec.warnings.some((w) => /ARM_TENANT_ID and AZURE_TENANT_ID differ/.test(w)),
        rec.warnings.join("\n"),
      );
      const challenge = (rec.one(ACME_CERT).inputs.dnsChallenges as Record<string, unknown>[])[0];
      const config = at(challenge, "config");
      assert.equal(config.secret, true);
      assert.equal((config.value as Record<string, string>).AZURE_AUTH_METHOD, "oidc");
      assert.ok(!isWireSecret(challenge.provider));
    } finally {
      for (const [k, v] of [
        ["ARM_TENANT_ID", saved.e],
        ["AZURE_TENANT_ID", saved.a],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });

  it("dns.azure.authMethod: a wrong spelling is an ArgumentError with the fix", () => {
    const args = (authMethod: string) =>
      quickstartArgs({
        dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns", authMethod } },
      } as unknown as Partial<SslMlClusterArgs>);
    assert.throws(
      () => validateArgs(args("MSI")),
      (e: Error & { argument?: string }) =>
        e.argument === "dns.azure.authMethod" &&
        e.message ===
          'dns.azure.authMethod: must be one of "default", "cli", "msi", "oidc", "env", "workloadIdentity" (default "default"), got "MSI"; did you mean "msi"?',
    );
    assert.throws(() => validateArgs(args("password")), /got "password"$/);
    assert.doesNotThrow(() => validateArgs(args("workloadIdentity")));
  });

  it("an example.com / .org / .net contact address is named in a warning (Let's Encrypt refuses it)", () => {
    const w = validateArgs(
      quickstartArgs({ certificate: { acme: { email: "ops@example.com" } } }),
    ).warnings.filter((x) => x.startsWith("certificate.acme.email"));
    assert.deepEqual(w, [
      "certificate.acme.email ops@example.com: example.com is a reserved example domain (RFC 2606) and Let's Encrypt refuses it as a contact address; give an address that someone reads",
    ]);
    assert.equal(reservedExampleDomain("a@mail.EXAMPLE.net"), "mail.example.net");
    assert.equal(reservedExampleDomain("a@example.org"), "example.org");
    assert.equal(reservedExampleDomain("a@notexample.com"), undefined);
    assert.equal(reservedExampleDomain("a@example.com.au"), undefined);
  });
});

describe("credentials: a certificate issued during the run is judged when it is checked", () => {
  const HOST = "ml.example.com";
  const acme: ResolvedAcme = {
    serverUrl: "https://acme.test/directory",
    keyType: "RSA2048",
    renewBeforeDays: 30,
    validityDays: 90,
    challenge: "cloudflare",
  };
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

  /** A CA and a leaf whose notBefore is `ahead` ms after the real time (a CA that does not backdate). */
  async function issued(aheadMs: number) {
    const ca = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
    const leafKeys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
    const now = Date.now();
    const caCert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "01",
      name: "CN=Clock Test CA",
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + 365 * 86_400_000),
      keys: ca,
      signingAlgorithm: alg,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
    });
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: "02",
      subject: `CN=${HOST}`,
      issuer: caCert.subject,
      notBefore: new Date(now + aheadMs),
      notAfter: new Date(now + 90 * 86_400_000),
      publicKey: leafKeys.publicKey,
      signingKey: ca.privateKey,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.SubjectAlternativeNameExtension([{ type: "dns", value: HOST }]),
      ],
    });
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", leafKeys.privateKey)).toString(
      "base64",
    );
    const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`;
    return { cert: leaf.toString("pem"), issuer: caCert.toString("pem"), keyPem };
  }

  const parent = { urn: pulumi.output("urn:test") } as unknown as pulumi.Resource;
  const programStart = () => new Date(Date.now() - 10 * 60_000); // the program began 10 minutes ago

  it("the later of the program's clock and the real time", () => {
    const a = new Date("2027-01-01T00:00:00Z");
    const b = new Date("2027-01-01T00:05:00Z");
    assert.equal(issuedCertificateClock(a, b).toISOString(), b.toISOString());
    assert.equal(issuedCertificateClock(b, a).toISOString(), b.toISOString());
  });

  it("issued after the program started, notBefore 2 minutes ahead (clock skew): accepted", async () => {
    const c = await issued(2 * 60_000);
    const r = checkedChain(
      c.cert,
      c.issuer,
      c.keyPem,
      HOST,
      acme,
      programStart(),
      "2027-01-01T00:00:00.000Z",
      parent,
    );
    assert.equal(r.summary.dnsNames[0], HOST);
  });

  it("notBefore 10 minutes ahead (beyond the 5 minutes' allowance): NOT_YET_VALID", async () => {
    const c = await issued(10 * 60_000);
    assert.throws(
      () =>
        checkedChain(
          c.cert,
          c.issuer,
          c.keyPem,
          HOST,
          acme,
          programStart(),
          "2027-01-01T00:00:00.000Z",
          parent,
        ),
      (e: unknown) => e instanceof CertificateError && e.code === "NOT_YET_VALID",
    );
  });
});
