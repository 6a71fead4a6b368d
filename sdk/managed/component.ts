import * as pulumi from "@pulumi/pulumi";
import type { ManagedCertificateSummary, ManagedDnsRecordSummary, SslMlManagedEndpointsArgs } from "../types";
import { checkedHostname } from "../common/hostname";
import { withoutVersionedTypeAliases } from "../common/versioned-aliases";
import { workspaceFacts } from "../cluster/workspace";
import { rotationClock } from "../certificates/sources/rotation";
import { keyVaultCertificate } from "../certificates/sources/keyvault-source";
import { validateManagedArgs } from "./args-rules";
import { managedEndpoints } from "./endpoints";
import { frontDoorOrigin, frontDoorProfile } from "./frontdoor";
import { customDomain, keyVaultSecret, managedCertificateFacts } from "./domain";
import { managedScoringUri } from "./endpoint-rules";
import { managedDnsRecords } from "./dns";

export const SSL_ML_MANAGED_ENDPOINTS_TYPE = "ssl-ml-cluster:index:SslMlManagedEndpoints";

/**
 * Your hostname in front of Azure ML managed online endpoints, which accept no custom DNS name:
 * Azure Front Door (Standard or Premium) with a custom domain, its certificate (Front Door's
 * managed one, or yours from Key Vault), the DNS records that validate and point the hostname, and
 * one route per endpoint, so `https://<hostname>/<endpoint>/score` reaches the endpoint's own
 * `/score`. See docs/managed-endpoints.md.
 */
export class SslMlManagedEndpoints extends pulumi.ComponentResource {
  /** The hostname clients call (lower case, no trailing dot). */
  public readonly hostname: pulumi.Output<string>;
  /** Endpoint name to scoring URI, `https://<hostname>/<endpoint>/score`. */
  public readonly scoringUris: pulumi.Output<Record<string, string>>;
  /** The scoring URI of the first endpoint (services first, then endpoints). */
  public readonly scoringUri: pulumi.Output<string | undefined>;
  /** The Front Door endpoint's host name (`<name>-<hash>.z01.azurefd.net`): the hostname's CNAME target. */
  public readonly frontDoorEndpoint: pulumi.Output<string>;
  /** The certificate Front Door serves for the hostname. */
  public readonly certificate: pulumi.Output<ManagedCertificateSummary>;
  /** The DNS records the hostname needs: the `_dnsauth` TXT record and the CNAME (or apex alias). */
  public readonly dnsRecords: pulumi.Output<ManagedDnsRecordSummary[]>;
  /** Endpoint name to its own scoring host (Front Door's origin and host header). */
  public readonly originHosts: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: SslMlManagedEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Every plain argument is checked before anything is registered.
    const resolved = validateManagedArgs(args);
    const now = rotationClock();
    super(SSL_ML_MANAGED_ENDPOINTS_TYPE, name, {}, withoutVersionedTypeAliases(opts));
    for (const w of resolved.warnings) pulumi.log.warn(w, this);

    const hostname = pulumi.output(args.hostname).apply(checkedHostname);
    const workspace = workspaceFacts(this, args.resourceGroupName, args.workspaceName);
    const endpoints = managedEndpoints(this, name, args, resolved, workspace);

    const { profile, endpoint } = frontDoorProfile(this, name, args.resourceGroupName, resolved, args.tags);
    const base = { resourceGroupName: args.resourceGroupName, profileName: profile.name };
    const kv = resolved.keyVault ? keyVaultCertificate(this, resolved.keyVault, hostname, now) : undefined;
    const secret = kv ? keyVaultSecret(this, name, base, profile, resolved, kv, hostname) : undefined;
    const domain = customDomain(this, name, base, hostname, secret);
    const dns = managedDnsRecords(this, name, args, resolved, hostname, domain, endpoint);
    const routes = endpoints.map((ep) =>
      frontDoorOrigin(this, name, base, endpoint, ep.name, ep.host, domain.id),
    );
    dns.pointHostname(routes.map((r) => r.route));

    const names = endpoints.map((e) => e.name);
    this.hostname = hostname;
    this.scoringUris = hostname.apply((h) =>
      Object.fromEntries(names.map((n) => [n, managedScoringUri(h, n)])),
    );
    this.scoringUri = hostname.apply((h) => (names.length > 0 ? managedScoringUri(h, names[0]) : undefined));
    this.frontDoorEndpoint = endpoint.hostName;
    this.originHosts = pulumi
      .all(endpoints.map((e) => e.host))
      .apply((hosts) => Object.fromEntries(names.map((n, i) => [n, hosts[i]])));
    this.dnsRecords = dns.records;
    const managedFacts = kv
      ? undefined
      : managedCertificateFacts(this, args.resourceGroupName, domain, dns.validationState);
    this.certificate = pulumi
      .all([dns.validationState, kv ? kv.summary : undefined, kv ? kv.reference : undefined, managedFacts])
      .apply(([state, summary, reference, facts]): ManagedCertificateSummary =>
        summary === undefined
          ? { type: "ManagedCertificate", validationState: state, ...facts }
          : {
              type: "CustomerCertificate",
              validationState: state,
              issuer: summary.issuer,
              subject: summary.subject,
              notAfter: summary.notAfter,
              pem: summary.pem,
              secretId: reference?.secretId,
            },
      );

    this.registerOutputs({
      hostname: this.hostname,
      scoringUris: this.scoringUris,
      scoringUri: this.scoringUri,
      frontDoorEndpoint: this.frontDoorEndpoint,
      certificate: this.certificate,
      dnsRecords: this.dnsRecords,
      originHosts: this.originHosts,
    });
  }
}
