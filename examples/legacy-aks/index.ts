// The legacy AKS compute path of the original "Enable SSL" guide: a new AksCompute cluster with a
// Microsoft-managed certificate. Azure issues the certificate and the DNS name; no DNS record is made.
// That name is <leafDomainLabel><suffix>.<region>.cloudapp.azure.com. Keep the new cluster (`location`)
// in the workspace's region (here both westeurope), so the name's region is the cluster's.
import * as pulumi from "@pulumi/pulumi";
import { SslMlCluster } from "ssl-ml-cluster";

const config = new pulumi.Config();

const ml = new SslMlCluster("legacy", {
  resourceGroupName: config.get("resourceGroupName") ?? "rg-ml",
  workspaceName: config.get("workspaceName") ?? "ws-ml",
  location: config.get("location") ?? "westeurope",
  cluster: { kind: "aks", nodeCount: 3, vmSize: "Standard_D3_v2", computeName: "aks-legacy" },
  certificate: {
    microsoftManaged: {
      leafDomainLabel: config.get("leafDomainLabel") ?? "contoso-ml",
      overwriteExistingDomain: false,
    },
  },
  // v1 web services deployed by other tooling (az ml model deploy); their URIs are computed here.
  services: [{ name: "sentiment" }, { name: "fraud-score" }],
});

export const hostname = ml.hostname;
export const frontEndIp = ml.frontEndIp;
export const scoringUris = ml.scoringUris;
export const computeId = ml.computeId;
