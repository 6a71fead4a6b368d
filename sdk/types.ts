import * as pulumi from "@pulumi/pulumi";
import type { ClusterArgs } from "./args/cluster";
import type { CertificateArgs } from "./args/certificate";
import type { DnsArgs } from "./args/dns";
import type { NetworkArgs } from "./args/network";
import type { ServiceArgs } from "./args/services";

// The argument shapes of each part live in sdk/args/ (one file per part); they are re-exported here,
// so `sdk/types` stays the one place that names every public type.
export type { ClusterArgs } from "./args/cluster";
export type {
  AcmeCertificateArgs,
  AcmeChallengeArgs,
  CertificateArgs,
  ImportedCertificateArgs,
  KeyVaultCertificateArgs,
  MicrosoftManagedCertificateArgs,
  SelfSignedCertificateArgs,
} from "./args/certificate";
export type { AzureDnsArgs, AzurePrivateDnsArgs, CloudflareDnsArgs, DnsArgs } from "./args/dns";
export type { NetworkArgs } from "./args/network";
export type { ServiceArgs } from "./args/services";
export type {
  FrontDoorArgs,
  ManagedCertificateSummary,
  ManagedDnsRecordSummary,
  ManagedServiceArgs,
  SslMlManagedEndpointsArgs,
} from "./args/managed";

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
  /**
   * How long `pulumi up` waits for the front end's address when it is discovered (no `frontEndIp`):
   * Service azureml/azureml-fe's load-balancer address on the `kubernetes` kind, the compute's
   * ScoringFrontEnd `publicIpAddress` (and, with `certificate.microsoftManaged`, the name Azure
   * gives the front end) on the `aks` kind. Minutes, greater than 0 and at most 120. Preview never
   * waits. Default: 15.
   */
  frontEndWaitMinutes?: number;
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

/** The Key Vault certificate in use (the `keyVaultCertificate` output; `certificate.keyVault` only). */
export interface KeyVaultCertificateSummary {
  /** The certificate's identifier, `https://<vault>/certificates/<name>/<version>`. */
  id: string;
  /** The identifier of the secret that was read, `https://<vault>/secrets/<name>/<version>`. */
  secretId: string;
  /** The version in use (32 hex characters). */
  version: string;
  /** The vault's URI. */
  vaultUri: string;
  /** The certificate's name. */
  name: string;
  /** True when `certificate.keyVault.version` pins it; false when the current version is followed. */
  pinned: boolean;
}
