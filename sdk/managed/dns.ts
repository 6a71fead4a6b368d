// The hostname's DNS for Front Door: the `_dnsauth` TXT record that proves ownership, the wait for
// Front Door's approval, then the CNAME (an alias record at an Azure DNS apex; Cloudflare flattens a
// CNAME at the apex itself) to the Front Door endpoint. https://learn.microsoft.com/azure/frontdoor/domain
import * as pulumi from "@pulumi/pulumi";
import type { AFDCustomDomain } from "@pulumi/azure-native/cdn/afdcustomDomain";
import type { AFDEndpoint } from "@pulumi/azure-native/cdn/afdendpoint";
import type { Route } from "@pulumi/azure-native/cdn/route";
import { getAFDCustomDomain } from "@pulumi/azure-native/cdn/getAFDCustomDomain";
import type { ManagedDnsRecordSummary, SslMlManagedEndpointsArgs } from "../types";
import { canonicalHostname } from "../common/hostname";
import { cloudflareProvider, cloudflareRecord, cloudflareZoneName } from "../dns/cloudflare";
import { checkedInZone } from "../dns/record";
import { azureCnameOrAlias, azureTxtRecord, cloudflareTxtRecord } from "../dns/extra-records";
import type { ResolvedManagedArgs } from "./args-rules";
import { waitForApproval } from "./wait";

/** The TXT record's label: Front Door reads `_dnsauth.<hostname>`. */
export const VALIDATION_LABEL = "_dnsauth";
/** Between two reads of the domain's validation state. */
const POLL_MS = 15_000;

export interface ManagedDns {
  /** The records as the `dnsRecords` output lists them. */
  records: pulumi.Output<ManagedDnsRecordSummary[]>;
  /** The domain's validation state: `Approved` after the wait, else as the domain's PUT reported it. */
  validationState: pulumi.Output<string>;
  /** Makes the hostname's CNAME (or alias) once the routes link the domain and Front Door approved it. */
  pointHostname(routes: Route[]): void;
}

/** The records clients and Front Door need, made in the provider of `dns` (none without it). */
export function managedDnsRecords(
  parent: pulumi.Resource,
  name: string,
  args: SslMlManagedEndpointsArgs,
  resolved: ResolvedManagedArgs,
  hostname: pulumi.Output<string>,
  domain: AFDCustomDomain,
  endpoint: AFDEndpoint,
): ManagedDns {
  const cf = args.dns?.cloudflare;
  const az = args.dns?.azure;
  const ttl = resolved.dns?.ttl ?? 300;
  const managed = resolved.dns !== undefined;
  const token = domain.validationProperties.apply((v) => v.validationToken ?? "");
  const provider = cf ? cloudflareProvider(parent, name, cf) : undefined;
  const zone: pulumi.Output<string | undefined> = cf
    ? cloudflareZoneName(parent, cf, resolved.dns?.zoneName, provider)
    : az
      ? pulumi.output(az.zoneName).apply(canonicalHostname)
      : pulumi.output(undefined);
  const inZone = pulumi.all([hostname, zone]).apply(([h, z]) => checkedInZone(h, z));
  const txt = cf
    ? cloudflareTxtRecord(parent, `${name}-dnsauth`, name, cf, VALIDATION_LABEL, inZone, token, ttl, provider)
    : az
      ? azureTxtRecord(parent, `${name}-dnsauth`, name, az, VALIDATION_LABEL, inZone, token, ttl)
      : undefined;

  // With the TXT record made here, the up waits for Front Door's approval before pointing the
  // hostname at it, so clients move to Front Door only once it can serve the name. A preview
  // never waits (the domain does not exist yet there).
  const approved: pulumi.Output<string> = txt
    ? pulumi
        .all([domain.name, domain.profileName, args.resourceGroupName, inZone, txt.urn])
        .apply(async ([customDomainName, profileName, resourceGroupName, host]) => {
          if (pulumi.runtime.isDryRun()) return "Pending";
          await waitForApproval(host, {
            read: async () =>
              (await getAFDCustomDomain({ resourceGroupName, profileName, customDomainName }, { parent }))
                .domainValidationState,
            now: () => Date.now(),
            sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
            log: (m) => pulumi.log.info(m, parent),
            deadlineMs: resolved.validationTimeoutMinutes * 60_000,
            intervalMs: POLL_MS,
          });
          return "Approved";
        })
    : domain.domainValidationState;

  const apexAlias = pulumi.all([inZone, zone]).apply(([h, z]) => az !== undefined && h === z);
  const records = pulumi
    .all([inZone, token, endpoint.hostName, apexAlias])
    .apply(([h, t, target, alias]): ManagedDnsRecordSummary[] => [
      { type: "TXT", name: `${VALIDATION_LABEL}.${h}`, content: t, managed },
      { type: alias ? "ALIAS" : "CNAME", name: h, content: target, managed },
    ]);
  if (!managed)
    records.apply((rs) =>
      pulumi.log.warn(
        `dns: no DNS provider is configured; create these records by hand (Front Door approves the domain once it reads the TXT record): ${rs.map((r) => `${r.type} ${r.name} -> ${r.content}`).join("; ")} (the dnsRecords output holds them)`,
        parent,
      ),
    );

  return {
    records,
    validationState: approved,
    pointHostname(routes: Route[]) {
      // The target carries the routes and the approval as dependencies: the record is written after
      // every route links the domain and Front Door approved it, and deleted before them.
      const target = pulumi
        .all([endpoint.hostName, approved, ...routes.map((r) => r.id)])
        .apply(([host]) => host);
      if (cf) {
        const record = pulumi
          .all([inZone, target])
          .apply(([h, t]) => ({ type: "CNAME" as const, name: h, content: t }));
        cloudflareRecord(parent, name, cf, record, ttl, false, provider);
      } else if (az) {
        azureCnameOrAlias(parent, name, az, inZone, target, endpoint.id, ttl);
      }
    },
  };
}
