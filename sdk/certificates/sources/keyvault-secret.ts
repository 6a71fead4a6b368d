// A Key Vault certificate's secret, read as certificate material. Key Vault keeps a certificate's
// key and chain as the secret of the same name, in the format its policy's content type names:
// `application/x-pkcs12` (base64 PKCS#12, no password) or `application/x-pem-file` (PEM: key and
// chain) (https://learn.microsoft.com/azure/key-vault/certificates/about-certificates#composition-of-a-certificate).
// Pure; no @pulumi module.
import { CertificateError, CertificateMaterial, CertificateReport, loadCertificate } from "../rules/inspect";
import { finding } from "../rules/findings";
import { looksLikePem } from "../formats/pem";
import { CertificateInput, looksLikePkcs12 } from "../formats/read";
import type { KeyVaultSecretValue } from "./keyvault-reader";

export const PKCS12_CONTENT_TYPE = "application/x-pkcs12";
export const PEM_CONTENT_TYPE = "application/x-pem-file";

/** The input for the shared rule set: the same loading and rules as `certificate.imported`. */
export function keyVaultCertificateInput(
  secret: KeyVaultSecretValue,
  hostname: string,
  minDaysRemaining?: number,
  now?: Date,
): CertificateInput | CertificateReport {
  const where = `certificate.keyVault (${secret.id})`;
  const type = (secret.contentType ?? "").split(";")[0].trim().toLowerCase();
  const names = {
    cert: where,
    key: where,
    pfx: where,
    chain: where,
    password: "the password to az keyvault certificate import (Key Vault then keeps it without one)",
    asCert: `a certificate imported as PEM (az keyvault certificate import with policy contentType ${PEM_CONTENT_TYPE})`,
    asPfx: `a certificate imported as PKCS#12 (contentType ${PKCS12_CONTENT_TYPE})`,
    keyHint:
      "a Key Vault certificate whose key is exportable (policy keyProperties.exportable: true); a certificate with a non-exportable key cannot be placed on the front end",
  };
  const base = { hostname, minDaysRemaining, now, requireKey: true, names };
  const pfxLike = () => {
    const b64 = secret.value.replace(/\s+/g, "");
    return /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && looksLikePkcs12(Buffer.from(b64, "base64"));
  };
  if (type === PKCS12_CONTENT_TYPE) return { ...base, pfx: secret.value, password: "" };
  if (type === PEM_CONTENT_TYPE) return { ...base, cert: secret.value };
  // A secret set by hand (no certificate policy) may still hold a certificate: read it by its form.
  if (looksLikePem(secret.value)) return { ...base, cert: secret.value };
  if (pfxLike()) return { ...base, pfx: secret.value, password: "" };
  return {
    ok: false,
    chainLength: 0,
    findings: [
      finding(
        "PEM_INVALID",
        `${where} is not a certificate: the secret's content type is ${secret.contentType ? JSON.stringify(secret.contentType) : "not set"} and its value is neither PEM nor base64 PKCS#12; name a Key Vault certificate (az keyvault certificate list), not a plain secret`,
      ),
    ],
  };
}

/** Checks the secret as a certificate; throws {@link CertificateError} with the imported-file codes. */
export function loadKeyVaultCertificate(
  secret: KeyVaultSecretValue,
  hostname: string,
  minDaysRemaining?: number,
  now?: Date,
): { report: CertificateReport; material: Required<CertificateMaterial> } {
  const input = keyVaultCertificateInput(secret, hostname, minDaysRemaining, now);
  if ("findings" in input) throw new CertificateError(input);
  const loaded = loadCertificate(input);
  if (!loaded.material?.keyPem) throw new CertificateError(loaded.report);
  return {
    report: loaded.report,
    material: { chainPem: loaded.material.chainPem, keyPem: loaded.material.keyPem },
  };
}
