import * as pulumi from "@pulumi/pulumi";
import type { AcmeKeyType } from "./certificates/acme-key-type";

/** Where the cluster comes from and which Azure ML path is used. */
export interface ClusterArgs {
  /**
   * `"kubernetes"` (default): the current Azure ML path (AKS + the `Microsoft.AzureML.Kubernetes`
   * extension + a `Kubernetes` compute). `"aks"`: the legacy `AKS` compute (AksCompute) with
   * `sslConfiguration`, as in the original "Enable SSL" guide.
   */
  kind?: string;
  /**
   * Resource ID of an existing AKS managed cluster to attach instead of creating one
   * (`/subscriptions/…/resourceGroups/…/providers/Microsoft.ContainerService/managedClusters/…`).
   * Default: a new cluster is created.
   */
  existingClusterId?: pulumi.Input<string>;
  /** Nodes of a new cluster (1–100). Default: 3. Under 3 nodes the front end runs without HA (`clusterPurpose=DevTest`). */
  nodeCount?: number;
  /** VM size of a new cluster's nodes. Default: `Standard_D4s_v3`. */
  vmSize?: string;
  /**
   * Name of the Azure ML compute: a letter first, letters, digits and '-', 3–24 characters on the
   * `aks` kind, 2–24 on `kubernetes`. Default: derived from the component name (`ml` gives `ml`, or
   * `ml-aks` on the `aks` kind).
   */
  computeName?: string;
  /** Kubernetes namespace for online endpoints (`kubernetes` kind). Default: `default`. */
  namespace?: string;
  /** Kubernetes version of a new cluster. Default: AKS's default. */
  kubernetesVersion?: string;
  /**
   * `clusterPurpose` of a legacy AKS compute: `DevTest`, `DenseProd` or `FastProd` (needs 12 vCPUs
   * in total). Default: `FastProd` when the cluster has 3+ nodes and 12+ vCPUs (an attached cluster
   * as Azure reports it), else `DevTest`.
   */
  clusterPurpose?: string;
}

/** A self-signed development certificate whose rotation the component owns. */
export interface SelfSignedCertificateArgs {
  /** Days each certificate is valid (2–3650). Default: 90. */
  validityDays?: number;
  /** A new certificate is made when fewer than this many days are left (1 to validityDays-1). Default: 30. */
  renewBeforeDays?: number;
  /**
   * `"RSA"` (2048 bits) or `"ECDSA"` (P-256, with a warning: every Azure ML TLS example uses RSA
   * 2048). Default: `"RSA"`.
   */
  algorithm?: string;
}

/** A certificate you already have (PEM text or files, PKCS#12, or DER). */
export interface ImportedCertificateArgs {
  /** Certificate PEM (leaf first; may also hold the chain, and the key). Default: none. */
  certPem?: pulumi.Input<string>;
  /** Private key PEM (PKCS#1, PKCS#8 or SEC1; encrypted when `password` is given). Default: none. */
  keyPem?: pulumi.Input<string>;
  /** Intermediate certificates PEM, issuer after subject. Default: none. */
  chainPem?: pulumi.Input<string>;
  /** Path of a certificate file, PEM or DER. Default: none. */
  certFile?: string;
  /** Path of a private key file, PEM. Default: none. */
  keyFile?: string;
  /** Path of a chain file, PEM. Default: none. */
  chainFile?: string;
  /** PKCS#12 (.pfx / .p12) as base64. Default: none. */
  pfxBase64?: pulumi.Input<string>;
  /** Path of a PKCS#12 file. Default: none. */
  pfxFile?: string;
  /** Password of the PKCS#12 file or passphrase of the encrypted key. Default: none. */
  password?: pulumi.Input<string>;
  /** Warn when fewer days than this are left. Default: 30. */
  minDaysRemaining?: number;
}

/** A certificate that Azure issues and renews (`aks` kind only). */
export interface MicrosoftManagedCertificateArgs {
  /** Leaf label of the Azure-issued name (`<label>.<region>.cloudapp.azure.com`). Required. */
  leafDomainLabel: string;
  /** Take the label over when it already exists. Default: false. */
  overwriteExistingDomain?: boolean;
}

/**
 * A publicly trusted certificate from an ACME CA (Let's Encrypt by default), proven by a DNS-01
 * challenge through the provider in `dns` (required), and renewed by the component's rotation clock.
 */
export interface AcmeCertificateArgs {
  /** Contact e-mail of the ACME account. Required. */
  email: pulumi.Input<string>;
  /** `"letsencrypt"`, `"letsencrypt-staging"` or an https ACME directory URL. Default: `"letsencrypt"`. */
  server?: string;
  /** `"RSA2048"`, `"RSA4096"`, `"P256"` or `"P384"`. Default: `"RSA2048"`. */
  keyType?: AcmeKeyType;
  /** A new certificate is ordered this many days before the 90-day certificate expires (1–60). Default: 30. */
  renewBeforeDays?: number;
}

/** Exactly one certificate source. */
export interface CertificateArgs {
  /** Self-signed, for development. */
  selfSigned?: SelfSignedCertificateArgs;
  /** Imported certificate material. */
  imported?: ImportedCertificateArgs;
  /** Azure-issued certificate (`cluster.kind = "aks"` only). */
  microsoftManaged?: MicrosoftManagedCertificateArgs;
  /** A publicly trusted ACME certificate (Let's Encrypt by default); needs `dns`. */
  acme?: AcmeCertificateArgs;
}

/** A Cloudflare DNS record for the hostname. */
export interface CloudflareDnsArgs {
  /** Cloudflare zone ID. Required. */
  zoneId: pulumi.Input<string>;
  /** Zone name (e.g. `example.com`); when given, a hostname outside it is refused. Default: not checked. */
  zoneName?: string;
  /** Proxy through Cloudflare. Default: false. */
  proxied?: boolean;
  /**
   * TTL in seconds: 1 (automatic) or 60–86400 (30–86400 with `enterpriseZone`). A proxied record is
   * always sent with 1 (Cloudflare keeps proxied records automatic). Default: 300.
   */
  ttl?: number;
  /**
   * API token for the ACME DNS-01 challenge (`certificate.acme`), with Zone:Read and DNS:Edit on the
   * zone; kept secret. Default: the `CLOUDFLARE_API_TOKEN` environment variable.
   */
  apiToken?: pulumi.Input<string>;
  /** The zone is on Cloudflare's Enterprise plan, which allows TTLs from 30 s. Default: false. */
  enterpriseZone?: boolean;
}

/** An Azure DNS record set for the hostname. */
export interface AzureDnsArgs {
  /** The Azure DNS zone that holds the hostname (e.g. `example.com`). Required. */
  zoneName: pulumi.Input<string>;
  /** Resource group of the zone. Required. */
  resourceGroupName: pulumi.Input<string>;
  /** TTL in seconds (1–2147483647). Default: 300. */
  ttl?: number;
}

/** DNS for the hostname. Default: no record (the output `dnsRecord` says what to create). */
export interface DnsArgs {
  /** Manage the record in Cloudflare. */
  cloudflare?: CloudflareDnsArgs;
  /** Manage the record in Azure DNS (at most one provider). */
  azure?: AzureDnsArgs;
}

/** A real-time service. */
export interface ServiceArgs {
  /** Endpoint / service name: 3–32 characters, a letter first, letters, digits and `-`. Required. */
  name: string;
  /**
   * Model asset: `azureml:<name>:<version>` (expanded to the workspace's
   * `…/workspaces/<ws>/models/<name>/versions/<version>` ARM ID), a full ARM ID, or a registry ID
   * `azureml://registries/<registry>/models/<name>/versions/<version>`. Default: none (a
   * custom-container environment that holds its model).
   */
  model?: pulumi.Input<string>;
  /**
   * Environment asset, in the same three forms as `model` (`environments`). Required on the
   * `kubernetes` kind (the Kubernetes online deployment schema requires one).
   */
  environment?: pulumi.Input<string>;
  /** Scoring script, relative to the code asset (e.g. `score.py`). Needs `codeId`. Default: none. */
  scoringScript?: string;
  /** Code asset holding the scoring script, in the same three forms as `model` (`codes`). Needs `scoringScript`. Default: none. */
  codeId?: pulumi.Input<string>;
  /** Kubernetes instance type. Default: the compute's default instance type. */
  instanceType?: string;
  /** Replicas. Default: 1. */
  instanceCount?: number;
  /** `Key` or `AMLToken`. Default: `Key`. */
  authMode?: string;
}

/** Arguments of {@link SslMlCluster}. */
export interface SslMlClusterArgs {
  /** The FQDN clients call (the guide's "CNAME"): on the certificate and in DNS. Required unless `certificate.microsoftManaged`. */
  hostname?: pulumi.Input<string>;
  /** Resource group of the workspace (and of a new cluster). Required. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure ML workspace name. Required. */
  workspaceName: pulumi.Input<string>;
  /**
   * Region of a new AKS cluster. The ML compute, endpoints and deployments always take the
   * workspace's region. Default: the resource group's region.
   */
  location?: pulumi.Input<string>;
  /** The cluster. Default: a new 3-node AKS cluster on the `kubernetes` path. */
  cluster?: ClusterArgs;
  /** Exactly one certificate source. Required. */
  certificate: CertificateArgs;
  /** DNS. Default: none. */
  dns?: DnsArgs;
  /** The scoring front end's public IP; skips discovery. Default: discovered. */
  frontEndIp?: pulumi.Input<string>;
  /** Real-time services. Default: none. */
  services?: ServiceArgs[];
  /**
   * TLS on the front end. Default: true. `false` sends `allowInsecureConnections=True` and no
   * certificate, prints a warning, and the scoring URIs become `http://`; development only.
   */
  tlsEnabled?: boolean;
  /** Tags for Azure resources. Default: none. */
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** Facts about the certificate in use (the `certificate` output). */
export interface CertificateSummary {
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
  subject: string;
  dnsNames: string[];
  issuer: string;
  selfSigned: boolean;
  /** Self-signed and ACME: when the next `pulumi up` makes a new certificate. */
  rotatesAfter?: string;
}

/** What to create by hand when the component manages no DNS (the `dnsRecord` output). */
export interface DnsRecordSummary {
  type: string;
  name: string;
  content: string;
  managed: boolean;
}
