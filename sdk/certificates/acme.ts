import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import * as acme from "@pulumiverse/acme";
import * as authorization from "@pulumi/azure-native/authorization";
import { ArgumentError } from "../errors";
import type { CertificateSummary, SslMlClusterArgs } from "../types";
import type { ResolvedArgs } from "../validation/args";
import type { ResolvedAcme } from "../validation/acme";
import { canonicalHostname } from "../validation/hostname";
import { CertificateError, loadCertificate } from "./inspect";
import { rotationWindow } from "./rotation";
import { summaryOf, type CertificateSource } from "./source";

/** Where the Cloudflare token for the DNS-01 challenge comes from (never the token itself). */
export type CloudflareTokenSource = "dns.cloudflare.apiToken" | "CLOUDFLARE_API_TOKEN";

/**
 * Which Cloudflare token answers the challenge: `dns.cloudflare.apiToken`, else the
 * `CLOUDFLARE_API_TOKEN` environment variable (the one the Cloudflare provider reads). Pure.
 */
export function cloudflareTokenSource(apiToken: unknown, env: NodeJS.ProcessEnv): CloudflareTokenSource {
  if (apiToken !== undefined) return "dns.cloudflare.apiToken";
  if (env.CLOUDFLARE_API_TOKEN) return "CLOUDFLARE_API_TOKEN";
  throw new ArgumentError(
    "dns.cloudflare.apiToken",
    "certificate.acme writes its DNS-01 TXT record through Cloudflare and needs an API token with Zone:Read and DNS:Edit on the zone: set dns.cloudflare.apiToken (a secret) or the CLOUDFLARE_API_TOKEN environment variable",
  );
}

/** ACME `keyType` names as the acme provider spells them. */
const PROVIDER_KEY_TYPE: Record<string, string> = {
  RSA2048: "2048",
  RSA4096: "4096",
  P256: "P256",
  P384: "P384",
};

/** What is decided before anything is registered. */
export interface PreparedAcme {
  tokenSource?: CloudflareTokenSource;
}

/** Finds the challenge's credentials before anything is registered (an error names the fix). */
export function prepareAcme(args: SslMlClusterArgs, env: NodeJS.ProcessEnv = process.env): PreparedAcme {
  if (args.dns?.cloudflare !== undefined)
    return { tokenSource: cloudflareTokenSource(args.dns.cloudflare.apiToken, env) };
  return {};
}

/**
 * The DNS-01 challenge: lego's provider code and its configuration keys
 * (https://go-acme.github.io/lego/dns/cloudflare/, https://go-acme.github.io/lego/dns/azuredns/).
 * The whole map is secret: it may hold the token.
 */
function dnsChallenge(
  parent: pulumi.Resource,
  args: SslMlClusterArgs,
  prepared: PreparedAcme,
  env: NodeJS.ProcessEnv,
): { provider: string; config: pulumi.Output<Record<string, string>> } {
  if (args.dns?.cloudflare !== undefined) {
    const token =
      prepared.tokenSource === "dns.cloudflare.apiToken"
        ? pulumi.output(args.dns.cloudflare.apiToken!)
        : pulumi.output(env.CLOUDFLARE_API_TOKEN ?? "");
    pulumi.log.info(
      `certificate.acme: DNS-01 through Cloudflare with the API token from ${prepared.tokenSource}`,
      parent,
    );
    return {
      provider: "cloudflare",
      config: pulumi.secret(token.apply((t): Record<string, string> => ({ CF_DNS_API_TOKEN: t.trim() }))),
    };
  }
  const azure = args.dns!.azure!;
  // The zone's subscription is the one the azure-native provider deploys the record set into.
  const client = authorization.getClientConfigOutput({ parent });
  pulumi.log.info(
    "certificate.acme: DNS-01 through Azure DNS; credentials come from the Azure environment (AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET, a managed identity, or az login)",
    parent,
  );
  return {
    provider: "azuredns",
    config: pulumi.secret(
      pulumi
        .all([client.subscriptionId, azure.resourceGroupName, azure.zoneName])
        .apply(([sub, rg, zone]): Record<string, string> => ({
          AZURE_SUBSCRIPTION_ID: sub,
          AZURE_RESOURCE_GROUP: rg,
          AZURE_ZONE_NAME: canonicalHostname(zone),
        })),
    ),
  };
}

/** Facts of the issued certificate, checked like an imported one. */
function checkedChain(
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
    now,
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
    summary: summaryOf(r.report, rotatesAfter),
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
