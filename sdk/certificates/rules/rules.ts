// The validation rules, one small named check per finding code (docs/certificates.md).
// Reading the input (PEM_INVALID, KEY_ENCRYPTED, PFX_PASSWORD) happens before, in read.ts.
import { KeyObject, X509Certificate } from "node:crypto";
import * as tls from "node:tls";
import { Finding, finding, FindingCode } from "./findings";
import { hostnameCovered } from "./hostname-match";
import { caLeafRefused } from "./leaf-rules";
import { chainOrder, misplacedServerIndex } from "./chain-order";

export { chainOrder, misplacedServerIndex } from "./chain-order";
import type { ReadCert } from "../formats/read";
import {
  ACCEPTED_CURVES,
  describeKey,
  isSelfIssued,
  isSelfSigned,
  issuedBy,
  X509Facts,
} from "../formats/x509-facts";
import { certValidity } from "../formats/x509-fields";

const DAY = 86_400_000;

/** What every rule may look at: the certificates as read (leaf first, duplicates removed), the key, the clock. */
export interface RuleContext {
  certs: ReadCert[];
  leafFacts: X509Facts;
  /** Facts of certificate `i` (parsed on demand). */
  facts(i: number): X509Facts;
  /** The keys that were read, and the one that belongs to the leaf (if any). */
  keys: { key: KeyObject; source: string }[];
  key?: KeyObject;
  hostname?: string;
  /** Milliseconds since the epoch. */
  now: number;
  /** Milliseconds a `notBefore` may lie ahead of `now` (clock skew) before it counts. Default: 0. */
  notBeforeAllowance?: number;
  minDays: number;
  /** How messages name the certificate input. */
  certName: string;
  /** Roots a client trusts without being given them (Node's bundled store). */
  roots(): readonly X509Certificate[];
}

export type Rule = (ctx: RuleContext) => Finding[];

const dn = (s: string) => s.replace(/\n/g, ", ");

/** How messages name certificate `i`. */
function describe(ctx: RuleContext, i: number): string {
  const c = ctx.certs[i];
  return i === 0
    ? `the leaf certificate in ${c.source}`
    : `chain certificate ${i + 1} (${dn(c.cert.subject)})`;
}

// From the DER (x509-fields.ts), not Date.parse of Node's strings: the year 0030 is not 2030.
const notAfter = (c: ReadCert) => certValidity(c.cert).notAfter.getTime();
const notBefore = (c: ReadCert) => certValidity(c.cert).notBefore.getTime();

/** A self-signed root's own signature and dates are never checked by clients; the rest are. */
const checkedByClients = (c: ReadCert, i: number) => i === 0 || !isSelfSigned(c.cert);

export const keyMismatch: Rule = (ctx) =>
  ctx.keys.length > 0 && !ctx.key && misplacedServerIndex(ctx) === undefined
    ? [
        finding(
          "KEY_MISMATCH",
          `the private key in ${ctx.keys[0].source} does not belong to the leaf certificate (${ctx.leafFacts.subject || "no subject"}); give the key that was issued with this certificate`,
        ),
      ]
    : [];

export const hostnameMismatch: Rule = (ctx) => {
  const host = ctx.hostname;
  if (host === undefined || host === "" || hostnameCovered(ctx.leafFacts.dnsNames, host)) return [];
  if (misplacedServerIndex(ctx) !== undefined) return [];
  return [
    finding(
      "HOSTNAME_MISMATCH",
      ctx.leafFacts.dnsNames.length === 0
        ? `${ctx.certName} has no DNS names in its subjectAltName (the CN alone does not count), so it does not cover ${host}; reissue it with SAN DNS:${host}`
        : `${ctx.certName} covers ${ctx.leafFacts.dnsNames.join(", ")}, not ${host}; reissue it with SAN DNS:${host} or use a hostname it covers`,
    ),
  ];
};

export const expired: Rule = (ctx) =>
  ctx.certs
    .map((c, i) => [c, i] as const)
    .filter(([c]) => notAfter(c) < ctx.now)
    .map(([c, i]) =>
      finding("EXPIRED", `${describe(ctx, i)} expired on ${new Date(notAfter(c)).toISOString()}; renew it`),
    );

export const notYetValid: Rule = (ctx) =>
  ctx.certs
    .map((c, i) => [c, i] as const)
    .filter(([c]) => notAfter(c) >= ctx.now && notBefore(c) > ctx.now + (ctx.notBeforeAllowance ?? 0))
    .map(([c, i]) =>
      finding(
        "NOT_YET_VALID",
        `${describe(ctx, i)} is not valid until ${new Date(notBefore(c)).toISOString()}; check the issuing clock or wait`,
      ),
    );

export const expiresSoon: Rule = (ctx) =>
  ctx.certs.flatMap((c, i) => {
    if (notAfter(c) < ctx.now || notBefore(c) > ctx.now + (ctx.notBeforeAllowance ?? 0)) return [];
    if (!checkedByClients(c, i)) return [];
    const daysLeft = Math.floor((notAfter(c) - ctx.now) / DAY);
    return daysLeft < ctx.minDays
      ? [
          finding(
            "EXPIRES_SOON",
            `${describe(ctx, i)} expires in ${daysLeft} day(s) (${new Date(notAfter(c)).toISOString()}); renew it before then`,
          ),
        ]
      : [];
  });

export const weakKey: Rule = (ctx) =>
  ctx.certs.flatMap((c, i) => {
    const k = describeKey(c.cert.publicKey);
    if ((k.keyType === "RSA" || k.keyType === "RSA-PSS") && k.keyBits < 2048)
      return [
        finding(
          "WEAK_KEY",
          `${describe(ctx, i)} has an RSA ${k.keyBits}-bit key; use RSA 2048 bits or more, or ECDSA P-256`,
        ),
      ];
    if (k.keyType === "ECDSA" && (k.keyBits < 256 || !ACCEPTED_CURVES.includes(k.curve ?? "")))
      return [
        finding(
          "WEAK_KEY",
          `${describe(ctx, i)} uses the EC curve ${k.curve || "unknown"}; use P-256, P-384 or P-521`,
        ),
      ];
    return [];
  });

const WEAK_HASHES = ["md2", "md4", "md5", "sha1"];

export const weakSignature: Rule = (ctx) =>
  ctx.certs.flatMap((c, i) => {
    if (!checkedByClients(c, i)) return [];
    const hash = ctx.facts(i).signatureHash;
    return WEAK_HASHES.includes(hash)
      ? [
          finding(
            "WEAK_SIGNATURE",
            `${describe(ctx, i)} is signed with ${hash.toUpperCase()}; reissue it with SHA-256 or better`,
          ),
        ]
      : [];
  });

export const leafIsCa: Rule = (ctx) =>
  caLeafRefused(ctx.certs.map((c) => c.cert)) && misplacedServerIndex(ctx) === undefined
    ? [
        finding(
          "LEAF_IS_CA",
          `the first certificate in ${ctx.certs[0].source} is a CA certificate (basicConstraints CA:TRUE); put the server certificate first, or reissue it without CA:TRUE`,
        ),
      ]
    : [];

/**
 * The chain is complete when its last certificate is self-issued (a root, sent along) or is issued by
 * a root clients already have: same name and a signature that verifies with that root's key.
 */
export const chainIncomplete: Rule = (ctx) => {
  const { certs } = ctx;
  const last = certs[certs.length - 1];
  if (isSelfIssued(last.cert)) return [];
  // An issuer earlier in the list is a CHAIN_ORDER problem, reported there.
  if (certs.some((c) => c !== last && issuedBy(last.cert, c.cert))) return [];
  if (ctx.roots().some((root) => issuedBy(last.cert, root))) return [];
  const which = certs.length === 1 ? "the leaf" : `certificate ${certs.length}`;
  return [
    finding(
      "CHAIN_INCOMPLETE",
      `the chain ends with ${which}, whose issuer (${dn(last.cert.issuer)}) is neither included nor a root that clients trust by default; Azure ML wants the full chain: append the certificate of ${dn(last.cert.issuer)} (and its issuers)`,
    ),
  ];
};

export const selfSigned: Rule = (ctx) => {
  const leaf = ctx.certs[0];
  if (!isSelfSigned(leaf.cert) || misplacedServerIndex(ctx) !== undefined) return [];
  // OpenSSL 3's `req -x509` marks the certificate CA:TRUE by default; alone, it is still only a
  // development certificate, and the fix is one flag.
  const ca = leaf.cert.ca
    ? "; it is also marked CA:TRUE (OpenSSL 3's req -x509 default): for a server certificate, reissue it with -addext basicConstraints=critical,CA:FALSE"
    : "";
  return [
    finding(
      "SELF_SIGNED",
      `the leaf certificate in ${leaf.source} is self-signed: fine for development, but clients must trust it explicitly${ca}`,
    ),
  ];
};

/** Every rule that judges a readable chain, by the code it reports, in report order. */
export const RULES: ReadonlyArray<readonly [FindingCode, Rule]> = [
  ["KEY_MISMATCH", keyMismatch],
  ["HOSTNAME_MISMATCH", hostnameMismatch],
  ["EXPIRED", expired],
  ["NOT_YET_VALID", notYetValid],
  ["EXPIRES_SOON", expiresSoon],
  ["WEAK_KEY", weakKey],
  ["WEAK_SIGNATURE", weakSignature],
  ["LEAF_IS_CA", leafIsCa],
  ["CHAIN_ORDER", chainOrder],
  ["CHAIN_INCOMPLETE", chainIncomplete],
  ["SELF_SIGNED", selfSigned],
];

let bundled: X509Certificate[] | undefined;

/** Node's bundled root store (`tls.rootCertificates`), parsed once, on first need. */
export function bundledRoots(): readonly X509Certificate[] {
  if (!bundled) {
    bundled = [];
    for (const pem of tls.rootCertificates) {
      try {
        bundled.push(new X509Certificate(pem));
      } catch {
        // a root Node's parser cannot read cannot be an issuer here either
      }
    }
  }
  return bundled;
}
