// `ssl-ml-cluster/certificates`: the certificate toolkit alone. It loads no @pulumi package, so a
// script or a pipeline step can check certificates without the Pulumi SDK's start-up cost.
export {
  inspectCertificate,
  loadCertificate,
  extractMaterial,
  CertificateError,
  MAX_CHAIN,
} from "./rules/inspect";
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
} from "./rules/inspect";
export { readInputFile, MAX_FILE_BYTES } from "./formats/files";
export { rotationWindow, rotationClock } from "./sources/rotation";
export { dnsNameMatches, hostnameCovered } from "./rules/hostname-match";
export { ArgumentError } from "../errors";
