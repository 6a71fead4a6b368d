// PKCS#12 (.pfx / .p12) reading through node-forge, loaded on first use.
import { createPrivateKey, KeyObject, X509Certificate } from "node:crypto";
import type * as Forge from "node-forge";
import * as asn1js from "asn1js";
import { looksLikePem } from "./pem";
import { finding } from "../rules/findings";
import { CertificateInput, inputNames, ReadCert, ReadMaterial } from "./read-input";

const PKCS7_DATA = "1.2.840.113549.1.7.1";

/** PKCS#12's outer shape (RFC 7292): SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data, … }, … }. */
export function looksLikePkcs12(der: Buffer): boolean {
  try {
    const { result, offset } = asn1js.fromBER(new Uint8Array(der));
    if (offset === -1 || !(result instanceof asn1js.Sequence)) return false;
    const [version, authSafe] = result.valueBlock.value;
    if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 3) return false;
    const oid = authSafe instanceof asn1js.Sequence ? authSafe.valueBlock.value[0] : undefined;
    return oid instanceof asn1js.ObjectIdentifier && oid.valueBlock.toString() === PKCS7_DATA;
  } catch {
    return false;
  }
}

function isX509Der(der: Buffer): boolean {
  try {
    new X509Certificate(der);
    return true;
  } catch {
    return false;
  }
}

export function readPfx(
  input: CertificateInput,
  names: ReturnType<typeof inputNames>,
  out: ReadMaterial,
): void {
  // Loaded on first use: node-forge costs ~100 ms at start-up and only PKCS#12 needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const forge = require("node-forge") as typeof Forge;
  out.fromPfx = true;
  let bytes: Buffer;
  if (looksLikePem(input.pfx!)) {
    out.findings.push(
      finding(
        "PEM_INVALID",
        `${names.pfx} is PEM text (a BEGIN line), not PKCS#12: give the certificate as ${names.asCert}`,
      ),
    );
    return;
  }
  if (typeof input.pfx === "string") {
    const b64 = input.pfx.replace(/\s+/g, "");
    if (b64.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
      out.findings.push(
        finding(
          "PEM_INVALID",
          `${names.pfx} is not base64 PKCS#12 data; give the .pfx file's bytes in base64`,
        ),
      );
      return;
    }
    bytes = Buffer.from(b64, "base64");
  } else {
    bytes = input.pfx!;
  }
  if (bytes.length === 0) {
    out.findings.push(finding("PEM_INVALID", `${names.pfx} is empty; give a .pfx / .p12 file`));
    return;
  }
  if (!looksLikePkcs12(bytes) && isX509Der(bytes)) {
    out.findings.push(
      finding(
        "PEM_INVALID",
        `${names.pfx} is an X.509 certificate (DER), not PKCS#12: give it as ${names.asCert}`,
      ),
    );
    return;
  }
  let p12: Forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString("binary")));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn, false, input.password ?? "");
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/MAC could not be verified|password|decrypt/i.test(msg)) {
      out.findings.push(
        finding(
          "PFX_PASSWORD",
          input.password === undefined || input.password === ""
            ? `${names.pfx} is protected by a password; give it as ${names.passwordHint}`
            : `the ${names.password} given does not open ${names.pfx}; check it`,
        ),
      );
    } else {
      // The parser's own words ("Too few bytes to read ASN.1 value") would not help the reader.
      out.findings.push(
        finding(
          "PEM_INVALID",
          `${names.pfx} is not a readable PKCS#12 file (damaged, cut off, or another format); export it again as .pfx / .p12`,
        ),
      );
    }
    return;
  }
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? [];
  for (const bag of certBags) {
    // forge cannot model ECDSA certificates; it keeps their ASN.1, which is all we need.
    const asn = bag.cert
      ? forge.pki.certificateToAsn1(bag.cert)
      : (bag as unknown as { asn1: Forge.asn1.Asn1 }).asn1;
    const der = Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary");
    try {
      out.certs.push({ cert: new X509Certificate(der), der, source: names.pfx });
    } catch {
      out.findings.push(finding("PEM_INVALID", `${names.pfx} holds a certificate that cannot be read`));
    }
  }
  for (const type of [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!]) {
    const bags = p12.getBags({ bagType: type })[type] ?? [];
    for (const bag of bags) {
      const asn = bag.key
        ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as Forge.pki.rsa.PrivateKey))
        : (bag as unknown as { asn1: Forge.asn1.Asn1 }).asn1;
      const der = Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary");
      try {
        out.keys.push({
          key: createPrivateKey({ key: der, format: "der", type: "pkcs8" }),
          source: names.pfx,
        });
      } catch {
        out.findings.push(finding("PEM_INVALID", `${names.pfx} holds a private key that cannot be read`));
      }
    }
  }
  // A PKCS#12 file lists its certificates in no set order: put the leaf (the key's) first, then its issuers.
  out.certs = orderPfxCerts(
    out.certs,
    out.keys.map((k) => k.key),
  );
}

function orderPfxCerts(certs: ReadCert[], keys: KeyObject[]): ReadCert[] {
  if (certs.length < 2 || certs.length > 20) return certs; // a bundle is refused later, unordered
  const leafIndex = certs.findIndex((c) => keys.some((k) => safeCheck(c.cert, k)));
  const rest = [...certs];
  const ordered: ReadCert[] = [];
  let current = rest.splice(leafIndex >= 0 ? leafIndex : 0, 1)[0];
  ordered.push(current);
  while (rest.length > 0) {
    const i = rest.findIndex(
      (c) => current.cert.issuer !== current.cert.subject && current.cert.checkIssued(c.cert),
    );
    if (i < 0) break;
    current = rest.splice(i, 1)[0];
    ordered.push(current);
  }
  return [...ordered, ...rest];
}

function safeCheck(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}
