import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import * as acme from "@pulumiverse/acme";
import type { CertificateSummary, SslMlClusterArgs } from "../../types";
import type { ResolvedArgs } from "../../args/resolved";
import type { ResolvedAcme } from "./acme-rules";
import { CertificateError, loadCertificate } from "../rules/inspect";
import { rotationWindow } from "./rotation";
import { summaryOf, type CertificateSource } from "./source";
import { dnsChallenge, type PreparedAcme } from "./acme-challenge";

export { cloudflareTokenSource, prepareAcme } from "./acme-challenge";
export type { CloudflareTokenSource, PreparedAcme } from "./acme-challenge";

/** ACME `keyType` names as the acme provider spells them. */
const PROVIDER_KEY_TYPE: Record<string, string> = {
  RSA2048: "2048",
  RSA4096: "4096",
  P256: "P256",
  P384: "P384",
};

/** Seconds a freshly issued certificate's `notBefore` may lie ahead of this machine's clock. */
export const ISSUE_CLOCK_SKEW_SECONDS = 300;

/**
 * The clock a certificate issued during the run is judged by: the later of the program's clock
 * (`SSL_ML_CLUSTER_NOW`, or the time the program started) and the real time of the check. A
 * DNS-01 order can take minutes, and a CA need not backdate `notBefore`. Pure.
 */
export function issuedCertificateClock(programNow: Date, checkedAt: Date): Date {
  return new Date(Math.max(programNow.getTime(), checkedAt.getTime()));
}

/** Facts of the issued certificate, checked like an imported one (judged when checked; see issuedCertificateClock). */
export function checkedChain(
  certificatePem: string,
  issuerPem: string,
  keyPem: string,
  hostname: string,
  resolved: ResolvedAcme,
  now: Date,
  rotatesAfter: string,
  parent: pulumi.Resource,
): { chainPem: string; keyPem: string; summary: CertificateSummary } {
  if (!certificatePem) throw new Error("certificate.acme: the acme provider returned no certificatePem");
  const r = loadCertificate({
    cert: certificatePem,
    chain: issuerPem,
    key: keyPem,
    hostname,
    minDaysRemaining: resolved.renewBeforeDays,
    // Judged when checked, not when the program started; the rotation window keeps `now`.
    now: issuedCertificateClock(now, new Date()),
    clockSkewSeconds: ISSUE_CLOCK_SKEW_SECONDS,
    requireKey: true,
    names: {
      cert: "certificate.acme (certificatePem)",
      chain: "certificate.acme (issuerPem)",
      key: "certificate.acme (privateKeyPem)",
    },
  });
  if (!r.material) throw new CertificateError(r.report);
  for (const f of r.report.findings) pulumi.log.warn(`${f.code}: ${f.message}`, parent);
  return {
    chainPem: r.material.chainPem,
    keyPem: r.material.keyPem!,
    summary: summaryOf(r.report, r.material.chainPem, rotatesAfter),
  };
}

/**
 * A publicly trusted certificate from an ACME CA through an explicit acme provider: an account key
 * (@pulumi/tls), a Registration, and a Certificate for the hostname proven by DNS-01.
 *
 * The provider renews only when a refresh notices the certificate is due (the same gap as
 * pulumi-tls#39), so the component's rotation clock decides instead: the certificate carries the
 * rotation window's start as its replacement trigger, stable inside a window, new when it turns.
 * The account key and the registration stay.
 */
export function acmeCertificate(
  parent: pulumi.Resource,
  name: string,
  hostname: pulumi.Output<string>,
  args: SslMlClusterArgs,
  resolved: ResolvedArgs,
  prepared: PreparedAcme,
  now: Date,
  env: NodeJS.ProcessEnv = process.env,
): CertificateSource {
  const a = resolved.acme!;
  // One day of margin: a CA backdates notBefore (Let's Encrypt by an hour) and a certificate is
  // ordered some time after its window opens, so the next window opens at least renewBeforeDays
  // before the current certificate expires.
  const window = rotationWindow(now, a.validityDays, a.renewBeforeDays + 1);
  const provider = new acme.Provider(`${name}-acme`, { serverUrl: a.serverUrl }, { parent });
  const accountKey = new tls.PrivateKey(
    `${name}-acme-account-key`,
    { algorithm: "ECDSA", ecdsaCurve: "P256" },
    { parent },
  );
  const accountKeyPem = pulumi.secret(accountKey.privateKeyPem);
  const registration = new acme.Registration(
    `${name}-acme-account`,
    { accountKeyPem, emailAddress: pulumi.output(args.certificate.acme!.email).apply((e) => e.trim()) },
    { parent, provider },
  );
  const challenge = dnsChallenge(parent, args, prepared, env);
  const cert = new acme.Certificate(
    `${name}-acme-cert`,
    {
      // The registration's key (not the tls key directly) orders the registration first.
      accountKeyPem: pulumi.secret(registration.accountKeyPem),
      commonName: hostname,
      keyType: PROVIDER_KEY_TYPE[a.keyType],
      // A backstop for a refresh; the replacement trigger renews without one.
      minDaysRemaining: a.renewBeforeDays,
      dnsChallenges: [challenge],
      // lego's precheck resolvers (public ones by default with a private record; acme-rules.ts).
      recursiveNameservers: a.recursiveNameservers,
      // Each renewal replaces this resource; Let's Encrypt asks for revocation only on key compromise.
      revokeCertificateOnDestroy: false,
    },
    {
      parent,
      provider,
      replacementTrigger: window.start,
      additionalSecretOutputs: ["privateKeyPem", "certificateP12", "accountKeyPem"],
    },
  );
  const checked = pulumi
    .all([cert.certificatePem, cert.issuerPem, cert.privateKeyPem, hostname])
    .apply(([certificatePem, issuerPem, keyPem, host]) =>
      checkedChain(certificatePem, issuerPem, keyPem, host, a, now, window.rotatesAfter, parent),
    );
  return {
    // The certificate and its facts are public; the key stays secret end to end.
    chainPem: pulumi.unsecret(checked.chainPem),
    keyPem: pulumi.secret(checked.keyPem),
    summary: pulumi.unsecret(checked.summary),
  };
}
