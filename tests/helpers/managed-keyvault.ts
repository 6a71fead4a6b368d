// A Key Vault certificate for SslMlManagedEndpoints' tests: openssl's leaf + chain + key
// (tests/helpers/openssl-certs.ts) answered by the offline stand-in vault (`keyVaultFile`), with
// the test root trusted in place of Front Door's CA list.
import { X509Certificate } from "node:crypto";
import { setFrontDoorTrustedRoots } from "../../sdk/managed/certificate-rules";
import type { SslMlManagedEndpointsArgs } from "../../sdk/types";
import { fixtures } from "./openssl-certs";

export const VAULT_ID =
  "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg-tls/providers/Microsoft.KeyVault/vaults/contoso-tls";

export const keyVaultArgs: Partial<SslMlManagedEndpointsArgs> = {
  certificate: { keyVault: { vaultName: "contoso-tls", certificateName: "ml-example-com" } },
  frontDoor: { keyVaultId: VAULT_ID },
};

/** The stand-in vault's file (key + leaf + intermediate + root), the test root trusted; returns the undo. */
export function useTestVault(): { keyVaultFile: string; undo: () => void } {
  const f = fixtures();
  const prev = setFrontDoorTrustedRoots([new X509Certificate(f.read("root.pem"))]);
  return { keyVaultFile: f.file("bundle-with-key.pem"), undo: () => setFrontDoorTrustedRoots(prev) };
}
