// PEM and DER reading: certificate blocks, OpenSSL's trusted form, and private keys in every PEM
// encoding Node reads (PKCS#1, PKCS#8, SEC1, legacy encrypted).
import { createPrivateKey, KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import { parsePem, PemBlock } from "./pem";
import { finding } from "../rules/findings";
import { CertificateInput, inputNames, ReadMaterial } from "./read-input";

const KEY_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];
const CERT_LABELS = ["CERTIFICATE", "X509 CERTIFICATE"];

/** The first DER element of `der` (asn1js finds where it ends). */
function firstDerElement(der: Buffer): Buffer {
  const { offset } = asn1js.fromBER(new Uint8Array(der));
  return offset > 0 ? der.subarray(0, offset) : der;
}

export function tryDerKey(der: Buffer): KeyObject | undefined {
  for (const type of ["pkcs8", "pkcs1", "sec1"] as const) {
    try {
      return createPrivateKey({ key: der, format: "der", type });
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

export function readPemInto(
  text: string | Buffer,
  source: string,
  input: CertificateInput,
  out: ReadMaterial,
  addCert: (der: Buffer, source: string) => void,
  certExpected: boolean,
): void {
  const { blocks, problems } = parsePem(text);
  for (const p of problems)
    out.findings.push(finding("PEM_INVALID", `${source}: ${p}; export the file again`));
  let certs = 0;
  for (const b of blocks) {
    if (CERT_LABELS.includes(b.label)) {
      certs++;
      addCert(b.der, source);
    } else if (b.label === "TRUSTED CERTIFICATE") {
      // OpenSSL's trusted form: the certificate followed by trust settings; keep the certificate.
      certs++;
      addCert(firstDerElement(b.der), source);
    } else if (KEY_LABELS.includes(b.label)) {
      readKeyBlock(b, source, input, out);
    } else if (b.label === "PUBLIC KEY" || b.label === "RSA PUBLIC KEY") {
      out.findings.push(finding("PEM_INVALID", `${source} holds a PUBLIC KEY; give the private key`));
    }
    // Other labels (EC PARAMETERS, CERTIFICATE REQUEST, …) carry nothing Azure needs.
  }
  if (
    certExpected &&
    certs === 0 &&
    problems.length === 0 &&
    blocks.length > 0 &&
    !blocks.some((b) => KEY_LABELS.includes(b.label))
  ) {
    out.findings.push(
      finding(
        "PEM_INVALID",
        `${source} holds no CERTIFICATE block (found ${blocks.map((b) => b.label).join(", ")})`,
      ),
    );
  }
}

function readKeyBlock(b: PemBlock, source: string, input: CertificateInput, out: ReadMaterial): void {
  const names = inputNames(input);
  const encrypted = b.label === "ENCRYPTED PRIVATE KEY" || /ENCRYPTED/i.test(b.headers["Proc-Type"] ?? "");
  if (encrypted && (input.password === undefined || input.password === "")) {
    out.findings.push(
      finding(
        "KEY_ENCRYPTED",
        `${source}: the private key is encrypted; give its passphrase as ${names.passwordHint}, or export the key without one`,
      ),
    );
    return;
  }
  // Legacy encrypted PEM needs its Proc-Type / DEK-Info headers back.
  const headerText = Object.entries(b.headers)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join("");
  const pem = headerText
    ? `-----BEGIN ${b.label}-----\n${headerText}\n${b.pem.split("\n").slice(1, -2).join("\n")}\n-----END ${b.label}-----\n`
    : b.pem;
  try {
    const key = createPrivateKey({
      key: pem,
      format: "pem",
      passphrase: encrypted ? input.password : undefined,
    });
    out.keys.push({ key, source });
  } catch {
    if (encrypted) {
      out.findings.push(
        finding(
          "KEY_ENCRYPTED",
          `${source}: the passphrase given as ${names.password} does not decrypt the private key; check it`,
        ),
      );
    } else {
      out.findings.push(
        finding(
          "PEM_INVALID",
          `${source}: the ${b.label} block is not a readable private key; export the key again`,
        ),
      );
    }
  }
}
