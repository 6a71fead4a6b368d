import { X509Certificate } from "node:crypto";
import { looksLikePem, toPem } from "./pem";
import { finding } from "../rules/findings";
import { CertificateInput, inputNames, ReadMaterial } from "./read-input";
import { readPemInto, tryDerKey } from "./read-pem";
import { looksLikePkcs12, readPfx } from "./read-pkcs12";

export type { CertificateInput, InputName, ReadCert, ReadMaterial } from "./read-input";
export { inputNames } from "./read-input";
export { looksLikePkcs12 };

function isEmpty(v: string | Buffer | undefined): boolean {
  return v === undefined || (typeof v === "string" ? v.trim().length === 0 : v.length === 0);
}

/** Reads every certificate and key from the input, converting formats in process. Never throws. */
export function readMaterial(input: CertificateInput): ReadMaterial {
  const names = inputNames(input);
  const out: ReadMaterial = { certs: [], keys: [], findings: [], fromPfx: false };
  const addCert = (der: Buffer, source: string) => {
    try {
      out.certs.push({ cert: new X509Certificate(der), der, source });
    } catch {
      out.findings.push(
        finding(
          "PEM_INVALID",
          `${source} holds a CERTIFICATE block that is not a valid X.509 certificate; export the certificate again`,
        ),
      );
    }
  };

  if (input.pfx !== undefined) {
    readPfx(input, names, out);
  }
  if (input.cert !== undefined) {
    if (isEmpty(input.cert)) {
      out.findings.push(finding("PEM_INVALID", `${names.cert} is empty; give a PEM or DER certificate`));
    } else if (looksLikePem(input.cert)) {
      readPemInto(input.cert, names.cert, input, out, addCert, true);
    } else {
      const der = typeof input.cert === "string" ? Buffer.from(input.cert, "latin1") : input.cert;
      if (looksLikePkcs12(der))
        out.findings.push(
          finding(
            "PEM_INVALID",
            `${names.cert} is a PKCS#12 (.pfx / .p12) file, not a certificate: give it as ${names.asPfx}`,
          ),
        );
      else if (der[0] === 0x30) addCert(der, names.cert);
      else
        out.findings.push(
          finding(
            "PEM_INVALID",
            `${names.cert} is neither PEM (no BEGIN CERTIFICATE line) nor DER; give the certificate file`,
          ),
        );
    }
  }
  if (input.chain !== undefined && !isEmpty(input.chain)) {
    readPemInto(input.chain, names.chain, input, out, addCert, false);
  }
  if (input.key !== undefined) {
    if (isEmpty(input.key)) {
      out.findings.push(finding("PEM_INVALID", `${names.key} is empty; give the private key PEM`));
    } else if (looksLikePem(input.key)) {
      const before = out.keys.length;
      const findingsBefore = out.findings.length;
      readPemInto(input.key, names.key, input, out, addCert, false);
      if (out.keys.length === before && out.findings.length === findingsBefore) {
        out.findings.push(
          finding("PEM_INVALID", `${names.key} holds no PRIVATE KEY block; give the private key PEM`),
        );
      }
    } else {
      const der = typeof input.key === "string" ? Buffer.from(input.key, "latin1") : input.key;
      const key = tryDerKey(der);
      if (key) out.keys.push({ key, source: names.key });
      else out.findings.push(finding("PEM_INVALID", `${names.key} is not a PEM or DER private key`));
    }
  }
  if (out.certs.length === 0 && !out.findings.some((f) => f.code === "PFX_PASSWORD")) {
    if (!out.findings.some((f) => f.code === "PEM_INVALID")) {
      const where = input.pfx !== undefined ? names.pfx : names.cert;
      out.findings.push(
        finding(
          "PEM_INVALID",
          `no certificate found in ${where}; give a PEM (BEGIN CERTIFICATE), DER or PKCS#12 certificate`,
        ),
      );
    }
  }
  if (
    input.requireKey &&
    out.keys.length === 0 &&
    !out.findings.some((f) => ["KEY_ENCRYPTED", "PFX_PASSWORD"].includes(f.code))
  ) {
    out.findings.push(
      finding("PEM_INVALID", `no private key found; give ${names.keyHint} (the certificate's private key)`),
    );
  }
  return out;
}

export { toPem };
