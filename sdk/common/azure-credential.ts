// The one Azure sign-in of the package: every data-plane call (Key Vault, `preflight`, the live
// check's blob upload) signs in as azure-native does, from the same `ARM_*` variables, so a user
// sets one set of credentials once. azure-native's order (readAuthConfig and
// newSingleMethodAuthCredential in
// https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/provider/auth_azidentity.go):
//   1. ARM_USE_DEFAULT_AZURE_CREDENTIAL=true   DefaultAzureCredential
//   2. ARM_CLIENT_CERTIFICATE_PATH             service principal with a certificate (PFX or PEM)
//   3. ARM_CLIENT_SECRET                       service principal with a secret
//   4. ARM_USE_OIDC=true                       OIDC: ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH, or
//                                              GitHub's ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN
//   5. ARM_USE_MSI=true                        managed identity (ARM_CLIENT_ID picks a user-assigned one)
//   6. otherwise                               the Azure CLI's login (`az login`)
// A configured method that is incomplete is an error, not a fall-through (as azure-native). The one
// addition: when no variable is set, a managed identity is tried after the Azure CLI, so the same
// program also signs in on an Azure VM or build agent without `az`.
// @azure/identity is loaded only when a credential is made: importing this file costs nothing.
import * as fs from "node:fs";
import type { TokenCredential } from "@azure/identity";

type Env = Record<string, string | undefined>;

export type AzureCredentialRoute =
  | "default-azure-credential"
  | "client-certificate"
  | "client-secret"
  | "oidc"
  | "managed-identity"
  | "azure-cli-then-managed-identity";

export interface AzureCredential {
  credential: TokenCredential;
  route: AzureCredentialRoute;
  /** One line for messages: which route and which variables chose it. */
  description: string;
}

/** The chain in one sentence, for messages and docs. */
export const AZURE_CREDENTIAL_CHAIN =
  "azure-native's sign-in (ARM_USE_DEFAULT_AZURE_CREDENTIAL, else ARM_CLIENT_CERTIFICATE_PATH, else ARM_CLIENT_SECRET, else ARM_USE_OIDC, else ARM_USE_MSI, each with ARM_CLIENT_ID/ARM_TENANT_ID; else the Azure CLI's `az login`, then a managed identity)";

/** A configured route lacks a variable, or its file cannot be read. */
export class AzureCredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AzureCredentialError";
  }
}

const set = (env: Env, k: string) => (env[k] ?? "").trim() !== "";
const isTrue = (env: Env, k: string) => (env[k] ?? "").trim().toLowerCase() === "true";

/** Which route the variables choose, and what it still lacks. Pure. */
export function credentialRoute(env: Env = process.env): {
  route: AzureCredentialRoute;
  missing: string[];
} {
  const need = (...keys: string[]) => keys.filter((k) => !set(env, k));
  if (isTrue(env, "ARM_USE_DEFAULT_AZURE_CREDENTIAL"))
    return { route: "default-azure-credential", missing: [] };
  if (set(env, "ARM_CLIENT_CERTIFICATE_PATH"))
    return { route: "client-certificate", missing: need("ARM_TENANT_ID", "ARM_CLIENT_ID") };
  if (set(env, "ARM_CLIENT_SECRET"))
    return { route: "client-secret", missing: need("ARM_TENANT_ID", "ARM_CLIENT_ID") };
  if (isTrue(env, "ARM_USE_OIDC")) {
    const token =
      set(env, "ARM_OIDC_TOKEN") ||
      set(env, "ARM_OIDC_TOKEN_FILE_PATH") ||
      (set(env, "ACTIONS_ID_TOKEN_REQUEST_URL") && set(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN"));
    return {
      route: "oidc",
      missing: [
        ...need("ARM_TENANT_ID", "ARM_CLIENT_ID"),
        ...(token ? [] : ["ARM_OIDC_TOKEN (or ARM_OIDC_TOKEN_FILE_PATH)"]),
      ],
    };
  }
  if (isTrue(env, "ARM_USE_MSI")) return { route: "managed-identity", missing: [] };
  return { route: "azure-cli-then-managed-identity", missing: [] };
}

const WHY: Record<AzureCredentialRoute, string> = {
  "default-azure-credential": "DefaultAzureCredential (ARM_USE_DEFAULT_AZURE_CREDENTIAL=true)",
  "client-certificate": "service principal ARM_CLIENT_ID with the certificate ARM_CLIENT_CERTIFICATE_PATH",
  "client-secret": "service principal ARM_CLIENT_ID with ARM_CLIENT_SECRET",
  oidc: "service principal ARM_CLIENT_ID with an OIDC token (ARM_USE_OIDC=true)",
  "managed-identity": "managed identity (ARM_USE_MSI=true)",
  "azure-cli-then-managed-identity": "the Azure CLI's login (az login), then a managed identity",
};

/** The subscription azure-native deploys to when set by variable: ARM_SUBSCRIPTION_ID. */
export function subscriptionId(env: Env = process.env): string | undefined {
  const v = (env.ARM_SUBSCRIPTION_ID ?? "").trim();
  return v === "" ? undefined : v;
}

/** The PEM (certificate + key) of a PFX or PEM file, as ClientCertificateCredential takes only PEM. */
export function certificatePem(file: string, password?: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new AzureCredentialError(
      `ARM_CLIENT_CERTIFICATE_PATH ${file} cannot be read (${(e as NodeJS.ErrnoException).code}); point it at the service principal's PFX or PEM file`,
    );
  }
  if (bytes.toString("latin1").includes("-----BEGIN")) return bytes.toString("utf8");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const forge = require("node-forge") as typeof import("node-forge");
  try {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString("binary")), password ?? "");
    const bag = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
    const keys = [...bag(forge.pki.oids.pkcs8ShroudedKeyBag), ...bag(forge.pki.oids.keyBag)];
    const certs = bag(forge.pki.oids.certBag);
    if (!keys[0]?.key || !certs[0]?.cert) throw new Error("no key or no certificate inside");
    return [
      forge.pki.privateKeyToPem(keys[0].key),
      ...certs.map((c) => forge.pki.certificateToPem(c.cert!)),
    ].join("");
  } catch (e) {
    throw new AzureCredentialError(
      `ARM_CLIENT_CERTIFICATE_PATH ${file} is neither PEM nor a PKCS#12 file this password opens (${(e as Error).message}); check ARM_CLIENT_CERTIFICATE_PASSWORD`,
    );
  }
}

/** GitHub Actions' OIDC token exchange, as azure-native does it (audience api://AzureADTokenExchange). */
function githubAssertion(env: Env): () => Promise<string> {
  return async () => {
    const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL!);
    url.searchParams.set("audience", env.ARM_OIDC_AUDIENCE || "api://AzureADTokenExchange");
    const res = await fetch(url, {
      headers: { accept: "application/json", authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
    });
    if (!res.ok) throw new AzureCredentialError(`GitHub OIDC token request answered ${res.status}`);
    return ((await res.json()) as { value: string }).value;
  };
}

/**
 * The credential azure-native would sign in with under these variables. Throws
 * AzureCredentialError when the chosen route lacks a variable (never falls through, as azure-native).
 */
export function azureCredential(env: Env = process.env): AzureCredential {
  const { route, missing } = credentialRoute(env);
  if (missing.length > 0)
    throw new AzureCredentialError(
      `signing in as ${WHY[route]} needs ${missing.join(" and ")}; set ${missing.length > 1 ? "them" : "it"} as for azure-native (https://www.pulumi.com/registry/packages/azure-native/installation-configuration/)`,
    );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const id = require("@azure/identity") as typeof import("@azure/identity");
  const tenant = env.ARM_TENANT_ID?.trim() || undefined;
  const client = env.ARM_CLIENT_ID?.trim() || undefined;
  let credential: TokenCredential;
  switch (route) {
    case "default-azure-credential":
      credential = new id.DefaultAzureCredential(tenant ? { tenantId: tenant } : {});
      break;
    case "client-certificate":
      credential = new id.ClientCertificateCredential(tenant!, client!, {
        certificate: certificatePem(
          env.ARM_CLIENT_CERTIFICATE_PATH!.trim(),
          env.ARM_CLIENT_CERTIFICATE_PASSWORD,
        ),
      });
      break;
    case "client-secret":
      credential = new id.ClientSecretCredential(tenant!, client!, env.ARM_CLIENT_SECRET!);
      break;
    case "oidc": {
      const file = env.ARM_OIDC_TOKEN_FILE_PATH?.trim();
      const assertion = set(env, "ARM_OIDC_TOKEN")
        ? async () => env.ARM_OIDC_TOKEN!.trim()
        : file
          ? async () => fs.readFileSync(file, "utf8").trim()
          : githubAssertion(env);
      credential = new id.ClientAssertionCredential(tenant!, client!, assertion);
      break;
    }
    case "managed-identity":
      credential = new id.ManagedIdentityCredential(client ? { clientId: client } : {});
      break;
    default:
      credential = new id.ChainedTokenCredential(
        new id.AzureCliCredential(tenant ? { tenantId: tenant } : {}),
        new id.ManagedIdentityCredential(client ? { clientId: client } : {}),
      );
  }
  return { credential, route, description: WHY[route] };
}
