import { ArgumentError } from "../errors";
import type { AzureDnsArgs, DnsArgs } from "../types";
import { AzureDnsAuthMethod } from "../enums";
import { canonicalHostname, hostnameProblem } from "../common/hostname";

/** `dns.azure` after validation. */
export interface ResolvedAzureDns {
  ttl: number;
  /** The zone when it is a plain string (canonical form), else undefined. */
  zoneName?: string;
}

const KNOWN = ["zoneName", "resourceGroupName", "ttl", "authMethod"];
/** Fields of `dns.cloudflare` that Azure DNS has no equivalent for. */
const CLOUDFLARE_ONLY = ["zoneId", "proxied", "apiToken"];
// Azure resource group names: 1–90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'.
export const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/u;

/** Checks that at most one DNS provider is given. Pure. */
export function validateDnsProviders(dns: DnsArgs | undefined): void {
  if (dns?.cloudflare !== undefined && dns?.azure !== undefined) {
    throw new ArgumentError(
      "dns",
      "give either dns.cloudflare or dns.azure, not both: one provider owns the hostname's record",
    );
  }
  const other =
    dns?.cloudflare !== undefined ? "dns.cloudflare" : dns?.azure !== undefined ? "dns.azure" : undefined;
  if (dns?.azurePrivate !== undefined && other !== undefined) {
    throw new ArgumentError(
      "dns",
      `give either ${other} or dns.azurePrivate, not both: one provider owns the hostname's record; for ACME through a public zone beside a private record, move ${other} to certificate.acme.challenge`,
    );
  }
}

/** Checks `dns.cloudflare.apiToken` when it is a plain value. Pure. */
export function validateCloudflareToken(token: unknown, path = "dns.cloudflare.apiToken"): void {
  if (token === undefined || (typeof token === "object" && token !== null)) return;
  if (typeof token !== "string" || token.trim() === "" || /\s/.test(token.trim())) {
    throw new ArgumentError(
      path,
      'must be a Cloudflare API token (one word, no spaces); pass it as a secret, e.g. config.requireSecret("cloudflareApiToken")',
    );
  }
}

/**
 * Checks `dns.azure`: the fields, the zone, the TTL, and that a plain hostname lies inside a plain
 * zone. Pure: throws {@link ArgumentError} naming the field and the fix.
 */
export function validateAzureDns(
  azure: AzureDnsArgs,
  plainHostname?: string,
  path = "dns.azure",
): ResolvedAzureDns {
  if (azure === null || typeof azure !== "object" || Array.isArray(azure)) {
    throw new ArgumentError(
      path,
      'must be an object such as { zoneName: "example.com", resourceGroupName: "rg-dns" }',
    );
  }
  for (const key of Object.keys(azure)) {
    if (CLOUDFLARE_ONLY.includes(key)) {
      throw new ArgumentError(
        `${path}.${key}`,
        `is a Cloudflare setting that Azure DNS does not have; remove it from ${path} (or use ${path.replace(/azure$/, "cloudflare")} for a Cloudflare zone)`,
      );
    }
    if (!KNOWN.includes(key)) {
      const near = KNOWN.find((k) => k.toLowerCase() === key.toLowerCase());
      throw new ArgumentError(
        `${path}.${key}`,
        near
          ? `unknown field; did you mean "${near}"?`
          : `unknown field; known fields are ${KNOWN.join(", ")}`,
      );
    }
  }
  const { zoneName, ttl } = checkAzureZoneFields(path, azure, {
    zone: "the Azure DNS zone",
    group: "the Azure DNS zone",
  });
  const methods = Object.values(AzureDnsAuthMethod) as string[];
  if (azure.authMethod !== undefined && !methods.includes(azure.authMethod)) {
    const near = methods.find((m) => m.toLowerCase() === String(azure.authMethod).toLowerCase());
    throw new ArgumentError(
      `${path}.authMethod`,
      `must be one of ${methods.map((m) => `"${m}"`).join(", ")} (default "default"), got ${JSON.stringify(azure.authMethod)}` +
        (near ? `; did you mean "${near}"?` : ""),
    );
  }
  if (zoneName !== undefined && plainHostname !== undefined) {
    const problem = outsideZone(plainHostname, zoneName);
    if (problem) throw new ArgumentError(`${path}.zoneName`, problem);
  }
  return { ttl, zoneName };
}

/**
 * The fields `dns.azure` and `dns.azurePrivate` share: the zone (a domain name, canonical), its
 * resource group and the TTL. Throws {@link ArgumentError} naming `path`'s field and the fix.
 */
export function checkAzureZoneFields(
  path: string,
  block: { zoneName?: unknown; resourceGroupName?: unknown; ttl?: unknown },
  what: { zone: string; group: string },
): { zoneName?: string; ttl: number } {
  if (block.zoneName === undefined || block.zoneName === "") {
    throw new ArgumentError(
      `${path}.zoneName`,
      `is required: ${what.zone} that holds the hostname, e.g. example.com`,
    );
  }
  let zoneName: string | undefined;
  if (typeof block.zoneName === "string") {
    const problem = hostnameProblem(block.zoneName.trim());
    if (problem) {
      throw new ArgumentError(
        `${path}.zoneName`,
        `${JSON.stringify(block.zoneName)} is not a domain name (it ${problem}); give the zone as Azure shows it, e.g. example.com`,
      );
    }
    zoneName = canonicalHostname(block.zoneName);
  }
  if (block.resourceGroupName === undefined || block.resourceGroupName === "") {
    throw new ArgumentError(`${path}.resourceGroupName`, `is required: the resource group of ${what.group}`);
  }
  if (typeof block.resourceGroupName === "string" && !RESOURCE_GROUP.test(block.resourceGroupName)) {
    throw new ArgumentError(
      `${path}.resourceGroupName`,
      `${JSON.stringify(block.resourceGroupName)} is not a resource group name (1–90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.')`,
    );
  }
  const ttl = block.ttl ?? 300;
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 1 || ttl > 2_147_483_647) {
    throw new ArgumentError(
      `${path}.ttl`,
      `must be a whole number of seconds from 1 to 2147483647 (default 300), got ${JSON.stringify(block.ttl)}`,
    );
  }
  return { zoneName, ttl };
}

/** Why a hostname cannot be a record of the zone, or undefined when it can. */
export function outsideZone(hostname: string, zoneName: string): string | undefined {
  if (hostname === zoneName || hostname.endsWith(`.${zoneName}`)) return undefined;
  return `hostname ${hostname} is outside the zone ${zoneName}; give the zone that holds the hostname (e.g. ${hostname.split(".").slice(1).join(".")}) or a hostname under ${zoneName}`;
}

/** The record set name relative to the zone: `@` for the apex. */
export function relativeRecordName(hostname: string, zoneName: string): string {
  const problem = outsideZone(hostname, zoneName);
  if (problem) throw new ArgumentError("dns.azure.zoneName", problem);
  return hostname === zoneName ? "@" : hostname.slice(0, -(zoneName.length + 1));
}
