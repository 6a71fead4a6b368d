// Whether a served chain leads to a trust anchor, judged here over node:crypto rather than read from
// Node's `authorizationError`: OpenSSL reports only the last error it found, so an expired
// intermediate (CERT_HAS_EXPIRED) hides an untrusted root (SELF_SIGNED_CERT_IN_CHAIN).
// Pure functions: no network, no clock of their own.
import { X509Certificate } from "node:crypto";
import * as tls from "node:tls";
import { certConstraints, certValidity, SERVER_AUTH } from "../../certificates/formats/x509-fields";

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
  /** What OpenSSL's `sslserver` purpose refuses on a trusted path (key usages, path length); empty when none. */
  constraints: string[];
}

/** A subject on one line: `CN=Test Root CA, O=Example`. */
export function oneLine(name: string): string {
  return name.trim().replace(/\n/g, ", ");
}

/** The longest path judged, in certificates (real chains have 2-4). */
export const MAX_DEPTH = 10;
/** Signature checks one evaluation may make, and paths it may extend: a hostile chain costs no more. */
export const MAX_SIGNATURE_CHECKS = 200;
const MAX_EXTENSIONS = 100;

const same = (a: X509Certificate, b: X509Certificate) => a.raw.equals(b.raw);

// Subject and key: copies of one CA (a new serial, the same key) are one node of the path graph.
const identities = new WeakMap<X509Certificate, string>();
function identity(c: X509Certificate): string {
  let id = identities.get(c);
  if (id === undefined) {
    id = `${c.subject}\n${c.publicKey.export({ type: "spki", format: "der" }).toString("base64")}`;
    identities.set(c, id);
  }
  return id;
}

/** Whether `issuer` signed `cert` and may sign certificates (names, key ids, signature, CA flag). */
function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  if (!issuer.ca || !cert.checkIssued(issuer)) return false;
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false; // a key type node:crypto cannot check signs nothing we trust
  }
}

function safeSignedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

const selfIssued = (c: X509Certificate) => c.checkIssued(c) && issuedBy(c, c);

function datesOf(path: X509Certificate[], now: Date): DateProblem[] {
  const out: DateProblem[] = [];
  path.forEach((c, i) => {
    const role = i === 0 ? "leaf" : i === path.length - 1 && selfIssued(c) ? "root" : "intermediate";
    const { notBefore, notAfter } = certValidity(c);
    const subject = oneLine(c.subject);
    if (notAfter.getTime() < now.getTime()) out.push({ kind: "expired", role, subject, date: notAfter });
    else if (notBefore.getTime() > now.getTime())
      out.push({ kind: "not-yet-valid", role, subject, date: notBefore });
  });
  return out;
}

const TLS_KEY_USAGES = ["digitalSignature", "keyEncipherment", "keyAgreement"];

/**
 * What OpenSSL's `sslserver` purpose and chain checks refuse (`openssl verify -purpose sslserver`,
 * https://docs.openssl.org/3.0/man1/openssl-verification-options/): a leaf whose extended key
 * usage lacks serverAuth or whose key usage allows no TLS key exchange; an issuer whose key usage
 * lacks keyCertSign, or with more CA certificates below it than its pathLenConstraint allows.
 */
export function constraintProblems(path: readonly X509Certificate[]): string[] {
  const out: string[] = [];
  const leaf = path[0];
  const lk = certConstraints(leaf);
  const leafName = `the leaf ${oneLine(leaf.subject)}`;
  if (lk.extKeyUsage && !lk.extKeyUsage.includes(SERVER_AUTH))
    out.push(
      `${leafName} is not for TLS servers: its extendedKeyUsage (${lk.extKeyUsage.join(", ")}) lacks serverAuth (${SERVER_AUTH}); reissue it with extendedKeyUsage=serverAuth`,
    );
  if (lk.keyUsage && !lk.keyUsage.some((u) => TLS_KEY_USAGES.includes(u)))
    out.push(
      `${leafName} has keyUsage ${lk.keyUsage.join(", ") || "(none)"}, none of ${TLS_KEY_USAGES.join(", ")}; reissue it with digitalSignature`,
    );
  let below = 0; // CA certificates between the leaf and the issuer judged (self-issued ones do not count)
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    const k = certConstraints(c);
    const name = `the issuer ${oneLine(c.subject)}`;
    if (k.keyUsage && !k.keyUsage.includes("keyCertSign"))
      out.push(
        `${name} has keyUsage ${k.keyUsage.join(", ") || "(none)"} without keyCertSign, so it may not sign certificates`,
      );
    if (k.pathLen !== undefined && below > k.pathLen)
      out.push(
        `${name} allows ${k.pathLen} CA certificate(s) below it (pathLenConstraint), and the path has ${below}`,
      );
    if (c.subject !== c.issuer) below++;
  }
  return out;
}

/**
 * Builds paths from the leaf (`served[0]`) through the other served certificates to an anchor,
 * checking each signature, and judges the dates and constraints of every certificate on them. Of
 * several trusted paths the one with the fewest problems wins (as a cross-signed root would); an
 * untrusted verdict judges the longest path that could be built.
 *
 * Bounded whatever is served: a certificate whose subject and key are already on the path is not
 * added again (copies of one CA make no new path), a path stops at MAX_DEPTH certificates, each
 * issuer/subject pair is checked once and at most MAX_SIGNATURE_CHECKS signatures are checked.
 */
export function evaluateChain(
  served: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  now: Date,
): ChainVerdict {
  const leaf = served[0];
  if (!leaf)
    return { trusted: false, reason: "no certificate was served", path: [], dates: [], constraints: [] };
  const pool: X509Certificate[] = [];
  for (const c of served.slice(1)) if (!same(c, leaf) && !pool.some((p) => same(p, c))) pool.push(c);

  let checks = 0;
  let extensions = 0;
  const known = new Map<string, boolean>();
  const issued = (cert: X509Certificate, issuer: X509Certificate): boolean => {
    if (!issuer.ca || !cert.checkIssued(issuer)) return false;
    const key = `${cert.fingerprint256}/${issuer.fingerprint256}`;
    let ok = known.get(key);
    if (ok === undefined) {
      ok = ++checks <= MAX_SIGNATURE_CHECKS && issuedBy(cert, issuer);
      known.set(key, ok);
    }
    return ok;
  };
  const onPath = (path: X509Certificate[], c: X509Certificate) =>
    path.some((p) => identity(p) === identity(c));

  const trustedPaths: X509Certificate[][] = [];
  let longest: X509Certificate[] = [leaf];
  const walk = (path: X509Certificate[]) => {
    if (trustedPaths.length >= 8 || ++extensions > MAX_EXTENSIONS) return;
    const cur = path[path.length - 1];
    if (anchors.some((a) => same(a, cur))) {
      trustedPaths.push(path);
      return;
    }
    if (path.length > longest.length) longest = path;
    if (path.length >= MAX_DEPTH) return;
    for (const a of anchors) if (!onPath(path, a) && issued(cur, a)) trustedPaths.push([...path, a]);
    for (const c of pool) if (!onPath(path, c) && issued(cur, c)) walk([...path, c]);
  };
  walk([leaf]);
  if (trustedPaths.length > 0) {
    const judged = trustedPaths.map((p) => ({
      path: p,
      dates: datesOf(p, now),
      constraints: constraintProblems(p),
    }));
    const count = (j: (typeof judged)[number]) => j.dates.length + j.constraints.length;
    const best = judged.reduce((a, b) => (count(b) < count(a) ? b : a));
    return { trusted: true, reason: "", ...best };
  }
  const top = longest[longest.length - 1];
  // An issuer by name and signature that may not sign (no CA:TRUE, or keyUsage without keyCertSign).
  const barred = [...pool, ...anchors].find(
    (c) => !onPath(longest, c) && c.subject === top.issuer && safeSignedBy(top, c),
  );
  const reason = selfIssued(top)
    ? `it ends at ${oneLine(top.subject)}, a self-signed certificate that is not a trust anchor`
    : barred
      ? `${oneLine(top.subject)} is signed by ${oneLine(barred.subject)}, which may not sign certificates (it lacks basicConstraints CA:TRUE or keyUsage keyCertSign)`
      : `no trusted certificate issued ${oneLine(top.subject)} (its issuer ${oneLine(top.issuer)} was not served and is not a trust anchor)`;
  return { trusted: false, reason, path: longest, dates: datesOf(longest, now), constraints: [] };
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
