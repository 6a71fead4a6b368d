import { KeyObject } from "node:crypto";
import { markRunError } from "../errors";
import { Finding, finding } from "./findings";
import { hostnameCovered } from "./hostname-match";
import { CertificateInput, inputNames, readMaterial, ReadCert } from "./read";
import { toPem } from "./pem";
import {
  ACCEPTED_CURVES,
  describeKey,
  fingerprint,
  isSelfIssued,
  isSelfSigned,
  issuedBy,
  safeX509Facts,
} from "./x509-facts";

export type { CertificateInput } from "./read";
export type { Finding, FindingCode, Severity } from "./findings";

/** Facts about the leaf certificate, as `check-cert --json` prints them. */
export interface CertificateDetails {
  subject: string;
  dnsNames: string[];
  issuer: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  keyType: string;
  keyBits: number;
  selfSigned: boolean;
}

/** The outcome of the rule set: `ok` is false when any finding is an error. */
export interface CertificateReport {
  ok: boolean;
  findings: Finding[];
  certificate?: CertificateDetails;
  /** How many certificates were read (leaf first). */
  chainLength: number;
}

/** What Azure receives once the report is clean: the leaf-first PEM chain and an unencrypted PKCS#8 key. */
export interface CertificateMaterial {
  chainPem: string;
  keyPem?: string;
}

/** A certificate failed its checks; `findings` holds the errors (and warnings) with their codes. */
export class CertificateError extends Error {
  constructor(public readonly report: CertificateReport) {
    super(
      "certificate check failed:\n" +
        report.findings
          .filter((f) => f.severity === "error")
          .map((f) => `  ${f.code}: ${f.message}`)
          .join("\n"),
    );
    this.name = "CertificateError";
    // `pulumi up` prints it as one line without a stack trace (see ArgumentError in ../errors).
    markRunError(this);
  }
  get findings(): Finding[] {
    return this.report.findings;
  }
  /** The first error's code, e.g. `KEY_MISMATCH`. */
  get code(): string | undefined {
    return this.report.findings.find((f) => f.severity === "error")?.code;
  }
}

const DAY = 86_400_000;
/** Real chains have 2–4 certificates; more is a CA bundle given by mistake (and would cost O(n²) to order). */
export const MAX_CHAIN = 20;

/**
 * Runs every validation rule of DESIGN.md on certificate material in any accepted format
 * (PEM with chain and key, DER, PKCS#12, encrypted keys). Pure: reads no files, never throws.
 */
export function inspectCertificate(input: CertificateInputLike): CertificateReport {
  return evaluate(input).report;
}

/** The names the component's args use, accepted too, so an `imported` block can be checked as it is. */
export interface CertificateInputAliases {
  certPem?: string;
  keyPem?: string;
  chainPem?: string;
  pfxBase64?: string;
}

/** A CertificateInput, the component's field names, or just the certificate (PEM text or DER bytes). */
export type CertificateInputLike = (CertificateInput & CertificateInputAliases) | string | Buffer;

function normalizeInput(input: CertificateInputLike): CertificateInput {
  if (typeof input === "string" || Buffer.isBuffer(input)) return { cert: input };
  if (!input || typeof input !== "object") return {};
  const { certPem, keyPem, chainPem, pfxBase64, ...rest } = input;
  return {
    ...rest,
    cert: rest.cert ?? certPem,
    key: rest.key ?? keyPem,
    chain: rest.chain ?? chainPem,
    pfx: rest.pfx ?? pfxBase64,
  };
}

/** Inspects and, when no error was found, also returns what Azure receives. */
export function loadCertificate(input: CertificateInputLike): {
  report: CertificateReport;
  material?: CertificateMaterial;
} {
  const { report, certs, key } = evaluate(input);
  if (!report.ok) return { report };
  const chainPem = certs.map((c) => toPem("CERTIFICATE", c.der)).join("");
  const keyPem = key ? (key.export({ type: "pkcs8", format: "pem" }) as string) : undefined;
  return { report, material: { chainPem, keyPem } };
}

/**
 * The material as read, whatever the findings (for format conversion): leaf-first chain and the
 * leaf's key when one matched. `loadCertificate` is the gate for anything sent to Azure.
 */
export function extractMaterial(input: CertificateInputLike): {
  report: CertificateReport;
  chainPem?: string;
  keyPem?: string;
} {
  const { report, certs, key } = evaluate(input);
  return {
    report,
    chainPem: certs.length ? certs.map((c) => toPem("CERTIFICATE", c.der)).join("") : undefined,
    keyPem: key ? (key.export({ type: "pkcs8", format: "pem" }) as string) : undefined,
  };
}

function evaluate(inputLike: CertificateInputLike): {
  report: CertificateReport;
  certs: ReadCert[];
  key?: KeyObject;
} {
  const input = normalizeInput(inputLike);
  const names = inputNames(input);
  const read = readMaterial(input);
  const findings: Finding[] = [...read.findings];
  const certs = read.certs;
  const done = (certificate?: CertificateDetails, key?: KeyObject) => ({
    report: {
      ok: !findings.some((f) => f.severity === "error"),
      findings: dedupe(findings),
      certificate,
      chainLength: certs.length,
    },
    certs,
    key,
  });
  if (certs.length === 0) return done();
  if (certs.length > MAX_CHAIN) {
    findings.push(
      finding(
        "PEM_INVALID",
        `${names.cert} holds ${certs.length} certificates; a TLS chain has a few (this looks like a CA bundle): give the server certificate and its intermediates only`,
      ),
    );
    return done();
  }

  const now = (input.now ?? new Date()).getTime();
  const leaf = certs[0];
  const leafFacts = safeX509Facts(leaf.cert, leaf.der);
  const leafSelfSigned = isSelfSigned(leaf.cert);
  const leafKey = describeKey(leaf.cert.publicKey);

  // The key: the one that belongs to the leaf, if any does.
  let key: KeyObject | undefined;
  if (read.keys.length > 0) {
    key = read.keys.find((k) => safeCheckKey(leaf.cert, k.key))?.key;
    if (!key) {
      findings.push(
        finding(
          "KEY_MISMATCH",
          `the private key in ${read.keys[0].source} does not belong to the leaf certificate (${leafFacts.subject || "no subject"}); give the key that was issued with this certificate`,
        ),
      );
    }
  }

  if (
    input.hostname !== undefined &&
    input.hostname !== "" &&
    !hostnameCovered(leafFacts.dnsNames, input.hostname)
  ) {
    const cnOnly = leafFacts.dnsNames.length === 0;
    findings.push(
      finding(
        "HOSTNAME_MISMATCH",
        cnOnly
          ? `${names.cert} has no DNS names in its subjectAltName (the CN alone does not count), so it does not cover ${input.hostname}; reissue it with SAN DNS:${input.hostname}`
          : `${names.cert} covers ${leafFacts.dnsNames.join(", ")}, not ${input.hostname}; reissue it with SAN DNS:${input.hostname} or use a hostname it covers`,
      ),
    );
  }

  certs.forEach((c, i) => {
    const what =
      i === 0
        ? `the leaf certificate in ${c.source}`
        : `chain certificate ${i + 1} (${c.cert.subject.replace(/\n/g, ", ")})`;
    const notAfter = Date.parse(c.cert.validTo);
    const notBefore = Date.parse(c.cert.validFrom);
    if (notAfter < now) {
      findings.push(finding("EXPIRED", `${what} expired on ${new Date(notAfter).toISOString()}; renew it`));
    } else if (notBefore > now) {
      findings.push(
        finding(
          "NOT_YET_VALID",
          `${what} is not valid until ${new Date(notBefore).toISOString()}; check the issuing clock or wait`,
        ),
      );
    } else if (i === 0 || !isSelfSigned(c.cert)) {
      const minDays = input.minDaysRemaining ?? 30;
      const daysLeft = Math.floor((notAfter - now) / DAY);
      if (daysLeft < minDays) {
        findings.push(
          finding(
            "EXPIRES_SOON",
            `${what} expires in ${daysLeft} day(s) (${new Date(notAfter).toISOString()}); renew it before then`,
          ),
        );
      }
    }
    const k = describeKey(c.cert.publicKey);
    if ((k.keyType === "RSA" || k.keyType === "RSA-PSS") && k.keyBits < 2048) {
      findings.push(
        finding(
          "WEAK_KEY",
          `${what} has an RSA ${k.keyBits}-bit key; use RSA 2048 bits or more, or ECDSA P-256`,
        ),
      );
    } else if (k.keyType === "ECDSA" && (k.keyBits < 256 || !ACCEPTED_CURVES.includes(k.curve ?? ""))) {
      findings.push(
        finding("WEAK_KEY", `${what} uses the EC curve ${k.curve || "unknown"}; use P-256, P-384 or P-521`),
      );
    }
    // A root's self-signature is never checked by clients; the leaf's and intermediates' are.
    if (i === 0 || !isSelfSigned(c.cert)) {
      const hash = i === 0 ? leafFacts.signatureHash : safeX509Facts(c.cert, c.der).signatureHash;
      if (hash === "md5" || hash === "sha1" || hash === "md2" || hash === "md4") {
        findings.push(
          finding(
            "WEAK_SIGNATURE",
            `${what} is signed with ${hash.toUpperCase()}; reissue it with SHA-256 or better`,
          ),
        );
      }
    }
  });

  if (leaf.cert.ca) {
    findings.push(
      finding(
        "LEAF_IS_CA",
        `the first certificate in ${leaf.source} is a CA certificate (basicConstraints CA:TRUE); put the server certificate first, or reissue it without CA:TRUE`,
      ),
    );
  }

  for (let i = 0; i + 1 < certs.length; i++) {
    if (!issuedBy(certs[i].cert, certs[i + 1].cert)) {
      const laterIssuer = certs.slice(i + 2).some((c) => issuedBy(certs[i].cert, c.cert));
      findings.push(
        finding(
          "CHAIN_ORDER",
          laterIssuer
            ? `certificate ${i + 1} is not issued by certificate ${i + 2}; order the chain leaf first, each certificate followed by its issuer`
            : `certificate ${i + 1} is not issued by certificate ${i + 2} and its issuer (${certs[i].cert.issuer.replace(/\n/g, ", ")}) is missing; add it right after it`,
        ),
      );
      break;
    }
  }
  const last = certs[certs.length - 1];
  // An issuer earlier in the list is a CHAIN_ORDER problem, already reported.
  if (!isSelfIssued(last.cert) && !certs.some((c) => c !== last && issuedBy(last.cert, c.cert))) {
    findings.push(
      finding(
        "CHAIN_INCOMPLETE",
        `the chain ends with ${certs.length === 1 ? "the leaf" : `certificate ${certs.length}`}, whose issuer (${last.cert.issuer.replace(/\n/g, ", ")}) is not included; Azure ML wants the full chain: append the intermediate and root certificates`,
      ),
    );
  }
  if (leafSelfSigned) {
    findings.push(
      finding(
        "SELF_SIGNED",
        `the leaf certificate in ${leaf.source} is self-signed: fine for development, but clients must trust it explicitly`,
      ),
    );
  }

  const certificate: CertificateDetails = {
    subject: leafFacts.subject,
    dnsNames: leafFacts.dnsNames,
    issuer: leafFacts.issuer,
    notBefore: new Date(Date.parse(leaf.cert.validFrom)).toISOString(),
    notAfter: new Date(Date.parse(leaf.cert.validTo)).toISOString(),
    fingerprintSha256: fingerprint(leaf.cert),
    keyType: leafKey.keyType,
    keyBits: leafKey.keyBits,
    selfSigned: leafSelfSigned,
  };
  return done(certificate, key);
}

function safeCheckKey(cert: ReadCert["cert"], key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.code}\n${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
