import * as pulumi from "@pulumi/pulumi";
import * as dns from "@pulumi/azure-native/dns";
import type { AzureDnsArgs } from "../types";
import { canonicalHostname, hostnameProblem } from "../common/hostname";
import { relativeRecordName } from "./rules";
import { azureRecordSetData, ownershipComment, PlannedRecord } from "./record";

/** The record set body for a planned record: one of aRecords / aaaaRecords / cnameRecord. */
export function azureRecordBody(record: PlannedRecord, zoneName: string) {
  const zone = canonicalHostname(zoneName);
  const problem = hostnameProblem(zone);
  if (problem)
    throw new Error(`dns.azure.zoneName: ${JSON.stringify(zoneName)} is not a domain name (it ${problem})`);
  const relativeRecordSetName = relativeRecordName(record.name, zone);
  if (record.type === "CNAME" && relativeRecordSetName === "@") {
    // Azure DNS refuses a CNAME at the apex, as every DNS server must (RFC 1034 §3.6.2).
    throw new Error(
      `hostname ${record.name} is the apex of zone ${zone} and the front end is a host name (${record.content}): a CNAME cannot sit at a zone apex; use a subdomain such as ml.${zone}, or pass frontEndIp`,
    );
  }
  return {
    relativeRecordSetName,
    recordType: record.type,
    ...azureRecordSetData(record),
  };
}

/**
 * One Azure DNS record set named after the hostname, relative to the zone. A change of type is a
 * replacement, deleted first: Azure refuses a CNAME beside any other record set of the same name.
 * Ownership goes in the record set's metadata (Azure DNS has no comment field).
 */
export function azureRecord(
  parent: pulumi.Resource,
  name: string,
  args: AzureDnsArgs,
  record: pulumi.Output<PlannedRecord>,
  ttl: number,
): dns.RecordSet {
  const body = pulumi.all([record, args.zoneName]).apply(([r, zone]) => azureRecordBody(r, zone));
  return new dns.RecordSet(
    `${name}-dns`,
    {
      zoneName: pulumi.output(args.zoneName).apply(canonicalHostname),
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
