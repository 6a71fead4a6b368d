export { SslMlCluster, SSL_ML_CLUSTER_TYPE } from "./component";
export {
  ClusterKind,
  ClusterPurpose,
  KeyAlgorithm,
  AuthMode,
  AcmeKeyType,
  AzureDnsAuthMethod,
} from "./enums";
export type {
  SslMlClusterArgs,
  ClusterArgs,
  CertificateArgs,
  SelfSignedCertificateArgs,
  ImportedCertificateArgs,
  MicrosoftManagedCertificateArgs,
  AcmeCertificateArgs,
  DnsArgs,
  CloudflareDnsArgs,
  AzureDnsArgs,
  AzurePrivateDnsArgs,
  AcmeChallengeArgs,
  NetworkArgs,
  ServiceArgs,
  CertificateSummary,
  DnsRecordSummary,
} from "./types";
export { inspectCertificate, loadCertificate, CertificateError } from "./certificates/inspect";
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
} from "./certificates/inspect";
export { scoringUri } from "./services/uris";
export { ArgumentError } from "./errors";
export { validateArgs } from "./validation/args";
export { rotationWindow, rotationClock } from "./certificates/rotation";

// Run as a source-based plugin for other Pulumi languages (`pulumi package add`): serve the
// component with this package's provider (sdk/provider/plugin-entry.ts). A no-op otherwise.
import { hostIfRunAsPlugin } from "./provider/plugin-entry";
hostIfRunAsPlugin();
