// Azure ML computes (Microsoft.MachineLearningServices/workspaces/computes, api-version 2025-12-01)
// as the offline model answers them: the legacy AKS compute and the Kubernetes (extension) compute,
// shapes from Compute_CreateOrUpdate's examples in
// https://github.com/Azure/azure-rest-api-specs/tree/main/specification/machinelearningservices.
import { Dict, hex, ResourceModel } from "./model-state";

// Pulumi's wire marker of a secret value, and the signature that says "this is a secret".
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** A compute after its PUT. A legacy AKS compute with an internal load balancer gives the front end a private address. */
export const compute: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.computeName ?? args.name);
  const props = (plain.properties ?? {}) as Dict;
  const inner = (props.properties ?? {}) as Dict;
  const loc = m.location(plain.location);
  const id = `/subscriptions/${m.sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/${plain.workspaceName}/computes/${name}`;
  let innerOut: Dict;
  if (props.computeType === "AKS") {
    m.internalFrontEnd = inner.loadBalancerType === "InternalLoadBalancer";
    const ssl = inner.sslConfiguration as Dict | undefined;
    let sslOut = ssl;
    if (ssl?.status === "Auto" && !m.options.managedCnameMissing) {
      sslOut = { ...ssl, cname: `${ssl.leafDomainLabel}${hex(id, 6)}.${loc}.cloudapp.azure.com` };
    }
    innerOut = {
      ...inner,
      ...(sslOut ? { sslConfiguration: sslOut } : {}),
      clusterFqdn: `${name}-${hex(id, 8)}.hcp.${loc}.azmk8s.io`,
      systemServices: m.options.systemServicesNull
        ? null
        : [
            {
              systemServiceType: "ScoringFrontEnd",
              publicIpAddress: m.frontEndIp,
              version: "2026-11-01.1",
            },
          ],
    };
  } else {
    innerOut = {
      relayConnectionString: null,
      serviceBusConnectionString: null,
      extensionPrincipalId: null,
      extensionInstanceReleaseTrain: "stable",
      vcName: null,
      defaultInstanceType: "defaultinstancetype",
      instanceTypes: {
        defaultinstancetype: {
          nodeSelector: null,
          resources: { requests: { cpu: "100m", memory: "2Gi" }, limits: { cpu: "2", memory: "2Gi" } },
        },
      },
      ...inner,
    };
  }
  // The key inside sslConfiguration arrives wrapped as a secret; the response keeps it so.
  const inputProps = inputs.properties;
  const secretInput =
    typeof inputProps === "object" && inputProps !== null && SECRET_SIG in (inputProps as Dict);
  const propertiesOut: Dict = {
    ...props,
    provisioningState: "Succeeded",
    createdOn: m.created,
    modifiedOn: m.created,
    isAttachedCompute: props.resourceId !== undefined,
    properties: innerOut,
  };
  return {
    id,
    state: {
      ...inputs,
      name,
      location: loc,
      type: "Microsoft.MachineLearningServices/workspaces/computes",
      properties: secretInput ? { [SECRET_SIG]: SECRET_VALUE, value: propertiesOut } : propertiesOut,
      systemData: { createdAt: m.created, createdByType: "User" },
      azureApiVersion: "2025-12-01",
    },
  };
};
