import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import type * as azureInputs from "@pulumi/azure-native/types/input";
import type { SslMlClusterArgs } from "../types";
import type { ResolvedArgs } from "../args/resolved";
import type { CertificateSource } from "../certificates/sources/source";
import { validatedFrontEndIp } from "./frontend-ip";
import { awaitComputeFrontEnd, awaitComputeManagedName } from "./await-front-end";
import { ClusterResult } from "./kubernetes";
import { parseAksClusterId } from "./resource-id";
import { ArgumentError } from "../errors";
import type { WorkspaceFacts } from "./workspace";
import * as containerservice from "@pulumi/azure-native/containerservice";
import { FAST_PROD_MIN_VCPUS, vmSizeVcpus } from "./vm-sizes";
import { checkSubnetInClusterVnet, parseSubnetId } from "./network-rules";
import { legacyNetworkingConfiguration } from "./subnet-placement";

/**
 * The compute's load balancer fields for `network`, as azureml-core's AksProvisioningConfiguration /
 * AksUpdateConfiguration send them (`load_balancer_type`, `load_balancer_subnet`: the subnet's
 * name, default `aks-subnet`). Nothing without a `network` block, so existing bodies are unchanged;
 * `PublicIp` when it says false, so going back from private is an update too.
 */
export function loadBalancerFields(
  internalLoadBalancer: boolean | undefined,
  subnetId: pulumi.Input<string> | undefined,
): { loadBalancerType?: string; loadBalancerSubnet?: pulumi.Input<string> } {
  if (internalLoadBalancer === undefined) return {};
  if (!internalLoadBalancer) return { loadBalancerType: "PublicIp" };
  return {
    loadBalancerType: "InternalLoadBalancer",
    loadBalancerSubnet:
      subnetId === undefined
        ? undefined
        : pulumi.output(subnetId).apply((id) => parseSubnetId("network.subnetId", id).subnetName),
  };
}

interface PoolLike {
  count?: number;
  vmSize?: string;
}

/**
 * The purpose of an attached cluster, from its real pools: `FastProd` needs 12 vCPUs in total
 * (and, like the extension's rule, 3 nodes); a purpose the user gave is kept, and refused when the
 * cluster cannot carry it.
 */
export function attachedClusterPurpose(pools: PoolLike[], given: string | undefined): string {
  const nodes = pools.reduce((n, p) => n + (p.count ?? 0), 0);
  let vcpus: number | undefined = 0;
  for (const p of pools) {
    const each = p.vmSize ? vmSizeVcpus(p.vmSize) : undefined;
    if (each === undefined || vcpus === undefined) vcpus = undefined;
    else vcpus += each * (p.count ?? 0);
  }
  const enough = vcpus === undefined ? nodes >= 3 : vcpus >= FAST_PROD_MIN_VCPUS;
  if (given === "FastProd" && !enough) {
    throw new ArgumentError(
      "cluster.clusterPurpose",
      `FastProd needs at least ${FAST_PROD_MIN_VCPUS} vCPUs in total, and the attached cluster has ${vcpus} (${nodes} nodes); add nodes to the cluster or use clusterPurpose "DevTest"`,
    );
  }
  if (given !== undefined) return given;
  return enough && nodes >= 3 ? "FastProd" : "DevTest";
}

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
  workspace: WorkspaceFacts,
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
    // Only the key is secret (a nested secret): a reviewer of the preview sees the rest.
    ssl = {
      status: "Enabled",
      cert: cert!.chainPem,
      key: pulumi.secret(cert!.keyPem),
      cname: hostname!,
    };
  }
  const attach = c.existingClusterId !== undefined;
  const resourceId = attach
    ? pulumi.output(c.existingClusterId!).apply((id) => (parseAksClusterId(id), id.trim()))
    : undefined;
  // A new cluster's purpose was settled with its size; an attached one follows what Azure reports.
  let clusterPurpose: pulumi.Output<string>;
  let subnetId: pulumi.Input<string> | undefined = args.network?.subnetId;
  if (attach) {
    const ref = resourceId!.apply(parseAksClusterId);
    const existing = containerservice.getManagedClusterOutput(
      { resourceGroupName: ref.resourceGroupName, resourceName: ref.name },
      { parent },
    );
    clusterPurpose = existing.apply((mc) =>
      attachedClusterPurpose(mc.agentPoolProfiles ?? [], c.clusterPurpose),
    );
    // loadBalancerSubnet names a subnet of the cluster's own VNet: one of another VNet is refused.
    if (subnetId !== undefined) {
      subnetId = pulumi.all([subnetId, existing]).apply(([id, mc]) => {
        checkSubnetInClusterVnet(
          id,
          (mc.agentPoolProfiles ?? []).map((p) => p.vnetSubnetID),
        );
        return id;
      });
    }
  } else {
    clusterPurpose = pulumi.output(resolved.clusterPurpose ?? "DevTest");
  }
  // As azureml-core's AksCompute provisioning payload: the compute resource sits in the workspace's
  // region, and `computeLocation` says where the new cluster goes (`location`, else the workspace's).
  const computeLocation = attach ? undefined : pulumi.output(args.location ?? workspace.location);
  const lb = loadBalancerFields(resolved.network.internalLoadBalancer, subnetId);
  // A new cluster in the callers' subnet, as azureml-core's provisioning configuration sends it.
  const placement = resolved.network.newClusterSubnet;
  const aksNetworkingConfiguration =
    placement && !attach
      ? pulumi.output(subnetId!).apply((id) => legacyNetworkingConfiguration(id, placement))
      : undefined;
  const properties: azureInputs.machinelearningservices.AKSArgs = {
    computeType: "AKS",
    computeLocation,
    description: `ssl-ml-cluster ${name}: inference over TLS`,
    resourceId,
    properties: attach
      ? { clusterPurpose, sslConfiguration: ssl, ...lb }
      : {
          agentCount: resolved.nodeCount,
          agentVmSize: resolved.vmSize,
          clusterPurpose,
          sslConfiguration: ssl,
          aksNetworkingConfiguration,
          ...lb,
        },
  };
  const sendsKey = resolved.tlsEnabled && !mm;
  const compute = new machinelearningservices.Compute(
    `${name}-compute`,
    {
      resourceGroupName: args.resourceGroupName,
      workspaceName: args.workspaceName,
      computeName,
      location: workspace.location,
      properties,
      tags: args.tags,
    },
    // `properties` may echo the key: mark it secret in state too, when a key was sent.
    { parent, additionalSecretOutputs: sendsKey ? ["properties"] : [] },
  );
  const inner = (compute.properties as pulumi.Output<unknown>).apply(
    (p) => ((p ?? {}) as AksComputeOutputs).properties ?? {},
  );
  // Both may come after the compute's answer: read again during the up (await-front-end.ts).
  const ref = { resourceGroupName: args.resourceGroupName, workspaceName: args.workspaceName, computeName };
  const frontEndAddress =
    args.frontEndIp !== undefined
      ? validatedFrontEndIp(args.frontEndIp)
      : awaitComputeFrontEnd(parent, inner, ref, resolved.frontEndWaitMinutes);
  // With status Auto, Azure names the front end and returns the name as sslConfiguration.cname.
  const managedHostname = mm
    ? awaitComputeManagedName(parent, inner, ref, resolved.frontEndWaitMinutes)
    : undefined;
  // The subnet check fails the compute's inputs; computeId carries it too, so the error reaches
  // the component's outputs rather than leaving them waiting on a compute that never registers.
  const computeId =
    subnetId !== undefined && attach ? pulumi.all([compute.id, subnetId]).apply(([id]) => id) : compute.id;
  return { computeId, frontEndAddress, compute, managedHostname };
}
