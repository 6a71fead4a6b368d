// certificate.keyVault: a certificate kept in Azure Key Vault, read from its secret (PKCS#12 or PEM,
// made by openssl here), checked with the imported rules, secret end to end; a renewal (new version)
// previewed as a rotation; a pinned version; Key Vault's refusals as messages (the real
// @azure/keyvault-secrets client against a fake vault on 127.0.0.1); the offline stand-in vault.
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ChainedTokenCredential, CredentialUnavailableError } from "@azure/identity";
import { at, freshRuntime, settle, unwrapSecrets } from "./mocks";
import { quickstartArgs, T } from "./helpers/component";
import { SslMlCluster } from "../sdk/component";
import type { SslMlClusterArgs } from "../sdk/types";
import { CertificateError } from "../sdk/certificates/rules/inspect";
import {
  KeyVaultError,
  KeyVaultReader,
  KeyVaultSecretRequest,
  KeyVaultSecretValue,
  setKeyVaultReader,
} from "../sdk/certificates/sources/keyvault-reader";
import { loadKeyVaultCertificate } from "../sdk/certificates/sources/keyvault-secret";
import { createAzureKeyVaultReader } from "../sdk/certificates/sources/keyvault-azure";
import { standInKeyVault } from "../sdk/offline/models/keyvault-model";
import { runPlan } from "../sdk/offline/plan";
import { comparePlans } from "../sdk/offline/diff";
import { startFakeKeyVault, FakeKeyVault } from "./helpers/fake-key-vault";
import { children, direct, frontEnd, plainWire, viaConstruct, withoutSource } from "./helpers/construct";

const VAULT = "https://contoso-tls.vault.azure.net/";
const V1 = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const V2 = "f9e8d7c6b5a4938271605f4e3d2c1b0a";

/** Two certificates for ml.example.com (a first one and its renewal), made by openssl, as Key Vault stores them. */
function keyVaultMaterial() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-kv-"));
  const ossl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" }).toString();
  const make = (name: string, days: string, host = "ml.example.com") => {
    ossl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.pem`,
      "-days",
      days,
      "-subj",
      `/CN=${host}`,
      "-addext",
      `subjectAltName=DNS:${host}`,
      "-addext",
      "basicConstraints=critical,CA:FALSE",
      "-addext",
      "extendedKeyUsage=serverAuth",
    );
    // Key Vault's PKCS#12 form has no password; its PEM form is the key, then the certificate.
    ossl(
      "pkcs12",
      "-export",
      "-in",
      `${name}.pem`,
      "-inkey",
      `${name}.key`,
      "-passout",
      "pass:",
      "-out",
      `${name}.pfx`,
    );
    ossl(
      "pkcs12",
      "-export",
      "-in",
      `${name}.pem`,
      "-inkey",
      `${name}.key`,
      "-passout",
      "pass:pw",
      "-out",
      `${name}-pw.pfx`,
    );
    const read = (f: string) => fs.readFileSync(path.join(dir, f));
    const fp = ossl("x509", "-in", `${name}.pem`, "-noout", "-fingerprint", "-sha256").trim().split("=")[1];
    const end = ossl("x509", "-in", `${name}.pem`, "-noout", "-enddate").trim().split("=")[1];
    return {
      certPem: read(`${name}.pem`).toString(),
      keyPem: read(`${name}.key`).toString(),
      pfxBase64: read(`${name}.pfx`).toString("base64"),
      pfxWithPasswordBase64: read(`${name}-pw.pfx`).toString("base64"),
      pemFile: path.join(dir, `${name}.kv.pem`),
      pfxFile: path.join(dir, `${name}.pfx`),
      fingerprintSha256: fp,
      notAfter: new Date(Date.parse(end)).toISOString(),
    };
  };
  const first = make("first", "200");
  const renewed = make("renewed", "400");
  const other = make("other", "200", "other.example.org");
  for (const m of [first, renewed]) fs.writeFileSync(m.pemFile, m.keyPem + m.certPem);
  return { dir, first, renewed, other };
}

const secretOf = (
  value: string,
  contentType: string | undefined,
  version = V1,
  name = "ml-cert",
): KeyVaultSecretValue => ({ value, contentType, version, id: `${VAULT}secrets/${name}/${version}` });

const kvArgs = (
  keyVault: NonNullable<SslMlClusterArgs["certificate"]["keyVault"]>,
  extra: Partial<SslMlClusterArgs> = {},
) => quickstartArgs({ certificate: { keyVault }, ...extra });

/** Builds the component with `reader` in place of Key Vault. */
async function buildWith(
  reader: KeyVaultReader,
  args: SslMlClusterArgs,
  options: { preview?: boolean } = {},
) {
  const rec = freshRuntime(options);
  setKeyVaultReader(reader);
  const c = new SslMlCluster("ml", args);
  const out = await settle(rec, {
    certificate: c.certificate,
    keyVaultCertificate: c.keyVaultCertificate,
    dnsRecord: c.dnsRecord,
    scoringUris: c.scoringUris,
  });
  return { rec, c, out };
}

/** A reader that answers one secret and records what it was asked. */
function recordingReader(answer: (r: KeyVaultSecretRequest) => KeyVaultSecretValue) {
  const asked: KeyVaultSecretRequest[] = [];
  const reader: KeyVaultReader = async (r) => {
    asked.push(r);
    return answer(r);
  };
  return { reader, asked };
}

describe("certificate.keyVault: the secret read with the imported rules", () => {
  const m = keyVaultMaterial();
  after(() => fs.rmSync(m.dir, { recursive: true, force: true }));

  it("PKCS#12 (application/x-pkcs12, no password): the leaf and its key", () => {
    const { report, material } = loadKeyVaultCertificate(
      secretOf(m.first.pfxBase64, "application/x-pkcs12"),
      "ml.example.com",
    );
    assert.equal(report.certificate!.fingerprintSha256, m.first.fingerprintSha256);
    assert.equal(material.chainPem.trim(), m.first.certPem.trim());
    assert.match(material.keyPem, /^-----BEGIN PRIVATE KEY-----/);
  });

  it("PEM (application/x-pem-file: key, then certificate)", () => {
    const { report, material } = loadKeyVaultCertificate(
      secretOf(m.first.keyPem + m.first.certPem, "application/x-pem-file"),
      "ml.example.com",
    );
    assert.equal(report.certificate!.fingerprintSha256, m.first.fingerprintSha256);
    assert.equal(material.chainPem.trim(), m.first.certPem.trim());
  });

  const failure = (secret: KeyVaultSecretValue, host = "ml.example.com") => {
    try {
      loadKeyVaultCertificate(secret, host);
    } catch (e) {
      assert.ok(e instanceof CertificateError, String(e));
      return e;
    }
    assert.fail("no CertificateError");
  };

  it("a plain secret is not a certificate: PEM_INVALID naming certificate.keyVault and the secret", () => {
    const e = failure(secretOf("hunter2", "text/plain"));
    assert.equal(e.code, "PEM_INVALID");
    assert.match(
      e.message,
      /certificate\.keyVault \(https:\/\/contoso-tls\.vault\.azure\.net\/secrets\/ml-cert\/0a1b2c3d4e5f60718293a4b5c6d7e8f9\) is not a certificate: the secret's content type is "text\/plain"/,
    );
  });

  it("a certificate without its key (a non-exportable key): PEM_INVALID saying so", () => {
    const e = failure(secretOf(m.first.certPem, "application/x-pem-file"));
    assert.equal(e.code, "PEM_INVALID");
    assert.match(e.message, /no private key found; give a Key Vault certificate whose key is exportable/);
  });

  it("a PKCS#12 with a password: PFX_PASSWORD", () => {
    const e = failure(secretOf(m.first.pfxWithPasswordBase64, "application/x-pkcs12"));
    assert.equal(e.code, "PFX_PASSWORD");
    assert.match(
      e.message,
      /certificate\.keyVault \(https:\/\/contoso-tls\.vault\.azure\.net\/secrets\/ml-cert\/[0-9a-f]{32}\) is protected by a password/,
    );
  });

  it("a certificate for another name: HOSTNAME_MISMATCH naming certificate.keyVault", () => {
    const e = failure(secretOf(m.other.pfxBase64, "application/x-pkcs12"));
    assert.equal(e.code, "HOSTNAME_MISMATCH");
    assert.match(e.message, /certificate\.keyVault/);
  });

  it("content type missing but the value is PKCS#12 or PEM: read by its form", () => {
    for (const v of [m.first.pfxBase64, m.first.keyPem + m.first.certPem]) {
      const { report } = loadKeyVaultCertificate(secretOf(v, undefined), "ml.example.com");
      assert.equal(report.certificate!.fingerprintSha256, m.first.fingerprintSha256);
    }
  });
});

describe("certificate.keyVault in the component", () => {
  const m = keyVaultMaterial();
  after(() => {
    fs.rmSync(m.dir, { recursive: true, force: true });
    setKeyVaultReader(undefined);
  });

  it("reads the current version, puts its chain and key on the extension as secrets, and outputs the IDs", async () => {
    const { reader, asked } = recordingReader(() => secretOf(m.first.pfxBase64, "application/x-pkcs12"));
    const { rec, out, c } = await buildWith(
      reader,
      kvArgs({ vaultName: "Contoso-TLS", certificateName: "ml-cert" }),
    );
    assert.deepEqual(asked, [
      { vaultUri: VAULT, certificateName: "ml-cert", version: undefined, hostname: "ml.example.com" },
    ]);
    const ext = rec.one(T.ext);
    const ps = at(ext.inputs, "configurationProtectedSettings");
    assert.equal(ps.secret, true, "the protected settings are secret");
    const settings = ps.value as Record<string, string>;
    assert.equal(
      Buffer.from(settings["scoringFe.sslCert"], "base64").toString().trim(),
      m.first.certPem.trim(),
    );
    const key = Buffer.from(settings["scoringFe.sslKey"], "base64").toString();
    // The key given to Azure is the one openssl made (same public key), not another.
    const { createPrivateKey, createPublicKey } = await import("node:crypto");
    assert.equal(
      createPublicKey(createPrivateKey(key)).export({ type: "spki", format: "pem" }),
      createPublicKey(createPrivateKey(m.first.keyPem)).export({ type: "spki", format: "pem" }),
    );
    assert.deepEqual(out.keyVaultCertificate, {
      id: `${VAULT}certificates/ml-cert/${V1}`,
      secretId: `${VAULT}secrets/ml-cert/${V1}`,
      version: V1,
      vaultUri: VAULT,
      name: "ml-cert",
      pinned: false,
    });
    const summary = out.certificate as Record<string, unknown>;
    assert.equal(summary.fingerprintSha256, m.first.fingerprintSha256);
    assert.equal(summary.notAfter, m.first.notAfter);
    assert.equal(await pulumi.isSecret(c.certificate), false, "the certificate facts are public");
    assert.equal(await pulumi.isSecret(c.keyVaultCertificate), false, "the IDs are public");
    assert.doesNotMatch(JSON.stringify(unwrapSecrets(out)), /PRIVATE KEY/);
    // No tls resources: the certificate comes from the vault.
    assert.equal(rec.byType(T.key).length + rec.byType(T.cert).length, 0);
  });

  it("the key is secret on the legacy aks path too (sslConfiguration)", async () => {
    const { reader } = recordingReader(() =>
      secretOf(m.first.keyPem + m.first.certPem, "application/x-pem-file"),
    );
    const { rec } = await buildWith(
      reader,
      kvArgs(
        { vaultUri: "https://contoso-tls.vault.azure.net", certificateName: "ml-cert" },
        {
          cluster: { kind: "aks" },
          services: [{ name: "iris" }],
        },
      ),
    );
    const ssl = at(rec.one(T.compute).inputs, "properties.properties.sslConfiguration.key");
    assert.equal(ssl.secret, true);
    assert.match(String(ssl.value), /PRIVATE KEY/);
  });

  it("a pinned version is what is asked for, and the output says pinned", async () => {
    const { reader, asked } = recordingReader((r) =>
      secretOf(m.first.pfxBase64, "application/x-pkcs12", r.version),
    );
    const { out } = await buildWith(
      reader,
      kvArgs({ vaultName: "contoso-tls", certificateName: "ml-cert", version: V2.toUpperCase() }),
    );
    assert.equal(asked[0].version, V2);
    const ref = out.keyVaultCertificate as Record<string, unknown>;
    assert.equal(ref.version, V2);
    assert.equal(ref.pinned, true);
    assert.equal(ref.id, `${VAULT}certificates/ml-cert/${V2}`);
  });

  it("is read in a preview too (pulumi preview runs the program)", async () => {
    const { reader, asked } = recordingReader(() => secretOf(m.first.pfxBase64, "application/x-pkcs12"));
    const { out } = await buildWith(
      reader,
      kvArgs({ vaultName: "contoso-tls", certificateName: "ml-cert" }),
      {
        preview: true,
      },
    );
    assert.equal(asked.length, 1);
    assert.equal((out.certificate as Record<string, unknown>).fingerprintSha256, m.first.fingerprintSha256);
  });

  it("a renewal (new version) changes only the extension's protected settings and the certificate outputs", async () => {
    let current = { material: m.first, version: V1 };
    const { reader } = recordingReader(() =>
      secretOf(current.material.pfxBase64, "application/x-pkcs12", current.version),
    );
    const args = kvArgs({ vaultName: "contoso-tls", certificateName: "ml-cert" });
    const a = await buildWith(reader, args);
    current = { material: m.renewed, version: V2 };
    const b = await buildWith(reader, args);
    const inputs = (r: typeof a) =>
      new Map(r.rec.registrations.map((x) => [x.urn, JSON.stringify(unwrapSecrets(x.inputs))]));
    const ia = inputs(a);
    const ib = inputs(b);
    assert.deepEqual([...ia.keys()].sort(), [...ib.keys()].sort(), "nothing created or deleted");
    const changed = [...ib.keys()].filter((u) => ia.get(u) !== ib.get(u)).map((u) => u.split("::").pop());
    assert.deepEqual(changed, ["ml-azureml"]);
    const ca = a.out.certificate as Record<string, string>;
    const cb = b.out.certificate as Record<string, string>;
    assert.deepEqual(
      [ca.fingerprintSha256, cb.fingerprintSha256],
      [m.first.fingerprintSha256, m.renewed.fingerprintSha256],
    );
    assert.deepEqual([ca.notAfter, cb.notAfter], [m.first.notAfter, m.renewed.notAfter]);
    assert.equal((b.out.keyVaultCertificate as Record<string, string>).version, V2);
  });

  it("Key Vault's refusal stops the run with its message (naming the vault, the certificate, the permission)", async () => {
    const reader: KeyVaultReader = async () => {
      throw new KeyVaultError(
        "FORBIDDEN",
        'certificate.keyVault: … grant the identity the role "Key Vault Secrets User"',
      );
    };
    await assert.rejects(
      buildWith(reader, kvArgs({ vaultName: "contoso-tls", certificateName: "ml-cert" })),
      (e: Error) => /Key Vault Secrets User/.test(e.message),
    );
  });

  it("a secret that is not a certificate stops the run with a CertificateError", async () => {
    const { reader } = recordingReader(() => secretOf("hunter2", "text/plain"));
    await assert.rejects(
      buildWith(reader, kvArgs({ vaultName: "contoso-tls", certificateName: "ml-cert" })),
      (e: Error) => /PEM_INVALID: certificate\.keyVault \(.*\) is not a certificate/.test(e.message),
    );
  });

  it("plan --compare shows a renewal as a rotation: the stand-in vault answers with the --config file", async function () {
    this.timeout(120_000);
    const prog = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-kv-plan-"));
    try {
      fs.writeFileSync(path.join(prog, "Pulumi.yaml"), "name: kv-plan\nruntime: nodejs\nmain: index.js\n");
      fs.writeFileSync(
        path.join(prog, "index.js"),
        `const { SslMlCluster } = require("ssl-ml-cluster");
const ml = new SslMlCluster("ml", ${JSON.stringify(kvArgs({ vaultName: "contoso-tls", certificateName: "ml-cert" }))});
exports.certificate = ml.certificate;
exports.keyVaultCertificate = ml.keyVaultCertificate;
`,
      );
      const before = await runPlan(prog, { config: { "ssl-ml-cluster:keyVaultFile": m.first.pfxFile } });
      const again = await runPlan(prog, { config: { "ssl-ml-cluster:keyVaultFile": m.first.pfxFile } });
      const renewed = await runPlan(prog, { config: { "ssl-ml-cluster:keyVaultFile": m.renewed.pemFile } });
      assert.equal(comparePlans(before.plan, again.plan).summary.update, 0, "the same version: no change");
      const cmp = comparePlans(before.plan, renewed.plan);
      const facts = (x: typeof m.first) => ({
        fingerprintSha256: x.fingerprintSha256,
        notAfter: x.notAfter,
        issuer: "CN=ml.example.com",
      });
      assert.deepEqual(cmp.certificates, [
        { output: "certificate", before: facts(m.first), after: facts(m.renewed), changed: true },
      ]);
      const moved = cmp.changes.filter((c) => c.verdict !== "same" && c.verdict !== "read");
      assert.deepEqual(
        moved.map((c) => [c.name, c.verdict, c.fields]),
        [["ml-azureml", "update", ["configurationProtectedSettings [secret]"]]],
      );
      assert.deepEqual(
        cmp.outputs.filter((o) => o.verdict !== "same").map((o) => o.key),
        ["certificate", "keyVaultCertificate"],
      );
      const sha = (f: string) =>
        execFileSync("openssl", ["dgst", "-sha256", "-r", f]).toString().slice(0, 32);
      assert.equal(
        (before.rawOutputs.keyVaultCertificate as Record<string, string>).version,
        sha(m.first.pfxFile),
      );
      assert.equal(
        (renewed.rawOutputs.keyVaultCertificate as Record<string, string>).version,
        sha(m.renewed.pemFile),
      );
    } finally {
      fs.rmSync(prog, { recursive: true, force: true });
    }
  });
});

describe("the offline stand-in vault (no file: a development certificate for the hostname)", () => {
  const req = { vaultUri: VAULT, certificateName: "ml-cert", hostname: "ml.example.com" };
  const atTime = async (now: string, r: KeyVaultSecretRequest) => {
    process.env.SSL_ML_CLUSTER_NOW = now;
    try {
      const s = await standInKeyVault()(r);
      return { s, report: loadKeyVaultCertificate(s, "ml.example.com", undefined, new Date(now)).report };
    } finally {
      delete process.env.SSL_ML_CLUSTER_NOW;
    }
  };

  it("keeps one version within Key Vault's renewal period and renews at 80 % of the 12 months", async function () {
    this.timeout(60_000);
    const a = await atTime("2027-01-10T00:00:00Z", req);
    const b = await atTime("2027-02-10T00:00:00Z", req);
    assert.equal(a.s.version, b.s.version);
    assert.equal(a.s.contentType, "application/x-pem-file");
    assert.match(a.s.id, new RegExp(`^${VAULT}secrets/ml-cert/[0-9a-f]{32}$`));
    const windowEnd = Date.parse(a.report.certificate!.notBefore) + 292 * 86_400_000;
    const c = await atTime(new Date(windowEnd + 86_400_000).toISOString(), req);
    assert.notEqual(c.s.version, a.s.version);
    assert.notEqual(c.report.certificate!.fingerprintSha256, a.report.certificate!.fingerprintSha256);
    assert.equal(
      Date.parse(a.report.certificate!.notAfter) - Date.parse(a.report.certificate!.notBefore),
      365 * 86_400_000,
    );
  });

  it("a pinned version is one certificate whatever the clock", async function () {
    this.timeout(60_000);
    const a = await atTime("2027-01-10T00:00:00Z", { ...req, version: V1 });
    const b = await atTime("2029-06-10T00:00:00Z", { ...req, version: V1 });
    assert.equal(a.s.version, V1);
    assert.equal(a.report.certificate!.fingerprintSha256, b.report.certificate!.fingerprintSha256);
  });
});

describe("the real @azure/keyvault-secrets client against a fake Key Vault on 127.0.0.1", () => {
  const m = keyVaultMaterial();
  let vault: FakeKeyVault;
  const token = {
    getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  let read: KeyVaultReader;
  before(async () => {
    vault = await startFakeKeyVault();
    read = createAzureKeyVaultReader({
      credential: token,
      clientOptions: {
        agent: vault.agent,
        // The challenge names vault.azure.net; the fake vault is 127.0.0.1.
        disableChallengeResourceVerification: true,
        retryOptions: { maxRetries: 0 },
      },
    });
  });
  after(async () => {
    await vault.close();
    fs.rmSync(m.dir, { recursive: true, force: true });
  });
  const request = (version?: string): KeyVaultSecretRequest => ({
    vaultUri: vault.uri,
    certificateName: "ml-cert",
    version,
  });
  const refusal = async (version?: string) => {
    try {
      await read(request(version));
    } catch (e) {
      assert.ok(e instanceof KeyVaultError, String(e));
      return e;
    }
    assert.fail("no KeyVaultError");
  };

  it("reads the current version (GET /secrets/<name>/ after the challenge) with its content type and ID", async () => {
    vault.answer = () => ({
      status: 200,
      body: {
        value: m.first.pfxBase64,
        contentType: "application/x-pkcs12",
        id: `${vault.uri}secrets/ml-cert/${V1}`,
        kid: `${vault.uri}keys/ml-cert/${V1}`,
        managed: true,
        attributes: {
          enabled: true,
          created: 1767225600,
          updated: 1767225600,
          recoveryLevel: "Recoverable+Purgeable",
        },
      },
    });
    vault.requests.length = 0;
    const s = await read(request());
    assert.deepEqual(s, {
      value: m.first.pfxBase64,
      contentType: "application/x-pkcs12",
      id: `${vault.uri}secrets/ml-cert/${V1}`,
      version: V1,
    });
    assert.equal(vault.requests.length, 2);
    assert.equal(vault.requests[0].authorization, undefined, "the first request is the challenge");
    assert.equal(vault.requests[1].authorization, "Bearer test-token");
    assert.match(
      vault.requests[1].url,
      /^\/secrets\/ml-cert\/\?api-version=|^\/secrets\/ml-cert\/\?api%2Dversion=/,
    );
  });

  it("a pinned version is asked for by its path", async () => {
    vault.requests.length = 0;
    await read(request(V1));
    assert.match(vault.requests.at(-1)!.url, new RegExp(`^/secrets/ml-cert/${V1}\\?`));
  });

  it("403 under Azure RBAC: names the vault, the certificate and Key Vault Secrets User", async () => {
    vault.answer = () => ({
      status: 403,
      body: {
        error: {
          code: "Forbidden",
          message:
            "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\n",
          innererror: { code: "ForbiddenByRbac" },
        },
      },
    });
    const e = await refusal();
    assert.equal(e.code, "FORBIDDEN");
    assert.ok(e.message.includes(`certificate "ml-cert" in Key Vault ${vault.uri}`), e.message);
    assert.match(e.message, /403 Forbidden: Caller is not authorized to perform action on resource\.\)/);
    assert.match(
      e.message,
      /the vault uses Azure RBAC: grant the identity the role "Key Vault Secrets User" on the vault/,
    );
    assert.doesNotMatch(e.message, /access policy/);
  });

  it("403 under access policies: names the get secret permission", async () => {
    vault.answer = () => ({
      status: 403,
      body: {
        error: {
          code: "Forbidden",
          message:
            "The user, group or application 'appid=00000000-0000-0000-0000-000000000002;oid=00000000-0000-0000-0000-000000000003' does not have secrets get permission on key vault 'contoso-tls;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
          innererror: { code: "AccessDenied" },
        },
      },
    });
    const e = await refusal();
    assert.match(
      e.message,
      /the vault uses access policies: give the identity the "get" secret permission in an access policy/,
    );
    assert.doesNotMatch(e.message, /Key Vault Secrets User/);
  });

  it("403 from the vault's firewall: says the network refuses this machine", async () => {
    vault.answer = () => ({
      status: 403,
      body: {
        error: {
          code: "Forbidden",
          message:
            "Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.7",
          innererror: { code: "ForbiddenByFirewall" },
        },
      },
    });
    const e = await refusal();
    assert.match(
      e.message,
      /the network rules of Key Vault https:\/\/127\.0\.0\.1:\d+\/ refuse this machine/,
    );
  });

  it("404: names the vault, the certificate and the version", async () => {
    vault.answer = () => ({
      status: 404,
      body: {
        error: {
          code: "SecretNotFound",
          message: `A secret with (name/id) ml-cert/${V2} was not found in this key vault.`,
        },
      },
    });
    const e = await refusal(V2);
    assert.equal(e.code, "NOT_FOUND");
    assert.ok(
      e.message.includes(
        `Key Vault ${vault.uri} has no version ${V2} of certificate "ml-cert" (404 Not Found)`,
      ),
      e.message,
    );
    const current = await refusal();
    assert.ok(
      current.message.includes(`Key Vault ${vault.uri} has no certificate "ml-cert" (404 Not Found)`),
      current.message,
    );
  });

  it("no credential of the chain works: says which chain it tried", async () => {
    const none = createAzureKeyVaultReader({
      credential: new ChainedTokenCredential({
        getToken: async () => {
          throw new CredentialUnavailableError(
            "EnvironmentCredential is unavailable. No underlying credential could be used.",
          );
        },
      }),
      clientOptions: {
        agent: vault.agent,
        disableChallengeResourceVerification: true,
        retryOptions: { maxRetries: 0 },
      },
    });
    await assert.rejects(none(request()), (e: Error) => {
      assert.ok(e instanceof KeyVaultError);
      assert.equal(e.code, "AUTHENTICATION");
      assert.match(
        e.message,
        /cannot sign in to read the certificate "ml-cert" in Key Vault https:\/\/127\.0\.0\.1:\d+\/: no credential of azure-native's sign-in \(ARM_USE_DEFAULT_AZURE_CREDENTIAL, else ARM_CLIENT_CERTIFICATE_PATH/,
      );
      assert.match(e.message, /EnvironmentCredential is unavailable/);
      return true;
    });
  });
});

describe("certificate.keyVault keeps the package light", () => {
  /** The modules a script loads, recorded by a Module._load hook in a fresh process. */
  function loadedBy(script: string): string[] {
    const hook = `const Module = require("module"); const seen = new Set(); const load = Module._load;
Module._load = function (request, parent, isMain) {
  const file = Module._resolveFilename(request, parent, isMain);
  if (/\\/node_modules\\/@(azure|pulumi)\\//.test(file)) seen.add(file.split("/node_modules/").pop().split("/").slice(0, 2).join("/"));
  return load.apply(this, arguments);
};
process.on("exit", () => process.stderr.write("\\nloaded: " + JSON.stringify([...seen]) + "\\n"));
`;
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", hook + script], {
      cwd: path.resolve(__dirname, ".."),
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const m = /loaded: (\[.*\])\n$/.exec(r.stderr);
    assert.ok(m, r.stderr);
    return JSON.parse(m[1]) as string[];
  }

  it('require("ssl-ml-cluster") loads neither @azure/keyvault-secrets nor @azure/identity', function () {
    this.timeout(120_000);
    const loaded = loadedBy('require("./sdk/index.ts");');
    assert.ok(loaded.includes("@pulumi/pulumi"), JSON.stringify(loaded));
    assert.deepEqual(
      loaded.filter((m) => m === "@azure/keyvault-secrets" || m === "@azure/identity"),
      [],
    );
  });

  it("the Key Vault reader, argument checks and secret reading load no @pulumi module; the SDK loads on first read", function () {
    this.timeout(120_000);
    const loaded = loadedBy(
      `require("./sdk/certificates/sources/keyvault-args.ts"); require("./sdk/certificates/sources/keyvault-secret.ts");
       const r = require("./sdk/certificates/sources/keyvault-reader.ts");
       // An unreachable vault: the real SDK is loaded and fails fast (nothing listens on port 1).
       process.env.AZURE_CLIENT_ID = "x"; process.env.AZURE_TENANT_ID = "00000000-0000-0000-0000-000000000001"; process.env.AZURE_CLIENT_SECRET = "y";
       process.env.AZURE_AUTHORITY_HOST = "https://127.0.0.1:1";
       r.readKeyVaultSecret({ vaultUri: "https://127.0.0.1:1/", certificateName: "c" }).catch((e) => { if (!(e instanceof r.KeyVaultError)) { console.error(e); process.exitCode = 3; } });`,
    );
    assert.deepEqual(
      loaded.filter((m) => m.startsWith("@pulumi/")),
      [],
    );
    assert.ok(
      loaded.includes("@azure/keyvault-secrets") && loaded.includes("@azure/identity"),
      JSON.stringify(loaded),
    );
  });
});

describe("certificate.keyVault through construct (other Pulumi languages)", () => {
  it("builds the same children and outputs as the direct use (the stand-in vault answers both)", async function () {
    this.timeout(60_000);
    const args = kvArgs({ vaultName: "contoso-tls", certificateName: "ml-cert" });
    const d = await direct(args);
    const c = await viaConstruct(() => plainWire(args));
    assert.deepEqual(withoutSource(c.rec), children(d.rec));
    assert.deepEqual(c.out.keyVaultCertificate, d.out.keyVaultCertificate);
    assert.deepEqual(c.out.certificate, d.out.certificate);
    assert.equal((c.out.keyVaultCertificate as Record<string, unknown>).vaultUri, VAULT);
    const fe = frontEnd(c.rec);
    assert.equal(fe.secret, true, "the key is a secret on the wire");
    assert.equal(fe.key, frontEnd(d.rec).key);
  });
});
