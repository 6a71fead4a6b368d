// Closed sets of argument values. Each is an `as const` object plus a type of the same name: a
// TypeScript user may write the member (`ClusterKind.Aks`) or the string (`"aks"`), and any other
// string fails `tsc`. @pulumi/pulumi's component analyzer turns each into a schema enum, so Python,
// Go, .NET, Java and YAML get the same closed sets (docs/languages.md). Spellings are
// exact and case-sensitive everywhere; the `const` must come before the `type` (the analyzer reads the
// members from the first declaration of the name).

/** Which Azure ML path the cluster uses. */
export const ClusterKind = {
  /** The current Azure ML path: AKS + the `Microsoft.AzureML.Kubernetes` extension + a `Kubernetes` compute. */
  Kubernetes: "kubernetes",
  /** The legacy `AKS` compute (AksCompute) with `sslConfiguration`, as in the original "Enable SSL" guide. */
  Aks: "aks",
} as const;
/** Which Azure ML path the cluster uses: `"kubernetes"` or `"aks"`. */
export type ClusterKind = (typeof ClusterKind)[keyof typeof ClusterKind];

/** `clusterPurpose` of a legacy AKS compute (how Azure sizes the scoring front end). */
export const ClusterPurpose = {
  /** Production: a highly available front end; needs at least 12 vCPUs in total. */
  FastProd: "FastProd",
  /** Development and test: fewer front-end resources; not for production traffic. */
  DevTest: "DevTest",
  /** The third purpose Azure ML's legacy AKS compute API accepts (`DenseProd`). */
  DenseProd: "DenseProd",
} as const;
/** `clusterPurpose` of a legacy AKS compute: `"FastProd"`, `"DevTest"` or `"DenseProd"`. */
export type ClusterPurpose = (typeof ClusterPurpose)[keyof typeof ClusterPurpose];

/** Key algorithm of a self-signed certificate. */
export const KeyAlgorithm = {
  /** RSA, 2048 bits. */
  RSA: "RSA",
  /** ECDSA on the P-256 curve. */
  ECDSA: "ECDSA",
} as const;
/** Key algorithm of a self-signed certificate: `"RSA"` or `"ECDSA"`. */
export type KeyAlgorithm = (typeof KeyAlgorithm)[keyof typeof KeyAlgorithm];

/** How callers authenticate to an online endpoint. */
export const AuthMode = {
  /** A static key (`Authorization: Bearer <key>`). */
  Key: "Key",
  /** A short-lived Azure ML token. */
  AMLToken: "AMLToken",
} as const;
/** How callers authenticate to an online endpoint: `"Key"` or `"AMLToken"`. */
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];

/** Key type of an ACME certificate. */
export const AcmeKeyType = {
  /** RSA, 2048 bits. */
  RSA2048: "RSA2048",
  /** RSA, 4096 bits. */
  RSA4096: "RSA4096",
  /** ECDSA on the P-256 curve. */
  P256: "P256",
  /** ECDSA on the P-384 curve. */
  P384: "P384",
} as const;
/** Key type of an ACME certificate: `"RSA2048"`, `"RSA4096"`, `"P256"` or `"P384"`. */
export type AcmeKeyType = (typeof AcmeKeyType)[keyof typeof AcmeKeyType];

/** How the ACME DNS-01 challenge signs in to Azure DNS (lego's `AZURE_AUTH_METHOD`). */
export const AzureDnsAuthMethod = {
  /** Azure's default credential chain: environment, workload identity, managed identity, Azure CLI. */
  Default: "default",
  /** The Azure CLI's login (`az login`). */
  Cli: "cli",
  /** A managed identity (on an Azure VM, App Service or AKS node). */
  Msi: "msi",
  /** OpenID Connect federation (e.g. GitHub Actions): `AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and the CI's token. */
  Oidc: "oidc",
  /** A service principal from `AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and `AZURE_CLIENT_SECRET`. */
  Env: "env",
  /** Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`). */
  WorkloadIdentity: "workloadIdentity",
} as const;
/** How the ACME DNS-01 challenge signs in to Azure DNS: `"default"`, `"cli"`, `"msi"`, `"oidc"`, `"env"` or `"workloadIdentity"`. */
export type AzureDnsAuthMethod = (typeof AzureDnsAuthMethod)[keyof typeof AzureDnsAuthMethod];

/** The Azure Front Door tier of `SslMlManagedEndpoints` (the profile's `sku.name`). */
export const FrontDoorSku = {
  /** Azure Front Door Standard: routing, TLS, managed certificates. */
  Standard: "Standard_AzureFrontDoor",
  /** Azure Front Door Premium: Standard plus WAF managed rule sets and Private Link origins. */
  Premium: "Premium_AzureFrontDoor",
} as const;
/** The Azure Front Door tier: `"Standard_AzureFrontDoor"` or `"Premium_AzureFrontDoor"`. */
export type FrontDoorSku = (typeof FrontDoorSku)[keyof typeof FrontDoorSku];
