import { freshRuntime, settle } from "../mocks";
import { SslMlCluster } from "../../sdk/component";
import type { SslMlClusterArgs } from "../../sdk/types";

const ZONE = "0123456789abcdef0123456789abcdef";

export function quickstartArgs(extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs {
  return {
    hostname: "ml.example.com",
    resourceGroupName: "rg-ml",
    workspaceName: "ws-ml",
    location: "westeurope",
    certificate: { selfSigned: {} },
    dns: { cloudflare: { zoneId: ZONE } },
    services: [{ name: "iris", model: "azureml:iris:1", environment: "azureml:sklearn-env:1" }],
    ...extra,
  };
}

export async function build(
  args: SslMlClusterArgs,
  options: Parameters<typeof freshRuntime>[0] = {},
  name = "ml",
) {
  const rec = freshRuntime(options);
  const c = new SslMlCluster(name, args);
  const out = await settle(rec, {
    hostname: c.hostname,
    frontEndIp: c.frontEndIp,
    scoringUris: c.scoringUris,
    scoringUri: c.scoringUri,
    certificate: c.certificate,
    computeId: c.computeId,
    dnsRecord: c.dnsRecord,
    keyVaultCertificate: c.keyVaultCertificate,
  });
  return { rec, c, out };
}

export const T = {
  component: "ssl-ml-cluster:index:SslMlCluster",
  key: "tls:index/privateKey:PrivateKey",
  cert: "tls:index/selfSignedCert:SelfSignedCert",
  aks: "azure-native:containerservice:ManagedCluster",
  ext: "azure-native:kubernetesconfiguration:Extension",
  compute: "azure-native:machinelearningservices:Compute",
  endpoint: "azure-native:machinelearningservices:OnlineEndpoint",
  deployment: "azure-native:machinelearningservices:OnlineDeployment",
  traffic: "azure-native:resources:Deployment",
  dns: "cloudflare:index/dnsRecord:DnsRecord",
  k8s: "pulumi:providers:kubernetes",
  svc: "kubernetes:core/v1:Service",
};
