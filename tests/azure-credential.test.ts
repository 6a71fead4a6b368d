// The one credential chain (sdk/common/azure-credential.ts): which @azure/identity class each set of
// variables chooses, in azure-native's order
// (https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/auth_azidentity.go).
// No test signs in: only the chosen credential is inspected.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  AzureCliCredential,
  ChainedTokenCredential,
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
} from "@azure/identity";
import {
  azureCredential,
  AzureCredentialError,
  certificatePem,
  credentialRoute,
  subscriptionId,
} from "../sdk/common/azure-credential";
import { tempDirs } from "./helpers/tmp";

const SP = {
  ARM_CLIENT_ID: "11111111-1111-1111-1111-111111111111",
  ARM_TENANT_ID: "22222222-2222-2222-2222-222222222222",
};

describe("azureCredential: azure-native's sign-in, one route per set of ARM_* variables", () => {
  const tmp = tempDirs();
  let dir: string;
  before(function () {
    this.timeout(30_000);
    dir = tmp("ssl-ml-cred-");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "k.pem",
        "-out",
        "c.pem",
        "-days",
        "2",
        "-subj",
        "/CN=sp",
      ],
      { cwd: dir, stdio: "pipe" },
    );
    execFileSync(
      "openssl",
      ["pkcs12", "-export", "-in", "c.pem", "-inkey", "k.pem", "-out", "sp.pfx", "-passout", "pass:pw"],
      { cwd: dir, stdio: "pipe" },
    );
    fs.writeFileSync(path.join(dir, "oidc.jwt"), "header.payload.signature\n");
  });

  it("nothing set: the Azure CLI, then a managed identity", () => {
    const c = azureCredential({});
    assert.equal(c.route, "azure-cli-then-managed-identity");
    assert.ok(c.credential instanceof ChainedTokenCredential);
    const sources = (c.credential as unknown as { _sources: unknown[] })._sources;
    assert.equal(sources.length, 2);
    assert.ok(sources[0] instanceof AzureCliCredential);
    assert.ok(sources[1] instanceof ManagedIdentityCredential);
  });

  it("ARM_CLIENT_SECRET: a service principal with a secret", () => {
    const c = azureCredential({ ...SP, ARM_CLIENT_SECRET: "s3cret" });
    assert.equal(c.route, "client-secret");
    assert.ok(c.credential instanceof ClientSecretCredential);
    assert.ok(!c.description.includes("s3cret"));
  });

  it("ARM_CLIENT_CERTIFICATE_PATH (PFX + password) wins over ARM_CLIENT_SECRET, as in azure-native", () => {
    const env = {
      ...SP,
      ARM_CLIENT_SECRET: "s3cret",
      ARM_CLIENT_CERTIFICATE_PATH: path.join(dir, "sp.pfx"),
      ARM_CLIENT_CERTIFICATE_PASSWORD: "pw",
    };
    const c = azureCredential(env);
    assert.equal(c.route, "client-certificate");
    assert.ok(c.credential instanceof ClientCertificateCredential);
  });

  it("a PFX is given to ClientCertificateCredential as the same certificate in PEM (openssl's fingerprint)", () => {
    const pem = certificatePem(path.join(dir, "sp.pfx"), "pw");
    const expected = execFileSync("openssl", ["x509", "-in", "c.pem", "-noout", "-fingerprint", "-sha256"], {
      cwd: dir,
    })
      .toString()
      .trim()
      .split("=")[1];
    assert.equal(new X509Certificate(pem).fingerprint256, expected);
    assert.match(pem, /-----BEGIN RSA PRIVATE KEY-----/);
    assert.throws(() => certificatePem(path.join(dir, "sp.pfx"), "wrong"), AzureCredentialError);
    assert.equal(certificatePem(path.join(dir, "c.pem")), fs.readFileSync(path.join(dir, "c.pem"), "utf8"));
  });

  it("ARM_USE_OIDC=true with ARM_OIDC_TOKEN or ARM_OIDC_TOKEN_FILE_PATH: a client assertion", () => {
    for (const extra of [
      { ARM_OIDC_TOKEN: "header.payload.signature" },
      { ARM_OIDC_TOKEN_FILE_PATH: path.join(dir, "oidc.jwt") },
      { ACTIONS_ID_TOKEN_REQUEST_URL: "https://127.0.0.1/token", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "t" },
    ]) {
      const c = azureCredential({ ...SP, ARM_USE_OIDC: "true", ...extra });
      assert.equal(c.route, "oidc", JSON.stringify(extra));
      assert.ok(c.credential instanceof ClientAssertionCredential);
    }
    // Without ARM_USE_OIDC azure-native ignores the token and uses the Azure CLI.
    assert.equal(credentialRoute({ ...SP, ARM_OIDC_TOKEN: "x" }).route, "azure-cli-then-managed-identity");
  });

  it("ARM_USE_MSI=true: a managed identity (ARM_CLIENT_ID optional)", () => {
    assert.ok(azureCredential({ ARM_USE_MSI: "true" }).credential instanceof ManagedIdentityCredential);
    const c = azureCredential({ ARM_USE_MSI: "true", ARM_CLIENT_ID: SP.ARM_CLIENT_ID });
    assert.equal(c.route, "managed-identity");
    assert.ok(c.credential instanceof ManagedIdentityCredential);
  });

  it("ARM_USE_DEFAULT_AZURE_CREDENTIAL=true comes first", () => {
    const c = azureCredential({ ...SP, ARM_CLIENT_SECRET: "s", ARM_USE_DEFAULT_AZURE_CREDENTIAL: "true" });
    assert.equal(c.route, "default-azure-credential");
    assert.ok(c.credential instanceof DefaultAzureCredential);
  });

  it("a chosen route that lacks a variable is an error naming it, never a fall-through", () => {
    assert.throws(
      () => azureCredential({ ARM_CLIENT_ID: SP.ARM_CLIENT_ID, ARM_CLIENT_SECRET: "s" }),
      (e: Error) => e instanceof AzureCredentialError && /needs ARM_TENANT_ID/.test(e.message),
    );
    assert.deepEqual(credentialRoute({ ...SP, ARM_USE_OIDC: "true" }).missing, [
      "ARM_OIDC_TOKEN (or ARM_OIDC_TOKEN_FILE_PATH)",
    ]);
    assert.throws(
      () => azureCredential({ ...SP, ARM_CLIENT_CERTIFICATE_PATH: path.join(dir, "absent.pfx") }),
      /ARM_CLIENT_CERTIFICATE_PATH .*absent\.pfx cannot be read \(ENOENT\)/,
    );
  });

  it("subscriptionId reads ARM_SUBSCRIPTION_ID", () => {
    assert.equal(
      subscriptionId({ ARM_SUBSCRIPTION_ID: " 33333333-3333-3333-3333-333333333333 " }),
      "33333333-3333-3333-3333-333333333333",
    );
    assert.equal(subscriptionId({}), undefined);
  });
});
