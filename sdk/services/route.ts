import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { ArgumentError } from "../errors";

/** The deployment name inside each endpoint. */
export const DEPLOYMENT_NAME = "default";

/** What Azure holds for one service before this `pulumi up`: undefined where it answers 404. */
export interface ServiceOnAzure {
  /** The endpoint's traffic split (`properties.traffic`), `{}` when it has none. */
  endpointTraffic?: Record<string, number>;
  /** The deployment `default`, as GET returns it. */
  deployment?: { location: string; endpointComputeType?: string };
}

/**
 * Whether an invoke failed because the resource does not exist. azure-native reports the HTTP
 * status of the GET in its message (autorest style `Status=404`, azcore style `RESPONSE 404`);
 * ARM's code is `ResourceNotFound`, Azure ML's own 404 answers say `NotFound` / "not found".
 */
export function isNotFound(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /Status=404|RESPONSE 404|\b404\b.*not ?found|ResourceNotFound|"NotFound"/i.test(msg);
}

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/**
 * Reads the endpoint and its deployment as Azure holds them now (`getOnlineEndpoint`,
 * `getOnlineDeployment`, azure-native's invokes of GET onlineEndpoints/{name} and
 * …/deployments/{name}). Invokes run before any resource step of the `up` (and in a preview), so
 * this is the state the up starts from; a 404 (first create, or a preview of one) is "absent".
 */
export function serviceOnAzure(
  parent: pulumi.Resource,
  resourceGroupName: pulumi.Input<string>,
  workspaceName: pulumi.Input<string>,
  endpointName: string,
): pulumi.Output<ServiceOnAzure> {
  return pulumi.all([resourceGroupName, workspaceName]).apply(async ([rg, ws]) => {
    const key = { resourceGroupName: rg, workspaceName: ws, endpointName };
    const endpoint = await orUndefined(machinelearningservices.getOnlineEndpoint(key, { parent }));
    if (endpoint === undefined) return {};
    const deployment = await orUndefined(
      machinelearningservices.getOnlineDeployment({ ...key, deploymentName: DEPLOYMENT_NAME }, { parent }),
    );
    return {
      endpointTraffic: { ...(endpoint.properties.traffic ?? {}) },
      deployment:
        deployment === undefined
          ? undefined
          : { location: deployment.location, endpointComputeType: deployment.properties.endpointComputeType },
    };
  });
}

/**
 * The `traffic` the endpoint's own PUT carries. A PUT is a full replacement on ARM: an endpoint PUT
 * without `traffic` clears the route until something sets it again. So once the deployment exists
 * the endpoint carries `{default: 100}` itself, and any endpoint update keeps the route. Before
 * that (first create, or a preview of it) it carries none: Azure refuses traffic to a deployment
 * that does not exist, and the traffic template sets the route once the deployment is made.
 */
export function carriedTraffic(onAzure: ServiceOnAzure): Record<string, number> | undefined {
  return onAzure.deployment === undefined ? undefined : { [DEPLOYMENT_NAME]: 100 };
}

const normRegion = (l: string | undefined) => (l ?? "").toLowerCase().replace(/\s+/g, "");

/**
 * Refuses, before any resource step, a change azure-native can only apply by replacing the
 * deployment that holds the route. Its force-new inputs (azure-native replaces on a change of a
 * path parameter or of a create-only property: `location`, which ARM keeps create-only for
 * every tracked resource, and the `endpointComputeType` discriminator) are compared with what
 * Azure holds. Such a replacement of the fixed-name deployment is delete-first, and Azure refuses
 * to delete a deployment that still has traffic, or, without traffic, the endpoint has nothing to
 * serve until the new one is made. Returns undefined when nothing would be replaced.
 */
export function replacementRefusal(
  field: string,
  onAzure: ServiceOnAzure,
  desired: { location: string; endpointComputeType: string },
): ArgumentError | undefined {
  const d = onAzure.deployment;
  if (d === undefined) return undefined;
  const changed: string[] = [];
  if (normRegion(d.location) !== normRegion(desired.location))
    changed.push(`location ${d.location} → ${desired.location}`);
  if (d.endpointComputeType !== undefined && d.endpointComputeType !== desired.endpointComputeType)
    changed.push(`endpointComputeType ${d.endpointComputeType} → ${desired.endpointComputeType}`);
  if (changed.length === 0) return undefined;
  const share = onAzure.endpointTraffic?.[DEPLOYMENT_NAME] ?? 0;
  return new ArgumentError(
    field,
    `this change (${changed.join(", ")}) replaces the deployment '${DEPLOYMENT_NAME}', which azure-native does by deleting it first; ` +
      `it holds ${share} % of the endpoint's traffic, and Azure refuses to delete a deployment with traffic (without it, the endpoint would serve nothing until the new one exists). ` +
      `Deploy the service under a new name (services[].name) next to the old one, move your clients, then remove the old service.`,
  );
}
