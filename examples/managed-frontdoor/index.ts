// Managed online endpoints behind your hostname: Azure Front Door Standard with a custom domain and
// Front Door's managed certificate, the _dnsauth TXT record and the CNAME in Cloudflare, one managed
// endpoint made here and, optionally, existing ones attached by name.
// `https://<hostname>/<endpoint>/score` reaches the endpoint's own `/score` (docs/managed-endpoints.md).
import * as pulumi from "@pulumi/pulumi";
import { SslMlManagedEndpoints } from "ssl-ml-cluster";

const config = new pulumi.Config();

const ml = new SslMlManagedEndpoints("ml", {
  hostname: config.get("hostname") ?? "ml.example.com",
  resourceGroupName: config.get("resourceGroupName") ?? "rg-ml",
  workspaceName: config.get("workspaceName") ?? "ws-ml",
  // A managed deployment runs on Azure ML's own VMs: no cluster. An MLflow model needs no
  // environment; a custom model names its environment and scoring script as on Kubernetes.
  services: [
    {
      name: "iris",
      model: config.get("irisModel") ?? "azureml:iris-model:1",
      environment: config.get("environment") ?? "azureml:sklearn-env:1",
      codeId: config.get("code") ?? "azureml:scoring-code:1",
      scoringScript: "score.py",
      instanceType: "Standard_DS3_v2",
      instanceCount: 1,
      // Front Door's origin response timeout follows the longest request timeout.
      requestTimeoutSeconds: 90,
    },
  ],
  // Existing managed endpoints by name, e.g. ["fraud-scoring"]: read from Azure, never rebuilt.
  endpoints: config.getObject<string[]>("existingEndpoints") ?? [],
  dns: { cloudflare: { zoneId: config.get("cloudflareZoneId") ?? "0123456789abcdef0123456789abcdef" } },
  frontDoor: { sku: "Standard_AzureFrontDoor" },
});

export const hostname = ml.hostname;
export const scoringUris = ml.scoringUris;
export const scoringUri = ml.scoringUri;
export const frontDoorEndpoint = ml.frontDoorEndpoint;
export const certificate = ml.certificate;
export const dnsRecords = ml.dnsRecords;
export const originHosts = ml.originHosts;
