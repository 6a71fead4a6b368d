// Every certificate source hands the cluster a key that is already secret: each layer is checked
// on its own (removing any one pulumi.secret fails here, even when a later layer would hide it).
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { freshRuntime } from "./mocks";
import { validateArgs } from "../sdk/validation/args";
import {
  importedCertificate,
  prepareImported,
  selfSignedCertificate,
} from "../sdk/certificates/sources/source";
import { acmeCertificate, prepareAcme } from "../sdk/certificates/sources/acme";
import { keyVaultCertificate } from "../sdk/certificates/sources/keyvault-source";
import { setKeyVaultReader } from "../sdk/certificates/sources/keyvault-reader";
import { extensionProtectedSettings } from "../sdk/cluster/extension-settings";
import { fixtures } from "./helpers/openssl-certs";
import { quickstartArgs } from "./helpers/component";

class Parent extends pulumi.ComponentResource {
  constructor() {
    super("test:index:Parent", "p", {});
  }
}

const host = pulumi.output("ml.example.com");
const now = new Date("2026-11-10T00:00:00Z");

async function keyIsSecret(make: (p: Parent) => { keyPem: pulumi.Output<string> }) {
  freshRuntime();
  const src = make(new Parent());
  assert.equal(await pulumi.isSecret(src.keyPem), true, "the key is secret");
  const key = await new Promise<string>((r) => src.keyPem.apply((k) => r(k)));
  assert.match(key, /-----BEGIN (RSA |EC )?PRIVATE KEY-----/);
}

describe("every certificate source's key is secret before it reaches a resource", () => {
  const f = fixtures();

  it("selfSigned", async () => {
    const args = quickstartArgs();
    await keyIsSecret((p) => selfSignedCertificate(p, "ml", host, validateArgs(args), now));
  });

  it("imported, plain PEM", async () => {
    const imp = { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.key") };
    await keyIsSecret((p) =>
      importedCertificate(p, imp, "ml.example.com", prepareImported(imp, "ml.example.com")),
    );
  });

  it("imported, key as an Output (checked in the pipeline)", async () => {
    const imp = { certPem: f.read("fullchain.pem"), keyPem: pulumi.output(f.read("leaf.key")) };
    await keyIsSecret((p) => importedCertificate(p, imp, host, prepareImported(imp, host)));
  });

  it("imported, PKCS#12", async () => {
    const imp = { pfxBase64: f.bytes("leaf.pfx").toString("base64"), password: "pfxpass" };
    await keyIsSecret((p) =>
      importedCertificate(p, imp, "ml.example.com", prepareImported(imp, "ml.example.com")),
    );
  });

  it("acme", async () => {
    const args = quickstartArgs({
      certificate: { acme: { email: "ops@contoso.com" } },
      dns: {
        cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", apiToken: pulumi.secret("cf-token") },
      },
    });
    await keyIsSecret((p) =>
      acmeCertificate(p, "ml", host, args, validateArgs(args), prepareAcme(args), now),
    );
  });

  it("keyVault (a PKCS#12 secret, the stand-in reader replaced by one that answers it)", async () => {
    const pfx = f.bytes("leaf-nopass.pfx").toString("base64");
    const kv = {
      vaultUri: "https://contoso-tls.vault.azure.net/",
      vaultName: "contoso-tls",
      certificateName: "ml",
    };
    await keyIsSecret((p) => {
      setKeyVaultReader(async () => ({
        value: pfx,
        contentType: "application/x-pkcs12",
        id: `${kv.vaultUri}secrets/ml/${"0".repeat(32)}`,
        version: "0".repeat(32),
      }));
      return keyVaultCertificate(p, kv, host, new Date());
    });
    setKeyVaultReader(undefined);
  });

  it("the protected settings built from them stay exactly base64 of the PEM texts", () => {
    const s = extensionProtectedSettings("CERT+/?", "KEY>>?");
    assert.deepEqual(s, { "scoringFe.sslCert": "Q0VSVCsvPw==", "scoringFe.sslKey": "S0VZPj4/" });
  });
});
