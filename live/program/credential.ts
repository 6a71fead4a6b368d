// The identity the live program's own data-plane calls (the code asset's upload) sign in with: the
// package's one credential chain (sdk/common/azure-credential.ts, the README's "Deploy for real"),
// the order azure-native signs in: the ARM_* variables, then the Azure CLI, then a managed identity.
import type { TokenCredential } from "@azure/identity";
import type * as Chain from "../../sdk/common/azure-credential";

export function liveCredential(env: NodeJS.ProcessEnv = process.env): TokenCredential {
  // Required when called, by the package's name: Pulumi serializes the dynamic provider that calls
  // this and runs it from live/program, whose node_modules hold ssl-ml-cluster (file:../..).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { azureCredential } = require("ssl-ml-cluster/azure-credential") as typeof Chain;
  return azureCredential(env).credential;
}
