// ARM template deployments (Microsoft.Resources/deployments, api-version 2024-03-01) as the offline
// model answers them: the template is evaluated as ARM would (arm-template.ts) and the online
// endpoint PUTs it carries are applied to Azure's endpoints (online-endpoint-model.ts).
import { checkTemplateResource, evaluateArm } from "./arm-template";
import { Dict, guid, hex, normLocation, ResourceModel } from "./model-state";

/**
 * An ARM template deployment: the model applies the online endpoint PUTs it carries (their
 * traffic), and answers as ARM does once the deployment succeeded.
 */
export const templateDeployment: ResourceModel = (m, args, inputs, plain) => {
  const logicalName = args.name;
  const name = String(plain.deploymentName ?? `${logicalName}-${hex(logicalName, 7)}`);
  // ARM's rule for deployment names: 1–64 characters of letters, digits, '-', '.', '_', '(' and ')'.
  if (!/^[-\w._()]{1,64}$/.test(name)) {
    throw new Error(
      `Code="InvalidDeploymentName" Message="The deployment name '${name}' is invalid: it must be 1 to 64 letters, digits, '-', '.', '_', '(' or ')'."`,
    );
  }
  const props = (plain.properties ?? {}) as Dict;
  const template = (props.template ?? {}) as Dict;
  const rg = String(plain.resourceGroupName);
  const outputResources: Dict[] = [];
  // The engine re-runs the template only when its inputs changed.
  const applied =
    !m.options.preview && m.online.changed(`azure-native:resources:Deployment::${logicalName}`, plain);
  for (const raw of (template.resources as Dict[] | undefined) ?? []) {
    checkTemplateResource(raw);
    const r = evaluateArm(raw, { subscriptionId: m.sub, resourceGroup: rg }) as Dict;
    const [ws, ep] = String(r.name ?? "").split("/");
    if (String(r.type).toLowerCase() === "microsoft.machinelearningservices/workspaces/onlineendpoints") {
      const traffic = applied
        ? m.online.putEndpoint(ws, ep, normLocation(r.location, "eastus"), (r.properties ?? {}) as Dict)
        : m.online.trafficOf(ws, ep);
      m.traffic[ep] = traffic;
      m.templateEndpoints[ep] = r;
      outputResources.push({
        id: `/subscriptions/${m.sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}/onlineEndpoints/${ep}`,
      });
    }
  }
  return {
    id: `/subscriptions/${m.sub}/resourceGroups/${rg}/providers/Microsoft.Resources/deployments/${name}`,
    state: {
      ...inputs,
      name,
      type: "Microsoft.Resources/deployments",
      properties: {
        ...props,
        provisioningState: "Succeeded",
        templateHash: String(BigInt(`0x${hex(JSON.stringify(template), 15)}`)),
        timestamp: m.created,
        duration: "PT31.2S",
        correlationId: guid(`${name}/correlation`),
        outputResources,
      },
      azureApiVersion: "2024-03-01",
    },
  };
};
