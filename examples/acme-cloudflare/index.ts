// A publicly trusted Let's Encrypt certificate for the hostname, proven by an ACME DNS-01 challenge
// through Cloudflare, and the hostname's A record in the same Cloudflare zone. A plain `pulumi up`
// inside the renewal window (renewBeforeDays before expiry) orders the next certificate.
//
// Config (pulumi config set KEY VALUE):
//   hostname            the name clients call, inside the zone          (default ml.example.com)
//   acmeEmail           contact address of the ACME account: required, no default (Let's Encrypt
//                       mails expiry notices there, and refuses example.com addresses)
//   acmeServer          letsencrypt | letsencrypt-staging | https URL   (default letsencrypt-staging:
//                       test with the untrusted staging CA first, it has far higher rate limits)
//   cloudflareZoneId    the zone's ID (Cloudflare dashboard, Overview)  (default an example ID)
//   cloudflareZoneName  the zone, e.g. example.com; a hostname outside it is refused (optional)
//   cloudflareApiToken  --secret; a token with Zone:Read and DNS:Edit on the zone
//                       (default: the CLOUDFLARE_API_TOKEN environment variable)
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
      renewBeforeDays: 30,
    },
  },
  dns: {
    cloudflare: {
      zoneId: config.get("cloudflareZoneId") ?? "0123456789abcdef0123456789abcdef",
      zoneName: config.get("cloudflareZoneName"),
      apiToken: config.getSecret("cloudflareApiToken"),
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
