import * as pulumi from "@pulumi/pulumi";
import type {
  AcmeKeyType,
  AuthMode,
  AzureDnsAuthMethod,
  ClusterKind,
  ClusterPurpose,
  KeyAlgorithm,
} from "./enums";

/** Where the cluster comes from and which Azure ML path is used. */
export interface ClusterArgs {
  /**
   * `"kubernetes"` (default): the current Azure ML path (AKS + the `Microsoft.AzureML.Kubernetes`
   * extension + a `Kubernetes` compute). `"aks"`: the legacy `AKS` compute (AksCompute) with
   * `sslConfiguration`, as in the original "Enable SSL" guide.
   */
  kind?: ClusterKind;
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
  clusterPurpose?: ClusterPurpose;
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
  algorithm?: KeyAlgorithm;
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
  /**
   * The public zone that answers the DNS-01 challenge when the hostname's record is private
   * (`dns.azurePrivate`): the CA cannot see a private zone, so the TXT record goes here while the A
   * record stays private. Exactly one of `cloudflare` / `azure`. Default: the provider in `dns`.
   */
  challenge?: AcmeChallengeArgs;
}

/**
 * The public DNS zone for the ACME DNS-01 TXT record, when it is not the zone of `dns`. The same
 * shapes as `dns.cloudflare` / `dns.azure`, less the fields that only describe the A record
 * (`proxied`, `ttl`, `enterpriseZone`, `adoptRecordId`), which are refused here.
 */
export interface AcmeChallengeArgs {
  /** Answer the challenge in a Cloudflare zone (`zoneId`, `apiToken`, `zoneName`). Default: none (give exactly one). */
  cloudflare?: CloudflareDnsArgs;
  /** Answer the challenge in an Azure DNS zone (`zoneName`, `resourceGroupName`, `authMethod`). Default: none (give exactly one). */
  azure?: AzureDnsArgs;
}

/** Exactly one certificate source. */
export interface CertificateArgs {
  /** Self-signed, for development. Default: none (give exactly one source). */
  selfSigned?: SelfSignedCertificateArgs;
  /** Imported certificate material. Default: none (give exactly one source). */
  imported?: ImportedCertificateArgs;
  /** Azure-issued certificate (`cluster.kind = "aks"` only). Default: none (give exactly one source). */
  microsoftManaged?: MicrosoftManagedCertificateArgs;
  /** A publicly trusted ACME certificate (Let's Encrypt by default); needs `dns`. Default: none (give exactly one source). */
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
   * Cloudflare API token with Zone:Read and DNS:Edit on the zone, kept secret. When given, an
   * explicit Cloudflare provider made with it writes the record, looks the zone and the name up, and
   * answers the ACME DNS-01 challenge. Default: the ambient Cloudflare provider (`cloudflare:apiToken`
   * configuration, else the `CLOUDFLARE_API_TOKEN` environment variable).
   */
  apiToken?: pulumi.Input<string>;
  /** The zone is on Cloudflare's Enterprise plan, which allows TTLs from 30 s. Default: false. */
  enterpriseZone?: boolean;
  /**
   * ID of an existing record with the hostname's name that this stack takes over (after
   * `pulumi import`); without it such a record is refused, since Cloudflare would keep both and
   * split the traffic. Default: none.
   */
  adoptRecordId?: string;
}

/** An Azure DNS record set for the hostname. */
export interface AzureDnsArgs {
  /** The Azure DNS zone that holds the hostname (e.g. `example.com`). Required. */
  zoneName: pulumi.Input<string>;
  /** Resource group of the zone. Required. */
  resourceGroupName: pulumi.Input<string>;
  /** TTL in seconds (1–2147483647). Default: 300. */
  ttl?: number;
  /**
   * How the ACME DNS-01 challenge (`certificate.acme`) signs in to Azure DNS: `"default"` (Azure's
   * credential chain), `"cli"` (`az login`), `"msi"` (managed identity), `"oidc"` (OpenID Connect
   * federation, e.g. GitHub Actions), `"env"` (a service principal from `AZURE_CLIENT_ID` /
   * `AZURE_TENANT_ID` / `AZURE_CLIENT_SECRET`) or `"workloadIdentity"` (AKS workload identity's
   * injected `AZURE_CLIENT_ID` / `AZURE_FEDERATED_TOKEN_FILE`). `"msi"` and `"workloadIdentity"` put
   * no secret in the stack; `"msi"` signs in as the host's default identity (for one user-assigned
   * identity among several, use `"default"` with `AZURE_CLIENT_ID`). The identity needs
   * `DNS Zone Contributor` on the zone (docs/private-networks.md). The record itself is written by
   * the azure-native provider. Default: `"default"`.
   */
  authMethod?: AzureDnsAuthMethod;
}

/**
 * An A record in an Azure Private DNS zone (split-horizon DNS for a private front end), and the
 * zone's links to the networks that resolve it. See docs/private-networks.md.
 */
export interface AzurePrivateDnsArgs {
  /** The Azure Private DNS zone that holds the hostname (e.g. `example.com` or `corp.example.com`). Required. */
  zoneName: pulumi.Input<string>;
  /** Resource group of the private zone. Required. */
  resourceGroupName: pulumi.Input<string>;
  /** TTL in seconds (1–2147483647). Default: 300. */
  ttl?: number;
  /**
   * Resource IDs of virtual networks to link the zone to
   * (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…`), one
   * `VirtualNetworkLink` each, auto-registration off. Plain strings: each link's name is derived
   * from the component's name and a hash of the ID. Default: none (links are managed elsewhere).
   */
  virtualNetworkIds?: string[];
}

/** DNS for the hostname. Default: no record (the output `dnsRecord` says what to create). */
export interface DnsArgs {
  /** Manage the record in Cloudflare. Default: none (no record is managed). */
  cloudflare?: CloudflareDnsArgs;
  /** Manage the record in Azure DNS (at most one provider). Default: none (no record is managed). */
  azure?: AzureDnsArgs;
  /**
   * Manage the record in an Azure Private DNS zone, for a private front end (at most one provider;
   * ACME then needs `certificate.acme.challenge`). Default: none (no record is managed).
   */
  azurePrivate?: AzurePrivateDnsArgs;
}

/** Where the scoring front end listens. See docs/private-networks.md. */
export interface NetworkArgs {
  /**
   * Put the scoring front end behind an internal (private) Azure load balancer. `kubernetes` kind:
   * the extension setting `internalLoadBalancerProvider=azure`; `aks` kind: the compute's
   * `loadBalancerType: InternalLoadBalancer`. Changing it updates the cluster in place and
   * interrupts live scoring calls. Default: false (a public IP).
   */
  internalLoadBalancer?: boolean;
  /**
   * `aks` kind only: resource ID of the subnet for the internal load balancer
   * (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…`),
   * a subnet of the cluster's network; its name is sent as `loadBalancerSubnet`. The `kubernetes`
   * kind has no such setting (the load balancer takes an address in the nodes' subnet). Default:
   * Azure's choice (`aks-subnet`).
   */
  subnetId?: pulumi.Input<string>;
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
  authMode?: AuthMode;
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
  /** A private front end (internal load balancer). Default: a public front end. */
  network?: NetworkArgs;
  /** The scoring front end's IP (private behind `network.internalLoadBalancer`); skips discovery. Default: discovered. */
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
  /** SHA-256 fingerprint of the leaf, colon-separated upper-case hex (as `openssl x509 -fingerprint -sha256` prints it). */
  fingerprintSha256: string;
  /** Start of the leaf's validity, ISO 8601 UTC. */
  notBefore: string;
  /** End of the leaf's validity, ISO 8601 UTC. */
  notAfter: string;
  /** Subject of the leaf, e.g. `CN=ml.example.com, O=…`. */
  subject: string;
  /** The leaf's subjectAltName DNS names. */
  dnsNames: string[];
  /** Issuer of the leaf (equal to `subject` when self-signed). */
  issuer: string;
  /** Whether the leaf is self-signed (development only). */
  selfSigned: boolean;
  /** Self-signed and ACME: when the next `pulumi up` makes a new certificate. */
  rotatesAfter?: string;
  /**
   * The public certificate chain as the front end serves it, PEM, leaf first (never secret: it holds
   * no key). `ssl-ml-cluster verify --outputs` trusts exactly this certificate when it is self-signed.
   */
  pem: string;
}

/** What to create by hand when the component manages no DNS (the `dnsRecord` output). */
export interface DnsRecordSummary {
  /** `A` (IPv4 front end), `AAAA` (IPv6) or `CNAME` (a front end with a host name). */
  type: string;
  /** The record's name: the hostname. */
  name: string;
  /** What the record points at: the front end's address or host name. */
  content: string;
  /** True when this component manages the record (a `dns` block is set); false when it is to be created by hand. */
  managed: boolean;
}
