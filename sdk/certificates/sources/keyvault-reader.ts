// The seam between the component and Key Vault. The component asks `readKeyVaultSecret`; by default
// that is Azure's SDK (keyvault-azure.ts, loaded on first use), and the offline runtime of `plan`
// and the tests put a stand-in vault in its place with `setKeyVaultReader`. The library never
// imports the offline code: the offline code sets this. No @pulumi module here.
import { markRunError } from "../../errors";

/** What is read: the secret behind a Key Vault certificate (same name, same version). */
export interface KeyVaultSecretRequest {
  /** `https://<name>.vault.azure.net/` (canonical, one trailing slash). */
  vaultUri: string;
  certificateName: string;
  /** A pinned version; undefined reads the current one. */
  version?: string;
  /** The hostname the certificate is for: only stand-in vaults use it (to make a certificate for it). */
  hostname?: string;
}

/** The secret as Key Vault returns it (`GET {vault}/secrets/{name}/{version}`). */
export interface KeyVaultSecretValue {
  /** base64 PKCS#12 (`application/x-pkcs12`) or PEM text (`application/x-pem-file`). */
  value: string;
  /** The secret's content type, as the certificate's policy set it. */
  contentType?: string;
  /** The secret's identifier: `https://<vault>/secrets/<name>/<version>`. */
  id: string;
  /** The version read (32 hex characters). */
  version: string;
}

export type KeyVaultReader = (request: KeyVaultSecretRequest) => Promise<KeyVaultSecretValue>;

/** Why Key Vault refused or failed: one line naming the vault, the certificate and the fix. */
export class KeyVaultError extends Error {
  constructor(
    /** `FORBIDDEN` (403), `NOT_FOUND` (404), `AUTHENTICATION` (no credential of the chain worked), `DISABLED`, `UNREACHABLE` or `OTHER`. */
    readonly code: "FORBIDDEN" | "NOT_FOUND" | "AUTHENTICATION" | "DISABLED" | "UNREACHABLE" | "OTHER",
    message: string,
  ) {
    super(message);
    this.name = "KeyVaultError";
    // `pulumi up` prints it as one line without a stack trace, as an ArgumentError.
    markRunError(this);
  }
}

let reader: KeyVaultReader | undefined;

/**
 * Replaces the reader (the offline runtime's stand-in vault, a test's stub); `undefined` restores
 * Azure's SDK. Returns the reader it replaced.
 */
export function setKeyVaultReader(next: KeyVaultReader | undefined): KeyVaultReader | undefined {
  const prev = reader;
  reader = next;
  return prev;
}

/** Reads the certificate's secret through the current reader. */
export function readKeyVaultSecret(request: KeyVaultSecretRequest): Promise<KeyVaultSecretValue> {
  if (reader) return reader(request);
  // Loaded on first use: Azure's SDK and its credential chain cost ~400 ms to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const azure = require("./keyvault-azure") as typeof import("./keyvault-azure");
  return azure.azureKeyVaultReader(request);
}

/** The certificate's identifier for a secret of the same name and version (Key Vault pairs them). */
export function certificateIdOf(vaultUri: string, certificateName: string, version: string): string {
  return `${vaultUri}certificates/${certificateName}/${version}`;
}
