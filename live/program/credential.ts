// The identity the live program's own data-plane calls (the code asset's upload) sign in with, in
// the order azure-native signs in: the ARM_* variables (service principal with a secret, or a
// managed identity with ARM_USE_MSI), then the Azure CLI's login, then the machine's managed identity.
// TO SWAP: sdk/common/azure-credential.ts (the package's one credential chain, issue 27 part D)
// replaces this file once it lands; keep the signature, `liveCredential(env)`.
import {
  AzureCliCredential,
  ChainedTokenCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from "@azure/identity";

export function liveCredential(env: NodeJS.ProcessEnv = process.env): TokenCredential {
  const chain: TokenCredential[] = [];
  const id = env.ARM_CLIENT_ID || undefined;
  if (env.ARM_USE_MSI === "true")
    chain.push(id ? new ManagedIdentityCredential({ clientId: id }) : new ManagedIdentityCredential());
  else if (id && env.ARM_CLIENT_SECRET && env.ARM_TENANT_ID)
    chain.push(new ClientSecretCredential(env.ARM_TENANT_ID, id, env.ARM_CLIENT_SECRET));
  chain.push(new AzureCliCredential(), new ManagedIdentityCredential());
  return new ChainedTokenCredential(...chain);
}
