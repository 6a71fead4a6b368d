// Azure Private DNS (Microsoft.Network/privateDnsZones, api-version 2024-06-01, the version
// azure-native's privatedns module uses) as the offline model answers it: record sets and virtual
// network links as ARM returns them after a PUT (RecordSets_CreateOrUpdate,
// VirtualNetworkLinks_CreateOrUpdate in
// https://github.com/Azure/azure-rest-api-specs/tree/main/specification/privatedns/resource-manager),
// with the checks ARM makes on what this component sends.
import * as crypto from "node:crypto";

type Dict = Record<string, unknown>;

export const PRIVATE_RECORD_SET = "azure-native:privatedns:PrivateRecordSet";
export const VIRTUAL_NETWORK_LINK = "azure-native:privatedns:VirtualNetworkLink";

const VNET_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i;
// Link names: 1–80 letters, digits, '_', '.' or '-', a letter or digit first, not ending in '.' or '-'.
const LINK_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

function etag(seed: string): string {
  const h = crypto.createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function badRequest(code: string, message: string): Error {
  return new Error(`Code="${code}" Message="${message}"`);
}

/** A private record set after its PUT. */
export function privateRecordSet(
  sub: string,
  logicalName: string,
  inputs: Dict,
  plain: Dict,
): { id: string; state: Dict } {
  const zone = String(plain.privateZoneName);
  const rel = String(plain.relativeRecordSetName ?? logicalName);
  const type = String(plain.recordType);
  if (!["A", "AAAA", "CNAME", "MX", "PTR", "SOA", "SRV", "TXT"].includes(type)) {
    throw badRequest("BadRequest", `The record type '${type}' is not supported.`);
  }
  if (type === "CNAME" && rel === "@") {
    throw badRequest("BadRequest", "A CNAME record set cannot be created at the zone apex.");
  }
  const id = `/subscriptions/${sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.Network/privateDnsZones/${zone}/${type}/${rel}`;
  return {
    id,
    state: {
      ...inputs,
      name: rel,
      type: `Microsoft.Network/privateDnsZones/${type}`,
      etag: etag(`${id}|${JSON.stringify(plain)}`),
      fqdn: rel === "@" ? `${zone}.` : `${rel}.${zone}.`,
      isAutoRegistered: false,
      azureApiVersion: "2024-06-01",
    },
  };
}

/** A virtual network link after its PUT. */
export function virtualNetworkLink(
  sub: string,
  logicalName: string,
  inputs: Dict,
  plain: Dict,
): { id: string; state: Dict } {
  const zone = String(plain.privateZoneName);
  const name = String(plain.virtualNetworkLinkName ?? logicalName);
  if (!LINK_NAME.test(name)) {
    throw badRequest("BadRequest", `The virtual network link name '${name}' is invalid.`);
  }
  const vnet = (plain.virtualNetwork ?? {}) as Dict;
  if (typeof vnet.id !== "string" || !VNET_ID.test(vnet.id)) {
    throw badRequest(
      "InvalidVirtualNetworkId",
      `The virtual network reference '${String(vnet.id)}' is not a virtual network resource ID.`,
    );
  }
  if (String(plain.location ?? "global").toLowerCase() !== "global") {
    throw badRequest(
      "InvalidLocation",
      `A virtual network link's location must be 'global', not '${plain.location}'.`,
    );
  }
  const id = `/subscriptions/${sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.Network/privateDnsZones/${zone}/virtualNetworkLinks/${name}`;
  return {
    id,
    state: {
      ...inputs,
      name,
      type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
      location: "global",
      etag: etag(`${id}|${JSON.stringify(plain)}`),
      registrationEnabled: plain.registrationEnabled ?? false,
      virtualNetworkLinkState: "Completed",
      provisioningState: "Succeeded",
      azureApiVersion: "2024-06-01",
    },
  };
}
