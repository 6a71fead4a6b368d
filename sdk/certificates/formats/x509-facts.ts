import { X509Certificate as NodeX509, KeyObject } from "node:crypto";
import * as asn1js from "asn1js";

/** What Node 20 does not expose about a certificate (signature algorithm, SAN dNSNames), read from its DER. */
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
const SUBJECT_ALT_NAME = "2.5.29.17";

// RFC 5280's Certificate read with asn1js (already loaded for PKCS#12 and PEM), not a full X.509
// library: the full parser costs a few hundred ms at start-up, which a light CLI cannot pay.
type Asn = asn1js.AsnType;

function children(node: Asn | undefined): Asn[] {
  const v = (node as asn1js.Constructed | undefined)?.valueBlock?.value;
  return Array.isArray(v) ? (v as Asn[]) : [];
}

function contextTag(node: Asn, n: number): boolean {
  return node.idBlock.tagClass === 3 && node.idBlock.tagNumber === n;
}

function oidOf(node: Asn | undefined): string {
  return node instanceof asn1js.ObjectIdentifier ? node.valueBlock.toString() : "";
}

function parse(bytes: ArrayBuffer | Uint8Array): Asn {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const r = asn1js.fromBER(view);
  if (r.offset === -1) throw new Error(`not DER: ${r.result.error}`);
  return r.result;
}

/** The hash of RSASSA-PSS parameters: `[0] hashAlgorithm`, SHA-1 when absent (RFC 4055). */
function pssHash(params: Asn | undefined): string {
  const tagged = children(params).find((c) => contextTag(c, 0));
  if (!tagged) return "sha1";
  return HASH_OID[oidOf(children(children(tagged)[0])[0])] ?? "";
}

/** SAN dNSNames (`[2] IA5String`) of the tbsCertificate's extensions (`[3]`). */
function sanDnsNames(tbs: Asn): string[] {
  const extensions = children(children(tbs).find((c) => contextTag(c, 3)))[0];
  for (const ext of children(extensions)) {
    const parts = children(ext);
    if (oidOf(parts[0]) !== SUBJECT_ALT_NAME) continue;
    const value = parts[parts.length - 1] as asn1js.OctetString;
    return children(parse(value.valueBlock.valueHexView))
      .filter((n) => contextTag(n, 2))
      .map((n) => Buffer.from((n as asn1js.Primitive).valueBlock.valueHexView).toString("latin1"));
  }
  return [];
}

const dn = (s: string) => s.split("\n").filter(Boolean).join(", ");

export function readX509Facts(der: Buffer, cert: NodeX509 = new NodeX509(der)): X509Facts {
  const [tbs, algorithm] = children(parse(der));
  const [oidNode, params] = children(algorithm);
  const oid = oidOf(oidNode);
  if (!tbs || !oid) throw new Error("not an X.509 certificate");
  const hash = oid === RSASSA_PSS ? pssHash(params) : (SIGNATURE_HASH[oid] ?? "");
  return {
    subject: dn(cert.subject),
    issuer: dn(cert.issuer),
    dnsNames: sanDnsNames(tbs),
    signatureOid: oid,
    signatureHash: hash,
  };
}

/**
 * The same facts, never throwing: a certificate that Node accepts but the full parser does not
 * (an unusual extension, say) still gets a subject, an issuer and its SAN DNS names from Node.
 */
export function safeX509Facts(cert: NodeX509, der: Buffer): X509Facts {
  try {
    return readX509Facts(der, cert);
  } catch {
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
