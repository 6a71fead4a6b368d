export { SslMlCluster, SSL_ML_CLUSTER_TYPE } from "./component";
export { SslMlManagedEndpoints, SSL_ML_MANAGED_ENDPOINTS_TYPE } from "./managed/component";
export {
  ClusterKind,
  ClusterPurpose,
  KeyAlgorithm,
  AuthMode,
  AcmeKeyType,
  AzureDnsAuthMethod,
  FrontDoorSku,
} from "./enums";
export type {
  SslMlClusterArgs,
  ClusterArgs,
  CertificateArgs,
  SelfSignedCertificateArgs,
  ImportedCertificateArgs,
  MicrosoftManagedCertificateArgs,
  AcmeCertificateArgs,
  KeyVaultCertificateArgs,
  DnsArgs,
  CloudflareDnsArgs,
  AzureDnsArgs,
  AzurePrivateDnsArgs,
  AcmeChallengeArgs,
  NetworkArgs,
  ServiceArgs,
  CertificateSummary,
  DnsRecordSummary,
  KeyVaultCertificateSummary,
  SslMlManagedEndpointsArgs,
  ManagedServiceArgs,
  FrontDoorArgs,
  ManagedCertificateSummary,
  ManagedDnsRecordSummary,
} from "./types";
export { inspectCertificate, loadCertificate, CertificateError } from "./certificates/rules/inspect";
export type {
  CertificateReport,
  CertificateDetails,
  CertificateMaterial,
  CertificateInput,
  CertificateInputLike,
  CertificateInputAliases,
  Finding,
  FindingCode,
  Severity,
} from "./certificates/rules/inspect";
export { KeyVaultError } from "./certificates/sources/keyvault-reader";
export { scoringUri } from "./services/uris";
export { ArgumentError } from "./errors";
export { validateArgs } from "./validation/args";
export { rotationWindow, rotationClock } from "./certificates/sources/rotation";

// Run as a source-based plugin for other Pulumi languages (`pulumi package add`): serve the
// component with this package's provider (sdk/provider/plugin-entry.ts). A no-op otherwise.
import { hostIfRunAsPlugin } from "./provider/plugin-entry";
hostIfRunAsPlugin();
