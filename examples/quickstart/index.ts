// Quickstart: a new AKS cluster with the Azure ML extension, a self-signed certificate that the
// component rotates, a Cloudflare A record for the hostname, and one online endpoint.
import * as pulumi from "@pulumi/pulumi";
import { SslMlCluster } from "ssl-ml-cluster";

const config = new pulumi.Config();

const ml = new SslMlCluster("ml", {
  hostname: config.get("hostname") ?? "ml.example.com",
  resourceGroupName: config.get("resourceGroupName") ?? "rg-ml",
  workspaceName: config.get("workspaceName") ?? "ws-ml",
  location: config.get("location") ?? "westeurope",
  cluster: { nodeCount: config.getNumber("nodeCount") ?? 3 },
  // RSA 2048 is what every Azure ML TLS example uses; "ECDSA" (P-256) is also possible.
  certificate: {
    selfSigned: {
      validityDays: 90,
      renewBeforeDays: 30,
      algorithm: config.get("certificateAlgorithm") ?? "RSA",
    },
  },
  dns: { cloudflare: { zoneId: config.get("cloudflareZoneId") ?? "0123456789abcdef0123456789abcdef" } },
  // Each Kubernetes deployment needs an environment; a scikit-learn model also needs its scoring
  // script (the code asset). Register them with `az ml model|environment|code create`, or point at
  // a registry (azureml://registries/<r>/...).
  services: [
    {
      name: "iris",
      model: config.get("irisModel") ?? "azureml:iris-model:1",
      environment: config.get("environment") ?? "azureml:sklearn-env:1",
      codeId: config.get("code") ?? "azureml:scoring-code:1",
      scoringScript: "score.py",
    },
    {
      name: "churn",
      model: config.get("churnModel") ?? "azureml:churn-model:4",
      environment: config.get("environment") ?? "azureml:sklearn-env:1",
      codeId: config.get("code") ?? "azureml:scoring-code:1",
      scoringScript: "score.py",
      instanceCount: 2,
    },
  ],
});

export const hostname = ml.hostname;
export const frontEndIp = ml.frontEndIp;
export const scoringUris = ml.scoringUris;
export const scoringUri = ml.scoringUri;
export const certificate = ml.certificate;
export const computeId = ml.computeId;
export const dnsRecord = ml.dnsRecord;
