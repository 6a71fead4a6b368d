// Bad input to certificate.keyVault: each case is an ArgumentError naming the argument's path and
// the fix, from the pure check (sdk/certificates/sources/keyvault-args.ts) and from the component, before
// anything is registered and before Key Vault is asked.
import * as assert from "node:assert/strict";
import { validateKeyVault, KeyVaultArgsLike } from "../sdk/certificates/sources/keyvault-args";
import { validateArgs } from "../sdk/validation/args";
import { ArgumentError } from "../sdk/errors";
import { SslMlCluster } from "../sdk/component";
import { setKeyVaultReader } from "../sdk/certificates/sources/keyvault-reader";
import { freshRuntime } from "./mocks";
import { quickstartArgs } from "./helpers/component";
import type { SslMlClusterArgs } from "../sdk/types";

const NAME = "ml-cert";

describe("certificate.keyVault: what is accepted", () => {
  const cases: [string, KeyVaultArgsLike, string][] = [
    ["a vault name (public Azure)", { vaultName: "contoso-tls" }, "https://contoso-tls.vault.azure.net/"],
    [
      "a name in capitals (DNS is case-blind)",
      { vaultName: "Contoso-TLS1" },
      "https://contoso-tls1.vault.azure.net/",
    ],
    [
      "a URI with its slash",
      { vaultUri: "https://contoso-tls.vault.azure.net/" },
      "https://contoso-tls.vault.azure.net/",
    ],
    [
      "a URI without it",
      { vaultUri: "https://contoso-tls.vault.azure.net" },
      "https://contoso-tls.vault.azure.net/",
    ],
    [
      "a URI in capitals",
      { vaultUri: "HTTPS://Contoso-TLS.Vault.Azure.Net/" },
      "https://contoso-tls.vault.azure.net/",
    ],
    [
      "Azure China",
      { vaultUri: "https://contoso-tls.vault.azure.cn/" },
      "https://contoso-tls.vault.azure.cn/",
    ],
    [
      "Azure US Government",
      { vaultUri: "https://contoso-tls.vault.usgovcloudapi.net/" },
      "https://contoso-tls.vault.usgovcloudapi.net/",
    ],
    ["3 characters", { vaultName: "abc" }, "https://abc.vault.azure.net/"],
    ["24 characters", { vaultName: "a".repeat(23) + "1" }, `https://${"a".repeat(23)}1.vault.azure.net/`],
  ];
  for (const [title, vault, uri] of cases) {
    it(title, () => {
      const r = validateKeyVault({ ...vault, certificateName: NAME });
      assert.equal(r.vaultUri, uri);
      assert.equal(r.vaultName, new URL(uri).hostname.split(".")[0]);
      assert.equal(r.certificateName, NAME);
      assert.equal(r.version, undefined);
    });
  }
  it("a 127-character certificate name and a version in capitals (kept in lower case)", () => {
    const r = validateKeyVault({
      vaultName: "contoso-tls",
      certificateName: "A-" + "b".repeat(125),
      version: "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
    });
    assert.equal(r.certificateName.length, 127);
    assert.equal(r.version, "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  });
});

/** [title, certificate.keyVault, argument path, message] */
const BAD: [string, Record<string, unknown>, string, RegExp][] = [
  [
    "both vaultUri and vaultName",
    { vaultUri: "https://a-b.vault.azure.net/", vaultName: "a-b", certificateName: NAME },
    "certificate.keyVault",
    /give vaultUri or vaultName, not both/,
  ],
  [
    "neither vaultUri nor vaultName",
    { certificateName: NAME },
    "certificate.keyVault",
    /give the vault: vaultName .* or vaultUri/,
  ],
  [
    "a URI that is not a URL",
    { vaultUri: "contoso-tls", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /"contoso-tls" is not a URL; give the vault's URI, e\.g\. https:\/\/<vault-name>\.vault\.azure\.net\//,
  ],
  [
    "http",
    { vaultUri: "http://contoso-tls.vault.azure.net/", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /must use https/,
  ],
  [
    "a port",
    { vaultUri: "https://contoso-tls.vault.azure.net:8443/", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /no user, port, query or fragment/,
  ],
  [
    "a query",
    { vaultUri: "https://contoso-tls.vault.azure.net/?api-version=7.4", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /no user, port, query or fragment/,
  ],
  [
    "another host",
    { vaultUri: "https://contoso-tls.azurewebsites.net/", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /is not a Key Vault URI: the host must be <vault-name>\.vault\.azure\.net, <vault-name>\.vault\.azure\.cn, <vault-name>\.vault\.usgovcloudapi\.net/,
  ],
  [
    "a look-alike suffix",
    { vaultUri: "https://contoso-tls.vault.azure.net.evil.example/", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /is not a Key Vault URI/,
  ],
  [
    "a Managed HSM",
    { vaultUri: "https://contoso.managedhsm.azure.net/", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /a Managed HSM has no certificates/,
  ],
  [
    "Azure Germany (closed)",
    { vaultUri: "https://contoso-tls.vault.microsoftazure.de/", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /Azure Germany .* closed in October 2021/,
  ],
  [
    "the bare suffix",
    { vaultUri: "https://vault.azure.net/", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /is not a Key Vault URI/,
  ],
  [
    "a pasted certificate ID",
    {
      vaultUri: "https://contoso-tls.vault.azure.net/certificates/ml-cert/0a1b2c3d4e5f60718293a4b5c6d7e8f9",
      certificateName: NAME,
    },
    "certificate.keyVault.vaultUri",
    /is the identifier of one object; give vaultUri "https:\/\/contoso-tls\.vault\.azure\.net\/", certificateName "ml-cert" and version "0a1b2c3d4e5f60718293a4b5c6d7e8f9"/,
  ],
  [
    "a pasted secret ID without version",
    { vaultUri: "https://contoso-tls.vault.azure.net/secrets/ml-cert", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /give vaultUri "https:\/\/contoso-tls\.vault\.azure\.net\/", certificateName "ml-cert"$/,
  ],
  [
    "another path",
    { vaultUri: "https://contoso-tls.vault.azure.net/x/y/z/w", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /has a path; give the vault's address alone: https:\/\/contoso-tls\.vault\.azure\.net\//,
  ],
  [
    "a URI whose vault name breaks the rules",
    { vaultUri: "https://contoso--tls.vault.azure.net/", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /the vault name "contoso--tls" must not hold two '-' in a row/,
  ],
  [
    "an empty URI",
    { vaultUri: "", certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /must be a plain string such as https:\/\/contoso-tls\.vault\.azure\.net\//,
  ],
  [
    "a URI that is not a string",
    { vaultUri: 42, certificateName: NAME },
    "certificate.keyVault.vaultUri",
    /must be a plain string/,
  ],
  [
    "a name of 2 characters",
    { vaultName: "ab", certificateName: NAME },
    "certificate.keyVault.vaultName",
    /"ab" is 2 characters long; a vault name has 3–24/,
  ],
  [
    "a name of 25 characters",
    { vaultName: "a".repeat(25), certificateName: NAME },
    "certificate.keyVault.vaultName",
    /is 25 characters long; a vault name has 3–24/,
  ],
  [
    "a name starting with a digit",
    { vaultName: "1contoso", certificateName: NAME },
    "certificate.keyVault.vaultName",
    /must start with a letter/,
  ],
  [
    "a name ending with '-'",
    { vaultName: "contoso-", certificateName: NAME },
    "certificate.keyVault.vaultName",
    /must end with a letter or a digit/,
  ],
  [
    "a name with '--'",
    { vaultName: "con--toso", certificateName: NAME },
    "certificate.keyVault.vaultName",
    /must not hold two '-' in a row/,
  ],
  [
    "a name with '_'",
    { vaultName: "contoso_tls", certificateName: NAME },
    "certificate.keyVault.vaultName",
    /may hold only letters, digits and '-'/,
  ],
  [
    "a host name as vaultName",
    { vaultName: "contoso-tls.vault.azure.net", certificateName: NAME },
    "certificate.keyVault.vaultName",
    /looks like a host name; give the name alone .* or the whole address as vaultUri/,
  ],
  [
    "a name that is not a string",
    { vaultName: ["contoso"], certificateName: NAME },
    "certificate.keyVault.vaultName",
    /must be a plain string/,
  ],
  [
    "no certificateName",
    { vaultName: "contoso-tls" },
    "certificate.keyVault.certificateName",
    /is required: the name of the certificate in the vault/,
  ],
  [
    "an empty certificateName",
    { vaultName: "contoso-tls", certificateName: "" },
    "certificate.keyVault.certificateName",
    /is required/,
  ],
  [
    "a certificateName with '_'",
    { vaultName: "contoso-tls", certificateName: "ml_cert" },
    "certificate.keyVault.certificateName",
    /"ml_cert" may hold only letters, digits and '-' \(no '_', '\.', '\/' or spaces\)/,
  ],
  [
    "a certificateName with '.'",
    { vaultName: "contoso-tls", certificateName: "ml.example.com" },
    "certificate.keyVault.certificateName",
    /may hold only letters, digits and '-'/,
  ],
  [
    "a certificateName of 128 characters",
    { vaultName: "contoso-tls", certificateName: "c".repeat(128) },
    "certificate.keyVault.certificateName",
    /is 128 characters long; a Key Vault certificate name has 1–127/,
  ],
  [
    "a certificateName that is not a string",
    { vaultName: "contoso-tls", certificateName: 7 },
    "certificate.keyVault.certificateName",
    /must be a plain string/,
  ],
  [
    "a version of 31 hex characters",
    { vaultName: "contoso-tls", certificateName: NAME, version: "0".repeat(31) },
    "certificate.keyVault.version",
    /is not a Key Vault version \(32 hex characters/,
  ],
  [
    "a version that is not hex",
    { vaultName: "contoso-tls", certificateName: NAME, version: "z".repeat(32) },
    "certificate.keyVault.version",
    /is not a Key Vault version/,
  ],
  [
    "a version that is a number",
    { vaultName: "contoso-tls", certificateName: NAME, version: 1 },
    "certificate.keyVault.version",
    /is not a Key Vault version/,
  ],
];

function argumentError(fn: () => unknown, argument: string, message: RegExp) {
  assert.throws(fn, (e: Error) => {
    assert.ok(e instanceof ArgumentError, `${e.name}: ${e.message}`);
    assert.equal(e.argument, argument);
    assert.match(e.message, message);
    assert.ok(e.message.startsWith(`${argument}: `));
    return true;
  });
}

describe("certificate.keyVault: bad input (pure check)", () => {
  for (const [title, kv, argument, message] of BAD) {
    it(title, () => argumentError(() => validateKeyVault(kv), argument, message));
  }
});

describe("certificate.keyVault: bad input reaching the component", () => {
  let asked = 0;
  const args = (keyVault: Record<string, unknown>, extra: Partial<SslMlClusterArgs> = {}) =>
    quickstartArgs({ certificate: { keyVault } as unknown as SslMlClusterArgs["certificate"], ...extra });
  const refused = (a: SslMlClusterArgs, argument: string, message: RegExp) => {
    const rec = freshRuntime();
    setKeyVaultReader(async () => {
      asked++;
      throw new Error("Key Vault must not be asked");
    });
    argumentError(() => new SslMlCluster("ml", a), argument, message);
    assert.equal(rec.registrations.length, 0, "nothing was registered");
    assert.equal(asked, 0, "Key Vault was not asked");
  };
  after(() => setKeyVaultReader(undefined));

  for (const [title, kv, argument, message] of BAD.filter((_, i) => i % 3 === 0)) {
    it(title, () => refused(args(kv), argument, message));
  }
  it("keyVault together with another source", () =>
    refused(
      quickstartArgs({
        certificate: { selfSigned: {}, keyVault: { vaultName: "contoso-tls", certificateName: NAME } },
      }),
      "certificate",
      /give exactly one of selfSigned, imported, microsoftManaged, acme or keyVault \(got selfSigned and keyVault\)/,
    ));
  it("an unknown field (VaultUri)", () =>
    refused(
      args({ VaultUri: "https://contoso-tls.vault.azure.net/", certificateName: NAME }),
      "certificate.keyVault.VaultUri",
      /unknown field; did you mean "vaultUri"\?/,
    ));
  it("keyVault with tlsEnabled: false", () =>
    refused(
      args({ vaultName: "contoso-tls", certificateName: NAME }, { tlsEnabled: false }),
      "certificate.keyVault",
      /is given but tlsEnabled is false/,
    ));
  it("validateArgs resolves the vault for the component", () => {
    const r = validateArgs(args({ vaultUri: "https://Contoso-TLS.vault.azure.cn", certificateName: NAME }));
    assert.equal(r.certificateSource, "keyVault");
    assert.deepEqual(r.keyVault, {
      vaultUri: "https://contoso-tls.vault.azure.cn/",
      vaultName: "contoso-tls",
      certificateName: NAME,
    });
  });
});
