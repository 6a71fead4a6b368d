// `dns`: the DNS record for the hostname (re-exported by sdk/types.ts).
import * as pulumi from "@pulumi/pulumi";
import type { AzureDnsAuthMethod } from "../enums";

/** A Cloudflare DNS record for the hostname. */
export interface CloudflareDnsArgs {
  /** Cloudflare zone ID. Required. */
  zoneId: pulumi.Input<string>;
  /** Zone name (e.g. `example.com`); when given, a hostname outside it is refused. Default: not checked. */
  zoneName?: string;
  /** Proxy through Cloudflare. Default: false. */
  proxied?: boolean;
  /**
   * TTL in seconds: 1 (automatic) or 60–86400 (30–86400 with `enterpriseZone`). A proxied record is
   * always sent with 1 (Cloudflare keeps proxied records automatic). Default: 300.
   */
  ttl?: number;
  /**
   * Cloudflare API token with Zone:Read and DNS:Edit on the zone, kept secret. When given, an
   * explicit Cloudflare provider made with it writes the record, looks the zone and the name up, and
   * answers the ACME DNS-01 challenge. Default: the ambient Cloudflare provider (`cloudflare:apiToken`
   * configuration, else the `CLOUDFLARE_API_TOKEN` environment variable).
   */
  apiToken?: pulumi.Input<string>;
  /** The zone is on Cloudflare's Enterprise plan, which allows TTLs from 30 s. Default: false. */
  enterpriseZone?: boolean;
  /**
   * ID of an existing record with the hostname's name that this stack takes over (after
   * `pulumi import`); without it such a record is refused, since Cloudflare would keep both and
   * split the traffic. Default: none.
   */
  adoptRecordId?: string;
}

/** An Azure DNS record set for the hostname. */
export interface AzureDnsArgs {
  /** The Azure DNS zone that holds the hostname (e.g. `example.com`). Required. */
  zoneName: pulumi.Input<string>;
  /** Resource group of the zone. Required. */
  resourceGroupName: pulumi.Input<string>;
  /** TTL in seconds (1–2147483647). Default: 300. */
  ttl?: number;
  /**
   * How the ACME DNS-01 challenge (`certificate.acme`) signs in to Azure DNS: `"default"` (Azure's
   * credential chain), `"cli"` (`az login`), `"msi"` (managed identity), `"oidc"` (OpenID Connect
   * federation, e.g. GitHub Actions), `"env"` (a service principal from `AZURE_CLIENT_ID` /
   * `AZURE_TENANT_ID` / `AZURE_CLIENT_SECRET`) or `"workloadIdentity"` (AKS workload identity's
   * injected `AZURE_CLIENT_ID` / `AZURE_FEDERATED_TOKEN_FILE`). `"msi"` and `"workloadIdentity"` put
   * no secret in the stack; `"msi"` signs in as the host's default identity (for one user-assigned
   * identity among several, use `"default"` with `AZURE_CLIENT_ID`). The identity needs
   * `DNS Zone Contributor` on the zone (docs/private-networks.md). The record itself is written by
   * the azure-native provider. Default: `"default"`.
   */
  authMethod?: AzureDnsAuthMethod;
}

/**
 * An A record in an Azure Private DNS zone (split-horizon DNS for a private front end), and the
 * zone's links to the networks that resolve it. See docs/private-networks.md.
 */
export interface AzurePrivateDnsArgs {
  /** The Azure Private DNS zone that holds the hostname (e.g. `example.com` or `corp.example.com`). Required. */
  zoneName: pulumi.Input<string>;
  /** Resource group of the private zone. Required. */
  resourceGroupName: pulumi.Input<string>;
  /** TTL in seconds (1–2147483647). Default: 300. */
  ttl?: number;
  /**
   * Resource IDs of virtual networks to link the zone to
   * (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…`), one
   * `VirtualNetworkLink` each, auto-registration off. Plain strings: each link's name is derived
   * from the component's name and a hash of the ID. Default: none (links are managed elsewhere).
   */
  virtualNetworkIds?: string[];
}

/** DNS for the hostname. Default: no record (the output `dnsRecord` says what to create). */
export interface DnsArgs {
  /** Manage the record in Cloudflare. Default: none (no record is managed). */
  cloudflare?: CloudflareDnsArgs;
  /** Manage the record in Azure DNS (at most one provider). Default: none (no record is managed). */
  azure?: AzureDnsArgs;
  /**
   * Manage the record in an Azure Private DNS zone, for a private front end (at most one provider;
   * ACME then needs `certificate.acme.challenge`). Default: none (no record is managed).
   */
  azurePrivate?: AzurePrivateDnsArgs;
}
