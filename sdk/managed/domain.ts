// The Front Door custom domain for the hostname, and, with `certificate.keyVault`, the profile's
// secret that presents the Key Vault certificate (CustomerCertificate) and the access it needs.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { AFDCustomDomain } from "@pulumi/azure-native/cdn/afdcustomDomain";
import { Secret } from "@pulumi/azure-native/cdn/secret";
import type { Profile } from "@pulumi/azure-native/cdn/profile";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { getAFDCustomDomain } from "@pulumi/azure-native/cdn/getAFDCustomDomain";
import { getSecret } from "@pulumi/azure-native/cdn/getSecret";
import { ArgumentError } from "../errors";
import type { KeyVaultCertificateSource } from "../certificates/sources/keyvault-source";
import type { ResolvedManagedArgs } from "./args-rules";
import type { FrontDoorBase } from "./frontdoor";
import { frontDoorCertificateProblems } from "./certificate-rules";
import { vaultSubscriptionProblem } from "./keyvault-id";

/** Azure's built-in role "Key Vault Secrets User" (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-secrets-user). */
export const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

/** A GUID from a seed: the role assignment's name, the same at every run of this stack. */
export function stableGuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The Key Vault certificate as a Front Door secret. Before the secret is made, the chain read from
 * the vault is checked against Front Door's own rules (certificate-rules.ts) and the vault's
 * subscription against the profile's; the profile's identity gets `Key Vault Secrets User` on the
 * vault unless `frontDoor.assignKeyVaultRole` is false. `useLatestVersion` follows Key Vault's
 * renewals by itself; a pinned `version` pins the secret too.
 */
export function keyVaultSecret(
  parent: pulumi.Resource,
  name: string,
  base: FrontDoorBase,
  profile: Profile,
  resolved: ResolvedManagedArgs,
  source: KeyVaultCertificateSource,
  hostname: pulumi.Output<string>,
): Secret {
  const kv = resolved.keyVault!;
  const vault = resolved.keyVaultId!;
  const client = getClientConfigOutput({ parent });
  const checkedVaultId = pulumi
    .all([source.chainPem, hostname, client.subscriptionId])
    .apply(([chain, host, sub]) => {
      const problems = frontDoorCertificateProblems(chain, host);
      if (problems.length > 0)
        throw new ArgumentError(
          "certificate.keyVault",
          `${kv.certificateName} in ${kv.vaultName} cannot be served by Front Door: ${problems.join("; ")}`,
        );
      const elsewhere = vaultSubscriptionProblem(vault, sub);
      if (elsewhere) throw new ArgumentError("frontDoor.keyVaultId", elsewhere);
      return vault.id;
    });
  const dependsOn: pulumi.Resource[] = [];
  if (resolved.assignKeyVaultRole) {
    dependsOn.push(
      new RoleAssignment(
        `${name}-afd-keyvault`,
        {
          roleAssignmentName: stableGuid(`${pulumi.getProject()}/${pulumi.getStack()}/${name}/afd-keyvault`),
          principalId: profile.identity.apply((i) => i?.principalId ?? ""),
          principalType: "ServicePrincipal",
          roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
          scope: checkedVaultId,
        },
        { parent },
      ),
    );
  }
  return new Secret(
    `${name}-certificate`,
    {
      ...base,
      parameters: {
        type: "CustomerCertificate",
        secretSource: { id: pulumi.interpolate`${checkedVaultId}/secrets/${kv.certificateName}` },
        useLatestVersion: kv.version === undefined,
        secretVersion: kv.version,
      },
    },
    { parent, dependsOn },
  );
}

/**
 * The custom domain: TLS 1.2 at least, Front Door's managed certificate or the Key Vault secret. A
 * new hostname is a new domain (replaceOnChanges): the new one is made, the routes move to it,
 * then the old one is deleted, which Front Door allows once no route names it.
 */
export function customDomain(
  parent: pulumi.Resource,
  name: string,
  base: FrontDoorBase,
  hostname: pulumi.Output<string>,
  secret: Secret | undefined,
): AFDCustomDomain {
  return new AFDCustomDomain(
    `${name}-domain`,
    {
      ...base,
      hostName: hostname,
      tlsSettings: {
        certificateType: secret ? "CustomerCertificate" : "ManagedCertificate",
        minimumTlsVersion: "TLS12",
        secret: secret ? { id: secret.id } : undefined,
      },
    },
    { parent, replaceOnChanges: ["hostName"] },
  );
}

/** What Azure reports about Front Door's managed certificate (its secret's parameters), once issued. */
export interface ManagedCertificateFacts {
  subject?: string;
  notAfter?: string;
}

/**
 * Front Door issues its managed certificate after the domain is approved and linked to a route
 * (minutes to an hour), as a secret the domain's `tlsSettings.secret` names. Once the domain is
 * `Approved`, the domain and that secret are read: their `subject` and `expirationDate`, or nothing
 * while the certificate is not issued yet (the next `pulumi up` reports it). Never in a preview.
 */
export function managedCertificateFacts(
  parent: pulumi.Resource,
  resourceGroupName: pulumi.Input<string>,
  domain: AFDCustomDomain,
  state: pulumi.Output<string>,
): pulumi.Output<ManagedCertificateFacts> {
  return pulumi
    .all([state, resourceGroupName, domain.profileName, domain.name])
    .apply(async ([s, rg, profileName, customDomainName]): Promise<ManagedCertificateFacts> => {
      if (s !== "Approved" || pulumi.runtime.isDryRun()) return {};
      const read = await getAFDCustomDomain(
        { resourceGroupName: rg, profileName, customDomainName },
        { parent },
      );
      const secretName = read.tlsSettings?.secret?.id?.split("/").pop();
      if (!secretName) return {};
      const secret = await getSecret({ resourceGroupName: rg, profileName, secretName }, { parent });
      const p = secret.parameters as { type?: string; subject?: string; expirationDate?: string } | undefined;
      return p?.type === "ManagedCertificate" ? { subject: p.subject, notAfter: p.expirationDate } : {};
    });
}
