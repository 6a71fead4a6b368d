// Records beside the hostname's own: a TXT record (a service's domain validation) and, in Azure
// DNS, a CNAME that becomes an alias record at the zone apex (where no CNAME may sit, RFC 1034
// §3.6.2). Same ownership marker as every record this package writes.
import * as pulumi from "@pulumi/pulumi";
import * as dns from "@pulumi/azure-native/dns";
import { DnsRecord } from "@pulumi/cloudflare/dnsRecord";
import type { Provider as CloudflareProvider } from "@pulumi/cloudflare/provider";
import type { AzureDnsArgs, CloudflareDnsArgs } from "../types";
import { canonicalHostname } from "../common/hostname";
import { ownershipComment } from "./record";
import { relativeRecordName } from "./rules";

/** The Azure DNS body of a TXT record named `label` under `hostname` (`_dnsauth.ml`, or `_dnsauth` at the apex). */
export function azureTxtName(label: string, hostname: string, zoneName: string): string {
  const rel = relativeRecordName(canonicalHostname(hostname), canonicalHostname(zoneName));
  return rel === "@" ? label : `${label}.${rel}`;
}

/** A TXT record `<label>.<hostname>` holding `value`, in Cloudflare. */
export function cloudflareTxtRecord(
  parent: pulumi.Resource,
  childName: string,
  name: string,
  args: CloudflareDnsArgs,
  label: string,
  hostname: pulumi.Output<string>,
  value: pulumi.Output<string>,
  ttl: number,
  provider?: CloudflareProvider,
): DnsRecord {
  return new DnsRecord(
    childName,
    {
      zoneId: args.zoneId,
      name: pulumi.interpolate`${label}.${hostname}`,
      type: "TXT",
      content: value,
      ttl,
      proxied: false,
      comment: ownershipComment(pulumi.getProject(), pulumi.getStack(), name),
    },
    { parent, provider },
  );
}

/** A TXT record `<label>.<hostname>` holding `value`, in Azure DNS. */
export function azureTxtRecord(
  parent: pulumi.Resource,
  childName: string,
  name: string,
  args: AzureDnsArgs,
  label: string,
  hostname: pulumi.Output<string>,
  value: pulumi.Output<string>,
  ttl: number,
): dns.RecordSet {
  return new dns.RecordSet(
    childName,
    {
      zoneName: pulumi.output(args.zoneName).apply(canonicalHostname),
      resourceGroupName: args.resourceGroupName,
      relativeRecordSetName: pulumi
        .all([hostname, args.zoneName])
        .apply(([h, z]) => azureTxtName(label, h, z)),
      recordType: "TXT",
      txtRecords: [{ value: [value] }],
      ttl,
      metadata: { managedBy: ownershipComment(pulumi.getProject(), pulumi.getStack(), name) },
    },
    { parent },
  );
}

/**
 * The hostname pointed at `target` in Azure DNS: a CNAME below the apex; at the apex an alias A
 * record whose `targetResource` is the Azure resource behind `target` (Azure DNS follows its
 * address itself: https://learn.microsoft.com/azure/dns/dns-alias). A change between the two is a
 * replacement, deleted first (Azure refuses a CNAME beside another record set of the same name).
 */
export function azureCnameOrAlias(
  parent: pulumi.Resource,
  name: string,
  args: AzureDnsArgs,
  hostname: pulumi.Output<string>,
  target: pulumi.Output<string>,
  targetResourceId: pulumi.Output<string>,
  ttl: number,
): dns.RecordSet {
  const rel = pulumi
    .all([hostname, args.zoneName])
    .apply(([h, z]) => relativeRecordName(canonicalHostname(h), canonicalHostname(z)));
  const apex = rel.apply((r) => r === "@");
  return new dns.RecordSet(
    `${name}-dns`,
    {
      zoneName: pulumi.output(args.zoneName).apply(canonicalHostname),
      resourceGroupName: args.resourceGroupName,
      relativeRecordSetName: rel,
      recordType: apex.apply((a) => (a ? "A" : "CNAME")),
      cnameRecord: pulumi.all([apex, target]).apply(([a, t]) => (a ? undefined : { cname: t })),
      targetResource: pulumi.all([apex, targetResourceId]).apply(([a, id]) => (a ? { id } : undefined)),
      ttl,
      metadata: { managedBy: ownershipComment(pulumi.getProject(), pulumi.getStack(), name) },
    },
    { parent, deleteBeforeReplace: true, replaceOnChanges: ["recordType"] },
  );
}
