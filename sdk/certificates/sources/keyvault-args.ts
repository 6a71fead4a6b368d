import { ArgumentError } from "../../errors";
import type { ResolvedKeyVault } from "../../args/resolved";

/** `certificate.keyVault` as given (plain values: they decide what is read before anything is registered). */
export interface KeyVaultArgsLike {
  vaultUri?: unknown;
  vaultName?: unknown;
  certificateName?: unknown;
  version?: unknown;
}

// Declared in sdk/args/ (the shapes every part shares); named here too, where the rule lives.
export type { ResolvedKeyVault };

const ARG = "certificate.keyVault";

/**
 * Key Vault's DNS suffix per cloud (`AzureKeyVaultDnsSuffix` of `Get-AzEnvironment`): public Azure,
 * Azure China (21Vianet) and Azure US Government. Azure Germany (`vault.microsoftazure.de`) closed in
 * October 2021 (https://learn.microsoft.com/previous-versions/azure/germany/germany-welcome).
 */
export const VAULT_DNS_SUFFIXES = ["vault.azure.net", "vault.azure.cn", "vault.usgovcloudapi.net"] as const;
const CLOSED_SUFFIX = "vault.microsoftazure.de";

/**
 * Vault names: 3–24 characters, letters, digits and `-`, a letter first, a letter or digit last, no
 * `--` (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault).
 */
export function vaultNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 24) return `is ${name.length} characters long; a vault name has 3–24`;
  if (!/^[A-Za-z0-9-]+$/.test(name)) return "may hold only letters, digits and '-'";
  if (!/^[A-Za-z]/.test(name)) return "must start with a letter";
  if (!/[A-Za-z0-9]$/.test(name)) return "must end with a letter or a digit";
  if (name.includes("--")) return "must not hold two '-' in a row";
  return undefined;
}

/** Certificate (and secret) names: 1–127 letters, digits and `-` (Key Vault's object name rule). */
export function certificateNameProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name.length > 127) return `is ${name.length} characters long; a Key Vault certificate name has 1–127`;
  if (!/^[A-Za-z0-9-]+$/.test(name))
    return "may hold only letters, digits and '-' (no '_', '.', '/' or spaces)";
  return undefined;
}

/** An object identifier pasted as the vault URI: `/certificates|secrets|keys/<name>[/<version>]`. */
const OBJECT_PATH = /^\/(certificates|secrets|keys)\/([^/]+)(?:\/([^/]+))?\/?$/;

function parseVaultUri(raw: string): ResolvedKeyVault {
  const path = `${ARG}.vaultUri`;
  const example = "https://<vault-name>.vault.azure.net/";
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ArgumentError(
      path,
      `${JSON.stringify(raw)} is not a URL; give the vault's URI, e.g. ${example}`,
    );
  }
  if (url.protocol !== "https:")
    throw new ArgumentError(path, `${JSON.stringify(raw)} must use https (${example})`);
  if (url.username || url.password || url.port || url.search || url.hash)
    throw new ArgumentError(
      path,
      `${JSON.stringify(raw)} must be the vault's address alone (no user, port, query or fragment): ${example}`,
    );
  const host = url.hostname.toLowerCase();
  const dot = host.indexOf(".");
  const name = dot > 0 ? host.slice(0, dot) : host;
  const suffix = dot > 0 ? host.slice(dot + 1) : "";
  if (suffix === CLOSED_SUFFIX)
    throw new ArgumentError(
      path,
      `${JSON.stringify(raw)} is in Azure Germany (${CLOSED_SUFFIX}), which closed in October 2021; give a vault in public Azure (.vault.azure.net), Azure China (.vault.azure.cn) or Azure US Government (.vault.usgovcloudapi.net)`,
    );
  if (!(VAULT_DNS_SUFFIXES as readonly string[]).includes(suffix))
    throw new ArgumentError(
      path,
      `${JSON.stringify(raw)} is not a Key Vault URI: the host must be <vault-name>.${VAULT_DNS_SUFFIXES.join(", <vault-name>.")} (a Managed HSM has no certificates); e.g. ${example}`,
    );
  const problem = vaultNameProblem(name);
  if (problem) throw new ArgumentError(path, `the vault name ${JSON.stringify(name)} ${problem}`);
  const base = `https://${host}/`;
  if (url.pathname !== "/" && url.pathname !== "") {
    const m = OBJECT_PATH.exec(url.pathname);
    throw new ArgumentError(
      path,
      m
        ? `${JSON.stringify(raw)} is the identifier of one object; give vaultUri ${JSON.stringify(base)}, certificateName ${JSON.stringify(decodeURIComponent(m[2]))}${m[3] ? ` and version ${JSON.stringify(m[3])}` : ""}`
        : `${JSON.stringify(raw)} has a path; give the vault's address alone: ${base}`,
    );
  }
  return { vaultUri: base, vaultName: name, certificateName: "" };
}

/**
 * Checks `certificate.keyVault` (pure; throws {@link ArgumentError} with the argument path and the
 * fix). Exactly one of `vaultUri` / `vaultName`; a name means public Azure (`.vault.azure.net`).
 */
export function validateKeyVault(kv: KeyVaultArgsLike): ResolvedKeyVault {
  const hasUri = kv.vaultUri !== undefined;
  const hasName = kv.vaultName !== undefined;
  if (hasUri && hasName)
    throw new ArgumentError(
      ARG,
      "give vaultUri or vaultName, not both (vaultName means https://<vaultName>.vault.azure.net/; other clouds need vaultUri)",
    );
  if (!hasUri && !hasName)
    throw new ArgumentError(
      ARG,
      'give the vault: vaultName (e.g. "contoso-tls", in public Azure) or vaultUri (e.g. "https://contoso-tls.vault.azure.net/")',
    );
  let vault: ResolvedKeyVault;
  if (hasUri) {
    if (typeof kv.vaultUri !== "string" || kv.vaultUri.trim() === "")
      throw new ArgumentError(
        `${ARG}.vaultUri`,
        "must be a plain string such as https://contoso-tls.vault.azure.net/ (it decides what is read before anything is registered)",
      );
    vault = parseVaultUri(kv.vaultUri);
  } else {
    if (typeof kv.vaultName !== "string")
      throw new ArgumentError(`${ARG}.vaultName`, 'must be a plain string such as "contoso-tls"');
    if (kv.vaultName.includes("."))
      throw new ArgumentError(
        `${ARG}.vaultName`,
        `${JSON.stringify(kv.vaultName)} looks like a host name; give the name alone (e.g. "contoso-tls") or the whole address as vaultUri`,
      );
    const problem = vaultNameProblem(kv.vaultName);
    if (problem) throw new ArgumentError(`${ARG}.vaultName`, `${JSON.stringify(kv.vaultName)} ${problem}`);
    const name = kv.vaultName.toLowerCase();
    vault = { vaultUri: `https://${name}.vault.azure.net/`, vaultName: name, certificateName: "" };
  }
  if (kv.certificateName === undefined || kv.certificateName === "")
    throw new ArgumentError(
      `${ARG}.certificateName`,
      "is required: the name of the certificate in the vault (az keyvault certificate list --vault-name <vault>)",
    );
  if (typeof kv.certificateName !== "string")
    throw new ArgumentError(`${ARG}.certificateName`, "must be a plain string");
  const nameProblem = certificateNameProblem(kv.certificateName);
  if (nameProblem)
    throw new ArgumentError(`${ARG}.certificateName`, `${JSON.stringify(kv.certificateName)} ${nameProblem}`);
  vault.certificateName = kv.certificateName;
  if (kv.version !== undefined) {
    if (typeof kv.version !== "string" || !/^[0-9a-fA-F]{32}$/.test(kv.version))
      throw new ArgumentError(
        `${ARG}.version`,
        `${JSON.stringify(kv.version)} is not a Key Vault version (32 hex characters, the last part of the certificate's ID: az keyvault certificate list-versions); remove version to use the current one`,
      );
    vault.version = kv.version.toLowerCase();
  }
  return vault;
}
