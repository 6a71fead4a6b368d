// The live check's own program (docs/live-check.md): the component on a real subscription,
// with assets it makes itself, driven by live/live-check.ts. `npm test` plans it offline
// (tests/live-program.test.ts), so it cannot rot unseen. Under `pulumi up` it runs transpile-only
// (tsconfig `noCheck`): the repository's `npm run typecheck` checks it against the package's source,
// while here the package and the program each have their own copy of @pulumi/pulumi.
import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { SslMlCluster, type SslMlClusterArgs } from "ssl-ml-cluster";
import { readLiveConfig } from "./config";
import { liveAssets } from "./assets";
import { createdWorkspace, existingWorkspace } from "./workspace";

const c = readLiveConfig(new pulumi.Config(), pulumi.getStack());
const ws = c.createWorkspace
  ? createdWorkspace(c.resourceGroupName, c.workspaceName, c.location!)
  : existingWorkspace(c.resourceGroupName, c.workspaceName);

/** The one real-time service: a Kubernetes deployment of score.py, or a v1 name on the aks kind. */
function services(): NonNullable<SslMlClusterArgs["services"]> {
  // The legacy aks path declares services by name only (docs/limits.md): nothing to deploy here.
  if (c.kind === "aks") return [{ name: c.names.endpoint }];
  const assets = liveAssets(c.names.base, {
    resourceGroupName: c.resourceGroupName,
    workspaceName: ws.workspaceName,
    environmentVersion: c.environmentVersion,
    codeVersion: c.codeVersion,
    dependsOn: ws.dependsOn,
  });
  return [
    {
      name: c.names.endpoint,
      environment: assets.environmentId,
      codeId: assets.codeId,
      scoringScript: "score.py",
      // Two replicas, so a rolling update can keep one serving (azure-cli issue #18272: Azure ML
      // rolls deployments with maxUnavailable 1 and maxSurge 1).
      instanceCount: c.instanceCount,
    },
  ];
}

/**
 * The "endpoint-only change" step: a new description on the online endpoint and nothing else, so
 * Azure receives an endpoint PUT while the traffic route's template stays as it was. The PUT
 * carries `traffic` itself once the deployment exists (docs/live-check-and-traffic.md): the step
 * expects zero failed calls. `transformations` run in the SDK, so the offline plan sees it.
 */
function endpointOnly(note: string): pulumi.ResourceTransformation {
  return (a) =>
    a.type === "azure-native:machinelearningservices:OnlineEndpoint"
      ? {
          props: {
            ...a.props,
            // azure-native hands its inputs over as Outputs (defaults applied): change inside.
            properties: pulumi
              .output(a.props.properties as Record<string, unknown>)
              .apply((p) => ({ ...p, description: `live check: ${note}` })),
          },
          opts: a.opts,
        }
      : undefined;
}

const ml = new SslMlCluster(
  "live",
  {
    hostname: c.certificate === "microsoftManaged" ? undefined : c.hostname,
    resourceGroupName: c.resourceGroupName,
    workspaceName: ws.workspaceName,
    location: c.location,
    cluster:
      c.kind === "aks"
        ? { kind: "aks", nodeCount: 3, vmSize: "Standard_D3_v2", computeName: c.names.compute }
        : { kind: "kubernetes", nodeCount: 3, computeName: c.names.compute },
    certificate:
      c.certificate === "microsoftManaged"
        ? { microsoftManaged: { leafDomainLabel: c.leafDomainLabel!, overwriteExistingDomain: false } }
        : { selfSigned: { algorithm: c.algorithm, validityDays: 90, renewBeforeDays: 30 } },
    // The private variant: the cluster in the given subnet, no public IP; the record goes to a
    // private zone linked to the subnet's VNet (where this check's machine runs).
    network: c.subnetId ? { internalLoadBalancer: true, subnetId: c.subnetId } : undefined,
    dns:
      c.certificate === "microsoftManaged"
        ? undefined
        : c.subnetId
          ? {
              azurePrivate: {
                zoneName: c.privateDnsZone!,
                resourceGroupName: c.privateDnsResourceGroup!,
                virtualNetworkIds: [c.subnetId.replace(/\/subnets\/[^/]+$/i, "")],
              },
            }
          : c.cloudflareZoneId
            ? { cloudflare: { zoneId: c.cloudflareZoneId } }
            : { azure: { zoneName: c.azureDnsZone!, resourceGroupName: c.azureDnsResourceGroup! } },
    services: services(),
  },
  { transformations: c.endpointNote ? [endpointOnly(c.endpointNote)] : [] },
);

export const kind = c.kind;
export const hostname = ml.hostname;
export const frontEndIp = ml.frontEndIp;
export const scoringUris = ml.scoringUris;
export const scoringUri = ml.scoringUri;
export const certificate = ml.certificate;
export const computeId = ml.computeId;
export const dnsRecord = ml.dnsRecord;
/**
 * Each endpoint's primary key (listKeys, read once the component's endpoints exist), for the
 * scoring calls: a secret, shown only by `pulumi stack output --show-secrets`.
 */
export const endpointKeys =
  c.kind === "kubernetes"
    ? pulumi.secret(
        machinelearningservices
          .listOnlineEndpointKeysOutput(
            {
              resourceGroupName: c.resourceGroupName,
              workspaceName: ws.workspaceName,
              endpointName: c.names.endpoint,
            },
            { dependsOn: [ml] },
          )
          .apply((k): Record<string, string> => ({ [c.names.endpoint]: k.primaryKey ?? "" })),
      )
    : undefined;
