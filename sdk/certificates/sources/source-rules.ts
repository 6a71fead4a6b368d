// Rules of `certificate`: which source is used (exactly one, none only with TLS off) and the
// Microsoft-managed source's own rules. Pure: no Pulumi, no I/O.
import { ArgumentError } from "../../errors";
import type { ClusterKind } from "../../enums";
import type { CertificateArgs, SslMlClusterArgs } from "../../types";
import type { CertificateSourceKind } from "../../args/resolved";
import { checkKeys, isPlainString } from "../../common/check-keys";

export type { CertificateSourceKind };

/** The certificate sources, in the order messages list them. */
const SOURCES = ["selfSigned", "imported", "microsoftManaged", "acme", "keyVault"] as const;
const SOURCE_LIST = "selfSigned, imported, microsoftManaged, acme or keyVault";
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The fields of `certificate` and of each source. */
const CERTIFICATE_KEYS: Record<string, string[]> = {
  certificate: [...SOURCES],
  "certificate.selfSigned": ["validityDays", "renewBeforeDays", "algorithm"],
  "certificate.imported": [
    "certPem",
    "keyPem",
    "chainPem",
    "certFile",
    "keyFile",
    "chainFile",
    "pfxBase64",
    "pfxFile",
    "password",
    "minDaysRemaining",
  ],
  "certificate.microsoftManaged": ["leafDomainLabel", "overwriteExistingDomain"],
  "certificate.acme": ["email", "server", "keyType", "renewBeforeDays", "challenge"],
  "certificate.keyVault": ["vaultUri", "vaultName", "certificateName", "version"],
};

/**
 * Every Azure ML TLS example (the "Enable SSL" guide, azureml-core, the extension docs) uses an RSA
 * 2048 key; none shows an ECDSA key on the scoring front end. Not refused, but said.
 */
export function ecdsaWarning(argument: string): string {
  return `${argument}: the certificate has an ECDSA key; every Azure ML TLS example uses RSA 2048 and an ECDSA key on the scoring front end is untested by Microsoft's docs; prefer RSA unless you have checked it (npm run live-check tries both)`;
}

/**
 * The one certificate source given (its block's fields checked), or undefined when TLS is off
 * (then none may be given, and the warning says plain HTTP is for development).
 */
export function certificateSource(
  certificate: CertificateArgs | undefined,
  tlsEnabled: boolean,
  warnings: string[],
): CertificateSourceKind | undefined {
  if (certificate === undefined && tlsEnabled) {
    throw new ArgumentError("certificate", `is required: give one of ${SOURCE_LIST}`);
  }
  checkKeys("certificate", certificate, CERTIFICATE_KEYS.certificate);
  const sources = SOURCES.filter((k) => certificate?.[k] !== undefined);
  if (!tlsEnabled) {
    if (sources.length > 0) {
      throw new ArgumentError(
        `certificate.${sources[0]}`,
        "is given but tlsEnabled is false; remove the certificate, or remove tlsEnabled: false to keep TLS on",
      );
    }
    warnings.push(
      "tlsEnabled is false: the scoring front end accepts plain HTTP (allowInsecureConnections=True); use this for development only",
    );
    return undefined;
  }
  if (sources.length !== 1) {
    throw new ArgumentError(
      "certificate",
      sources.length === 0
        ? `give exactly one of ${SOURCE_LIST} (none was given)`
        : `give exactly one of ${SOURCE_LIST} (got ${sources.join(" and ")})`,
    );
  }
  const source = sources[0];
  checkKeys(`certificate.${source}`, certificate![source], CERTIFICATE_KEYS[`certificate.${source}`]);
  return source;
}

/**
 * `certificate.microsoftManaged`: `aks` kind only, one DNS label, and Azure chooses the name, so
 * neither `hostname` nor `dns` may be given.
 */
export function validateMicrosoftManaged(args: SslMlClusterArgs, kind: ClusterKind): void {
  if (kind !== "aks") {
    throw new ArgumentError(
      "certificate.microsoftManaged",
      'is only available with cluster.kind "aks": the Azure ML Kubernetes extension has no Microsoft-managed certificate; use selfSigned or imported',
    );
  }
  const mm = args.certificate.microsoftManaged!;
  if (!isPlainString(mm.leafDomainLabel) || !DNS_LABEL.test(mm.leafDomainLabel)) {
    throw new ArgumentError(
      "certificate.microsoftManaged.leafDomainLabel",
      `must be one DNS label (1–63 lower-case letters, digits or '-'), got ${JSON.stringify(mm.leafDomainLabel)}`,
    );
  }
  if (mm.overwriteExistingDomain !== undefined && typeof mm.overwriteExistingDomain !== "boolean") {
    throw new ArgumentError("certificate.microsoftManaged.overwriteExistingDomain", "must be true or false");
  }
  if (args.hostname !== undefined) {
    throw new ArgumentError(
      "hostname",
      "must not be set with certificate.microsoftManaged: Azure chooses the name (<leafDomainLabel>.<region>.cloudapp.azure.com); remove hostname",
    );
  }
  if (args.dns !== undefined) {
    throw new ArgumentError(
      "dns",
      "must not be set with certificate.microsoftManaged: Azure creates the DNS name itself",
    );
  }
}
