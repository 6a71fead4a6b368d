import { KeyObject, X509Certificate } from "node:crypto";
import { markRunError } from "../../errors";
import { Finding, finding } from "./findings";
import { CertificateInput, inputNames, readMaterial, ReadCert } from "../formats/read";
import { toPem } from "../formats/pem";
import { bundledRoots, misplacedServerIndex, RuleContext, RULES } from "./rules";
import { certValidity } from "../formats/x509-fields";
import { describeKey, fingerprint, isSelfSigned, safeX509Facts, X509Facts } from "../formats/x509-facts";

export type { CertificateInput } from "../formats/read";
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
  /**
   * Set when the server certificate (the one the key belongs to, or the one that covers the
   * hostname) is present but not first (CHAIN_ORDER): its 0-based position. `certificate` then
   * describes it, not the CA certificate that comes first.
   */
  serverIndex?: number;
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

/** Real chains have 2–4 certificates; more is a CA bundle given by mistake (and would cost O(n²) to order). */
export const MAX_CHAIN = 20;

/**
 * Runs every validation rule (docs/certificates.md) on certificate material in any accepted format
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

/** Certificates given twice (certbot's `fullchain.pem` as the certificate and `chain.pem` as the chain) count once. */
export function uniqueCerts(certs: ReadCert[]): ReadCert[] {
  const seen = new Set<string>();
  return certs.filter((c) => {
    const k = c.der.toString("base64");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Reads the input, then runs every rule of the RULES table on the chain. */
function evaluate(
  inputLike: CertificateInputLike,
  roots: () => readonly X509Certificate[] = bundledRoots,
): {
  report: CertificateReport;
  certs: ReadCert[];
  key?: KeyObject;
} {
  const input = normalizeInput(inputLike);
  const names = inputNames(input);
  const read = readMaterial(input);
  const findings: Finding[] = [...read.findings];
  const certs = uniqueCerts(read.certs);
  const done = (certificate?: CertificateDetails, key?: KeyObject, serverIndex?: number) => ({
    report: {
      ok: !findings.some((f) => f.severity === "error"),
      findings: dedupe(findings),
      certificate,
      chainLength: certs.length,
      ...(serverIndex !== undefined ? { serverIndex } : {}),
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

  const leaf = certs[0];
  const leafFacts = safeX509Facts(leaf.cert, leaf.der);
  const facts = new Map<number, X509Facts>([[0, leafFacts]]);
  const ctx: RuleContext = {
    certs,
    leafFacts,
    facts: (i) => facts.get(i) ?? facts.set(i, safeX509Facts(certs[i].cert, certs[i].der)).get(i)!,
    keys: read.keys,
    // The key: the one that belongs to the leaf, if any does.
    key: read.keys.find((k) => safeCheckKey(leaf.cert, k.key))?.key,
    hostname: input.hostname,
    now: (input.now ?? new Date()).getTime(),
    notBeforeAllowance: (input.clockSkewSeconds ?? 0) * 1000,
    minDays: input.minDaysRemaining ?? 30,
    certName: names.cert,
    roots,
  };
  for (const [, rule] of RULES) findings.push(...rule(ctx));

  // A chain in reverse order describes its server certificate, not the CA that comes first.
  const serverIndex = misplacedServerIndex(ctx);
  const server = certs[serverIndex ?? 0];
  const serverFacts = ctx.facts(serverIndex ?? 0);
  const serverKey = describeKey(server.cert.publicKey);
  const certificate: CertificateDetails = {
    subject: serverFacts.subject,
    dnsNames: serverFacts.dnsNames,
    issuer: serverFacts.issuer,
    notBefore: certValidity(server.cert).notBefore.toISOString(),
    notAfter: certValidity(server.cert).notAfter.toISOString(),
    fingerprintSha256: fingerprint(server.cert),
    keyType: serverKey.keyType,
    keyBits: serverKey.keyBits,
    selfSigned: isSelfSigned(server.cert),
  };
  return done(certificate, ctx.key, serverIndex);
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
