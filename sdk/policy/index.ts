// `ssl-ml-cluster/policy`: the CrossGuard policy pack's policies and their pure rules. The ready
// pack folder is policy/ at the package's root (docs/operations.md).
export { sslMlClusterPolicies, POLICY_NAMES } from "./pack";
export type { PolicyEnforcement } from "./pack";
export {
  scoringTlsViolations,
  certificateViolations,
  daysLeftViolations,
  chainViolations,
  endpointViolations,
  proxiedRecordViolations,
  scoringCertificateFindings,
  ENDPOINT_AUTH_MODES,
} from "./rules";
export type { CertificateRuleConfig, EndpointRuleConfig, StackResourceLike } from "./rules";
export { scoringTls } from "./scoring-tls";
export type { ScoringTls } from "./scoring-tls";
