// The shapes of the arguments after validation: what `validateArgs` returns and the parts read.
// They live here, below every part, so that a part can name them without importing another part
// or sdk/validation/ (tests/architecture.test.ts). Each rule file re-exports its own.
import type { AcmeKeyType, ClusterKind } from "../enums";
import type { ServiceArgs } from "./services";

/** The DNS provider that answers the DNS-01 challenge (lego's provider names). */
export type ChallengeProvider = "cloudflare" | "azuredns";

/** The certificate sources (`certificate.<source>`). */
export type CertificateSourceKind = "selfSigned" | "imported" | "microsoftManaged" | "acme" | "keyVault";

/** `certificate.acme` after validation, defaults applied. */
export interface ResolvedAcme {
  /** The ACME directory URL. */
  serverUrl: string;
  keyType: AcmeKeyType;
  renewBeforeDays: number;
  /** Validity assumed for the rotation windows. */
  validityDays: number;
  /** The DNS provider that answers the DNS-01 challenge (`certificate.acme.challenge`, else `dns`). */
  challenge: ChallengeProvider;
  /** Resolvers for lego's DNS-01 precheck; undefined: the machine's own. */
  recursiveNameservers?: string[];
}

/** `network` after validation. */
export interface ResolvedNetwork {
  /** True: internal load balancer; false: public, said explicitly; undefined: no `network` block. */
  internalLoadBalancer?: boolean;
  /** The subnet's name (`aks` kind, `loadBalancerSubnet`), when `subnetId` is a plain string. */
  subnetName?: string;
  /**
   * A new cluster placed in `network.subnetId`: the Kubernetes service range it gets, and whether
   * the component gives the cluster identity Network Contributor on the subnet (`kubernetes` kind).
   */
  newClusterSubnet?: { serviceCidr: string; dnsServiceIP: string; assignRole: boolean };
}

/** `dns.azurePrivate` after validation. */
export interface ResolvedAzurePrivateDns {
  ttl: number;
  /** The zone when it is a plain string (canonical form), else undefined. */
  zoneName?: string;
  /** The VNet IDs as given (trimmed), in the order given. */
  virtualNetworkIds: string[];
}

/** `certificate.keyVault` once checked: the vault's canonical URI, the names, the pinned version. */
export interface ResolvedKeyVault {
  /** `https://<name>.<suffix>/`, lower case, one trailing slash. */
  vaultUri: string;
  /** The vault's name (the first label of its host). */
  vaultName: string;
  certificateName: string;
  /** 32 lower-case hex characters when pinned; undefined reads the current version at each run. */
  version?: string;
}

/** The args after validation: defaults applied, services sorted by name. `args` itself is never changed. */
export interface ResolvedArgs {
  kind: ClusterKind;
  tlsEnabled: boolean;
  certificateSource?: CertificateSourceKind;
  /** The hostname when it is a plain string (canonical form), else undefined. */
  plainHostname?: string;
  nodeCount: number;
  vmSize: string;
  namespace: string;
  selfSigned: { validityDays: number; renewBeforeDays: number; algorithm: "ECDSA" | "RSA" };
  /**
   * `clusterPurpose` of a new legacy AKS compute: the one given, else `FastProd` when the cluster
   * has the 12 vCPUs it needs, else `DevTest`. Undefined on attach (it follows the real cluster).
   */
  clusterPurpose?: string;
  /** Cloudflare: `ttl` is what is sent (1 for a proxied record). */
  dns?: { ttl: number; proxied: boolean; zoneName?: string };
  /** `certificate.acme` with its defaults, when that is the source. */
  acme?: ResolvedAcme;
  /** `network` (a private front end). */
  network: ResolvedNetwork;
  /** `dns.azurePrivate` with its defaults, when given. */
  azurePrivate?: ResolvedAzurePrivateDns;
  /** `certificate.keyVault` checked (canonical vault URI), when that is the source. */
  keyVault?: ResolvedKeyVault;
  services: ServiceArgs[];
  /** `frontEndWaitMinutes`, default 15: how long the up waits for the front end's address. */
  frontEndWaitMinutes: number;
  warnings: string[];
}
