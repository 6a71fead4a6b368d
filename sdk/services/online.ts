import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import type { ServiceArgs, SslMlClusterArgs } from "../types";

/** The deployment name inside each endpoint. */
export const DEPLOYMENT_NAME = "default";

/**
 * One Kubernetes online endpoint and its deployment per service, keyed by the service's name (never
 * by its position), so adding or removing a service touches only that service's resources.
 */
export function onlineServices(
  parent: pulumi.Resource,
  name: string,
  args: SslMlClusterArgs,
  services: ServiceArgs[],
  computeId: pulumi.Output<string>,
  dependsOn: pulumi.Resource[],
): {
  endpoints: machinelearningservices.OnlineEndpoint[];
  deployments: machinelearningservices.OnlineDeployment[];
} {
  const endpoints: machinelearningservices.OnlineEndpoint[] = [];
  const deployments: machinelearningservices.OnlineDeployment[] = [];
  for (const svc of services) {
    const endpoint = new machinelearningservices.OnlineEndpoint(
      `${name}-${svc.name}`,
      {
        resourceGroupName: args.resourceGroupName,
        workspaceName: args.workspaceName,
        endpointName: svc.name,
        location: args.location,
        identity: { type: "SystemAssigned" },
        properties: {
          authMode: svc.authMode ?? "Key",
          compute: computeId,
          description: `ssl-ml-cluster ${name}: ${svc.name}`,
        },
        tags: args.tags,
      },
      { parent, dependsOn },
    );
    const deployment = new machinelearningservices.OnlineDeployment(
      `${name}-${svc.name}-${DEPLOYMENT_NAME}`,
      {
        resourceGroupName: args.resourceGroupName,
        workspaceName: args.workspaceName,
        endpointName: endpoint.name,
        deploymentName: DEPLOYMENT_NAME,
        location: args.location,
        properties: {
          endpointComputeType: "Kubernetes",
          model: svc.model,
          environmentId: svc.environment,
          codeConfiguration:
            svc.scoringScript !== undefined
              ? { scoringScript: svc.scoringScript, codeId: svc.codeId }
              : undefined,
          instanceType: svc.instanceType,
          scaleSettings: { scaleType: "Default" },
          appInsightsEnabled: false,
        },
        sku: { name: "Default", capacity: svc.instanceCount ?? 1 },
        tags: args.tags,
      },
      { parent },
    );
    endpoints.push(endpoint);
    deployments.push(deployment);
  }
  return { endpoints, deployments };
}
