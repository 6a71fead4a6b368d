// The offline model's table: which module answers each Pulumi resource type (`newResource`) and each
// invoke token (`call`). A new type is a new module (or a function in one) and a row here. Azure ML
// assets (assets-model.ts), provider instances and anything else fall through to azure-model.ts.
import { extension, getManagedCluster, listUserCredentials, managedCluster } from "./aks-model";
import { acmeProvider, certificate, registration } from "./acme-provider-model";
import { templateDeployment } from "./arm-deployment-model";
import { roleAssignment } from "./authorization-model";
import { compute, getCompute } from "./azureml-compute-model";
import * as cdn from "./cdn-model";
import {
  getClientConfig,
  getOnlineDeployment,
  getOnlineEndpoint,
  getWorkspace,
  onlineDeployment,
  onlineEndpoint,
} from "./azureml-model";
import { cloudflareRecord, getDnsRecords, getZone, privateRecord, recordSet, vnetLink } from "./dns-model";
import { service } from "./kubernetes-model";
import type { InvokeModel, ResourceModel } from "./model-state";
import { PRIVATE_RECORD_SET, VIRTUAL_NETWORK_LINK } from "./privatedns-model";
import { privateKey, selfSignedCert } from "./tls-provider-model";

/** Resource type token to the module function that answers its registration. */
export const RESOURCE_MODELS: ReadonlyMap<string, ResourceModel> = new Map<string, ResourceModel>([
  // AKS and the Azure ML extension
  ["azure-native:containerservice:ManagedCluster", managedCluster],
  ["azure-native:kubernetesconfiguration:Extension", extension],
  // Azure RBAC (a new cluster's role on the callers' subnet, Front Door's identity on the vault)
  ["azure-native:authorization:RoleAssignment", roleAssignment],
  // Azure ML and ARM templates
  ["azure-native:machinelearningservices:Compute", compute],
  ["azure-native:machinelearningservices:OnlineEndpoint", onlineEndpoint],
  ["azure-native:machinelearningservices:OnlineDeployment", onlineDeployment],
  ["azure-native:resources:Deployment", templateDeployment],
  // Azure Front Door (SslMlManagedEndpoints)
  ["azure-native:cdn:Profile", cdn.profile],
  ["azure-native:cdn:AFDEndpoint", cdn.afdEndpoint],
  ["azure-native:cdn:AFDOriginGroup", cdn.afdOriginGroup],
  ["azure-native:cdn:AFDOrigin", cdn.afdOrigin],
  ["azure-native:cdn:Route", cdn.route],
  ["azure-native:cdn:AFDCustomDomain", cdn.afdCustomDomain],
  ["azure-native:cdn:Secret", cdn.secret],
  // DNS
  ["azure-native:dns:RecordSet", recordSet],
  [PRIVATE_RECORD_SET, privateRecord],
  [VIRTUAL_NETWORK_LINK, vnetLink],
  ["cloudflare:index/dnsRecord:DnsRecord", cloudflareRecord],
  // Kubernetes
  ["kubernetes:core/v1:Service", service],
  // TLS
  ["tls:index/privateKey:PrivateKey", privateKey],
  ["tls:index/selfSignedCert:SelfSignedCert", selfSignedCert],
  // ACME
  ["pulumi:providers:acme", acmeProvider],
  ["acme:index/registration:Registration", registration],
  ["acme:index/certificate:Certificate", certificate],
]);

/** Invoke token to the module function that answers it. */
export const INVOKE_MODELS: ReadonlyMap<string, InvokeModel> = new Map<string, InvokeModel>([
  // AKS
  ["azure-native:containerservice:listManagedClusterUserCredentials", listUserCredentials],
  ["azure-native:containerservice:getManagedCluster", getManagedCluster],
  // Azure ML and the signed-in identity
  ["azure-native:machinelearningservices:getWorkspace", getWorkspace],
  ["azure-native:machinelearningservices:getCompute", getCompute],
  ["azure-native:machinelearningservices:getOnlineEndpoint", getOnlineEndpoint],
  ["azure-native:machinelearningservices:getOnlineDeployment", getOnlineDeployment],
  ["azure-native:authorization:getClientConfig", getClientConfig],
  ["azure-native:cdn:getAFDCustomDomain", cdn.getAFDCustomDomain],
  ["azure-native:cdn:getSecret", cdn.getSecret],
  // DNS
  ["cloudflare:index/getZone:getZone", getZone],
  ["cloudflare:index/getDnsRecords:getDnsRecords", getDnsRecords],
]);
