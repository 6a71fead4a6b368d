import { createHash } from "node:crypto";
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
  deployment?: DeploymentOnAzure;
}

/**
 * The deployment's inputs that azure-native applies by replacing it: its path (resource group,
 * workspace, endpoint, name), `location`, and the properties its metadata marks force-new for
 * OnlineDeployment (`instanceType`, `codeConfiguration.codeId`, `codeConfiguration.scoringScript`:
 * https://github.com/pulumi/pulumi-azure-native/blob/master/reports/forceNewTypes.json), plus the
 * `endpointComputeType` discriminator. Undefined: not sent.
 */
export interface ForceNewInputs {
  location: string;
  endpointComputeType?: string;
  codeId?: string;
  scoringScript?: string;
  instanceType?: string;
}

export type ForceNewKey = keyof ForceNewInputs;

const FORCE_NEW_KEYS: ForceNewKey[] = [
  "location",
  "endpointComputeType",
  "codeId",
  "scoringScript",
  "instanceType",
];

/** The deployment as Azure holds it, and the force-new inputs of the up that last PUT it. */
export interface DeploymentOnAzure extends ForceNewInputs {
  /**
   * Each force-new input as the component last sent it (`forceNewRecord`, read back from the
   * deployment's tag): a fingerprint, or null when it was not sent. Undefined without the tag (a
   * deployment made before the component recorded it, or by hand).
   */
  previous?: Partial<Record<ForceNewKey, string | null>>;
}

/**
 * The deployment's tag that records its force-new inputs as sent. A program cannot read the
 * previous inputs Pulumi keeps in its state (azure-native's `__inputs`), nor a component's own
 * registered outputs; Azure returns a deployment's tags with every GET, so the component writes
 * what it sent there and reads it back before the next up (docs/live-check-and-traffic.md).
 */
export const FORCE_NEW_TAG = "ssl-ml-cluster-force-new";

/**
 * One force-new input's fingerprint: 8 hex characters of SHA-256 of the value as azure-native
 * compares it (exactly; `location` without case and spaces, as its Diff normalizes it), or null
 * when it is not sent. Hashes keep the tag under Azure's 256-character limit for a tag value.
 */
export function forceNewFingerprint(key: ForceNewKey, value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = key === "location" ? normalizedLocation(value) : value;
  return createHash("sha256").update(v).digest("hex").slice(0, 8);
}

/** The tag's value for the inputs sent: `v1 location=1a2b3c4d … instanceType=-`. */
export function forceNewRecord(inputs: ForceNewInputs): string {
  return ["v1", ...FORCE_NEW_KEYS.map((k) => `${k}=${forceNewFingerprint(k, inputs[k]) ?? "-"}`)].join(" ");
}

/** The tag read back; undefined when absent or not a record this version wrote. */
export function parseForceNewRecord(tag: string | undefined): DeploymentOnAzure["previous"] {
  const parts = tag?.trim().split(/\s+/);
  if (parts === undefined || parts[0] !== "v1") return undefined;
  const previous: Partial<Record<ForceNewKey, string | null>> = {};
  for (const part of parts.slice(1)) {
    const m = /^([A-Za-z]+)=([0-9a-f]{8}|-)$/.exec(part);
    if (m === null || !FORCE_NEW_KEYS.includes(m[1] as ForceNewKey)) return undefined;
    previous[m[1] as ForceNewKey] = m[2] === "-" ? null : m[2];
  }
  return FORCE_NEW_KEYS.every((k) => k in previous) ? previous : undefined;
}

/** azure-native's location normalization (provider/pkg/provider/diff.go, `normalizedLocation`). */
function normalizedLocation(location: string): string {
  return location.toLowerCase().replace(/ /g, "");
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
              previous: parseForceNewRecord(deployment.tags?.[FORCE_NEW_TAG]),
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
 * Inputs Azure stores as sent and never fills in: unset on Azure means "not sent last time". Azure
 * may fill `instanceType` with a default when none is sent, so for it only the recorded previous
 * inputs tell "unset" from "set".
 */
const ECHOED: ReadonlySet<ForceNewKey> = new Set([
  "location",
  "endpointComputeType",
  "codeId",
  "scoringScript",
]);

/**
 * Which force-new inputs change: as azure-native decides, from the previous inputs (the tag) and
 * the new ones, where an input added or removed counts as a change like a new value (its Diff:
 * ADD_REPLACE / DELETE_REPLACE / UPDATE_REPLACE for a force-new key, provider/pkg/provider/diff.go
 * and provider.go); and from what Azure holds, where a value set now that differs from Azure's or
 * is absent there counts, as does one removed that Azure keeps as sent (`ECHOED`). Azure's values
 * compare without case (ARM may return IDs and regions in another case than sent).
 */
export function changedForceNewInputs(
  onAzure: ServiceOnAzure,
  desired: ForceNewInputs,
  keys: readonly ForceNewKey[] = FORCE_NEW_KEYS,
): ForceNewKey[] {
  const d = onAzure.deployment;
  if (d === undefined) return [];
  const norm = (v: string) => v.toLowerCase().replace(/\s+/g, "");
  return keys.filter((k) => {
    const want = desired[k];
    const had = d[k];
    const previous = d.previous?.[k];
    if (previous !== undefined && previous !== forceNewFingerprint(k, want)) return true;
    if (want !== undefined) return had === undefined || norm(want) !== norm(had);
    return had !== undefined && ECHOED.has(k);
  });
}

/**
 * Refuses, before the deployment's step, a change azure-native can only apply by replacing the
 * deployment that holds the route (`changedForceNewInputs`). azure-native replaces delete-first
 * whenever a force-new input changes (its Diff answers `DeleteBeforeReplace: len(replaces) > 0`,
 * provider/pkg/provider/provider.go), and Azure refuses to delete a deployment that still has
 * traffic; without traffic the endpoint would serve nothing until the new one is made. `keys`
 * limits the inputs compared (the endpoint's own check: its region). Returns undefined when
 * nothing would be replaced.
 */
export function replacementRefusal(
  field: (f: string) => string,
  onAzure: ServiceOnAzure,
  desired: ForceNewInputs,
  keys: readonly ForceNewKey[] = FORCE_NEW_KEYS,
): ArgumentError | undefined {
  const changed = changedForceNewInputs(onAzure, desired, keys);
  if (changed.length === 0) return undefined;
  const d = onAzure.deployment!;
  const share = onAzure.endpointTraffic?.[DEPLOYMENT_NAME] ?? 0;
  const argument: Record<ForceNewKey, string> = {
    location: "name",
    endpointComputeType: "name",
    codeId: "codeId",
    scoringScript: "scoringScript",
    instanceType: "instanceType",
  };
  const before = (k: ForceNewKey) => d[k] ?? (d.previous?.[k] ? "(set in the last up)" : "unset");
  const what = changed.map((k) => `${k} ${before(k)} → ${desired[k] ?? "unset"}`).join(", ");
  return new ArgumentError(
    field(argument[changed[0]]),
    `this change (${what}) replaces the deployment '${DEPLOYMENT_NAME}', which azure-native does by deleting it first; ` +
      `it holds ${share} % of the endpoint's traffic, and Azure refuses to delete a deployment with traffic (without traffic, the endpoint would serve nothing until the new one exists). ` +
      `To change it without downtime, add the service again under a new name with the new value, move your clients to its scoring URI, then remove the old service (docs/live-check-and-traffic.md).`,
  );
}
