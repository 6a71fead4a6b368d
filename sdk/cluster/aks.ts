import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import type * as azureInputs from "@pulumi/azure-native/types/input";
import type { SslMlClusterArgs } from "../types";
import type { ResolvedArgs } from "../validation/args";
import type { CertificateSource } from "../certificates/source";
import { frontEndAddressFromSystemServices, validatedFrontEndIp } from "./frontend-ip";
import { ClusterResult } from "./kubernetes";
import { parseAksClusterId } from "./resource-id";

interface AksComputeOutputs {
  properties?: {
    sslConfiguration?: { cname?: string; leafDomainLabel?: string; status?: string } | null;
    systemServices?: { systemServiceType?: string; publicIpAddress?: string }[] | null;
  } | null;
}

/**
 * The legacy path of the original guide: one `AKS` compute (AksCompute) that creates a cluster or
 * attaches `existingClusterId`, with `properties.sslConfiguration`. A new certificate changes
 * `sslConfiguration` on the same compute resource: an in-place update, never a new cluster.
 */
export function aksCompute(
  parent: pulumi.Resource,
  name: string,
  args: SslMlClusterArgs,
  resolved: ResolvedArgs,
  hostname: pulumi.Output<string> | undefined,
  computeName: string,
  cert: CertificateSource | undefined,
): ClusterResult & { managedHostname?: pulumi.Output<string> } {
  const c = args.cluster ?? {};
  const mm = args.certificate?.microsoftManaged;
  // `cert` and `key` are the PEM texts themselves, as azureml-core's AksCompute.enable_ssl sends
  // them (it reads ssl_cert_pem_file / ssl_key_pem_file and puts the file contents in
  // sslConfiguration.cert / .key); the ARM schema (SslConfiguration, "Cert data" / "Key data")
  // is a plain string with no base64 format, unlike the Kubernetes extension's protected settings.
  let ssl: pulumi.Input<azureInputs.machinelearningservices.SslConfigurationArgs>;
  if (!resolved.tlsEnabled) {
    ssl = { status: "Disabled" };
  } else if (mm) {
    ssl = {
      status: "Auto",
      leafDomainLabel: mm.leafDomainLabel,
      overwriteExistingDomain: mm.overwriteExistingDomain ?? false,
    };
  } else {
    ssl = pulumi.all([cert!.chainPem, cert!.keyPem, hostname!]).apply(([chain, key, host]) => ({
      status: "Enabled",
      cert: chain,
      key,
      cname: host,
    }));
  }
  const attach = c.existingClusterId !== undefined;
  const resourceId = attach
    ? pulumi.output(c.existingClusterId!).apply((id) => (parseAksClusterId(id), id.trim()))
    : undefined;
  const clusterPurpose = c.clusterPurpose ?? (resolved.nodeCount >= 3 ? "FastProd" : "DevTest");
  const properties = pulumi.secret(
    pulumi.all([ssl, resourceId]).apply(([sslConfiguration, id]) => ({
      computeType: "AKS" as const,
      description: `ssl-ml-cluster ${name}: inference over TLS`,
      resourceId: id,
      properties: attach
        ? { clusterPurpose, sslConfiguration }
        : { agentCount: resolved.nodeCount, agentVmSize: resolved.vmSize, clusterPurpose, sslConfiguration },
    })),
  );
  const compute = new machinelearningservices.Compute(
    `${name}-compute`,
    {
      resourceGroupName: args.resourceGroupName,
      workspaceName: args.workspaceName,
      computeName,
      location: args.location,
      properties,
      tags: args.tags,
    },
    // `properties` echoes the key: mark it secret in state too.
    { parent, additionalSecretOutputs: ["properties"] },
  );
  const inner = (compute.properties as pulumi.Output<unknown>).apply(
    (p) => ((p ?? {}) as AksComputeOutputs).properties ?? {},
  );
  const frontEndAddress =
    args.frontEndIp !== undefined
      ? validatedFrontEndIp(args.frontEndIp)
      : pulumi.unsecret(inner.apply((p) => frontEndAddressFromSystemServices(p?.systemServices)));
  let managedHostname: pulumi.Output<string> | undefined;
  if (mm) {
    // With status Auto, Azure names the front end and returns the name as sslConfiguration.cname.
    managedHostname = pulumi.unsecret(
      inner.apply((p) => {
        const cname = p?.sslConfiguration?.cname;
        if (!cname) {
          throw new Error(
            `certificate.microsoftManaged: Azure returned no name for the front end (sslConfiguration.cname is empty on compute ${computeName}); check the compute in Azure ML studio, or use an imported certificate with your own hostname`,
          );
        }
        return cname.toLowerCase().replace(/\.$/, "");
      }),
    );
  }
  return { computeId: compute.id, frontEndAddress, compute, managedHostname };
}
