import { freshRuntime, settle } from "../mocks";
import { SslMlManagedEndpoints } from "../../sdk/managed/component";
import type { SslMlManagedEndpointsArgs } from "../../sdk/types";

export const ZONE_ID = "0123456789abcdef0123456789abcdef";

export function managedArgs(extra: Partial<SslMlManagedEndpointsArgs> = {}): SslMlManagedEndpointsArgs {
  return {
    hostname: "ml.example.com",
    resourceGroupName: "rg-ml",
    workspaceName: "ws-ml",
    services: [{ name: "iris", model: "azureml:iris:1", environment: "azureml:sklearn-env:1" }],
    dns: { cloudflare: { zoneId: ZONE_ID } },
    ...extra,
  };
}

export async function buildManaged(
  args: SslMlManagedEndpointsArgs,
  options: Parameters<typeof freshRuntime>[0] = {},
  name = "ml",
) {
  const rec = freshRuntime(options);
  const c = new SslMlManagedEndpoints(name, args);
  const out = await settle(rec, {
    hostname: c.hostname,
    scoringUris: c.scoringUris,
    scoringUri: c.scoringUri,
    frontDoorEndpoint: c.frontDoorEndpoint,
    certificate: c.certificate,
    dnsRecords: c.dnsRecords,
    originHosts: c.originHosts,
  });
  return { rec, c, out };
}

export const M = {
  component: "ssl-ml-cluster:index:SslMlManagedEndpoints",
  profile: "azure-native:cdn:Profile",
  afdEndpoint: "azure-native:cdn:AFDEndpoint",
  originGroup: "azure-native:cdn:AFDOriginGroup",
  origin: "azure-native:cdn:AFDOrigin",
  route: "azure-native:cdn:Route",
  domain: "azure-native:cdn:AFDCustomDomain",
  secret: "azure-native:cdn:Secret",
  role: "azure-native:authorization:RoleAssignment",
  endpoint: "azure-native:machinelearningservices:OnlineEndpoint",
  deployment: "azure-native:machinelearningservices:OnlineDeployment",
  traffic: "azure-native:resources:Deployment",
  cfRecord: "cloudflare:index/dnsRecord:DnsRecord",
  recordSet: "azure-native:dns:RecordSet",
};
