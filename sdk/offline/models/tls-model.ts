import "reflect-metadata";
import * as crypto from "node:crypto";
import * as x509 from "@peculiar/x509";
import { deriveRsaKey } from "./rsa-key";

/**
 * The offline stand-in for the @pulumi/tls provider: real keys and real certificates. Keys are
 * derived from a seed (resource name + replacement trigger) so a later offline plan of the same
 * window gets the same key, as the real engine keeps it in state. These keys are reproducible by
 * anyone who knows the seed: they exist for offline plans and the loopback demo only, never for Azure.
 */
export interface OfflineKey {
  privateKeyPem: string;
  privateKeyPemPkcs8: string;
  publicKeyPem: string;
  publicKeyFingerprintSha256: string;
  algorithm: string;
  ecdsaCurve: string;
  rsaBits: number;
}

/** The curves the offline models derive keys on: Node's name, JWK name, order, coordinate size. */
const CURVES = {
  P256: {
    node: "prime256v1",
    jwk: "P-256",
    order: BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
    size: 32,
  },
  P384: {
    node: "secp384r1",
    jwk: "P-384",
    order: BigInt(
      "0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
    ),
    size: 48,
  },
} as const;

/**
 * An EC key derived from a seed: the private scalar is an HMAC (`hash` keyed by `label`) of the seed
 * and a counter, retried until it lies in the curve's range. The same seed gives the same key.
 */
export function deriveEcKey(
  seed: string,
  curve: keyof typeof CURVES = "P256",
  hash = "sha256",
  label = "ssl-ml-cluster offline key",
): crypto.KeyObject {
  const c = CURVES[curve];
  for (let counter = 0; ; counter++) {
    const d = crypto.createHmac(hash, label).update(`${seed}#${counter}`).digest();
    const n = BigInt(`0x${d.toString("hex")}`);
    if (n === 0n || n >= c.order) continue;
    const ecdh = crypto.createECDH(c.node);
    ecdh.setPrivateKey(d);
    const pub = ecdh.getPublicKey();
    return crypto.createPrivateKey({
      key: {
        kty: "EC",
        crv: c.jwk,
        d: d.toString("base64url"),
        x: pub.subarray(1, 1 + c.size).toString("base64url"),
        y: pub.subarray(1 + c.size, 1 + 2 * c.size).toString("base64url"),
      },
      format: "jwk",
    });
  }
}

const keyCache = new Map<string, OfflineKey>();

export function offlinePrivateKey(
  seed: string,
  algorithm: string,
  ecdsaCurve?: string,
  rsaBits?: number,
): OfflineKey {
  const alg = (algorithm || "RSA").toUpperCase();
  const cacheKey = `${alg}|${ecdsaCurve}|${rsaBits}|${seed}`;
  const hit = keyCache.get(cacheKey);
  if (hit) return hit;
  if (alg === "ECDSA" && ecdsaCurve && ecdsaCurve !== "P256") {
    throw new Error(`offline model: ECDSA curve ${ecdsaCurve} is not modelled (P256 is)`);
  }
  const key = alg === "ECDSA" ? deriveEcKey(seed) : deriveRsaKey(seed, rsaBits ?? 2048);
  const pub = crypto.createPublicKey(key);
  const spki = pub.export({ type: "spki", format: "der" });
  const out: OfflineKey = {
    // The tls provider returns SEC1 for ECDSA and PKCS#1 for RSA in privateKeyPem.
    privateKeyPem: key.export({ type: alg === "ECDSA" ? "sec1" : "pkcs1", format: "pem" }) as string,
    privateKeyPemPkcs8: key.export({ type: "pkcs8", format: "pem" }) as string,
    publicKeyPem: pub.export({ type: "spki", format: "pem" }) as string,
    publicKeyFingerprintSha256: `SHA256:${crypto.createHash("sha256").update(spki).digest("base64").replace(/=+$/, "")}`,
    algorithm: alg,
    ecdsaCurve: alg === "ECDSA" ? "P256" : "",
    rsaBits: alg === "RSA" ? (rsaBits ?? 2048) : 0,
  };
  keyCache.set(cacheKey, out);
  return out;
}

export interface SelfSignedRequest {
  privateKeyPem: string;
  dnsNames: string[];
  commonName?: string;
  organization?: string;
  validityPeriodHours: number;
  notBefore: Date;
  isCaCertificate?: boolean;
  allowedUses: string[];
}

const KEY_USAGE: Record<string, number> = {
  digital_signature: x509.KeyUsageFlags.digitalSignature,
  key_encipherment: x509.KeyUsageFlags.keyEncipherment,
  cert_signing: x509.KeyUsageFlags.keyCertSign,
  crl_signing: x509.KeyUsageFlags.cRLSign,
};

/** A real self-signed certificate (SHA-256, SAN = dnsNames), as the tls provider makes it. */
export async function offlineSelfSignedCert(req: SelfSignedRequest): Promise<string> {
  const key = crypto.createPrivateKey(req.privateKeyPem);
  const isEc = key.asymmetricKeyType === "ec";
  const alg = isEc
    ? { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" }
    : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const subtle = crypto.webcrypto.subtle;
  const privateKey = await subtle.importKey(
    "pkcs8",
    key.export({ type: "pkcs8", format: "der" }),
    alg,
    true,
    ["sign"],
  );
  const publicKey = await subtle.importKey(
    "spki",
    crypto.createPublicKey(key).export({ type: "spki", format: "der" }),
    alg,
    true,
    ["verify"],
  );
  const usage = req.allowedUses.reduce((f, u) => f | (KEY_USAGE[u] ?? 0), 0);
  const eku = req.allowedUses.includes("server_auth") ? [x509.ExtendedKeyUsage.serverAuth] : [];
  const serial = crypto
    .createHash("sha256")
    .update(`${req.privateKeyPem}|${req.notBefore.toISOString()}`)
    .digest("hex")
    .slice(0, 30);
  const nameParts = [
    req.commonName ? `CN=${escapeDn(req.commonName)}` : "",
    req.organization ? `O=${escapeDn(req.organization)}` : "",
  ].filter(Boolean);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${serial}`,
    name: nameParts.join(", "),
    notBefore: req.notBefore,
    notAfter: new Date(req.notBefore.getTime() + req.validityPeriodHours * 3_600_000),
    signingAlgorithm: alg,
    keys: { privateKey, publicKey },
    extensions: [
      new x509.BasicConstraintsExtension(!!req.isCaCertificate, undefined, true),
      ...(usage ? [new x509.KeyUsagesExtension(usage, true)] : []),
      ...(eku.length ? [new x509.ExtendedKeyUsageExtension(eku)] : []),
      new x509.SubjectAlternativeNameExtension(req.dnsNames.map((d) => ({ type: "dns" as const, value: d }))),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  return cert.toString("pem").replace(/\r\n/g, "\n") + "\n";
}

/**
 * The cache key of an offline certificate: what makes the provider issue another one (name,
 * rotation trigger, names, validity) and the public key it certifies. Only public facts: a plan
 * snapshot stores these keys, so no digest of the private key is in it.
 */
export function offlineCertificateMemo(
  name: string,
  trigger: unknown,
  dnsNames: string[],
  validityPeriodHours: unknown,
  privateKeyPem: string,
): string {
  const spki = crypto.createPublicKey(privateKeyPem).export({ type: "spki", format: "der" });
  const publicKey = crypto.createHash("sha256").update(spki).digest("hex");
  return `${name}|${JSON.stringify(trigger ?? "")}|${JSON.stringify(dnsNames)}|${validityPeriodHours}|${publicKey}`;
}

/** What a certificate from an earlier plan must be to be reused (see reusablePriorCertificate). */
export interface PriorCertificateCheck {
  /** The private key the certificate must certify. */
  privateKey: string | crypto.KeyObject;
  /** The issuer's public key. Default: the certificate's own (self-signed). */
  issuerPublicKey?: crypto.KeyObject;
  /** The DNS names (subjectAltName) it must hold, in any order. */
  dnsNames?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

/**
 * A certificate from an earlier plan (a snapshot, which is user input), reused only if it is what
 * the model would make for this request: one certificate over this private key, signed by this
 * issuer, for these names, with these dates. Anything else is ignored (a new one is made), so a
 * snapshot cannot put a certificate of its choice into a plan.
 */
export function reusablePriorCertificate(pem: unknown, check: PriorCertificateCheck): string | undefined {
  if (typeof pem !== "string") return undefined;
  try {
    const x = new crypto.X509Certificate(pem);
    if (x.toString().trim() !== pem.trim()) return undefined; // exactly one certificate, nothing else
    const key =
      typeof check.privateKey === "string" ? crypto.createPrivateKey(check.privateKey) : check.privateKey;
    if (!x.checkPrivateKey(key)) return undefined;
    if (!x.verify(check.issuerPublicKey ?? x.publicKey)) return undefined;
    const second = (t: number) => Math.floor(t / 1000);
    if (check.notBefore && second(Date.parse(x.validFrom)) !== second(check.notBefore.getTime()))
      return undefined;
    if (check.notAfter && second(Date.parse(x.validTo)) !== second(check.notAfter.getTime()))
      return undefined;
    if (check.dnsNames) {
      const sans = (x.subjectAltName ?? "")
        .split(", ")
        .filter((n) => n.startsWith("DNS:"))
        .map((n) => n.slice(4))
        .sort();
      if (JSON.stringify(sans) !== JSON.stringify([...check.dnsNames].sort())) return undefined;
    }
    return pem;
  } catch {
    return undefined;
  }
}

function escapeDn(v: string): string {
  return v.replace(/([,+"\\<>;=])/g, "\\$1");
}
