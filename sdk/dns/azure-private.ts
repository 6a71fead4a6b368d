import * as pulumi from "@pulumi/pulumi";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { ArgumentError } from "../errors";
import type { AzurePrivateDnsArgs } from "../types";
import { canonicalHostname } from "../common/hostname";
import { outsideZone } from "./rules";
import { azureRecordSetData, ownershipComment, PlannedRecord } from "./record";
import { virtualNetworkLinkName } from "./private-rules";

/** The private record set body for a planned record: one of aRecords / aaaaRecords / cnameRecord. */
export function azurePrivateRecordBody(record: PlannedRecord, zoneName: string) {
  const zone = canonicalHostname(zoneName);
  const problem = outsideZone(record.name, zone);
  if (problem) throw new ArgumentError("dns.azurePrivate.zoneName", problem);
  const relativeRecordSetName = record.name === zone ? "@" : record.name.slice(0, -(zone.length + 1));
  if (record.type === "CNAME" && relativeRecordSetName === "@") {
    // A CNAME never sits at a zone apex (RFC 1034 §3.6.2); Azure Private DNS refuses it too.
    throw new ArgumentError(
      "dns.azurePrivate.zoneName",
      `hostname ${record.name} is the apex of the private zone ${zone} and the front end is a host name (${record.content}): a CNAME cannot sit at a zone apex; use a subdomain such as ml.${zone}, or pass frontEndIp as an IP address`,
    );
  }
  return {
    relativeRecordSetName,
    recordType: record.type,
    ...azureRecordSetData(record),
  };
}

/**
 * The hostname's record in an Azure Private DNS zone (split-horizon DNS: the public zone, if any,
 * is not touched). As `dns.azure`: a change of type is a replacement deleted first, and ownership
 * goes in the record set's metadata.
 */
export function azurePrivateRecord(
  parent: pulumi.Resource,
  name: string,
  args: AzurePrivateDnsArgs,
  record: pulumi.Output<PlannedRecord>,
  ttl: number,
): privatedns.PrivateRecordSet {
  const body = pulumi.all([record, args.zoneName]).apply(([r, zone]) => azurePrivateRecordBody(r, zone));
  return new privatedns.PrivateRecordSet(
    `${name}-dns`,
    {
      privateZoneName: pulumi.output(args.zoneName).apply(canonicalHostname),
      resourceGroupName: args.resourceGroupName,
      relativeRecordSetName: body.relativeRecordSetName,
      recordType: body.recordType,
      aRecords: body.aRecords,
      aaaaRecords: body.aaaaRecords,
      cnameRecord: body.cnameRecord,
      ttl,
      metadata: { managedBy: ownershipComment(pulumi.getProject(), pulumi.getStack(), name) },
    },
    { parent, deleteBeforeReplace: true, replaceOnChanges: ["recordType"] },
  );
}

/**
 * One link of the private zone per virtual network, auto-registration off (this zone holds
 * records the component manages, not VM names). Private DNS zones and their links are global
 * resources: `location` is `global`, as in Microsoft's templates. Each link is named after the
 * component and a hash of its network's ID, never its position in the list.
 */
export function privateZoneLinks(
  parent: pulumi.Resource,
  name: string,
  args: AzurePrivateDnsArgs,
  virtualNetworkIds: string[],
): privatedns.VirtualNetworkLink[] {
  return virtualNetworkIds.map((id) => {
    const linkName = virtualNetworkLinkName(name, id);
    return new privatedns.VirtualNetworkLink(
      linkName,
      {
        privateZoneName: pulumi.output(args.zoneName).apply(canonicalHostname),
        resourceGroupName: args.resourceGroupName,
        virtualNetworkLinkName: linkName,
        location: "global",
        registrationEnabled: false,
        virtualNetwork: { id },
        tags: { managedBy: ownershipComment(pulumi.getProject(), pulumi.getStack(), name) },
      },
      { parent },
    );
  });
}
