// `validateArgs`: every plain argument checked, part by part, in a fixed order (the first problem
// found is the one reported, so the order is part of the messages users see). Each part's rules
// live next to its code; shared checks live in sdk/common/.
import { ArgumentError } from "../errors";
import type { SslMlClusterArgs } from "../types";
import type { ResolvedArgs } from "../args/resolved";
import { checkKeys, isPlainString } from "../common/check-keys";
import { checkedFrontEndIp, checkedHostname } from "../common/hostname";
import { validateAzureNames } from "../common/azure-names";
import { CLUSTER_KEYS, clusterKind, validateCluster } from "../cluster/args-rules";
import { validateNetwork } from "../cluster/network-rules";
import { checkedFrontEndWaitMinutes } from "../cluster/wait-rules";
import { certificateSource, validateMicrosoftManaged } from "../certificates/sources/source-rules";
import { validateImported, validateSelfSigned } from "../certificates/rules/material-rules";
import { validateKeyVault } from "../certificates/sources/keyvault-args";
import { validateAcme } from "../certificates/sources/acme-rules";
import { publicDnsArgument, validateDns } from "../dns/args-rules";
import { validateAzurePrivateDns } from "../dns/private-rules";
import { legacyServiceWarnings, validateServices } from "../services/args-rules";

export type { ClusterKind } from "../enums";
export type { CertificateSourceKind, ResolvedArgs } from "../args/resolved";

const ARGS_KEYS = [
  "hostname",
  "resourceGroupName",
  "workspaceName",
  "location",
  "cluster",
  "certificate",
  "dns",
  "network",
  "frontEndIp",
  "frontEndWaitMinutes",
  "services",
  "tlsEnabled",
  "tags",
];

/** Validates every plain argument; throws {@link ArgumentError} naming the argument and the fix. Pure. */
export function validateArgs(args: SslMlClusterArgs): ResolvedArgs {
  if (!args || typeof args !== "object") throw new ArgumentError("args", "are required");
  checkKeys("args", args, ARGS_KEYS);
  checkKeys("cluster", args.cluster, CLUSTER_KEYS);
  const warnings: string[] = [];
  requireWorkspace(args);
  // Azure's name rules (they reach ARM request paths and the traffic template).
  validateAzureNames(args);
  const kind = clusterKind(args.cluster);

  const tlsEnabled = args.tlsEnabled ?? true;
  if (typeof tlsEnabled !== "boolean") throw new ArgumentError("tlsEnabled", "must be true or false");
  // Certificate source: exactly one (none at all only when TLS is explicitly off).
  const source = certificateSource(args.certificate, tlsEnabled, warnings);
  if (source === "microsoftManaged") {
    validateMicrosoftManaged(args, kind);
  } else if (args.hostname === undefined || args.hostname === "") {
    throw new ArgumentError("hostname", "is required: the FQDN clients call, e.g. ml.example.com");
  }
  const plainHostname = isPlainString(args.hostname) ? checkedHostname(args.hostname) : undefined;
  if (args.frontEndIp !== undefined && isPlainString(args.frontEndIp)) checkedFrontEndIp(args.frontEndIp);
  const frontEndWaitMinutes = checkedFrontEndWaitMinutes(args.frontEndWaitMinutes);

  const cluster = validateCluster(args.cluster ?? {}, kind, warnings);
  const selfSigned = validateSelfSigned(args.certificate?.selfSigned ?? {}, source, warnings);
  if (source === "imported") validateImported(args.certificate.imported!);
  const keyVault = source === "keyVault" ? validateKeyVault(args.certificate.keyVault!) : undefined;

  let dns = validateDns(args.dns, plainHostname, source, warnings);
  // A private front end and split-horizon DNS (docs/private-networks.md).
  const network = validateNetwork(
    args.network,
    kind,
    publicDnsArgument(args.dns),
    warnings,
    args.cluster?.existingClusterId !== undefined,
  );
  const azp = args.dns?.azurePrivate;
  const azurePrivate =
    azp === undefined
      ? undefined
      : validateAzurePrivateDns(azp, plainHostname, network.internalLoadBalancer, warnings);
  if (azurePrivate) dns = { ttl: azurePrivate.ttl, proxied: false, zoneName: azurePrivate.zoneName };

  const acme =
    source === "acme" ? validateAcme(args.certificate.acme!, args.dns, warnings, plainHostname) : undefined;

  const services = validateServices(args.services, kind);
  if (kind === "aks") legacyServiceWarnings(services, warnings);
  return {
    kind,
    tlsEnabled,
    certificateSource: source,
    plainHostname,
    nodeCount: cluster.nodeCount,
    vmSize: cluster.vmSize,
    namespace: cluster.namespace,
    selfSigned,
    clusterPurpose: cluster.clusterPurpose,
    dns,
    acme,
    network,
    azurePrivate,
    keyVault,
    services,
    frontEndWaitMinutes,
    warnings,
  };
}

/** The workspace's resource group and name: required. */
function requireWorkspace(args: SslMlClusterArgs): void {
  if (args.resourceGroupName === undefined || args.resourceGroupName === "") {
    throw new ArgumentError(
      "resourceGroupName",
      "is required (the resource group of the Azure ML workspace)",
    );
  }
  if (args.workspaceName === undefined || args.workspaceName === "") {
    throw new ArgumentError("workspaceName", "is required (the name of the Azure ML workspace)");
  }
}
