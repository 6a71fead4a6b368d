// CHAIN_ORDER: where the server certificate is, and whether each certificate is followed by its
// issuer (docs/certificates.md). A chain written in reverse is one finding that says so.
import { KeyObject, X509Certificate } from "node:crypto";
import { finding } from "./findings";
import { hostnameCovered } from "./hostname-match";
import type { ReadCert } from "../formats/read";
import type { Rule, RuleContext } from "./rules";
import { issuedBy } from "../formats/x509-facts";

const dn = (s: string) => s.replace(/\n/g, ", ");

/** Whether a key given with the certificates belongs to `cert`. */
function keyFits(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}

/**
 * The index of the server certificate when it is present but not first: the one the key belongs to;
 * without a key, the non-CA certificate that covers the hostname; without either, a non-CA
 * certificate behind a CA one. A chain written in reverse (intermediate, then leaf) is then one
 * CHAIN_ORDER finding, not a key, hostname and CA error besides.
 */
export function misplacedServerIndex(ctx: RuleContext): number | undefined {
  const { certs } = ctx;
  if (certs.length < 2) return undefined;
  const later = (pred: (c: ReadCert, i: number) => boolean) => {
    const i = certs.findIndex((c, j) => j > 0 && pred(c, j));
    return i > 0 ? i : undefined;
  };
  if (ctx.keys.length > 0) {
    if (ctx.key) return undefined;
    return later((c) => ctx.keys.some((k) => keyFits(c.cert, k.key)));
  }
  if (ctx.hostname) {
    if (hostnameCovered(ctx.leafFacts.dnsNames, ctx.hostname) && !certs[0].cert.ca) return undefined;
    return later((c, j) => !c.cert.ca && hostnameCovered(ctx.facts(j).dnsNames, ctx.hostname!));
  }
  return certs[0].cert.ca ? later((c) => !c.cert.ca) : undefined;
}

/** Whether every certificate is issued by the next one. */
const ordered = (certs: ReadCert[]) =>
  certs.every((c, i) => i + 1 === certs.length || issuedBy(c.cert, certs[i + 1].cert));

export const chainOrder: Rule = (ctx) => {
  const { certs } = ctx;
  const server = misplacedServerIndex(ctx);
  if (server !== undefined) {
    const why =
      ctx.keys.length > 0
        ? `, the one the private key in ${ctx.keys[0].source} belongs to`
        : ctx.hostname
          ? `, the one that covers ${ctx.hostname}`
          : "";
    const fix = ordered([...certs].reverse())
      ? "the file is in reverse order: put the server certificate first, followed by its issuers"
      : "put the server certificate first, each certificate followed by its issuer";
    return [
      finding(
        "CHAIN_ORDER",
        `the server certificate (${dn(certs[server].cert.subject)}${why}) is certificate ${server + 1} of ${certs.length} in ${certs[server].source}; ${fix}`,
      ),
    ];
  }
  const where = (j: number) => `certificate ${j + 1} (${dn(certs[j].cert.subject)}, in ${certs[j].source})`;
  for (let i = 0; i + 1 < certs.length; i++) {
    if (issuedBy(certs[i].cert, certs[i + 1].cert)) continue;
    const rest = certs.slice(i + 1);
    const laterIssuer = certs.slice(i + 2).some((c) => issuedBy(certs[i].cert, c.cert));
    // The issuers listed top-down (root, then intermediate), as a chain file is often written.
    const reversed =
      rest.length > 1 && ordered([...rest].reverse()) && issuedBy(certs[i].cert, rest[rest.length - 1].cert);
    const files = [...new Set(rest.map((c) => c.source))].join(" and ");
    return [
      finding(
        "CHAIN_ORDER",
        reversed
          ? `${where(i)} is not issued by ${where(i + 1)}: the certificates in ${files} are in reverse order; put ${dn(rest[rest.length - 1].cert.subject)} first, each certificate followed by its issuer`
          : laterIssuer
            ? `${where(i)} is not issued by ${where(i + 1)}; order the chain leaf first, each certificate followed by its issuer`
            : `${where(i)} is not issued by ${where(i + 1)} and its issuer (${dn(certs[i].cert.issuer)}) is missing; add it right after it`,
      ),
    ];
  }
  return [];
};
