import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as resources from "@pulumi/azure-native/resources";
import type { ServiceArgs, SslMlClusterArgs } from "../types";
import type { WorkspaceFacts } from "../cluster/workspace";
import { AssetCollection, assetArmId, parseAssetReference } from "./assets";
import { armLiterals } from "./arm-literal";
import {
  DEPLOYMENT_NAME,
  FORCE_NEW_TAG,
  carriedTraffic,
  forceNewRecord,
  replacementRefusal,
  serviceOnAzure,
} from "./route";

export { DEPLOYMENT_NAME } from "./route";

/** The API version of the endpoint PUT inside the traffic template: the one azure-native 3.x uses. */
export const ENDPOINT_API_VERSION = "2025-12-01";

/** An asset input as the ARM ID Azure receives (short references expanded against the workspace). */
function assetId(
  field: string,
  value: pulumi.Input<string> | undefined,
  collection: AssetCollection,
  workspaceId: pulumi.Output<string>,
): pulumi.Output<string> | undefined {
  if (value === undefined) return undefined;
  return pulumi
    .all([value, workspaceId])
    .apply(([v, ws]) => assetArmId(parseAssetReference(field, v, collection), collection, ws));
}

/**
 * The ARM template that routes 100 % of an endpoint's traffic to its deployment (see below). Every
 * string in it is an ARM literal (`armLiterals`): ARM evaluates a value such as the tag
 * `[subscription().subscriptionId]`, and the endpoint must receive the tag as written.
 */
export function trafficTemplate(endpoint: {
  workspaceName: string;
  endpointName: string;
  location: string;
  properties: Record<string, unknown>;
  tags?: Record<string, string>;
}): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
    apiVersion: ENDPOINT_API_VERSION,
    name: `${endpoint.workspaceName}/${endpoint.endpointName}`,
    location: endpoint.location,
    identity: { type: "SystemAssigned" },
    properties: { ...endpoint.properties, traffic: { [DEPLOYMENT_NAME]: 100 } },
  };
  if (endpoint.tags !== undefined) resource.tags = endpoint.tags;
  return {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    resources: [armLiterals(resource)],
  };
}

/**
 * The ARM deployment's name: Azure refuses more than 64 characters (and the autoname adds a
 * suffix to an unbounded component name), so it is the service name (at most 32) plus a stable
 * hash of project, stack, component and service: unique per stack, the same run to run.
 */
export function trafficDeploymentName(component: string, service: string): string {
  const h = createHash("sha256")
    .update(`${pulumi.getProject()}/${pulumi.getStack()}/${component}/${service}`)
    .digest("hex")
    .slice(0, 10);
  return `${service}-traffic-${h}`;
}

/** What the services need from the component's args (SslMlCluster's or SslMlManagedEndpoints'). */
export type ServicesHostArgs = Pick<SslMlClusterArgs, "resourceGroupName" | "workspaceName" | "tags"> & {
  services?: ServiceArgs[];
};

/** A service; a managed one may carry its request timeout (`requestSettings.requestTimeout`). */
export type OnlineServiceArgs = ServiceArgs & { requestTimeoutSeconds?: number };

export interface OnlineService {
  endpoint: machinelearningservices.OnlineEndpoint;
  deployment: machinelearningservices.OnlineDeployment;
  traffic: resources.Deployment;
}

/**
 * One Kubernetes online endpoint, its deployment and its traffic route per service, keyed by the
 * service's name (never by its position), so adding or removing a service touches only its own
 * resources. Every ML resource takes the workspace's region.
 *
 * Traffic: Azure refuses traffic to a deployment that does not exist yet, and a deployment with 0 %
 * answers "no valid deployments to route to". So, like `az ml online-deployment create
 * --all-traffic`, the endpoint is PUT again with `traffic: {default: 100}` once the deployment
 * exists: an ARM template deployment (`resources.Deployment`, through azure-native and its
 * credentials, no extra CLI) that depends on the deployment. A PUT replaces the whole endpoint, so
 * an endpoint update without `traffic` would clear the route: once Azure holds the deployment
 * (`serviceOnAzure`, read before the up) the endpoint's own PUT carries `{default: 100}` too
 * (docs/live-check-and-traffic.md). A change azure-native could only apply by replacing the
 * deployment that holds the route is refused before its step (`replacementRefusal`); a new region
 * before the endpoint's step too, since it would replace the endpoint as well. On `pulumi destroy`
 * the deployment goes with its endpoint (`deletedWith`): deleting the endpoint deletes its
 * deployments, and a deployment that still has traffic cannot be deleted on its own.
 */
export function onlineServices(
  parent: pulumi.Resource,
  name: string,
  args: ServicesHostArgs,
  services: OnlineServiceArgs[],
  computeId: pulumi.Output<string> | undefined,
  workspace: WorkspaceFacts,
  dependsOn: pulumi.Resource[],
): OnlineService[] {
  // No compute: managed online endpoints (sdk/managed/), which Azure ML runs on its own VMs.
  const endpointComputeType = computeId === undefined ? "Managed" : "Kubernetes";
  return services.map((svc) => {
    // Errors name the field as the user wrote it: services[<index in args.services>].<field>.
    const index = args.services?.indexOf(svc) ?? -1;
    const field = (f: string) => `services[${index >= 0 ? index : svc.name}].${f}`;
    const onAzure = serviceOnAzure(parent, args.resourceGroupName, args.workspaceName, svc.name);
    const endpointProperties = {
      authMode: svc.authMode ?? "Key",
      ...(computeId !== undefined ? { compute: computeId } : {}),
      description: `ssl-ml-cluster ${name}: ${svc.name}`,
      // azure-native's default, written out so the traffic template PUTs the very same body.
      publicNetworkAccess: "Enabled",
    };
    const endpoint = new machinelearningservices.OnlineEndpoint(
      `${name}-${svc.name}`,
      {
        resourceGroupName: args.resourceGroupName,
        workspaceName: args.workspaceName,
        endpointName: svc.name,
        // A new region replaces the endpoint and its deployment (delete-first): refused here.
        location: pulumi.all([onAzure, workspace.location]).apply(([azure, loc]) => {
          // The compute type too: a managed endpoint never becomes a Kubernetes one in place.
          const refusal = replacementRefusal(field, azure, { location: loc, endpointComputeType }, [
            "location",
            "endpointComputeType",
          ]);
          if (refusal) throw refusal;
          return loc;
        }),
        identity: { type: "SystemAssigned" },
        properties: { ...endpointProperties, traffic: onAzure.apply(carriedTraffic) },
        tags: args.tags,
      },
      { parent, dependsOn },
    );
    const codeId = assetId(field("codeId"), svc.codeId, "codes", workspace.id);
    // The force-new inputs as sent (codeConfiguration only with a scoring script). A replacement
    // of the routed deployment is refused before its step: in a preview when they are known, else
    // in the up (route.ts). The deployment's region and its tag carry the check.
    const forceNew = pulumi
      .all([onAzure, workspace.location, codeId, svc.scoringScript, svc.instanceType])
      .apply(([azure, loc, code, script, instanceType]) => {
        const desired = {
          location: loc,
          endpointComputeType,
          codeId: script !== undefined ? code : undefined,
          scoringScript: script,
          instanceType,
        };
        const refusal = replacementRefusal(field, azure, desired);
        if (refusal) throw refusal;
        return desired;
      });
    const deployment = new machinelearningservices.OnlineDeployment(
      `${name}-${svc.name}-${DEPLOYMENT_NAME}`,
      {
        resourceGroupName: args.resourceGroupName,
        workspaceName: args.workspaceName,
        endpointName: endpoint.name,
        deploymentName: DEPLOYMENT_NAME,
        location: forceNew.location,
        // One body for both kinds; azure-native types the two as a union on endpointComputeType.
        properties: {
          endpointComputeType: endpointComputeType as "Kubernetes",
          model: assetId(field("model"), svc.model, "models", workspace.id),
          environmentId: assetId(field("environment"), svc.environment, "environments", workspace.id),
          codeConfiguration:
            svc.scoringScript !== undefined ? { scoringScript: svc.scoringScript, codeId } : undefined,
          instanceType: svc.instanceType,
          scaleSettings: { scaleType: "Default" },
          // ISO 8601 duration, as Azure ML's OnlineRequestSettings.requestTimeout (PT5S by default).
          ...(svc.requestTimeoutSeconds !== undefined
            ? { requestSettings: { requestTimeout: `PT${svc.requestTimeoutSeconds}S` } }
            : {}),
          appInsightsEnabled: false,
        },
        sku: { name: "Default", capacity: svc.instanceCount ?? 1 },
        // What the next up compares with (route.ts, FORCE_NEW_TAG): the caller's tags, then ours.
        tags: pulumi
          .all([args.tags, forceNew])
          .apply(([tags, sent]) => ({ ...(tags ?? {}), [FORCE_NEW_TAG]: forceNewRecord(sent) })),
      },
      { parent, deletedWith: endpoint },
    );
    const template = pulumi
      .all([
        args.workspaceName,
        workspace.location,
        pulumi.output(endpointProperties),
        pulumi.output(args.tags),
      ])
      .apply(([ws, location, properties, tags]) =>
        trafficTemplate({
          workspaceName: ws,
          endpointName: svc.name,
          location,
          properties,
          tags: tags as Record<string, string> | undefined,
        }),
      );
    const traffic = new resources.Deployment(
      `${name}-${svc.name}-traffic`,
      {
        resourceGroupName: args.resourceGroupName,
        deploymentName: trafficDeploymentName(name, svc.name),
        properties: { mode: "Incremental", template },
        tags: args.tags,
      },
      { parent, dependsOn: [deployment] },
    );
    return { endpoint, deployment, traffic };
  });
}
