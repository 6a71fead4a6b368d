// The resource ID of the Key Vault that holds a Front Door customer certificate. Pure.
import { ArgumentError } from "../errors";

/** A vault's resource ID, taken apart. */
export interface KeyVaultResourceId {
  /** The ID as Azure writes it. */
  id: string;
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
}

const VAULT_ID =
  /^\/subscriptions\/([0-9a-fA-F-]{36})\/resourceGroups\/([-\w._()]{1,90})\/providers\/Microsoft\.KeyVault\/vaults\/([a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9])$/i;

/** Parses `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>`. */
export function parseKeyVaultId(argument: string, value: unknown): KeyVaultResourceId {
  const m = typeof value === "string" ? VAULT_ID.exec(value.trim().replace(/\/$/, "")) : null;
  if (!m)
    throw new ArgumentError(
      argument,
      `${JSON.stringify(value)} is not a Key Vault resource ID: /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name> (az keyvault show --name <vault> --query id -o tsv)`,
    );
  return {
    id: `/subscriptions/${m[1]}/resourceGroups/${m[2]}/providers/Microsoft.KeyVault/vaults/${m[3]}`,
    subscriptionId: m[1].toLowerCase(),
    resourceGroupName: m[2],
    name: m[3],
  };
}

/** Front Door reads a customer certificate only from a vault in the profile's own subscription. */
export function vaultSubscriptionProblem(
  vault: KeyVaultResourceId,
  profileSubscription: string,
): string | undefined {
  if (vault.subscriptionId === profileSubscription.toLowerCase()) return undefined;
  return `the vault ${vault.name} is in subscription ${vault.subscriptionId}, but the Front Door profile is made in ${profileSubscription}; Front Door reads customer certificates only from a vault in its own subscription: copy the certificate into a vault there`;
}
