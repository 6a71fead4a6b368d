// Whether a served chain leads to a trust anchor, judged here over node:crypto rather than read from
// Node's `authorizationError`: OpenSSL reports only the last error it found, so an expired
// intermediate (CERT_HAS_EXPIRED) hides an untrusted root (SELF_SIGNED_CERT_IN_CHAIN).
// Pure functions: no network, no clock of their own.
import { X509Certificate } from "node:crypto";
import * as tls from "node:tls";

/** Where trust comes from (docs/cli.md, "After `pulumi up`: verify"). */
export type TrustKind = "system" | "system+ca" | "ca-only" | "pinned";

export interface TrustAnchors {
  kind: TrustKind;
  /** The anchors as PEM, for Node's TLS `ca` option (which replaces Node's roots when given). */
  pems: string[];
  certs: X509Certificate[];
  /** For the report's `trust:` line. */
  description: string;
}

export interface TrustSource {
  /** `--ca FILE`: its name and the certificates it holds (PEM). */
  ca?: { file: string; pems: string[] };
  /** `--ca-only`: trust the `--ca` certificates and nothing else. */
  caOnly?: boolean;
  /** The stack's own self-signed certificate (PEM) from the outputs; `--ca` overrides it. */
  pinned?: string;
}

/**
 * The trust anchors of one run: Node's bundled roots (`tls.rootCertificates`) plus `--ca`, only
 * `--ca` with `--ca-only`, or, when no `--ca` is given, exactly the stack's self-signed certificate.
 */
export function trustAnchors(
  src: TrustSource,
  roots: readonly string[] = tls.rootCertificates,
): TrustAnchors {
  let kind: TrustKind;
  let pems: string[];
  let description: string;
  if (src.ca) {
    const n = `${src.ca.pems.length} certificate(s)`;
    if (src.caOnly) {
      kind = "ca-only";
      pems = [...src.ca.pems];
      description = `only --ca ${src.ca.file} (${n}; --ca-only)`;
    } else {
      kind = "system+ca";
      pems = [...roots, ...src.ca.pems];
      description = `Node's bundled roots and --ca ${src.ca.file} (${n})`;
    }
  } else if (src.pinned !== undefined) {
    kind = "pinned";
    pems = [src.pinned];
    description = `pinned to the stack's self-signed certificate from the outputs (${new X509Certificate(src.pinned).fingerprint256})`;
  } else {
    kind = "system";
    pems = [...roots];
    description = "Node's bundled roots";
  }
  return { kind, pems, certs: pems.map(parsed), description };
}

// Reading Node's ~140 roots takes about 0.1 s; a process that verifies again reuses them.
const cache = new Map<string, X509Certificate>();
function parsed(pem: string): X509Certificate {
  let x = cache.get(pem);
  if (!x) cache.set(pem, (x = new X509Certificate(pem)));
  return x;
}

/** A certificate of the judged path that is outside its validity window. */
export interface DateProblem {
  kind: "expired" | "not-yet-valid";
  /** `leaf`, `intermediate` or `root` (the trust anchor at the top). */
  role: "leaf" | "intermediate" | "root";
  subject: string;
  /** notAfter when expired, notBefore when not yet valid. */
  date: Date;
}

export interface ChainVerdict {
  trusted: boolean;
  /** Why the chain is not trusted (empty when trusted). */
  reason: string;
  /** The path judged, leaf first: up to the anchor when trusted, else as far as it could be built. */
  path: X509Certificate[];
  /** Every certificate of that path outside its dates. */
  dates: DateProblem[];
}

/** A subject on one line: `CN=Test Root CA, O=Example`. */
export function oneLine(name: string): string {
  return name.trim().replace(/\n/g, ", ");
}

const MAX_DEPTH = 10;

const same = (a: X509Certificate, b: X509Certificate) => a.raw.equals(b.raw);

/** Whether `issuer` signed `cert` and may sign certificates (names, key ids, signature, CA flag). */
function issued(cert: X509Certificate, issuer: X509Certificate): boolean {
  if (!issuer.ca || !cert.checkIssued(issuer)) return false;
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false; // a key type node:crypto cannot check signs nothing we trust
  }
}

const selfIssued = (c: X509Certificate) => c.checkIssued(c) && issued(c, c);

function datesOf(path: X509Certificate[], now: Date): DateProblem[] {
  const out: DateProblem[] = [];
  path.forEach((c, i) => {
    const role = i === 0 ? "leaf" : i === path.length - 1 && selfIssued(c) ? "root" : "intermediate";
    const notBefore = new Date(Date.parse(c.validFrom));
    const notAfter = new Date(Date.parse(c.validTo));
    const subject = oneLine(c.subject);
    if (notAfter.getTime() < now.getTime()) out.push({ kind: "expired", role, subject, date: notAfter });
    else if (notBefore.getTime() > now.getTime())
      out.push({ kind: "not-yet-valid", role, subject, date: notBefore });
  });
  return out;
}

/**
 * Builds a path from the leaf (`served[0]`) through the other served certificates to an anchor,
 * checking each signature, and the dates of every certificate on it. Of several trusted paths the
 * first without a date problem wins (as a cross-signed root would); an untrusted verdict judges
 * the longest path that could be built.
 */
export function evaluateChain(
  served: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  now: Date,
): ChainVerdict {
  const leaf = served[0];
  if (!leaf) return { trusted: false, reason: "no certificate was served", path: [], dates: [] };
  const trustedPaths: X509Certificate[][] = [];
  let longest: X509Certificate[] = [leaf];
  const walk = (path: X509Certificate[]) => {
    if (trustedPaths.length >= 8) return; // enough to choose from
    const cur = path[path.length - 1];
    if (anchors.some((a) => same(a, cur))) {
      trustedPaths.push(path);
      return;
    }
    if (path.length > longest.length) longest = path;
    if (path.length > MAX_DEPTH) return;
    for (const a of anchors) if (issued(cur, a)) trustedPaths.push([...path, a]);
    for (const c of served) if (!path.some((p) => same(p, c)) && issued(cur, c)) walk([...path, c]);
  };
  walk([leaf]);
  if (trustedPaths.length > 0) {
    const judged = trustedPaths.map((p) => ({ path: p, dates: datesOf(p, now) }));
    const best = judged.find((j) => j.dates.length === 0) ?? judged[0];
    return { trusted: true, reason: "", ...best };
  }
  const top = longest[longest.length - 1];
  const reason = selfIssued(top)
    ? `it ends at ${oneLine(top.subject)}, a self-signed certificate that is not a trust anchor`
    : `no trusted certificate issued ${oneLine(top.subject)} (its issuer ${oneLine(top.issuer)} was not served and is not a trust anchor)`;
  return { trusted: false, reason, path: longest, dates: datesOf(longest, now) };
}

/**
 * The chain as served, leaf first, from `getPeerCertificate(true)`: Node links each certificate
 * to its issuer among the served ones (and may append the anchor it found); the walk stops where
 * a certificate is its own issuer.
 */
export function servedChain(peer: tls.DetailedPeerCertificate | undefined): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (let c = peer; c?.raw && out.length <= MAX_DEPTH + 1; c = c.issuerCertificate) {
    const x = new X509Certificate(c.raw);
    if (out.some((o) => same(o, x))) break;
    out.push(x);
  }
  return out;
}
