import * as pulumi from "@pulumi/pulumi";
import type {
  CertificateSummary,
  DnsRecordSummary,
  KeyVaultCertificateSummary,
  SslMlClusterArgs,
} from "./types";
import { validateArgs, ResolvedArgs } from "./validation/args";
import { checkedComponentName, withCheckedAzureNames } from "./common/azure-names";
import { checkedHostname } from "./common/hostname";
import { withoutVersionedTypeAliases } from "./common/versioned-aliases";
import { rotationClock } from "./certificates/sources/rotation";
import {
  CertificateSource,
  importedCertificate,
  prepareImported,
  selfSignedCertificate,
} from "./certificates/sources/source";
import { kubernetesComputeStack, ClusterResult } from "./cluster/kubernetes";
import { aksCompute } from "./cluster/aks";
import { defaultComputeName } from "./cluster/resource-id";
import { cloudflareProvider, cloudflareRecord, cloudflareZoneName, plannedRecord } from "./dns/cloudflare";
import { checkedInZone } from "./dns/record";
import { azureRecord } from "./dns/azure";
import { azurePrivateRecord, privateZoneLinks } from "./dns/azure-private";
import { acmeCertificate, prepareAcme } from "./certificates/sources/acme";
import { keyVaultCertificate } from "./certificates/sources/keyvault-source";
import { onlineServices } from "./services/online";
import { workspaceFacts } from "./cluster/workspace";
import { scoringUri } from "./services/uris";

const microsoftManagedCert = (r: ResolvedArgs) => r.certificateSource === "microsoftManaged";

export const SSL_ML_CLUSTER_TYPE = "ssl-ml-cluster:index:SslMlCluster";

/**
 * TLS for an Azure Machine Learning inference cluster's real-time scoring, end to end: the
 * cluster, a certificate for the hostname, the DNS record pointing the hostname at the scoring
 * front end, the real-time services, and their `https://<hostname>/…` scoring URIs.
 */
export class SslMlCluster extends pulumi.ComponentResource {
  /** The hostname clients call (lower case, no trailing dot). */
  public readonly hostname: pulumi.Output<string>;
  /**
   * The scoring front end's address (private behind an internal load balancer): an IP, or a host name when its load balancer has one
   * (the output keeps the name `frontEndIp`, which pipelines read).
   */
  public readonly frontEndIp: pulumi.Output<string>;
  /** Service name to scoring URI. */
  public readonly scoringUris: pulumi.Output<Record<string, string>>;
  /** The scoring URI of the first service (undefined without services). */
  public readonly scoringUri: pulumi.Output<string | undefined>;
  /** Public facts about the certificate in use (undefined when TLS is off). */
  public readonly certificate: pulumi.Output<CertificateSummary | undefined>;
  /** The Azure ML compute's resource ID. */
  public readonly computeId: pulumi.Output<string>;
  /** The DNS record that points the hostname at the front end (made here when `dns` is set). */
  public readonly dnsRecord: pulumi.Output<DnsRecordSummary | undefined>;
  /**
   * The Key Vault certificate in use: its ID, the secret's ID and the version (undefined unless
   * `certificate.keyVault`).
   */
  public readonly keyVaultCertificate: pulumi.Output<KeyVaultCertificateSummary | undefined>;

  constructor(name: string, args: SslMlClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    // The name first: Azure names and child names are made from it (common/azure-names.ts).
    checkedComponentName(name);
    // Every plain argument, file and imported certificate is checked before anything is registered.
    const resolved = validateArgs(args);
    // Output names (resource group, workspace, region) are checked once known, as the hostname is.
    args = withCheckedAzureNames(args);
    const now = rotationClock();
    const imported =
      resolved.certificateSource === "imported"
        ? prepareImported(args.certificate.imported!, resolved.plainHostname ?? args.hostname!)
        : undefined;
    const acme = resolved.certificateSource === "acme" ? prepareAcme(args) : undefined;
    // Children skip azure-native's API-version aliases: they cannot match what the component made.
    super(SSL_ML_CLUSTER_TYPE, name, {}, withoutVersionedTypeAliases(opts));

    for (const w of resolved.warnings) pulumi.log.warn(w, this);

    const computeName = args.cluster?.computeName ?? defaultComputeName(name, resolved.kind);
    const workspace = workspaceFacts(this, args.resourceGroupName, args.workspaceName);
    const userHostname: pulumi.Output<string> | undefined =
      args.hostname === undefined ? undefined : pulumi.output(args.hostname).apply(checkedHostname);

    let cert: CertificateSource | undefined;
    let keyVaultReference: pulumi.Output<KeyVaultCertificateSummary> | undefined;
    if (resolved.certificateSource === "selfSigned") {
      cert = selfSignedCertificate(this, name, userHostname!, resolved, now);
    } else if (resolved.certificateSource === "imported") {
      cert = importedCertificate(this, args.certificate.imported!, userHostname!, imported!);
    } else if (resolved.certificateSource === "acme") {
      cert = acmeCertificate(this, name, userHostname!, args, resolved, acme!, now);
    } else if (resolved.certificateSource === "keyVault") {
      const kv = keyVaultCertificate(this, resolved.keyVault!, userHostname!, now);
      cert = kv;
      keyVaultReference = kv.reference;
    }

    let cluster: ClusterResult & { managedHostname?: pulumi.Output<string> };
    if (resolved.kind === "kubernetes") {
      cluster = kubernetesComputeStack(
        this,
        name,
        args,
        resolved,
        userHostname!,
        computeName,
        cert,
        workspace,
      );
    } else {
      cluster = aksCompute(this, name, args, resolved, userHostname, computeName, cert, workspace);
    }
    const hostname = cluster.managedHostname ?? userHostname!;

    // One Cloudflare token, said once: the record, the lookups and ACME all use dns.cloudflare.apiToken.
    const cfProvider =
      args.dns?.cloudflare !== undefined ? cloudflareProvider(this, name, args.dns.cloudflare) : undefined;
    // The zone's name: given, or (Cloudflare) read by zoneId, so the zone and apex checks always run.
    const zoneName: pulumi.Input<string | undefined> =
      args.dns?.cloudflare !== undefined
        ? cloudflareZoneName(this, args.dns.cloudflare, resolved.dns?.zoneName, cfProvider)
        : resolved.dns?.zoneName;
    const record = pulumi
      .all([hostname, cluster.frontEndAddress, zoneName])
      .apply(([h, target, zone]) => plannedRecord(checkedInZone(h, zone), target, zone));
    if (args.dns === undefined && !microsoftManagedCert(resolved)) {
      // No DNS provider: say which record to create by hand, once the front end's address is known.
      record.apply((r) =>
        pulumi.log.warn(
          `dns: no DNS provider is configured; create this record by hand: ${r.type} ${r.name} -> ${r.content} (the dnsRecord output holds it)`,
          this,
        ),
      );
    }
    let managed = false;
    if (args.dns?.cloudflare !== undefined && resolved.dns !== undefined) {
      cloudflareRecord(
        this,
        name,
        args.dns.cloudflare,
        record,
        resolved.dns.ttl,
        resolved.dns.proxied,
        cfProvider,
      );
      managed = true;
    }
    if (args.dns?.azure !== undefined && resolved.dns !== undefined) {
      azureRecord(this, name, args.dns.azure, record, resolved.dns.ttl);
      managed = true;
    }
    if (args.dns?.azurePrivate !== undefined && resolved.azurePrivate !== undefined) {
      // Split-horizon: the record lives in the private zone; ACME's TXT goes to acme.challenge.
      azurePrivateRecord(this, name, args.dns.azurePrivate, record, resolved.azurePrivate.ttl);
      privateZoneLinks(this, name, args.dns.azurePrivate, resolved.azurePrivate.virtualNetworkIds);
      managed = true;
    }
    const microsoftManaged = resolved.certificateSource === "microsoftManaged";

    if (resolved.kind === "kubernetes" && resolved.services.length > 0) {
      onlineServices(this, name, args, resolved.services, cluster.computeId, workspace, [cluster.compute]);
    }

    const scheme = resolved.tlsEnabled ? "https" : "http";
    // URIs come from the hostname input, never from a child's (secret) properties.
    const serviceNames = resolved.services.map((s) => s.name);
    const firstService = args.services?.[0]?.name;
    this.hostname = hostname;
    this.frontEndIp = cluster.frontEndAddress;
    this.scoringUris = hostname.apply((h) =>
      Object.fromEntries(serviceNames.map((s) => [s, scoringUri(h, resolved.kind, s, scheme)])),
    );
    this.scoringUri = hostname.apply((h) =>
      firstService ? scoringUri(h, resolved.kind, firstService, scheme) : undefined,
    );
    this.certificate = cert ? cert.summary : pulumi.output(undefined);
    this.computeId = cluster.computeId;
    // Azure owns the DNS name of a Microsoft-managed certificate: there is nothing to create.
    this.dnsRecord = microsoftManaged
      ? pulumi.output(undefined)
      : record.apply((r) => ({ type: r.type, name: r.name, content: r.content, managed }));
    this.keyVaultCertificate = keyVaultReference ?? pulumi.output(undefined);

    this.registerOutputs({
      hostname: this.hostname,
      frontEndIp: this.frontEndIp,
      scoringUris: this.scoringUris,
      scoringUri: this.scoringUri,
      certificate: this.certificate,
      computeId: this.computeId,
      dnsRecord: this.dnsRecord,
      keyVaultCertificate: this.keyVaultCertificate,
    });
  }
}

export type { ResolvedArgs };
