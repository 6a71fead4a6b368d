import "reflect-metadata"; // @peculiar/x509 needs it loaded once, before its first use
import { X509Certificate as NodeX509, KeyObject } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import { Certificate } from "@peculiar/asn1-x509";
import { RsaSaPssParams } from "@peculiar/asn1-rsa";
import * as x509 from "@peculiar/x509";

/** What Node 20 does not expose about a certificate, read with a maintained X.509 parser. */
export interface X509Facts {
  subject: string;
  issuer: string;
  dnsNames: string[];
  signatureOid: string;
  /** Lower-case hash name of the signature ("sha256", "sha1", "md5", …) or "" when unknown. */
  signatureHash: string;
}

const SIGNATURE_HASH: Record<string, string> = {
  "1.2.840.113549.1.1.2": "md2",
  "1.2.840.113549.1.1.3": "md4",
  "1.2.840.113549.1.1.4": "md5",
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.113549.1.1.14": "sha224",
  "1.2.840.10045.4.1": "sha1",
  "1.2.840.10045.4.3.1": "sha224",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
  "1.2.840.10040.4.3": "sha1",
  "2.16.840.1.101.3.4.3.2": "sha256",
  "1.3.101.112": "ed25519",
  "1.3.101.113": "ed448",
};
const HASH_OID: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
  "1.2.840.113549.2.5": "md5",
};
const RSASSA_PSS = "1.2.840.113549.1.1.10";

export function readX509Facts(der: Buffer): X509Facts {
  const asn = AsnConvert.parse(der, Certificate);
  const oid = asn.signatureAlgorithm.algorithm;
  let hash = SIGNATURE_HASH[oid] ?? "";
  if (oid === RSASSA_PSS) {
    // PSS names its hash in the parameters; when absent the default is SHA-1 (RFC 4055).
    hash = "sha1";
    const params = asn.signatureAlgorithm.parameters;
    if (params && params.byteLength > 2) {
      const pss = AsnConvert.parse(params, RsaSaPssParams);
      hash = HASH_OID[pss.hashAlgorithm.algorithm] ?? "";
    }
  }
  const cert = new x509.X509Certificate(der);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const dnsNames = san ? san.names.items.filter((n) => n.type === "dns").map((n) => n.value) : [];
  return { subject: cert.subject, issuer: cert.issuer, dnsNames, signatureOid: oid, signatureHash: hash };
}

/**
 * The same facts, never throwing: a certificate that Node accepts but the full parser does not
 * (an unusual extension, say) still gets a subject, an issuer and its SAN DNS names from Node.
 */
export function safeX509Facts(cert: NodeX509, der: Buffer): X509Facts {
  try {
    return readX509Facts(der);
  } catch {
    const dn = (s: string) => s.split("\n").filter(Boolean).join(", ");
    const dnsNames = (cert.subjectAltName ?? "")
      .split(", ")
      .filter((n) => n.startsWith("DNS:"))
      .map((n) => n.slice(4));
    return {
      subject: dn(cert.subject),
      issuer: dn(cert.issuer),
      dnsNames,
      signatureOid: "",
      signatureHash: "",
    };
  }
}

/** Key type and size as people name them: RSA 2048, ECDSA 256, Ed25519 256. */
export function describeKey(key: KeyObject): { keyType: string; keyBits: number; curve?: string } {
  const d = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "rsa":
    case "rsa-pss":
      return { keyType: key.asymmetricKeyType === "rsa" ? "RSA" : "RSA-PSS", keyBits: d.modulusLength ?? 0 };
    case "ec": {
      const curve = d.namedCurve ?? "";
      return { keyType: "ECDSA", keyBits: CURVE_BITS[curve] ?? 0, curve };
    }
    case "ed25519":
      return { keyType: "Ed25519", keyBits: 256 };
    case "ed448":
      return { keyType: "Ed448", keyBits: 456 };
    default:
      return { keyType: String(key.asymmetricKeyType ?? "unknown").toUpperCase(), keyBits: 0 };
  }
}

const CURVE_BITS: Record<string, number> = {
  prime192v1: 192,
  secp192k1: 192,
  secp224r1: 224,
  secp224k1: 224,
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

/** The NIST curves Azure ML's front end and common TLS clients accept. */
export const ACCEPTED_CURVES = ["prime256v1", "secp384r1", "secp521r1"];

/**
 * Subject and issuer are the same name. Not `checkIssued(self)`: OpenSSL also demands keyCertSign
 * there, which a self-signed server certificate (tls provider, most tools) does not have.
 */
export function isSelfIssued(cert: NodeX509): boolean {
  return cert.subject === cert.issuer;
}

/** Self-issued and its signature verifies with its own key. */
export function isSelfSigned(cert: NodeX509): boolean {
  return isSelfIssued(cert) && safeVerify(cert, cert.publicKey);
}

export function safeVerify(cert: NodeX509, key: KeyObject): boolean {
  try {
    return cert.verify(key);
  } catch {
    return false;
  }
}

/** Whether `issuer` issued `cert`: names match and the signature verifies. */
export function issuedBy(cert: NodeX509, issuer: NodeX509): boolean {
  return cert.checkIssued(issuer) && safeVerify(cert, issuer.publicKey);
}

/** "AB:CD:…" SHA-256 fingerprint, as openssl and Node print it. */
export function fingerprint(cert: NodeX509): string {
  return cert.fingerprint256;
}
