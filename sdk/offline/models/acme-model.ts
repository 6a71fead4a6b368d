import "reflect-metadata";
import * as crypto from "node:crypto";
import * as x509 from "@peculiar/x509";
import { deriveEcKey, offlinePrivateKey, reusablePriorCertificate } from "./tls-model";

/**
 * The offline stand-in for an ACME CA (what `plan` and `demo` issue `certificate.acme` from): a
 * local CA whose key is derived from the directory URL, and real leaf certificates signed by it,
 * shaped like Let's Encrypt's (90 days, SAN = the names, serverAuth, issuer chain in issuerPem).
 * Nobody trusts it; it exists so an offline plan and the loopback demo carry real X.509.
 */

/** The certificate key for an acme provider `keyType` ("2048", "4096", "P256", "P384"), from a seed. */
export function acmeLeafKey(seed: string, keyType: string): crypto.KeyObject {
  switch (keyType) {
    case "P256":
      return crypto.createPrivateKey(offlinePrivateKey(seed, "ECDSA", "P256").privateKeyPem);
    case "P384":
      return deriveEcKey(seed, "P384", "sha384", "ssl-ml-cluster offline acme key");
    case "4096":
    case "8192":
      return crypto.createPrivateKey(
        offlinePrivateKey(seed, "RSA", undefined, Number(keyType)).privateKeyPem,
      );
    default:
      return crypto.createPrivateKey(offlinePrivateKey(seed, "RSA", undefined, 2048).privateKeyPem);
  }
}

/** The PEM form lego returns: PKCS#1 for RSA, SEC1 for ECDSA. */
export function legoKeyPem(key: crypto.KeyObject): string {
  return key.export({ type: key.asymmetricKeyType === "ec" ? "sec1" : "pkcs1", format: "pem" }) as string;
}

function webAlgorithm(key: crypto.KeyObject) {
  if (key.asymmetricKeyType !== "ec") return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const curve = key.asymmetricKeyDetails?.namedCurve === "secp384r1" ? "P-384" : "P-256";
  return { name: "ECDSA", namedCurve: curve, hash: curve === "P-384" ? "SHA-384" : "SHA-256" };
}

async function webKeys(key: crypto.KeyObject) {
  const alg = webAlgorithm(key);
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
  return { privateKey, publicKey };
}

/** The stand-in CA of a directory URL: its name, key (derived) and certificate. */
export interface StandInCa {
  name: string;
  key: crypto.KeyObject;
  certPem: string;
}

/** The stand-in CA's distinguished name: it says what it is, and never borrows a real CA's name. */
export function standInCaName(serverUrl: string): string {
  let host = serverUrl;
  try {
    host = new URL(serverUrl).hostname;
  } catch {
    // keep the text as given
  }
  return `CN=Offline stand-in CA for ${host}, O=ssl-ml-cluster offline plan (not a real CA)`;
}

const caCache = new Map<string, string>();

/**
 * The stand-in CA for a directory URL. Its key is derived from the URL; its certificate is made once
 * and reused (`prior` carries one from an earlier plan, as the leaf certificates are).
 */
export async function standInCa(serverUrl: string, prior?: string): Promise<StandInCa> {
  const key = crypto.createPrivateKey(
    offlinePrivateKey(`acme-ca|${serverUrl}`, "ECDSA", "P256").privateKeyPem,
  );
  const name = standInCaName(serverUrl);
  // A CA certificate from a snapshot (user input) counts only if it is this CA's own, self-signed.
  let certPem = reusablePriorCertificate(prior, { privateKey: key }) ?? caCache.get(serverUrl);
  if (!certPem) {
    const keys = await webKeys(key);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: `01${crypto.createHash("sha256").update(serverUrl).digest("hex").slice(0, 30)}`,
      name,
      notBefore: new Date("2025-01-01T00:00:00Z"),
      notAfter: new Date("2045-01-01T00:00:00Z"),
      signingAlgorithm: webAlgorithm(key),
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    certPem = cert.toString("pem").replace(/\r\n/g, "\n") + "\n";
  }
  caCache.set(serverUrl, certPem);
  return { name, key, certPem };
}

export interface AcmeIssueRequest {
  ca: StandInCa;
  /** The leaf's key. */
  key: crypto.KeyObject;
  /** commonName first, then the other SANs. */
  names: string[];
  notBefore: Date;
  validityDays: number;
}

/** A leaf certificate signed by the stand-in CA, PEM. */
export async function issueFromStandIn(req: AcmeIssueRequest): Promise<string> {
  const ca = await webKeys(req.ca.key);
  const leaf = await webKeys(req.key);
  const caCert = new x509.X509Certificate(req.ca.certPem);
  const rsa = req.key.asymmetricKeyType !== "ec";
  const serial = crypto
    .createHash("sha256")
    .update(`${req.names.join(",")}|${req.notBefore.toISOString()}|${legoKeyPem(req.key)}`)
    .digest("hex")
    .slice(0, 30);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: `03${serial}`,
    subject: `CN=${req.names[0]}`,
    issuer: caCert.subject,
    notBefore: req.notBefore,
    notAfter: new Date(req.notBefore.getTime() + req.validityDays * 86_400_000 - 1000),
    signingAlgorithm: webAlgorithm(req.ca.key),
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | (rsa ? x509.KeyUsageFlags.keyEncipherment : 0),
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(req.names.map((d) => ({ type: "dns" as const, value: d }))),
      await x509.SubjectKeyIdentifierExtension.create(leaf.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey),
    ],
  });
  return cert.toString("pem").replace(/\r\n/g, "\n") + "\n";
}
