// The Azure ML workspace and its online endpoints and deployments
// (Microsoft.MachineLearningServices, api-version 2025-12-01) as the offline model answers them:
// shapes from the examples of
// https://github.com/Azure/azure-rest-api-specs/tree/main/specification/machinelearningservices,
// with ARM's PUT semantics kept across runs by online-endpoint-model.ts.
import { Dict, guid, InvokeModel, ResourceModel } from "./model-state";

/**
 * Where an endpoint answers: a Kubernetes one on its cluster's front end, a managed one (no
 * compute) at `https://<name>.<region>.inference.ml.azure.com` (Azure ML's managed endpoint host).
 */
export function scoringUris(name: string, location: string, feIp: string | undefined): Dict {
  if (feIp === undefined) {
    const base = `https://${name}.${location}.inference.ml.azure.com`;
    return { scoringUri: `${base}/score`, swaggerUri: `${base}/swagger.json` };
  }
  return {
    scoringUri: `http://${feIp}/api/v1/endpoint/${name}/score`,
    swaggerUri: `http://${feIp}/api/v1/endpoint/${name}/swagger.json`,
  };
}

/** An online endpoint after its PUT: the traffic Azure keeps, scoring URIs on the front end's address. */
export const onlineEndpoint: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.endpointName ?? args.name);
  const props = (inputs.properties ?? {}) as Dict;
  const feIp = m.frontEndIp;
  const location = m.location(plain.location);
  const ws = String(plain.workspaceName);
  // A preview sends nothing to Azure (azure-native previews from the inputs).
  const traffic =
    !m.options.preview && m.online.changed(`${args.type}::${args.name}`, plain)
      ? m.online.putEndpoint(ws, name, location, (plain.properties ?? {}) as Dict)
      : m.online.trafficOf(ws, name);
  return {
    id: `/subscriptions/${m.sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/${plain.workspaceName}/onlineEndpoints/${name}`,
    state: {
      ...inputs,
      name,
      type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
      location,
      properties: {
        ...props,
        provisioningState: "Succeeded",
        ...scoringUris(name, location, props.compute === undefined ? undefined : feIp),
        traffic,
      },
      identity: { type: "SystemAssigned", principalId: guid(`${name}/ep`), tenantId: guid("tenant") },
      systemData: { createdAt: m.created, createdByType: "User" },
      azureApiVersion: "2025-12-01",
    },
  };
};

/** An online deployment after its PUT (Azure's side: online-endpoint-model.ts). */
export const onlineDeployment: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.deploymentName ?? args.name);
  const props = (inputs.properties ?? {}) as Dict;
  const location = m.location(plain.location);
  if (!m.options.preview)
    m.online.deploymentStep(
      `${args.type}::${args.name}`,
      String(plain.workspaceName),
      String(plain.endpointName),
      name,
      location,
      { ...((plain.properties ?? {}) as Dict) },
      plain.tags as Record<string, string> | undefined,
    );
  return {
    id: `/subscriptions/${m.sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/${plain.workspaceName}/onlineEndpoints/${plain.endpointName}/deployments/${name}`,
    state: {
      ...inputs,
      name,
      type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
      location,
      properties: { ...props, provisioningState: "Succeeded" },
      systemData: { createdAt: m.created, createdByType: "User" },
      azureApiVersion: "2025-12-01",
    },
  };
};

/** getWorkspace: the shape of GET workspaces/{name} (azure-native flattens `properties`), or ARM's 404. */
export const getWorkspace: InvokeModel = (m, inputs) => {
  const ws = String(inputs.workspaceName);
  const rg = String(inputs.resourceGroupName);
  if (m.options.workspaceMissing) {
    throw new Error(
      `Status=404 Code="ResourceNotFound" Message="The Resource 'Microsoft.MachineLearningServices/workspaces/${ws}' under resource group '${rg}' was not found."`,
    );
  }
  const loc = m.options.workspaceLocation ?? "westeurope";
  return {
    id: `/subscriptions/${m.sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}`,
    name: ws,
    type: "Microsoft.MachineLearningServices/workspaces",
    location: loc,
    kind: "Default",
    sku: { name: "Basic", tier: "Basic" },
    identity: { type: "SystemAssigned", principalId: guid(`${ws}/ws`), tenantId: guid("tenant") },
    workspaceId: guid(`${rg}/${ws}`),
    discoveryUrl: `https://${loc}.api.azureml.ms/discovery`,
    mlFlowTrackingUri: `azureml://${loc}.api.azureml.ms/mlflow/v1.0/subscriptions/${m.sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}`,
    provisioningState: "Succeeded",
    publicNetworkAccess: "Enabled",
    azureApiVersion: "2025-12-01",
  };
};

/** getOnlineEndpoint: the endpoint as Azure holds it now. */
export const getOnlineEndpoint: InvokeModel = (m, inputs) => {
  const name = String(inputs.endpointName);
  const existing = m.options.existingManagedEndpoints?.[name];
  if (existing !== undefined) {
    const location = m.options.workspaceLocation ?? "westeurope";
    return {
      id: `/subscriptions/${m.sub}/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/${inputs.workspaceName}/onlineEndpoints/${name}`,
      name,
      type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
      location,
      properties: {
        authMode: "Key",
        publicNetworkAccess: existing.publicNetworkAccess ?? "Enabled",
        ...(existing.compute ? { compute: existing.compute } : {}),
        ...scoringUris(name, location, existing.compute ? m.frontEndIp : undefined),
        traffic: { blue: 100 },
        provisioningState: "Succeeded",
      },
      azureApiVersion: "2025-12-01",
    };
  }
  return m.online.getEndpoint(
    m.sub,
    String(inputs.resourceGroupName),
    String(inputs.workspaceName),
    String(inputs.endpointName),
  );
};

/** getOnlineDeployment: the deployment as Azure holds it now. */
export const getOnlineDeployment: InvokeModel = (m, inputs) =>
  m.online.getDeployment(
    m.sub,
    String(inputs.resourceGroupName),
    String(inputs.workspaceName),
    String(inputs.endpointName),
    String(inputs.deploymentName),
  );

/** getClientConfig: the signed-in identity (seeded GUIDs) and the subscription. */
export const getClientConfig: InvokeModel = (m) => ({
  clientId: guid("client"),
  objectId: guid("object"),
  subscriptionId: m.sub,
  tenantId: guid("tenant"),
});
