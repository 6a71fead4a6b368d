// The same resources the component registers for the kubernetes kind, written by hand the way a
// user would without the component: no validation, no certificate inspection, no component parent.
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as kubernetesconfiguration from "@pulumi/azure-native/kubernetesconfiguration";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { DnsRecord } from "@pulumi/cloudflare/dnsRecord";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import { Provider as KubernetesProvider } from "@pulumi/kubernetes/provider";
import * as resources from "@pulumi/azure-native/resources";

/**
 * `rotation` is the replacement trigger of the key and certificate, as the component sets it (a
 * user rotating by hand would do the same): with the same trigger and name the offline model
 * derives the same key on both sides, so the comparison is not about which key was drawn.
 */
export function handWritten(n: number, rotation: string): Record<string, pulumi.Output<unknown>> {
  const hostname = "ml.example.com";
  const key = new tls.PrivateKey(
    "ml-key",
    { algorithm: "RSA", rsaBits: 2048 },
    { replacementTrigger: rotation },
  );
  const ws = machinelearningservices.getWorkspaceOutput({
    resourceGroupName: "rg-ml",
    workspaceName: "ws-ml",
  });
  const cert = new tls.SelfSignedCert(
    "ml-cert",
    {
      privateKeyPem: key.privateKeyPem,
      dnsNames: [hostname],
      subject: { commonName: hostname },
      allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
      validityPeriodHours: 90 * 24,
    },
    { replacementTrigger: rotation },
  );
  const cluster = new containerservice.ManagedCluster("ml-aks", {
    resourceGroupName: "rg-ml",
    location: "westeurope",
    dnsPrefix: "ml",
    identity: { type: "SystemAssigned" },
    agentPoolProfiles: [
      {
        name: "system",
        mode: "System",
        count: 3,
        vmSize: "Standard_D4s_v3",
        osType: "Linux",
        type: "VirtualMachineScaleSets",
      },
    ],
  });
  const settings = pulumi.all([cluster.id, cluster.name, cluster.location]).apply(([id, name, loc]) => ({
    allowInsecureConnections: "False",
    cluster_name: id,
    cluster_name_friendly: name,
    clusterId: id,
    domain: `${loc}.cloudapp.azure.com`,
    enableInference: "True",
    enableTraining: "False",
    inferenceRouterServiceType: "LoadBalancer",
    jobSchedulerLocation: loc,
    location: loc,
    "nginxIngress.enabled": "true",
    "prometheus.prometheusSpec.externalLabels.cluster_name": id,
    "relayserver.enabled": "false",
    "servicebus.enabled": "false",
    sslCname: hostname,
  }));
  const extension = new kubernetesconfiguration.Extension("ml-azureml", {
    resourceGroupName: "rg-ml",
    clusterRp: "Microsoft.ContainerService",
    clusterResourceName: "managedClusters",
    clusterName: cluster.name,
    extensionName: "azureml",
    extensionType: "Microsoft.AzureML.Kubernetes",
    autoUpgradeMinorVersion: true,
    releaseTrain: "stable",
    scope: { cluster: { releaseNamespace: "azureml" } },

    configurationSettings: settings,
    configurationProtectedSettings: pulumi.secret(
      pulumi.all([cert.certPem, key.privateKeyPem]).apply(([c, k]) => ({
        "scoringFe.sslCert": Buffer.from(c).toString("base64"),
        "scoringFe.sslKey": Buffer.from(k).toString("base64"),
      })),
    ),
  });
  const compute = new machinelearningservices.Compute(
    "ml-compute",
    {
      resourceGroupName: "rg-ml",
      workspaceName: "ws-ml",
      computeName: "ml",
      location: ws.location,
      properties: { computeType: "Kubernetes", resourceId: cluster.id, properties: { namespace: "default" } },
    },
    { dependsOn: [extension] },
  );
  const creds = containerservice.listManagedClusterUserCredentialsOutput({
    resourceGroupName: "rg-ml",
    resourceName: cluster.name,
  });
  const provider = new KubernetesProvider("ml-k8s", {
    kubeconfig: pulumi.secret(creds.kubeconfigs.apply((k) => Buffer.from(k[0].value, "base64").toString())),
  });
  const fe = corev1.Service.get("ml-azureml-fe", "azureml/azureml-fe", {
    provider,
    dependsOn: [extension],
  });
  const ip = fe.status.apply((s) => s.loadBalancer.ingress[0].ip);
  new DnsRecord("ml-dns", {
    zoneId: "0123456789abcdef0123456789abcdef",
    name: hostname,
    type: "A",
    content: ip,
    ttl: 300,
    proxied: false,
  });
  const uris: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const name = `svc-${String(i).padStart(4, "0")}`;
    const endpointProperties = { authMode: "Key", compute: compute.id, publicNetworkAccess: "Enabled" };
    // As the component does (docs/live-check-and-traffic.md): read the endpoint and its deployment
    // before the up, and once the deployment exists let the endpoint's own PUT carry the route.
    const key = { resourceGroupName: "rg-ml", workspaceName: "ws-ml", endpointName: name };
    const absentOn404 = <T>(p: Promise<T>) => p.catch(() => undefined);
    const traffic = pulumi.output(
      absentOn404(machinelearningservices.getOnlineEndpoint(key)).then(async (ep) =>
        ep === undefined
          ? undefined
          : (await absentOn404(
                machinelearningservices.getOnlineDeployment({ ...key, deploymentName: "default" }),
              ))
            ? { default: 100 }
            : undefined,
      ),
    );
    const endpoint = new machinelearningservices.OnlineEndpoint(
      `ml-${name}`,
      {
        resourceGroupName: "rg-ml",
        workspaceName: "ws-ml",
        endpointName: name,
        location: ws.location,
        identity: { type: "SystemAssigned" },
        properties: { ...endpointProperties, traffic },
      },
      { dependsOn: [compute] },
    );
    const deployment = new machinelearningservices.OnlineDeployment(
      `ml-${name}-default`,
      {
        resourceGroupName: "rg-ml",
        workspaceName: "ws-ml",
        endpointName: endpoint.name,
        deploymentName: "default",
        location: ws.location,
        properties: {
          endpointComputeType: "Kubernetes",
          model: ws.id.apply((id) => `${id}/models/m/versions/1`),
          environmentId: ws.id.apply((id) => `${id}/environments/env/versions/1`),
          scaleSettings: { scaleType: "Default" },
        },
        sku: { name: "Default", capacity: 1 },
      },
      { deletedWith: endpoint },
    );
    // The traffic step: the endpoint PUT again with all traffic once the deployment exists.
    new resources.Deployment(
      `ml-${name}-traffic`,
      {
        resourceGroupName: "rg-ml",
        properties: {
          mode: "Incremental",
          template: pulumi.all([ws.location, compute.id]).apply(([location, computeId]) => ({
            $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            contentVersion: "1.0.0.0",
            resources: [
              {
                type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
                apiVersion: "2025-12-01",
                name: `ws-ml/${name}`,
                location,
                identity: { type: "SystemAssigned" },
                properties: { ...endpointProperties, compute: computeId, traffic: { default: 100 } },
              },
            ],
          })),
        },
      },
      { dependsOn: [deployment] },
    );
    uris[name] = `https://${hostname}/api/v1/endpoint/${name}/score`;
  }
  return { scoringUris: pulumi.output(uris), frontEndIp: ip, computeId: compute.id, certPem: cert.certPem };
}
