// The hostname's record in an Azure DNS zone (A for an IPv4 front end, AAAA for IPv6, CNAME for a
// host name), and a Let's Encrypt certificate proven by an ACME DNS-01 challenge in the same zone.
// The challenge runs with the Azure credentials of the environment that runs `pulumi up`
// (AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET, a managed identity, or `az login`);
// that identity needs DNS Zone Contributor on the zone.
//
// Config (pulumi config set KEY VALUE):
//   hostname               the name clients call, inside the zone        (default ml.example.com)
//   dnsZoneName            the Azure DNS zone                            (default example.com)
//   dnsResourceGroupName   the zone's resource group                     (default rg-dns)
//   acmeEmail              contact address of the ACME account: required, no default (Let's
//                          Encrypt mails expiry notices there, and refuses example.com addresses)
//   acmeServer             letsencrypt | letsencrypt-staging | https URL (default letsencrypt-staging)
//   resourceGroupName, workspaceName, location, model, environment, code
//                       (defaults rg-ml, ws-ml, westeurope, azureml:scoring-model:1, azureml:sklearn-env:1,
//                       azureml:scoring-code:1)
import * as pulumi from "@pulumi/pulumi";
import { SslMlCluster } from "ssl-ml-cluster";

const config = new pulumi.Config();

const ml = new SslMlCluster("ml", {
  hostname: config.get("hostname") ?? "ml.example.com",
  resourceGroupName: config.get("resourceGroupName") ?? "rg-ml",
  workspaceName: config.get("workspaceName") ?? "ws-ml",
  location: config.get("location") ?? "westeurope",
  certificate: {
    acme: {
      email: config.require("acmeEmail"),
      server: config.get("acmeServer") ?? "letsencrypt-staging",
    },
  },
  dns: {
    azure: {
      zoneName: config.get("dnsZoneName") ?? "example.com",
      resourceGroupName: config.get("dnsResourceGroupName") ?? "rg-dns",
      ttl: 300,
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
export const scoringUri = ml.scoringUri;
export const certificate = ml.certificate;
export const computeId = ml.computeId;
export const dnsRecord = ml.dnsRecord;
