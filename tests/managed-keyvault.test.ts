// SslMlManagedEndpoints with certificate.keyVault: Front Door's CustomerCertificate secret, the
// profile's identity and its Key Vault Secrets User role, Front Door's certificate rules before
// deploy, and the certificate output (public, no key).
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { unwrapSecrets } from "./mocks";
import { buildManaged, M, managedArgs } from "./helpers/managed";
import { keyVaultArgs, useTestVault, VAULT_ID } from "./helpers/managed-keyvault";
import { programFailure } from "./helpers/program-failure";
import { ArgumentError } from "../sdk/errors";
import { setFrontDoorTrustedRoots } from "../sdk/managed/certificate-rules";
import { fixtures } from "./helpers/openssl-certs";

const u = (v: unknown) => unwrapSecrets(v) as Record<string, unknown>;
const SUB = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";

describe("SslMlManagedEndpoints: a Key Vault certificate on Front Door", function () {
  this.timeout(60_000);
  let vault: ReturnType<typeof useTestVault>;
  before(() => (vault = useTestVault()));
  after(() => vault.undo());

  it("presents the vault's secret as a CustomerCertificate, with the profile's identity allowed to read it", async () => {
    const { rec, c, out } = await buildManaged(managedArgs(keyVaultArgs), {
      keyVaultFile: vault.keyVaultFile,
    });
    assert.deepEqual(u(rec.one(M.profile).inputs).identity, { type: "SystemAssigned" });
    const secret = rec.one(M.secret);
    // Microsoft.Cdn CustomerCertificateParameters: secretSource is the Key Vault secret's resource ID.
    assert.deepEqual(u(secret.inputs).parameters, {
      type: "CustomerCertificate",
      secretSource: { id: `${VAULT_ID}/secrets/ml-example-com` },
      useLatestVersion: true,
    });
    const role = rec.one(M.role);
    const r = u(role.inputs);
    // Key Vault Secrets User, a built-in role (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
    assert.equal(
      r.roleDefinitionId,
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
    );
    assert.equal(r.scope, VAULT_ID);
    assert.equal(r.principalType, "ServicePrincipal");
    assert.match(
      String(r.roleAssignmentName),
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    assert.equal(
      r.principalId,
      u(rec.one(M.profile).outputs).identity &&
        (u(rec.one(M.profile).outputs).identity as Record<string, string>).principalId,
    );
    assert.ok(secret.dependencies.includes(role.urn), "the secret waits for the role");
    const tls = u(rec.one(M.domain).inputs).tlsSettings as Record<string, unknown>;
    assert.equal(tls.certificateType, "CustomerCertificate");
    assert.equal(tls.minimumTlsVersion, "TLS12");
    assert.deepEqual(tls.secret, {
      id: `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Cdn/profiles/ml-afd/secrets/ml-certificate`,
    });
    const cert = out.certificate as Record<string, string>;
    assert.equal(cert.type, "CustomerCertificate");
    const leaf = new (await import("node:crypto")).X509Certificate(fixtures().read("leaf.pem"));
    assert.equal(cert.issuer, leaf.issuer.split("\n").join(", "));
    assert.ok(cert.pem.startsWith("-----BEGIN CERTIFICATE-----"));
    assert.ok(!/PRIVATE KEY/.test(JSON.stringify(out)), "no key in any output");
    assert.equal(await pulumi.isSecret(c.certificate), false, "the certificate output is public");
  });

  it("pins the secret's version with a pinned certificate", async () => {
    const pinned = {
      ...keyVaultArgs,
      certificate: {
        keyVault: { vaultName: "contoso-tls", certificateName: "ml-example-com", version: "ab".repeat(16) },
      },
    };
    const { rec } = await buildManaged(managedArgs(pinned), { keyVaultFile: vault.keyVaultFile });
    const p = u(rec.one(M.secret).inputs).parameters as Record<string, unknown>;
    assert.equal(p.useLatestVersion, false);
    assert.equal(p.secretVersion, "ab".repeat(16));
  });

  it("leaves the role to the vault's owner with assignKeyVaultRole: false", async () => {
    const { rec } = await buildManaged(
      managedArgs({ ...keyVaultArgs, frontDoor: { keyVaultId: VAULT_ID, assignKeyVaultRole: false } }),
      { keyVaultFile: vault.keyVaultFile },
    );
    assert.equal(rec.byType(M.role).length, 0);
    assert.equal(rec.byType(M.secret).length, 1);
  });

  it("refuses, before the secret, a chain Front Door would refuse", async () => {
    const prev = setFrontDoorTrustedRoots(undefined); // Node's public roots: the test CA is private
    try {
      const failure = await programFailure(
        managedArgs(keyVaultArgs),
        { keyVaultFile: vault.keyVaultFile },
        buildManaged,
      );
      assert.ok(failure instanceof ArgumentError, String(failure));
      assert.equal(failure.argument, "certificate.keyVault");
      assert.match(failure.message, /cannot be served by Front Door: .*not a publicly trusted root/);
    } finally {
      setFrontDoorTrustedRoots(prev);
    }
  });

  it("refuses a vault in another subscription", async () => {
    const other = VAULT_ID.replace(SUB, "00000000-0000-0000-0000-000000000001");
    const failure = await programFailure(
      managedArgs({ ...keyVaultArgs, frontDoor: { keyVaultId: other } }),
      { keyVaultFile: vault.keyVaultFile },
      buildManaged,
    );
    assert.ok(failure instanceof ArgumentError, String(failure));
    assert.equal(failure.argument, "frontDoor.keyVaultId");
    assert.match(failure.message, /own subscription/);
  });
});
