// Azure's SDK behind the Key Vault seam (keyvault-reader.ts), loaded only when a Key Vault
// certificate is read for real: @azure/keyvault-secrets, signed in as azure-native does
// (common/azure-credential.ts: the ARM_* variables, else the Azure CLI, then a managed identity).
import type { TokenCredential } from "@azure/identity";
import { azureCredential, AZURE_CREDENTIAL_CHAIN } from "../../common/azure-credential";
import type { SecretClientOptions } from "@azure/keyvault-secrets";
import { KeyVaultError, KeyVaultReader, KeyVaultSecretRequest, KeyVaultSecretValue } from "./keyvault-reader";

/** What the reader signs in with: the package's one chain, azure-native's. */
export const CREDENTIAL_CHAIN = AZURE_CREDENTIAL_CHAIN;

/** Where a request went, for messages. */
export function describeRequest(r: KeyVaultSecretRequest): string {
  return `certificate ${JSON.stringify(r.certificateName)}${r.version ? ` version ${r.version}` : ""} in Key Vault ${r.vaultUri}`;
}

/** What the SDK throws, as much as the mapping needs (RestError of @azure/core-rest-pipeline, identity's errors). */
interface SdkError {
  name?: string;
  message?: string;
  statusCode?: number;
  code?: string;
  /** AggregateAuthenticationError: what each credential of the chain said. */
  errors?: { message?: string }[];
}

/**
 * Turns what the SDK threw into one line naming the vault, the certificate and the fix. Pure.
 * 403 bodies carry an inner code: `ForbiddenByRbac` (role missing), `AccessDenied` (access policy
 * missing), `ForbiddenByFirewall` / `ForbiddenByConnection` (network), `SecretDisabled`
 * (https://learn.microsoft.com/azure/key-vault/general/rest-error-codes).
 */
export function keyVaultErrorFrom(e: unknown, r: KeyVaultSecretRequest): KeyVaultError {
  const err = (e ?? {}) as SdkError;
  const what = describeRequest(r);
  const said = String(err.message ?? e).split(/\r?\n/)[0];
  const name = err.name ?? "";
  const each = (err.errors ?? []).map((x) => String(x?.message ?? x).split(/\r?\n/)[0]);
  if (
    [
      "CredentialUnavailableError",
      "AggregateAuthenticationError",
      "AuthenticationError",
      "AzureCredentialError",
    ].includes(name) ||
    err.statusCode === 401
  ) {
    return new KeyVaultError(
      "AUTHENTICATION",
      `certificate.keyVault: cannot sign in to read the ${what}: no credential of ${CREDENTIAL_CHAIN} worked, or its token is for another tenant (${[said, ...each].join("; ")}); sign in (e.g. az login) or set the variables of one of them`,
    );
  }
  const text = String(err.message ?? "");
  if (err.statusCode === 403) {
    if (/SecretDisabled|disabled secret/i.test(text))
      return new KeyVaultError(
        "DISABLED",
        `certificate.keyVault: the ${what} is disabled; enable it (az keyvault certificate set-attributes --enabled true) or name another version`,
      );
    if (
      /ForbiddenByFirewall|ForbiddenByConnection|Client address is not authorized|public network access/i.test(
        text,
      )
    )
      return new KeyVaultError(
        "FORBIDDEN",
        `certificate.keyVault: the network rules of Key Vault ${r.vaultUri} refuse this machine (${said}); run from a network the vault allows (its private endpoint or firewall rules), or add this address`,
      );
    // Key Vault says which model refused: "Caller is not authorized" (ForbiddenByRbac) under Azure
    // RBAC, "does not have secrets get permission" (AccessDenied) under access policies.
    const rbac =
      'the role "Key Vault Secrets User" on the vault (az role assignment create --role "Key Vault Secrets User" --scope <vault resource ID> --assignee <identity>)';
    const policy =
      'the "get" secret permission in an access policy (az keyvault set-policy --name <vault> --secret-permissions get --object-id <identity>)';
    const fix = /ForbiddenByRbac|Caller is not authorized/i.test(text)
      ? `the vault uses Azure RBAC: grant the identity ${rbac}`
      : /AccessDenied|does not have secrets? get permission/i.test(text)
        ? `the vault uses access policies: give the identity ${policy}`
        : `grant the identity ${rbac} when the vault uses Azure RBAC, or ${policy} when it uses access policies`;
    return new KeyVaultError(
      "FORBIDDEN",
      `certificate.keyVault: the identity signed in (ARM_* variables, else the Azure CLI) may not read the ${what} (403 Forbidden: ${said}); ${fix}`,
    );
  }
  if (err.statusCode === 404)
    return new KeyVaultError(
      "NOT_FOUND",
      `certificate.keyVault: Key Vault ${r.vaultUri} has no ${r.version ? `version ${r.version} of certificate ${JSON.stringify(r.certificateName)}` : `certificate ${JSON.stringify(r.certificateName)}`} (404 Not Found); check the name${r.version ? " and the version (az keyvault certificate list-versions)" : ""} with az keyvault certificate list --vault-name <vault>`,
    );
  if (["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET"].includes(err.code ?? ""))
    return new KeyVaultError(
      "UNREACHABLE",
      `certificate.keyVault: Key Vault ${r.vaultUri} cannot be reached (${err.code}: ${said}); check the vault's name, and that this machine can resolve and reach it (a vault behind a private endpoint is reachable only from its network)`,
    );
  return new KeyVaultError("OTHER", `certificate.keyVault: reading the ${what} failed: ${said}`);
}

export interface AzureReaderOptions {
  /** Default: azureCredential() of common/azure-credential.ts (azure-native's sign-in). */
  credential?: TokenCredential;
  /** Extra client options (tests: an https agent trusting a loopback vault). */
  clientOptions?: SecretClientOptions;
}

/** A reader that asks Key Vault with Azure's SDK. */
export function createAzureKeyVaultReader(options: AzureReaderOptions = {}): KeyVaultReader {
  let credential = options.credential;
  return async (r: KeyVaultSecretRequest): Promise<KeyVaultSecretValue> => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { SecretClient } = require("@azure/keyvault-secrets") as typeof import("@azure/keyvault-secrets");
    /* eslint-enable @typescript-eslint/no-require-imports */
    // One credential per reader: it caches its token across vaults and runs.
    if (!credential) {
      try {
        credential = azureCredential().credential;
      } catch (e) {
        throw keyVaultErrorFrom(e, r);
      }
    }
    const client = new SecretClient(r.vaultUri, credential, options.clientOptions);
    let secret;
    try {
      secret = await client.getSecret(r.certificateName, r.version ? { version: r.version } : {});
    } catch (e) {
      throw keyVaultErrorFrom(e, r);
    }
    const p = secret.properties;
    if (secret.value === undefined || p.version === undefined || p.id === undefined)
      throw new KeyVaultError(
        "OTHER",
        `certificate.keyVault: Key Vault returned the ${describeRequest(r)} without a value, an ID or a version`,
      );
    return { value: secret.value, contentType: p.contentType, id: p.id, version: p.version };
  };
}

let shared: KeyVaultReader | undefined;

/** The default reader: azure-native's sign-in (common/azure-credential.ts), one per process. */
export function azureKeyVaultReader(r: KeyVaultSecretRequest): Promise<KeyVaultSecretValue> {
  shared ??= createAzureKeyVaultReader();
  return shared(r);
}
