// DNS as the offline model answers it: Azure DNS record sets (RecordSets_CreateOrUpdate, api-version
// 2018-05-01, https://github.com/Azure/azure-rest-api-specs/tree/main/specification/dns) and
// Cloudflare records and zones (https://developers.cloudflare.com/api/resources/dns/), echoed with
// their metadata. Private DNS is in privatedns-model.ts.
import { privateRecordSet, virtualNetworkLink } from "./privatedns-model";
import { Dict, guid, hex, InvokeModel, ResourceModel } from "./model-state";

/** An Azure DNS record set as ARM returns it. */
export const recordSet: ResourceModel = (m, args, inputs, plain) => {
  const zone = String(plain.zoneName);
  const rel = String(plain.relativeRecordSetName ?? args.name);
  const type = String(plain.recordType);
  const id = `/subscriptions/${m.sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.Network/dnszones/${zone}/${type}/${rel}`;
  return {
    id,
    state: {
      ...inputs,
      name: rel,
      type: `Microsoft.Network/dnszones/${type}`,
      etag: guid(`etag|${id}|${JSON.stringify(plain)}`),
      fqdn: rel === "@" ? `${zone}.` : `${rel}.${zone}.`,
      provisioningState: "Succeeded",
      azureApiVersion: "2018-05-01",
    },
  };
};

/** A private DNS record set after its PUT (privatedns-model.ts). */
export const privateRecord: ResourceModel = (m, args, inputs, plain) =>
  privateRecordSet(m.sub, args.name, inputs, plain);

/** A private DNS zone's virtual network link after its PUT (privatedns-model.ts). */
export const vnetLink: ResourceModel = (m, args, inputs, plain) =>
  virtualNetworkLink(m.sub, args.name, inputs, plain);

/** A Cloudflare DNS record as the provider returns it. */
export const cloudflareRecord: ResourceModel = (_m, _args, inputs, plain) => ({
  id: hex(`${plain.zoneId}|${plain.name}|${plain.type}`, 32),
  state: {
    ...inputs,
    proxiable: true,
    createdOn: "2026-01-01T00:00:00.000000Z",
    modifiedOn: "2026-01-01T00:00:00.000000Z",
    commentModifiedOn: "2026-01-01T00:00:00.000000Z",
    meta: {},
    settings: { ipv4Only: false, ipv6Only: false },
    tags: [],
  },
});

/** getZone: the zone by ID, named `cloudflareZoneName` (empty by default). */
export const getZone: InvokeModel = (m, inputs) => ({
  id: String(inputs.zoneId),
  zoneId: String(inputs.zoneId),
  name: m.options.cloudflareZoneName ?? "",
  status: "active",
  type: "full",
  paused: false,
  nameServers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
  account: { id: hex(`account|${inputs.zoneId}`, 32), name: "offline" },
});

/** getDnsRecords: the records of `existingDnsRecords` with exactly the asked name. */
export const getDnsRecords: InvokeModel = (m, inputs) => {
  const exact = String(((inputs.name ?? {}) as Dict).exact ?? "").toLowerCase();
  const results = (m.options.existingDnsRecords ?? [])
    .filter((r) => r.name.toLowerCase() === exact)
    .map((r) => ({
      ...r,
      comment: r.comment ?? "",
      proxied: false,
      proxiable: true,
      ttl: 1,
      createdOn: m.created,
      modifiedOn: m.created,
      tags: [],
      settings: { ipv4Only: false, ipv6Only: false },
    }));
  return {
    zoneId: inputs.zoneId,
    name: inputs.name,
    direction: "asc",
    match: "all",
    order: "type",
    proxied: false,
    includeShadowMetadata: false,
    results,
  };
};
