import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { ArgumentError } from "../errors";

/** The deployment name inside each endpoint. */
export const DEPLOYMENT_NAME = "default";

/** What Azure holds for one service before this `pulumi up`: undefined where it answers 404. */
export interface ServiceOnAzure {
  /** The endpoint's traffic split (`properties.traffic`), `{}` when it has none. */
  endpointTraffic?: Record<string, number>;
  /** The deployment `default`, as GET returns it: the inputs azure-native cannot update in place. */
  deployment?: ForceNewInputs;
}

/**
 * The deployment's inputs that azure-native applies by replacing it: its path (resource group,
 * workspace, endpoint, name), `location`, and the properties its metadata marks force-new for
 * OnlineDeployment (`instanceType`, `codeConfiguration.codeId`, `codeConfiguration.scoringScript`:
 * https://github.com/pulumi/pulumi-azure-native/blob/master/reports/forceNewTypes.json), plus the
 * `endpointComputeType` discriminator. An input left unset is not compared (Azure fills defaults).
 */
export interface ForceNewInputs {
  location: string;
  endpointComputeType?: string;
  codeId?: string;
  scoringScript?: string;
  instanceType?: string;
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
    const p = deployment?.properties;
    return {
      endpointTraffic: { ...(endpoint.properties.traffic ?? {}) },
      deployment:
        deployment === undefined || p === undefined
          ? undefined
          : {
              location: deployment.location,
              endpointComputeType: p.endpointComputeType,
              codeId: p.codeConfiguration?.codeId,
              scoringScript: p.codeConfiguration?.scoringScript,
              instanceType: p.instanceType,
            },
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

/**
 * Refuses, before the deployment's step, a change azure-native can only apply by replacing the
 * deployment that holds the route. azure-native replaces delete-first whenever a force-new input
 * changes (its Diff answers `DeleteBeforeReplace: len(replaces) > 0`,
 * provider/pkg/provider/provider.go), and Azure refuses to delete a deployment that still has
 * traffic; without traffic the endpoint would serve nothing until the new one is made. The
 * desired inputs are compared with what Azure holds (case-insensitively for regions and IDs, as
 * azure-native compares locations). Returns undefined when nothing would be replaced.
 */
export function replacementRefusal(
  field: (f: string) => string,
  onAzure: ServiceOnAzure,
  desired: ForceNewInputs,
): ArgumentError | undefined {
  const d = onAzure.deployment;
  if (d === undefined) return undefined;
  const norm = (v: string | undefined) => (v ?? "").toLowerCase().replace(/\s+/g, "");
  const checks: [keyof ForceNewInputs, string][] = [
    ["location", "name"],
    ["endpointComputeType", "name"],
    ["codeId", "codeId"],
    ["scoringScript", "scoringScript"],
    ["instanceType", "instanceType"],
  ];
  const changed = checks.filter(
    ([k]) => desired[k] !== undefined && d[k] !== undefined && norm(desired[k]) !== norm(d[k]),
  );
  if (changed.length === 0) return undefined;
  const share = onAzure.endpointTraffic?.[DEPLOYMENT_NAME] ?? 0;
  const what = changed.map(([k]) => `${k} ${d[k]} → ${desired[k]}`).join(", ");
  return new ArgumentError(
    field(changed[0][1]),
    `this change (${what}) replaces the deployment '${DEPLOYMENT_NAME}', which azure-native does by deleting it first; ` +
      `it holds ${share} % of the endpoint's traffic, and Azure refuses to delete a deployment with traffic (without traffic, the endpoint would serve nothing until the new one exists). ` +
      `To change it without downtime, add the service again under a new name with the new value, move your clients to its scoring URI, then remove the old service (docs/live-check-and-traffic.md).`,
  );
}
