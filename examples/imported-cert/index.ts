// Your own certificate: PEM files (certificate with its chain, and the key) or a PKCS#12 file.
// Everything is checked before anything is sent to Azure; the key stays secret end to end.
//   pulumi config set certFile ./fullchain.pem && pulumi config set keyFile ./privkey.pem
//   or: pulumi config set pfxFile ./site.pfx && pulumi config set --secret pfxPassword ...
import * as pulumi from "@pulumi/pulumi";
import { SslMlCluster } from "ssl-ml-cluster";

const config = new pulumi.Config();
const pfxFile = config.get("pfxFile");

const ml = new SslMlCluster("ml", {
  hostname: config.require("hostname"),
  resourceGroupName: config.get("resourceGroupName") ?? "rg-ml",
  workspaceName: config.get("workspaceName") ?? "ws-ml",
  location: config.get("location") ?? "westeurope",
  certificate: {
    imported: pfxFile
      ? { pfxFile, password: config.getSecret("pfxPassword") }
      : {
          certFile: config.require("certFile"),
          keyFile: config.require("keyFile"),
          password: config.getSecret("keyPassword"),
        },
  },
  dns: {
    cloudflare: {
      zoneId: config.require("cloudflareZoneId"),
      zoneName: config.get("cloudflareZoneName"),
    },
  },
  services: [
    {
      name: "scoring",
      model: config.get("model") ?? "azureml:scoring-model:1",
      environment: config.get("environment") ?? "azureml:sklearn-env:1",
      codeId: config.get("code") ?? "azureml:scoring-code:1",
      scoringScript: "score.py",
    },
  ],
});

export const hostname = ml.hostname;
export const frontEndIp = ml.frontEndIp;
export const scoringUris = ml.scoringUris;
export const certificate = ml.certificate;
export const computeId = ml.computeId;
export const dnsRecord = ml.dnsRecord;
