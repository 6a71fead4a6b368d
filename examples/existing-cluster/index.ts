// "Add a certificate to a cluster created without SSL": attach an existing AKS cluster as a legacy
// AKS compute with your certificate, and point your hostname at its scoring front end.
import * as pulumi from "@pulumi/pulumi";
import { SslMlCluster } from "ssl-ml-cluster";

const config = new pulumi.Config();

const ml = new SslMlCluster("attached", {
  hostname: config.get("hostname") ?? "scoring.example.com",
  resourceGroupName: config.get("resourceGroupName") ?? "rg-ml",
  workspaceName: config.get("workspaceName") ?? "ws-ml",
  cluster: {
    kind: "aks",
    existingClusterId:
      config.get("clusterId") ??
      "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/prod-aks",
    computeName: "aks-attached",
    clusterPurpose: "FastProd",
  },
  certificate: { selfSigned: { validityDays: 365, renewBeforeDays: 60, algorithm: "ECDSA" } },
  dns: {
    cloudflare: {
      zoneId: config.get("cloudflareZoneId") ?? "0123456789abcdef0123456789abcdef",
      zoneName: "example.com",
    },
  },
  services: [{ name: "recommender" }],
});

export const hostname = ml.hostname;
export const frontEndIp = ml.frontEndIp;
export const scoringUris = ml.scoringUris;
export const certificate = ml.certificate;
export const computeId = ml.computeId;
export const dnsRecord = ml.dnsRecord;
