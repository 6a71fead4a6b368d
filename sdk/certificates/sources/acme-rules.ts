import { ArgumentError } from "../../errors";
import { AcmeKeyType } from "../../enums";
import type { AcmeCertificateArgs, DnsArgs } from "../../types";
import type { ResolvedAcme } from "../../args/resolved";
import { challengeProvider } from "./acme-challenge-rules";

/** Let's Encrypt's ACME v2 directories (https://letsencrypt.org/docs/staging-environment/). */
export const LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";
export const LETS_ENCRYPT_STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";

/** Days a Let's Encrypt certificate is valid; the rotation windows are derived from it. */
export const ACME_VALIDITY_DAYS = 90;

// Declared in sdk/args/ (the shapes every part shares); named here too, where the rule lives.
export type { ResolvedAcme };

const KNOWN = ["email", "server", "keyType", "renewBeforeDays", "challenge", "recursiveNameservers"];

/**
 * Public recursive resolvers (Cloudflare's and Google's) for lego's DNS-01 precheck when the
 * hostname's record is private: a resolver inside the VNet answers the private zone of the same
 * name, which never holds the challenge's TXT record (lego's `--dns.resolvers`,
 * https://go-acme.github.io/lego/usage/cli/options/).
 */
export const PUBLIC_RESOLVERS = ["1.1.1.1:53", "8.8.8.8:53"];

// host:port, the host an IPv4 address, a bracketed IPv6 address or a DNS name.
const NAMESERVER =
  /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*):(\d{1,5})$/;

/**
 * `certificate.acme.recursiveNameservers`, checked; the public resolvers when none is given and
 * the record is private; undefined for the machine's own. Pure.
 */
export function recursiveNameservers(given: unknown, privateRecord: boolean): string[] | undefined {
  if (given === undefined) return privateRecord ? [...PUBLIC_RESOLVERS] : undefined;
  if (!Array.isArray(given))
    throw new ArgumentError(
      "certificate.acme.recursiveNameservers",
      `must be a list of "host:port" strings such as ["1.1.1.1:53"], got ${JSON.stringify(given)}`,
    );
  if (given.length === 0) return undefined;
  return given.map((ns, i) => {
    const m = typeof ns === "string" ? NAMESERVER.exec(ns.trim()) : null;
    const port = m ? Number(m[1]) : 0;
    if (!m || port < 1 || port > 65535)
      throw new ArgumentError(
        `certificate.acme.recursiveNameservers[${i}]`,
        `${JSON.stringify(ns)} is not a resolver address "host:port"; give one such as "1.1.1.1:53" or "[2606:4700:4700::1111]:53"`,
      );
    return (ns as string).trim();
  });
}
// RFC 5321 local part and a domain of at least two labels: what ACME servers accept as a mailto: contact.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The reserved example domain (RFC 2606) an e-mail address is at, if any. Pure. */
export function reservedExampleDomain(email: string): string | undefined {
  const domain = email.trim().split("@").pop()!.toLowerCase().replace(/\.$/, "");
  return /(^|\.)example\.(com|org|net)$/.test(domain) ? domain : undefined;
}

/** The directory URL of `server`, or undefined when it is neither a known name nor an https URL. */
export function acmeServerUrl(server: string): string | undefined {
  if (server === "letsencrypt") return LETS_ENCRYPT;
  if (server === "letsencrypt-staging") return LETS_ENCRYPT_STAGING;
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" || url.hostname === "" || url.username || url.password) return undefined;
  return server;
}

/**
 * Checks `certificate.acme` and that a DNS provider can answer its DNS-01 challenge. Pure: throws
 * {@link ArgumentError} naming the field and the fix; returns the warnings to print.
 */
export function validateAcme(
  acme: AcmeCertificateArgs,
  dns: DnsArgs | undefined,
  warnings: string[],
  plainHostname?: string,
): ResolvedAcme {
  if (acme === null || typeof acme !== "object" || Array.isArray(acme))
    throw new ArgumentError("certificate.acme", 'must be an object such as { email: "ops@example.org" }');
  for (const key of Object.keys(acme)) {
    if (!KNOWN.includes(key)) {
      const near = KNOWN.find((k) => k.toLowerCase() === key.toLowerCase());
      throw new ArgumentError(
        `certificate.acme.${key}`,
        near
          ? `unknown field; did you mean "${near}"?`
          : `unknown field; known fields are ${KNOWN.join(", ")}`,
      );
    }
  }
  if (acme.email === undefined || acme.email === "") {
    throw new ArgumentError(
      "certificate.acme.email",
      "is required: the contact address of the ACME account, e.g. ops@example.org",
    );
  }
  if (typeof acme.email === "string" && !EMAIL.test(acme.email.trim())) {
    throw new ArgumentError(
      "certificate.acme.email",
      `${JSON.stringify(acme.email)} is not an e-mail address; give one such as ops@example.org`,
    );
  }
  const exampleDomain = typeof acme.email === "string" ? reservedExampleDomain(acme.email) : undefined;
  if (exampleDomain !== undefined) {
    warnings.push(
      `certificate.acme.email ${acme.email.toString().trim()}: ${exampleDomain} is a reserved example domain (RFC 2606) and Let's Encrypt refuses it as a contact address; give an address that someone reads`,
    );
  }
  const server = acme.server ?? "letsencrypt";
  const serverUrl = typeof server === "string" ? acmeServerUrl(server.trim()) : undefined;
  if (serverUrl === undefined) {
    throw new ArgumentError(
      "certificate.acme.server",
      `${JSON.stringify(server)} is neither "letsencrypt", "letsencrypt-staging" nor an https:// ACME directory URL; use one of those`,
    );
  }
  const keyType = acme.keyType ?? AcmeKeyType.RSA2048;
  const keyTypes = Object.values(AcmeKeyType) as string[];
  if (!keyTypes.includes(keyType)) {
    throw new ArgumentError(
      "certificate.acme.keyType",
      `must be one of ${keyTypes.map((k) => `"${k}"`).join(", ")} (default "RSA2048"), got ${JSON.stringify(keyType)}`,
    );
  }
  const renewBeforeDays = acme.renewBeforeDays ?? 30;
  if (
    typeof renewBeforeDays !== "number" ||
    !Number.isInteger(renewBeforeDays) ||
    renewBeforeDays < 1 ||
    renewBeforeDays > 60
  ) {
    throw new ArgumentError(
      "certificate.acme.renewBeforeDays",
      `must be a whole number of days from 1 to 60 (a Let's Encrypt certificate lasts ${ACME_VALIDITY_DAYS} days; default 30), got ${JSON.stringify(acme.renewBeforeDays)}`,
    );
  }
  const challenge = challengeProvider(acme.challenge, dns, plainHostname);
  if (keyType === AcmeKeyType.P256 || keyType === AcmeKeyType.P384) {
    warnings.push(
      `certificate.acme.keyType ${keyType}: an ECDSA certificate; clients that offer only RSA cipher suites cannot connect, so keep "RSA2048" unless every scoring client supports ECDSA`,
    );
  }
  if (serverUrl === LETS_ENCRYPT_STAGING) {
    warnings.push(
      "certificate.acme.server letsencrypt-staging: the staging CA is not trusted by any client; use it to test issuance, then switch to letsencrypt",
    );
  }
  const resolvers = recursiveNameservers(acme.recursiveNameservers, dns?.azurePrivate !== undefined);
  return {
    serverUrl,
    keyType,
    renewBeforeDays,
    validityDays: ACME_VALIDITY_DAYS,
    challenge,
    ...(resolvers ? { recursiveNameservers: resolvers } : {}),
  };
}
