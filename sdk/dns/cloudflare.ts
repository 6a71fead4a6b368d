import * as pulumi from "@pulumi/pulumi";
// One module per resource or function, as with @pulumi/azure-native's per-service modules: the
// package's root index registers all ~770 of them when it loads, and the component needs four.
import { DnsRecord } from "@pulumi/cloudflare/dnsRecord";
import { getDnsRecords } from "@pulumi/cloudflare/getDnsRecords";
import { getZoneOutput } from "@pulumi/cloudflare/getZone";
import { Provider as CloudflareProvider } from "@pulumi/cloudflare/provider";
import type { CloudflareDnsArgs } from "../types";
import { ArgumentError } from "../errors";
import { ownershipComment, plannedRecord, PlannedRecord } from "./record";

/** What the ownership check needs from a record Cloudflare already has. */
export interface ExistingCloudflareRecord {
  id: string;
  type: string;
  name: string;
  content?: string;
  comment?: string;
}

/**
 * The records with the hostname's name that this component does not own. Cloudflare accepts
 * several A/AAAA records with one name, so creating ours beside a foreign one would not fail: it
 * would split the traffic between them. Ours carry the ownership comment, compared whole (a component
 * `ml` must not take `ml-canary`'s record for its own); an adopted record is
 * named by `adoptRecordId` until its comment is rewritten. Pure.
 */
export function foreignRecords(
  existing: ExistingCloudflareRecord[],
  comment: string,
  adoptRecordId?: string,
): ExistingCloudflareRecord[] {
  return existing.filter(
    (r) =>
      ["A", "AAAA", "CNAME"].includes(r.type) &&
      (r.comment ?? "") !== comment &&
      !(adoptRecordId !== undefined && r.id === adoptRecordId),
  );
}

/** The refusal, with the way to adopt the record instead (never delete it by hand). */
export function foreignRecordError(
  found: ExistingCloudflareRecord[],
  zoneId: string,
  childName: string,
  componentUrn: string,
): ArgumentError {
  const r = found[0];
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : "";
  return new ArgumentError(
    "dns.cloudflare",
    `a ${r.type} record ${r.name} (id ${r.id}${r.content ? `, content ${r.content}` : ""})${more} already exists in zone ${zoneId} and was not made by this stack; ` +
      `a second record would split the traffic. Adopt it: pulumi import cloudflare:index/dnsRecord:DnsRecord ${childName} '${zoneId}/${r.id}' --parent 'parent=${componentUrn}' ` +
      `and set dns.cloudflare.adoptRecordId: "${r.id}"; or remove it in Cloudflare if it is stale`,
  );
}

/**
 * The explicit Cloudflare provider of `dns.cloudflare.apiToken`: one token, said once, for the
 * record, the zone and ownership lookups, and the ACME challenge. Without a token, undefined: the
 * ambient provider (`cloudflare:apiToken` configuration, else `CLOUDFLARE_API_TOKEN`) serves.
 */
export function cloudflareProvider(
  parent: pulumi.Resource,
  name: string,
  dns: CloudflareDnsArgs,
): CloudflareProvider | undefined {
  if (dns.apiToken === undefined) return undefined;
  const apiToken = pulumi.secret(pulumi.output(dns.apiToken).apply((t) => t.trim()));
  return new CloudflareProvider(`${name}-cloudflare`, { apiToken }, { parent });
}

/** The zone's name: given, or read from Cloudflare by `zoneId`, so the apex and zone checks always run. */
export function cloudflareZoneName(
  parent: pulumi.Resource,
  dns: CloudflareDnsArgs,
  given: string | undefined,
  provider?: CloudflareProvider,
): pulumi.Output<string | undefined> {
  if (given !== undefined) return pulumi.output(given);
  const zone = getZoneOutput({ zoneId: dns.zoneId }, { parent, provider });
  return zone.apply((z) => (z.name ? z.name.toLowerCase().replace(/\.$/, "") : undefined));
}

/**
 * One Cloudflare record named after the hostname. A change of type (IPv4 to IPv6, IP to host
 * name) is a replacement, deleted first: Cloudflare refuses two records where a CNAME is one.
 * Before it is created or changed, the name is looked up (Cloudflare's DNS records data source)
 * and a record this stack does not own is refused, with the `pulumi import` command to adopt it.
 */
export function cloudflareRecord(
  parent: pulumi.Resource,
  name: string,
  dns: CloudflareDnsArgs,
  record: pulumi.Output<PlannedRecord>,
  ttl: number,
  proxied: boolean,
  provider?: CloudflareProvider,
): DnsRecord {
  const childName = `${name}-dns`;
  const comment = ownershipComment(pulumi.getProject(), pulumi.getStack(), name);
  // The lookup runs once the record is known (a plain invoke inside the apply), so a hostname or
  // front-end address that already failed is reported once, not again by this invoke.
  const checked = pulumi.all([record, dns.zoneId, parent.urn]).apply(async ([r, zoneId, urn]) => {
    const found = await getDnsRecords({ zoneId, name: { exact: r.name } }, { parent, provider });
    const foreign = foreignRecords(
      ((found?.results ?? []) as ExistingCloudflareRecord[]).filter(
        (x) => x.name?.toLowerCase().replace(/\.$/, "") === r.name,
      ),
      comment,
      dns.adoptRecordId,
    );
    if (foreign.length > 0) throw foreignRecordError(foreign, zoneId, childName, urn);
    return r;
  });
  return new DnsRecord(
    childName,
    {
      zoneId: dns.zoneId,
      name: checked.name,
      type: checked.type,
      content: checked.content,
      ttl,
      proxied,
      comment,
    },
    { parent, provider, deleteBeforeReplace: true, replaceOnChanges: ["type"] },
  );
}

export { plannedRecord };
