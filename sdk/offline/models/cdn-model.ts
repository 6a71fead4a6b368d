// Azure Front Door Standard/Premium (Microsoft.Cdn, api-version 2025-06-01) as the offline model
// answers it: shapes from the examples of
// https://github.com/Azure/azure-rest-api-specs/tree/main/specification/cdn/resource-manager/Microsoft.Cdn/Cdn/stable/2025-06-01/examples
// (AFDProfiles_Create, AFDEndpoints_Create, AFDOriginGroups_Create, AFDOrigins_Create,
// Routes_Create, AFDCustomDomains_Create, Secrets_Create). An endpoint's host name is
// `<name>-<16 characters>.z01.azurefd.net`; a new custom domain is `Pending` with a validation
// token, and `getAFDCustomDomain` answers `domainValidationState` (the option
// `frontDoorDomainState`, default `Approved`: the TXT record was read).
import { Dict, guid, hex, InvokeModel, ModelAnswer, OfflineModelState, ResourceModel } from "./model-state";

const API = "2025-06-01";

function profileId(m: OfflineModelState, plain: Dict): string {
  return `/subscriptions/${m.sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.Cdn/profiles/${plain.profileName}`;
}

function answer(id: string, type: string, name: string, inputs: Dict, extra: Dict): ModelAnswer {
  return {
    id,
    state: {
      ...inputs,
      name,
      type: `Microsoft.Cdn/profiles/${type}`,
      provisioningState: "Succeeded",
      deploymentStatus: "NotStarted",
      azureApiVersion: API,
      ...extra,
    },
  };
}

/** A profile: global, its identity's principal when it asked for one. */
export const profile: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.profileName ?? args.name);
  const id = `/subscriptions/${m.sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.Cdn/profiles/${name}`;
  const identity = plain.identity as Dict | undefined;
  return {
    id,
    state: {
      ...inputs,
      name,
      type: "Microsoft.Cdn/profiles",
      location: "Global",
      kind: "frontdoor",
      frontDoorId: guid(`afd|${id}`),
      resourceState: "Active",
      provisioningState: "Succeeded",
      identity: identity
        ? { ...identity, principalId: guid(`afd-identity|${id}`), tenantId: guid("tenant") }
        : undefined,
      azureApiVersion: API,
    },
  };
};

/** The host name Front Door gives an endpoint (scope TenantReuse: the same for the tenant). */
export function endpointHostName(m: OfflineModelState, endpointName: string): string {
  return `${endpointName}-${hex(`afd-host|${m.sub}|${endpointName}`, 16)}.z01.azurefd.net`;
}

export const afdEndpoint: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.endpointName ?? args.name);
  return answer(`${profileId(m, plain)}/afdEndpoints/${name}`, "afdendpoints", name, inputs, {
    location: "Global",
    hostName: endpointHostName(m, name),
  });
};

export const afdOriginGroup: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.originGroupName ?? args.name);
  return answer(`${profileId(m, plain)}/originGroups/${name}`, "origingroups", name, inputs, {});
};

export const afdOrigin: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.originName ?? args.name);
  return answer(
    `${profileId(m, plain)}/originGroups/${plain.originGroupName}/origins/${name}`,
    "origingroups/origins",
    name,
    inputs,
    {},
  );
};

export const route: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.routeName ?? args.name);
  return answer(
    `${profileId(m, plain)}/afdEndpoints/${plain.endpointName}/routes/${name}`,
    "afdendpoints/routes",
    name,
    inputs,
    {},
  );
};

/** A custom domain after its PUT: `Pending` until Front Door reads the TXT record. */
export const afdCustomDomain: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.customDomainName ?? args.name);
  const id = `${profileId(m, plain)}/customDomains/${name}`;
  if (!domainHosts.has(m)) domainHosts.set(m, new Map());
  domainHosts.get(m)!.set(id, String(plain.hostName));
  return answer(id, "customdomains", name, inputs, {
    domainValidationState: "Pending",
    validationProperties: {
      validationToken: hex(`afd-token|${id}|${plain.hostName}`, 32),
      expirationDate: "2026-01-08T00:00:00.0000000+00:00",
    },
  });
};

export const secret: ResourceModel = (m, args, inputs, plain) => {
  const name = String(plain.secretName ?? args.name);
  return answer(`${profileId(m, plain)}/secrets/${name}`, "secrets", name, inputs, {});
};

/** The host name of each custom domain the run made, by ID (getAFDCustomDomain answers it). */
const domainHosts = new WeakMap<OfflineModelState, Map<string, string>>();

/** The name Front Door gives the secret of a domain's managed certificate (a GUID-like name in Azure). */
const managedSecretName = (domainId: string) => guid(`afd-managed|${domainId}`);

/**
 * GET customDomains/{name}: its validation state now and, once `Approved`, the managed
 * certificate's secret in `tlsSettings` (Front Door has issued it).
 */
export const getAFDCustomDomain: InvokeModel = (m, inputs) => {
  const id = `${profileId(m, inputs)}/customDomains/${inputs.customDomainName}`;
  const state = m.options.frontDoorDomainState ?? "Approved";
  return {
    id,
    name: inputs.customDomainName,
    type: "Microsoft.Cdn/profiles/customdomains",
    hostName: domainHosts.get(m)?.get(id),
    domainValidationState: state,
    tlsSettings: {
      certificateType: "ManagedCertificate",
      minimumTlsVersion: "TLS12",
      ...(state === "Approved"
        ? { secret: { id: `${profileId(m, inputs)}/secrets/${managedSecretName(id)}` } }
        : {}),
    },
    provisioningState: "Succeeded",
    azureApiVersion: API,
  };
};

/** GET secrets/{name}: a managed certificate's secret (subject = the domain, 180 days from its creation). */
export const getSecret: InvokeModel = (m, inputs) => {
  const base = profileId(m, inputs);
  const domainId = [...(domainHosts.get(m)?.keys() ?? [])].find(
    (id) => id.startsWith(`${base}/customDomains/`) && managedSecretName(id) === inputs.secretName,
  );
  if (!domainId)
    throw new Error(`Status=404 Code="NotFound" Message="Secret ${inputs.secretName} was not found."`);
  const expires = new Date(Date.parse(m.created.slice(0, 19) + "Z") + 180 * 86_400_000);
  return {
    id: `${base}/secrets/${inputs.secretName}`,
    name: inputs.secretName,
    type: "Microsoft.Cdn/profiles/secrets",
    parameters: {
      type: "ManagedCertificate",
      subject: domainHosts.get(m)!.get(domainId),
      expirationDate: expires.toISOString(),
    },
    provisioningState: "Succeeded",
    azureApiVersion: API,
  };
};
