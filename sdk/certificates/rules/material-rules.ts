// Rules of the sources whose material the component handles itself: `certificate.selfSigned`
// (lifetime, algorithm) and `certificate.imported` (one form of each piece). Pure: no Pulumi, no I/O.
import { ArgumentError } from "../../errors";
import { KeyAlgorithm } from "../../enums";
import type { ImportedCertificateArgs, SelfSignedCertificateArgs } from "../../types";
import type { CertificateSourceKind, ResolvedArgs } from "../../args/resolved";
import { checkEnumValue } from "../../common/enum-value";
import { intIn } from "../../common/check-keys";
import { ecdsaWarning } from "../sources/source-rules";

/**
 * `certificate.selfSigned` with its defaults (checked whatever the source, as they are read); the
 * development-only warnings when it is the source.
 */
export function validateSelfSigned(
  ss: SelfSignedCertificateArgs,
  source: CertificateSourceKind | undefined,
  warnings: string[],
): ResolvedArgs["selfSigned"] {
  const validityDays = intIn("certificate.selfSigned.validityDays", ss.validityDays, 2, 3650, 90);
  const renewBeforeDays = intIn(
    "certificate.selfSigned.renewBeforeDays",
    ss.renewBeforeDays,
    1,
    validityDays - 1,
    Math.min(30, validityDays - 1),
  );
  checkEnumValue(
    "certificate.selfSigned.algorithm",
    ss.algorithm,
    Object.values(KeyAlgorithm),
    '"ECDSA" (P-256) or "RSA" (2048 bits)',
  );
  const algorithm: KeyAlgorithm = ss.algorithm ?? "RSA";
  if (source === "selfSigned") {
    warnings.push(
      "certificate.selfSigned: a self-signed certificate is for development only; clients must trust it explicitly",
    );
    if (algorithm === "ECDSA") warnings.push(ecdsaWarning("certificate.selfSigned.algorithm"));
  }
  return { validityDays, renewBeforeDays, algorithm };
}

/** `certificate.imported`: PEM/DER or PKCS#12, and one form (text or file) of each piece. */
export function validateImported(imp: ImportedCertificateArgs): void {
  intIn("certificate.imported.minDaysRemaining", imp.minDaysRemaining, 0, 3650, 30);
  const hasPem = imp.certPem !== undefined || imp.certFile !== undefined;
  const hasPfx = imp.pfxBase64 !== undefined || imp.pfxFile !== undefined;
  if (hasPem && hasPfx) {
    throw new ArgumentError(
      "certificate.imported",
      "give either PEM/DER (certPem/certFile) or PKCS#12 (pfxBase64/pfxFile), not both",
    );
  }
  if (!hasPem && !hasPfx) {
    throw new ArgumentError(
      "certificate.imported",
      "give certPem or certFile (with keyPem/keyFile), or pfxBase64 or pfxFile",
    );
  }
  if (imp.certPem !== undefined && imp.certFile !== undefined)
    throw new ArgumentError("certificate.imported.certFile", "give certPem or certFile, not both");
  if (imp.keyPem !== undefined && imp.keyFile !== undefined)
    throw new ArgumentError("certificate.imported.keyFile", "give keyPem or keyFile, not both");
  if (imp.chainPem !== undefined && imp.chainFile !== undefined)
    throw new ArgumentError("certificate.imported.chainFile", "give chainPem or chainFile, not both");
  if (imp.pfxBase64 !== undefined && imp.pfxFile !== undefined)
    throw new ArgumentError("certificate.imported.pfxFile", "give pfxBase64 or pfxFile, not both");
  if (hasPfx && (imp.keyPem !== undefined || imp.keyFile !== undefined)) {
    throw new ArgumentError(
      "certificate.imported.keyPem",
      "a PKCS#12 file carries its own key; remove keyPem/keyFile",
    );
  }
}
