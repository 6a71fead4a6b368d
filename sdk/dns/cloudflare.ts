import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "@pulumi/cloudflare";
import type { CloudflareDnsArgs } from "../types";
import { ownershipComment, plannedRecord, PlannedRecord } from "./record";

/**
 * One Cloudflare record named after the hostname. A change of type (IPv4 to IPv6, IP to host
 * name) is a replacement, deleted first: Cloudflare refuses two records where a CNAME is one.
 * An existing record is adopted with the `import` option, never deleted by hand.
 */
export function cloudflareRecord(
  parent: pulumi.Resource,
  name: string,
  dns: CloudflareDnsArgs,
  record: pulumi.Output<PlannedRecord>,
  ttl: number,
  proxied: boolean,
): cloudflare.DnsRecord {
  return new cloudflare.DnsRecord(
    `${name}-dns`,
    {
      zoneId: dns.zoneId,
      name: record.name,
      type: record.type,
      content: record.content,
      ttl,
      proxied,
      comment: ownershipComment(pulumi.getProject(), pulumi.getStack(), name),
    },
    { parent, deleteBeforeReplace: true, replaceOnChanges: ["type"] },
  );
}

export { plannedRecord };
