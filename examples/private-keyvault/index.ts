// Private, trusted scoring: the scoring front end behind an internal load balancer (no public IP),
// the hostname's A record in an Azure Private DNS zone linked to the virtual network the callers
// use (split-horizon DNS), and the TLS certificate read from Azure Key Vault (the current version
// at each `pulumi up`, so a Key Vault renewal shows in the next preview as a rotation).
// See docs/private-networks.md and docs/key-vault.md.
//
// The new AKS cluster is placed in a subnet of the callers' VNet (`network.subnetId`): its internal
// load balancer takes a private address there, which every machine in that VNet, or in a network
// peered to it, reaches; the private zone is linked to the same VNet so they resolve the hostname.
//
// Who runs `pulumi up` needs: Contributor on the ML resource group, Private DNS Zone Contributor on
// the private zone, Network Contributor on the VNet (to link it and to join the subnet), the right
// to assign roles on the subnet (Owner, User Access Administrator or Role Based Access Control
// Administrator: the component gives the cluster's identity Network Contributor there), and Key
// Vault Secrets User on the vault (or the `get` secret access policy).
//
// Config (pulumi config set KEY VALUE):
//   hostname                     the name clients call, inside the private zone (default ml.contoso.internal)
//   privateZoneName              the Azure Private DNS zone                     (default contoso.internal)
//   privateZoneResourceGroupName the zone's resource group                      (default rg-private-dns)
//   subnetId                     a subnet of the callers' virtual network: the cluster's nodes and its
//                                internal load balancer go there; its VNet is linked to the zone
//                                (default a placeholder ID in the zero subscription)
//   keyVaultName                 the vault holding the certificate              (default contoso-tls)
//   certificateName              the Key Vault certificate's name               (default ml-contoso-internal)
//   resourceGroupName, workspaceName, location, model, environment, code
//                       (defaults rg-ml, ws-ml, westeurope, azureml:scoring-model:1, azureml:sklearn-env:1,
//                       azureml:scoring-code:1)
// Offline (`ssl-ml-cluster plan examples/private-keyvault`), a stand-in vault answers with a
// development certificate for the hostname, or with `--config ssl-ml-cluster:keyVaultFile=F`.
import * as pulumi from "@pulumi/pulumi";
import { SslMlCluster } from "ssl-ml-cluster";

const config = new pulumi.Config();

const subnetId =
  config.get("subnetId") ??
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ml";
// The subnet's virtual network: the callers' network, linked to the private zone.
const vnetId = subnetId.replace(/\/subnets\/[^/]+$/i, "");

const ml = new SslMlCluster("ml", {
  hostname: config.get("hostname") ?? "ml.contoso.internal",
  resourceGroupName: config.get("resourceGroupName") ?? "rg-ml",
  workspaceName: config.get("workspaceName") ?? "ws-ml",
  location: config.get("location") ?? "westeurope",
  // The cluster sits in the callers' subnet; the front end takes a private address there from an
  // internal Azure load balancer.
  network: { internalLoadBalancer: true, subnetId },
  certificate: {
    keyVault: {
      vaultName: config.get("keyVaultName") ?? "contoso-tls",
      certificateName: config.get("certificateName") ?? "ml-contoso-internal",
    },
  },
  dns: {
    azurePrivate: {
      zoneName: config.get("privateZoneName") ?? "contoso.internal",
      resourceGroupName: config.get("privateZoneResourceGroupName") ?? "rg-private-dns",
      ttl: 300,
      virtualNetworkIds: [vnetId],
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
export const frontEndIp = ml.frontEndIp; // the private address Azure assigned
export const scoringUris = ml.scoringUris;
export const scoringUri = ml.scoringUri;
export const certificate = ml.certificate;
export const keyVaultCertificate = ml.keyVaultCertificate;
export const computeId = ml.computeId;
export const dnsRecord = ml.dnsRecord;
