// Rules of `dns` for the public record: one provider, `dns.azure` (rules.ts) and `dns.cloudflare`
// (zone, TTL, proxying). `dns.azurePrivate` has its own (private-rules.ts). Pure: no Pulumi, no I/O.
import { ArgumentError } from "../errors";
import type { CloudflareDnsArgs, DnsArgs } from "../types";
import type { CertificateSourceKind, ResolvedArgs } from "../args/resolved";
import { checkKeys, isPlainString } from "../common/check-keys";
import { canonicalHostname, hostnameProblem } from "../common/hostname";
import { validateAzureDns, validateCloudflareToken, validateDnsProviders } from "./rules";

const DNS_KEYS = ["cloudflare", "azure", "azurePrivate"];
const CLOUDFLARE_KEYS = [
  "zoneId",
  "zoneName",
  "proxied",
  "ttl",
  "enterpriseZone",
  "apiToken",
  "adoptRecordId",
];

/** The record `dns` asks for (`dns.azurePrivate` aside): TTL sent, proxying, zone; undefined without one. */
export function validateDns(
  dns: DnsArgs | undefined,
  plainHostname: string | undefined,
  source: CertificateSourceKind | undefined,
  warnings: string[],
): ResolvedArgs["dns"] {
  let resolved: ResolvedArgs["dns"];
  checkKeys("dns", dns, DNS_KEYS);
  validateDnsProviders(dns);
  if (dns?.azure !== undefined) {
    const az = validateAzureDns(dns.azure, plainHostname);
    resolved = { ttl: az.ttl, proxied: false, zoneName: az.zoneName };
  }
  if (dns?.cloudflare !== undefined) {
    resolved = validateCloudflareDns(dns.cloudflare, plainHostname, source, warnings);
  }
  return resolved;
}

/** The argument of the public DNS record (`dns.cloudflare` or `dns.azure`), if one is given. */
export function publicDnsArgument(dns: DnsArgs | undefined): string | undefined {
  const publicDns = ["cloudflare", "azure"].find((k) => dns?.[k as "azure"] !== undefined);
  return publicDns && `dns.${publicDns}`;
}

function validateCloudflareDns(
  cf: CloudflareDnsArgs,
  plainHostname: string | undefined,
  source: CertificateSourceKind | undefined,
  warnings: string[],
): NonNullable<ResolvedArgs["dns"]> {
  checkKeys("dns.cloudflare", cf, CLOUDFLARE_KEYS);
  validateCloudflareToken(cf.apiToken);
  if (cf.zoneId === undefined || cf.zoneId === "")
    throw new ArgumentError(
      "dns.cloudflare.zoneId",
      "is required (the Cloudflare zone ID, 32 hex characters)",
    );
  if (isPlainString(cf.zoneId) && !/^[0-9a-f]{32}$/.test(cf.zoneId)) {
    throw new ArgumentError(
      "dns.cloudflare.zoneId",
      `${JSON.stringify(cf.zoneId)} is not a Cloudflare zone ID (32 lower-case hex characters)`,
    );
  }
  if (
    cf.adoptRecordId !== undefined &&
    (typeof cf.adoptRecordId !== "string" || !/^[0-9a-f]{32}$/.test(cf.adoptRecordId))
  ) {
    throw new ArgumentError(
      "dns.cloudflare.adoptRecordId",
      `${JSON.stringify(cf.adoptRecordId)} is not a Cloudflare record ID (32 lower-case hex characters, as the refusal message printed it)`,
    );
  }
  const enterprise = cf.enterpriseZone ?? false;
  if (typeof enterprise !== "boolean")
    throw new ArgumentError("dns.cloudflare.enterpriseZone", "must be true or false");
  const ttlGiven = cloudflareTtl(cf, enterprise);
  const proxied = cf.proxied ?? false;
  if (typeof proxied !== "boolean")
    throw new ArgumentError("dns.cloudflare.proxied", "must be true or false");
  // Cloudflare answers for a proxied record itself and keeps its TTL automatic: send 1.
  const ttl = proxied ? 1 : ttlGiven;
  if (proxied && cf.ttl !== undefined && cf.ttl !== 1) {
    warnings.push(
      `dns.cloudflare.ttl: ${cf.ttl} is not used for a proxied record; Cloudflare keeps proxied records at automatic TTL, so ttl 1 is sent`,
    );
  }
  const zoneName = cloudflareZoneName(cf, plainHostname);
  if (proxied && source === "selfSigned") {
    warnings.push(
      "dns.cloudflare.proxied with a self-signed certificate: Cloudflare's Full (strict) mode rejects it, and proxied calls are cut after 100 s; use proxied: false or an imported certificate",
    );
  } else if (proxied) {
    warnings.push(
      "dns.cloudflare.proxied: Cloudflare cuts proxied calls after 100 s; long scoring calls will fail",
    );
  }
  return { ttl, proxied, zoneName };
}

// Cloudflare: 1 means automatic; otherwise 60–86400 s, and 30 s only on Enterprise zones
// (https://developers.cloudflare.com/dns/manage-dns-records/reference/ttl/).
function cloudflareTtl(cf: CloudflareDnsArgs, enterprise: boolean): number {
  const minTtl = enterprise ? 30 : 60;
  const ttlGiven = cf.ttl ?? 300;
  if (
    typeof ttlGiven !== "number" ||
    !Number.isInteger(ttlGiven) ||
    !(ttlGiven === 1 || (ttlGiven >= minTtl && ttlGiven <= 86400))
  ) {
    const enterpriseHint =
      !enterprise && typeof ttlGiven === "number" && ttlGiven >= 30 && ttlGiven < 60
        ? "; 30–59 s needs an Enterprise zone: set dns.cloudflare.enterpriseZone: true if yours is one"
        : "";
    throw new ArgumentError(
      "dns.cloudflare.ttl",
      `must be 1 (automatic) or a whole number of seconds from ${minTtl} to 86400, got ${JSON.stringify(cf.ttl)}${enterpriseHint}`,
    );
  }
  return ttlGiven;
}

/** `dns.cloudflare.zoneName` in canonical form, refusing a hostname outside it. */
function cloudflareZoneName(cf: CloudflareDnsArgs, plainHostname: string | undefined): string | undefined {
  if (cf.zoneName === undefined) return undefined;
  const problem = hostnameProblem(cf.zoneName);
  if (problem)
    throw new ArgumentError("dns.cloudflare.zoneName", `${JSON.stringify(cf.zoneName)} ${problem}`);
  const zoneName = canonicalHostname(cf.zoneName);
  if (plainHostname && plainHostname !== zoneName && !plainHostname.endsWith(`.${zoneName}`)) {
    throw new ArgumentError(
      "hostname",
      `${plainHostname} is outside the Cloudflare zone ${zoneName}; use a name under ${zoneName} or the zone that holds the hostname`,
    );
  }
  return zoneName;
}
