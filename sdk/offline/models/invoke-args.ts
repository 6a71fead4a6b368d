// The arguments each invoke the component makes needs, as the providers refuse them when missing:
// azure-native's function signatures (node_modules/@pulumi/azure-native/<module>/<function>.d.ts),
// and Cloudflare's Terraform schemas (terraform-provider-cloudflare: cloudflare_dns_records'
// zone_id is Required; cloudflare_zone takes ExactlyOneOf(filter, zone_id)).

type Dict = Record<string, unknown>;

const REQUIRED: Record<string, string[]> = {
  "azure-native:machinelearningservices:getWorkspace": ["resourceGroupName", "workspaceName"],
  "azure-native:machinelearningservices:getCompute": ["resourceGroupName", "workspaceName", "computeName"],
  "azure-native:containerservice:getManagedCluster": ["resourceGroupName", "resourceName"],
  "azure-native:containerservice:listManagedClusterUserCredentials": ["resourceGroupName", "resourceName"],
  "azure-native:authorization:getClientConfig": [],
  "azure-native:machinelearningservices:getOnlineEndpoint": [
    "resourceGroupName",
    "workspaceName",
    "endpointName",
  ],
  "azure-native:machinelearningservices:getOnlineDeployment": [
    "resourceGroupName",
    "workspaceName",
    "endpointName",
    "deploymentName",
  ],
  "azure-native:cdn:getAFDCustomDomain": ["resourceGroupName", "profileName", "customDomainName"],
  "azure-native:cdn:getSecret": ["resourceGroupName", "profileName", "secretName"],
  "cloudflare:index/getDnsRecords:getDnsRecords": ["zoneId"],
  "cloudflare:index/getZone:getZone": [],
};

const given = (v: unknown) => v !== undefined && v !== null && v !== "";

/** Throws, as the provider would, when an invoke lacks an argument it requires. */
export function checkInvokeArgs(token: string, inputs: Dict): void {
  const required = REQUIRED[token];
  if (required === undefined) return; // an unknown token is answered (and refused) by the model itself
  for (const name of required) {
    if (!given(inputs[name])) {
      throw new Error(`${token}: missing required argument "${name}" (got ${JSON.stringify(inputs)})`);
    }
    if (typeof inputs[name] !== "string") {
      throw new Error(`${token}: argument "${name}" must be a string, got ${JSON.stringify(inputs[name])}`);
    }
  }
  if (token === "cloudflare:index/getZone:getZone" && given(inputs.zoneId) === given(inputs.filter)) {
    throw new Error(
      `${token}: exactly one of "zoneId" and "filter" must be given (got ${JSON.stringify(inputs)})`,
    );
  }
}
