// Front Door's own rules for a customer certificate from Key Vault, checked on the chain the
// component read before the profile is asked to use it. Pure: no Pulumi, no I/O.
// https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-configure-https-custom-domain
// ("Certificate requirements"): RSA keys only (no EC), a complete chain (leaf and intermediates),
// from a CA on Microsoft's Trusted CA list (no self-signed or private CA), covering the domain.
import { rootCertificates } from "node:tls";
import { X509Certificate } from "node:crypto";
import { parsePem } from "../certificates/formats/pem";
import { hostnameCovered } from "../certificates/rules/hostname-match";
import { isSelfSigned, issuedBy, safeX509Facts } from "../certificates/formats/x509-facts";

let publicRoots: X509Certificate[] | undefined;
/** Node's bundled root store (Mozilla's): the stand-in offline for Microsoft's Trusted CA list. */
function nodeRoots(): X509Certificate[] {
  publicRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return publicRoots;
}

/**
 * Replaces the trusted roots (tests and stand-in vaults, whose CA is made at test time); undefined
 * restores Node's. Returns the previous ones.
 */
export function setFrontDoorTrustedRoots(
  roots: X509Certificate[] | undefined,
): X509Certificate[] | undefined {
  const prev = publicRoots;
  publicRoots = roots;
  return prev;
}

/**
 * What Front Door would refuse in this chain (leaf first), one sentence each; empty when it passes.
 * `roots`: the trusted roots (default: Node's bundled public roots).
 */
export function frontDoorCertificateProblems(
  chainPem: string,
  hostname: string,
  roots: X509Certificate[] = nodeRoots(),
): string[] {
  const certs = parsePem(chainPem)
    .blocks.filter((b) => b.label === "CERTIFICATE")
    .map((b) => ({ cert: new X509Certificate(b.der), der: b.der }));
  if (certs.length === 0) return ["the Key Vault secret holds no certificate"];
  const problems: string[] = [];
  const leaf = certs[0].cert;
  const keyType = leaf.publicKey.asymmetricKeyType;
  if (keyType !== "rsa")
    problems.push(
      `the key is ${String(keyType).toUpperCase()}; Front Door accepts RSA keys only (re-issue with an RSA 2048+ key)`,
    );
  const dnsNames = safeX509Facts(leaf, certs[0].der).dnsNames;
  if (!hostnameCovered(dnsNames, hostname))
    problems.push(`the certificate does not cover ${hostname} (its names: ${dnsNames.join(", ") || "none"})`);
  if (isSelfSigned(leaf)) {
    problems.push(
      "the certificate is self-signed; Front Door accepts only certificates from a publicly trusted CA",
    );
    return problems;
  }
  for (let i = 0; i + 1 < certs.length; i++) {
    if (!issuedBy(certs[i].cert, certs[i + 1].cert)) {
      problems.push(
        `certificate ${i + 1} of the chain was not issued by certificate ${i + 2}: the chain is out of order or broken`,
      );
      return problems;
    }
  }
  const top = certs[certs.length - 1].cert;
  const anchored = roots.some((r) => top.fingerprint256 === r.fingerprint256 || issuedBy(top, r));
  if (!anchored) {
    problems.push(
      certs.length === 1
        ? "the secret holds the leaf alone, and its issuer is not a public root: Front Door needs the full chain (leaf and intermediates) from a publicly trusted CA"
        : `the chain ends at ${top.issuer.replace(/\n/g, ", ")}, which is not a publicly trusted root: Front Door accepts no private-CA certificate`,
    );
  }
  return problems;
}
