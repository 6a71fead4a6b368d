// Rules of `certificate.acme.challenge`: the public zone of the DNS-01 TXT record when the
// hostname's own record is private. Pure: no Pulumi, no I/O.
import { ArgumentError } from "../../errors";
import type { AcmeChallengeArgs, DnsArgs } from "../../types";
import { canonicalHostname, hostnameProblem } from "../../common/hostname";
import { outsideZone, validateAzureDns, validateCloudflareToken } from "../../dns/rules";

import type { ChallengeProvider } from "../../args/resolved";

export type { ChallengeProvider };

const PATH = "certificate.acme.challenge";
const CLOUDFLARE_KNOWN = ["zoneId", "zoneName", "apiToken"];
/** Fields that describe the hostname's record, not the TXT record lego writes. */
const RECORD_ONLY = ["proxied", "ttl", "enterpriseZone", "adoptRecordId"];

function refuseRecordOnly(path: string, block: object): void {
  for (const key of Object.keys(block)) {
    if (RECORD_ONLY.includes(key)) {
      throw new ArgumentError(
        `${path}.${key}`,
        `describes the hostname's record, not the challenge's TXT record (lego sets that one itself); remove it from ${path}`,
      );
    }
  }
}

function validateCloudflareChallenge(
  cf: NonNullable<AcmeChallengeArgs["cloudflare"]>,
  plainHostname?: string,
): void {
  const path = `${PATH}.cloudflare`;
  if (cf === null || typeof cf !== "object" || Array.isArray(cf)) {
    throw new ArgumentError(path, 'must be an object such as { zoneId: "<32 hex>", apiToken: <secret> }');
  }
  refuseRecordOnly(path, cf);
  for (const key of Object.keys(cf)) {
    if (!CLOUDFLARE_KNOWN.includes(key)) {
      throw new ArgumentError(
        `${path}.${key}`,
        `unknown field; known fields are ${CLOUDFLARE_KNOWN.join(", ")}`,
      );
    }
  }
  if (cf.zoneId === undefined || cf.zoneId === "") {
    throw new ArgumentError(
      `${path}.zoneId`,
      "is required (the public Cloudflare zone's ID, 32 hex characters)",
    );
  }
  if (typeof cf.zoneId === "string" && !/^[0-9a-f]{32}$/.test(cf.zoneId)) {
    throw new ArgumentError(
      `${path}.zoneId`,
      `${JSON.stringify(cf.zoneId)} is not a Cloudflare zone ID (32 lower-case hex characters)`,
    );
  }
  validateCloudflareToken(cf.apiToken, `${path}.apiToken`);
  if (cf.zoneName !== undefined) {
    const problem = hostnameProblem(cf.zoneName);
    if (problem) throw new ArgumentError(`${path}.zoneName`, `${JSON.stringify(cf.zoneName)} ${problem}`);
    const outside = plainHostname ? outsideZone(plainHostname, canonicalHostname(cf.zoneName)) : undefined;
    if (outside) throw new ArgumentError(`${path}.zoneName`, outside);
  }
}

/**
 * Which provider answers the DNS-01 challenge: `certificate.acme.challenge` when given, else the
 * record's own provider in `dns`. A private zone (`dns.azurePrivate`) cannot answer: the CA
 * resolves `_acme-challenge.<hostname>` on the public internet. Pure: throws
 * {@link ArgumentError} naming the arguments and the fix.
 */
export function challengeProvider(
  challenge: AcmeChallengeArgs | undefined,
  dns: DnsArgs | undefined,
  plainHostname?: string,
): ChallengeProvider {
  if (challenge !== undefined) {
    if (challenge === null || typeof challenge !== "object" || Array.isArray(challenge)) {
      throw new ArgumentError(PATH, "must be an object with one of cloudflare or azure");
    }
    for (const key of Object.keys(challenge)) {
      if (key !== "cloudflare" && key !== "azure") {
        throw new ArgumentError(`${PATH}.${key}`, "unknown field; known fields are cloudflare, azure");
      }
    }
    if ((challenge.cloudflare === undefined) === (challenge.azure === undefined)) {
      throw new ArgumentError(
        PATH,
        "give exactly one of cloudflare or azure: the public zone where the DNS-01 TXT record goes",
      );
    }
    if (challenge.cloudflare !== undefined) {
      validateCloudflareChallenge(challenge.cloudflare, plainHostname);
      return "cloudflare";
    }
    refuseRecordOnly(`${PATH}.azure`, challenge.azure ?? {});
    validateAzureDns(challenge.azure!, plainHostname, `${PATH}.azure`);
    return "azuredns";
  }
  if (dns?.cloudflare !== undefined) return "cloudflare";
  if (dns?.azure !== undefined) return "azuredns";
  if (dns?.azurePrivate !== undefined) {
    throw new ArgumentError(
      "certificate.acme.challenge",
      "is required with dns.azurePrivate: the ACME CA cannot see a private zone, so the DNS-01 TXT record must go to a public zone; add certificate.acme.challenge: { azure: { zoneName, resourceGroupName } } or { cloudflare: { zoneId, apiToken } }, or use an imported certificate",
    );
  }
  throw new ArgumentError(
    "dns",
    "is required with certificate.acme: the CA checks a DNS-01 TXT record that the component writes through the DNS provider; add dns.cloudflare or dns.azure",
  );
}
