// Rules of `dns.azurePrivate` (split-horizon DNS for a private front end). Pure: no Pulumi, no I/O.
import { createHash } from "node:crypto";
import { ArgumentError } from "../errors";
import type { AzurePrivateDnsArgs } from "../types";
import { checkAzureZoneFields, outsideZone } from "./rules";

import type { ResolvedAzurePrivateDns } from "../args/resolved";

// Declared in sdk/args/ (the shapes every part shares); named here too, where the rule lives.
export type { ResolvedAzurePrivateDns };

const PATH = "dns.azurePrivate";
const KNOWN = ["zoneName", "resourceGroupName", "ttl", "virtualNetworkIds"];
/** Fields of the other DNS blocks that a private zone has no use for, with the reason. */
const NOT_HERE: Record<string, string> = {
  authMethod:
    "is how ACME signs in to a public Azure DNS zone, and a private zone cannot answer ACME; put it in certificate.acme.challenge.azure",
  zoneId: "is a Cloudflare setting; a private record lives in an Azure Private DNS zone",
  proxied: "is a Cloudflare setting; a private record lives in an Azure Private DNS zone",
  apiToken: "is a Cloudflare setting; a private record lives in an Azure Private DNS zone",
};
const VNET_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i;
const VNET_EXAMPLE =
  "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>";

/** Checks one virtual network ID; throws {@link ArgumentError} naming `path`. Pure. */
export function checkVirtualNetworkId(path: string, id: unknown): string {
  if (typeof id === "string" && VNET_ID.test(id.trim())) return id.trim();
  const hint =
    typeof id === "string" && /\/subnets\/[^/]+$/i.test(id.trim())
      ? " (this is a subnet's ID: drop /subnets/<subnet>)"
      : typeof id !== "string"
        ? " (give the ID as a plain string: it names the link)"
        : "";
  throw new ArgumentError(
    path,
    `${JSON.stringify(id)} is not a virtual network resource ID${hint}; give one such as ${VNET_EXAMPLE} (az network vnet show --query id)`,
  );
}

/**
 * The zone link's name for one network: the component's name and a short hash of the network's
 * ID (ARM IDs compare case-insensitively), so adding or removing another network never renames
 * it. Azure allows 1–80 letters, digits, '_', '.' and '-', a letter or digit first. Pure.
 */
export function virtualNetworkLinkName(name: string, virtualNetworkId: string): string {
  const hash = createHash("sha256").update(virtualNetworkId.trim().toLowerCase()).digest("hex").slice(0, 8);
  const suffix = `-link-${hash}`;
  const base = name.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z0-9]+/, "") || "ssl-ml";
  return base.slice(0, 80 - suffix.length) + suffix;
}

/**
 * Checks `dns.azurePrivate`: the fields, the zone (the hostname must lie inside it), the TTL and
 * the network IDs. Pure: throws {@link ArgumentError} naming the field and the fix; pushes warnings.
 *
 * @param internalLoadBalancer `network.internalLoadBalancer` (undefined without a `network` block).
 */
export function validateAzurePrivateDns(
  azp: AzurePrivateDnsArgs,
  plainHostname: string | undefined,
  internalLoadBalancer: boolean | undefined,
  warnings: string[],
): ResolvedAzurePrivateDns {
  if (azp === null || typeof azp !== "object" || Array.isArray(azp)) {
    throw new ArgumentError(
      PATH,
      'must be an object such as { zoneName: "example.com", resourceGroupName: "rg-dns" }',
    );
  }
  for (const key of Object.keys(azp)) {
    if (NOT_HERE[key]) throw new ArgumentError(`${PATH}.${key}`, NOT_HERE[key]);
    if (!KNOWN.includes(key)) {
      const near = KNOWN.find((k) => k.toLowerCase() === key.toLowerCase());
      throw new ArgumentError(
        `${PATH}.${key}`,
        near
          ? `unknown field; did you mean "${near}"?`
          : `unknown field; known fields are ${KNOWN.join(", ")}`,
      );
    }
  }
  const { zoneName, ttl } = checkAzureZoneFields(PATH, azp, {
    zone: "the Azure Private DNS zone",
    group: "the private zone",
  });
  const ids = azp.virtualNetworkIds ?? [];
  if (!Array.isArray(ids)) {
    throw new ArgumentError(
      `${PATH}.virtualNetworkIds`,
      `must be a list of virtual network IDs such as [${JSON.stringify(VNET_EXAMPLE)}]`,
    );
  }
  const seen = new Map<string, number>();
  const virtualNetworkIds = ids.map((id, i) => {
    const path = `${PATH}.virtualNetworkIds[${i}]`;
    const checked = checkVirtualNetworkId(path, id);
    const key = checked.toLowerCase();
    if (seen.has(key)) {
      throw new ArgumentError(
        path,
        `repeats virtualNetworkIds[${seen.get(key)}] (IDs compare case-insensitively); give each network once`,
      );
    }
    seen.set(key, i);
    return checked;
  });
  if (zoneName !== undefined && plainHostname !== undefined) {
    const problem = outsideZone(plainHostname, zoneName);
    if (problem) throw new ArgumentError(`${PATH}.zoneName`, problem);
    // An apex record that would have to be a CNAME (a front end with a host name) is refused when
    // the front end's address is known: plannedRecord (dns/record.ts) and azurePrivateRecordBody.
  }
  if (internalLoadBalancer !== true) {
    warnings.push(
      "dns.azurePrivate without network.internalLoadBalancer: true: the front end keeps its public IP, and the private record points at it only inside the linked networks; set network.internalLoadBalancer: true for a private front end, or use dns.azure / dns.cloudflare for a public record",
    );
  }
  return { ttl, zoneName, virtualNetworkIds };
}
