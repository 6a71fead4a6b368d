// Azure ML computes (Microsoft.MachineLearningServices/workspaces/computes, api-version 2025-12-01)
// as the offline model answers them: the legacy AKS compute and the Kubernetes (extension) compute,
// shapes from Compute_CreateOrUpdate's examples in
// https://github.com/Azure/azure-rest-api-specs/tree/main/specification/machinelearningservices.
import { Dict, hex, InvokeModel, OfflineModelState, ResourceModel } from "./model-state";

// Pulumi's wire marker of a secret value, and the signature that says "this is a secret".
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/**
 * What Azure may fill late, as one read of a legacy compute shows it: the ScoringFrontEnd (null,
 * as seen in practice, at every read with `systemServicesNull`) and, with status Auto, the name
 * Azure gives the front end (never with `managedCnameMissing`); both absent for the first
 * `frontEndReadsWithoutAddress` reads.
 */
function lateFields(m: OfflineModelState, id: string, loc: string, ssl: Dict | undefined): Dict {
  const seen = m.frontEndRead();
  let sslOut = ssl;
  if (ssl?.status === "Auto" && seen && !m.options.managedCnameMissing) {
    sslOut = { ...ssl, cname: `${ssl.leafDomainLabel}${hex(id, 6)}.${loc}.cloudapp.azure.com` };
  }
  const systemServices =
    seen && !m.options.systemServicesNull
      ? [{ systemServiceType: "ScoringFrontEnd", publicIpAddress: m.frontEndIp, version: "2026-11-01.1" }]
      : null;
  return { ...(sslOut ? { sslConfiguration: sslOut } : {}), systemServices };
}

/** getCompute (Compute_Get): a legacy compute the run created, read again (what Azure fills late may have come). */
export const getCompute: InvokeModel = (m, inputs) => {
  const c = m.computes.get(String(inputs.computeName));
  if (!c) throw new Error(`getCompute: compute ${String(inputs.computeName)} not found (HTTP 404)`);
  const props = c.properties as Dict;
  const inner = props.properties as Dict;
  // The PEM key and certificate are not read back.
  const { status, leafDomainLabel } = (inner.sslConfiguration ?? {}) as Dict;
  const ssl = inner.sslConfiguration ? { status, leafDomainLabel } : undefined;
  const late = lateFields(m, String(c.id), String(c.location), ssl);
  return { ...c, properties: { ...props, properties: { ...inner, ...late } }, azureApiVersion: "2025-12-01" };
};

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
    innerOut = {
      ...inner,
      clusterFqdn: `${name}-${hex(id, 8)}.hcp.${loc}.azmk8s.io`,
      ...lateFields(m, id, loc, inner.sslConfiguration as Dict | undefined),
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
  if (props.computeType === "AKS") {
    m.computes.set(name, {
      id,
      name,
      location: loc,
      type: "Microsoft.MachineLearningServices/workspaces/computes",
      properties: propertiesOut,
    });
  }
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
