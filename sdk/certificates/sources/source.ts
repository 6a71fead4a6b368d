import { X509Certificate } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import type { CertificateSummary, ImportedCertificateArgs } from "../../types";
import type { ResolvedArgs } from "../../args/resolved";
import { CertificateError, CertificateReport, loadCertificate } from "../rules/inspect";
import { CertificateInput } from "../formats/read";
import { readInputFile } from "../formats/files";
import { rotationWindow } from "./rotation";
import { ecdsaWarning } from "./source-rules";
import { certValidity } from "../formats/x509-fields";

/** The warning for an imported ECDSA key (Azure ML's TLS examples all use RSA 2048). */
function keyTypeWarnings(report: CertificateReport, argument: string): string[] {
  return report.certificate?.keyType === "ECDSA" ? [ecdsaWarning(argument)] : [];
}

export { MAX_FILE_BYTES, readInputFile } from "../formats/files";

/** What the cluster and the outputs need from any certificate source. */
export interface CertificateSource {
  /** Leaf-first PEM chain. */
  chainPem: pulumi.Output<string>;
  /** Unencrypted PEM private key; always secret. */
  keyPem: pulumi.Output<string>;
  /** Public facts for the `certificate` output; never secret. */
  summary: pulumi.Output<CertificateSummary>;
}

/** The public facts of a checked certificate, for the `certificate` output. */
export function summaryOf(
  report: CertificateReport,
  chainPem: string,
  rotatesAfter?: string,
): CertificateSummary {
  const c = report.certificate!;
  const s: CertificateSummary = {
    fingerprintSha256: c.fingerprintSha256,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    subject: c.subject,
    dnsNames: c.dnsNames,
    issuer: c.issuer,
    selfSigned: c.selfSigned,
    pem: chainPem,
  };
  if (rotatesAfter !== undefined) s.rotatesAfter = rotatesAfter;
  return s;
}

/**
 * A self-signed certificate for the hostname with @pulumi/tls. The provider never renews
 * (pulumi-tls#39), so the component does: both resources carry the rotation window's start as
 * their replacement trigger, which is stable inside a window and changes when it turns.
 */
export function selfSignedCertificate(
  parent: pulumi.Resource,
  name: string,
  hostname: pulumi.Input<string>,
  resolved: ResolvedArgs,
  now: Date,
): CertificateSource {
  const { validityDays, renewBeforeDays, algorithm } = resolved.selfSigned;
  const window = rotationWindow(now, validityDays, renewBeforeDays);
  const key = new tls.PrivateKey(
    `${name}-key`,
    algorithm === "RSA" ? { algorithm: "RSA", rsaBits: 2048 } : { algorithm: "ECDSA", ecdsaCurve: "P256" },
    // @pulumi/tls already marks privateKeyPem / privateKeyPemPkcs8 / privateKeyOpenssh as secret outputs.
    { parent, replacementTrigger: window.start },
  );
  const keyPem = pulumi.secret(key.privateKeyPem);
  const cert = new tls.SelfSignedCert(
    `${name}-cert`,
    {
      privateKeyPem: keyPem,
      dnsNames: [hostname],
      subject: { commonName: hostname, organization: "ssl-ml-cluster self-signed (development)" },
      allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
      validityPeriodHours: validityDays * 24,
      isCaCertificate: false,
    },
    { parent, replacementTrigger: window.start },
  );
  const summary = cert.certPem.apply((pem) => selfSignedSummary(pem, window.rotatesAfter));
  return { chainPem: cert.certPem, keyPem, summary };
}

/**
 * Facts of the certificate this component made itself, read with Node's X509Certificate alone: its
 * names are a validated hostname, so the full parser (a cold start of ~20 ms) is not needed here.
 */
export function selfSignedSummary(pem: string, rotatesAfter: string): CertificateSummary {
  if (!pem) throw new Error("certificate.selfSigned: the tls provider returned no certPem");
  const x = new X509Certificate(pem);
  const dn = (s: string) => s.split("\n").filter(Boolean).join(", ");
  return {
    fingerprintSha256: x.fingerprint256,
    notBefore: certValidity(x).notBefore.toISOString(),
    notAfter: certValidity(x).notAfter.toISOString(),
    subject: dn(x.subject),
    dnsNames: (x.subjectAltName ?? "")
      .split(", ")
      .filter((n) => n.startsWith("DNS:"))
      .map((n) => n.slice(4)),
    issuer: dn(x.issuer),
    selfSigned: true,
    rotatesAfter,
    pem: x.toString(),
  };
}

type ImportedValues = {
  certPem?: string;
  keyPem?: string;
  chainPem?: string;
  pfxBase64?: string;
  password?: string;
};

function inputFrom(
  v: ImportedValues,
  files: { cert?: Buffer; key?: Buffer; chain?: Buffer; pfx?: Buffer },
  hostname: string,
  minDays?: number,
  imp?: ImportedCertificateArgs,
): CertificateInput {
  return {
    cert: v.certPem ?? files.cert,
    key: v.keyPem ?? files.key,
    chain: v.chainPem ?? files.chain,
    pfx: v.pfxBase64 ?? files.pfx,
    password: v.password,
    hostname,
    minDaysRemaining: minDays,
    requireKey: true,
    names: {
      cert: imp?.certFile
        ? `certificate.imported.certFile (${imp.certFile})`
        : "certificate.imported.certPem",
      key: imp?.keyFile ? `certificate.imported.keyFile (${imp.keyFile})` : "certificate.imported.keyPem",
      chain: imp?.chainFile
        ? `certificate.imported.chainFile (${imp.chainFile})`
        : "certificate.imported.chainPem",
      pfx: imp?.pfxFile ? `certificate.imported.pfxFile (${imp.pfxFile})` : "certificate.imported.pfxBase64",
      password: "certificate.imported.password",
    },
  };
}

/**
 * Reads the imported files now and checks the material before anything is registered when every
 * value is plain; when a value is an Output the same checks run inside the output pipeline, so
 * `pulumi preview` fails with the finding instead of Azure failing minutes later.
 */
export function prepareImported(imp: ImportedCertificateArgs, hostname: pulumi.Input<string>) {
  const files = {
    cert:
      imp.certFile !== undefined ? readInputFile("certificate.imported.certFile", imp.certFile) : undefined,
    key: imp.keyFile !== undefined ? readInputFile("certificate.imported.keyFile", imp.keyFile) : undefined,
    chain:
      imp.chainFile !== undefined
        ? readInputFile("certificate.imported.chainFile", imp.chainFile)
        : undefined,
    pfx: imp.pfxFile !== undefined ? readInputFile("certificate.imported.pfxFile", imp.pfxFile) : undefined,
  };
  const values = [imp.certPem, imp.keyPem, imp.chainPem, imp.pfxBase64, imp.password, hostname];
  const allPlain = values.every((v) => v === undefined || typeof v === "string");
  let early:
    { warnings: string[]; chainPem: string; keyPem: string; summary: CertificateSummary } | undefined;
  if (allPlain) {
    const loaded = loadCertificate(
      inputFrom(imp as ImportedValues, files, hostname as string, imp.minDaysRemaining, imp),
    );
    if (!loaded.material) throw new CertificateError(loaded.report);
    early = {
      warnings: [
        ...loaded.report.findings
          .filter((f) => f.severity === "warning")
          .map((f) => `${f.code}: ${f.message}`),
        ...keyTypeWarnings(loaded.report, "certificate.imported"),
      ],
      chainPem: loaded.material.chainPem,
      keyPem: loaded.material.keyPem!,
      summary: summaryOf(loaded.report, loaded.material.chainPem),
    };
  }
  return { files, early };
}

/** The imported certificate as outputs (checked already, or checked in the pipeline). */
export function importedCertificate(
  parent: pulumi.Resource,
  imp: ImportedCertificateArgs,
  hostname: pulumi.Input<string>,
  prepared: ReturnType<typeof prepareImported>,
): CertificateSource {
  if (prepared.early) {
    const e = prepared.early;
    for (const w of e.warnings) pulumi.log.warn(w, parent);
    return {
      chainPem: pulumi.output(e.chainPem),
      keyPem: pulumi.secret(e.keyPem),
      summary: pulumi.output(e.summary),
    };
  }
  const loaded = pulumi
    .all([imp.certPem, imp.keyPem, imp.chainPem, imp.pfxBase64, imp.password, hostname])
    .apply(([certPem, keyPem, chainPem, pfxBase64, password, host]) => {
      const r = loadCertificate(
        inputFrom(
          { certPem, keyPem, chainPem, pfxBase64, password },
          prepared.files,
          host,
          imp.minDaysRemaining,
          imp,
        ),
      );
      if (!r.material) throw new CertificateError(r.report);
      for (const f of r.report.findings) pulumi.log.warn(`${f.code}: ${f.message}`, parent);
      for (const w of keyTypeWarnings(r.report, "certificate.imported")) pulumi.log.warn(w, parent);
      return {
        chainPem: r.material.chainPem,
        keyPem: r.material.keyPem!,
        summary: summaryOf(r.report, r.material.chainPem),
      };
    });
  return {
    // The certificate and its facts are public even when they came in beside a secret key or password.
    chainPem: pulumi.unsecret(loaded.chainPem),
    keyPem: pulumi.secret(loaded.keyPem),
    summary: pulumi.unsecret(loaded.summary),
  };
}
