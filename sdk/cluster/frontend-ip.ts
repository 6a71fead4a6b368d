import { isIP } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { ComponentError } from "../errors";
import { checkedFrontEndIp } from "../common/hostname";

/**
 * The kubeconfig of the cluster's user credentials, refused when Azure returned none or one that
 * names no cluster: the kubernetes provider would otherwise fall back to the ambient
 * ~/.kube/config, and the front end's address (and so the DNS record) would come from whatever
 * cluster kubectl points at.
 */
export function checkedKubeconfig(base64: string | undefined, component?: pulumi.Resource): string {
  const text = Buffer.from(base64 ?? "", "base64").toString("utf8");
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    doc = undefined;
  }
  const clusters = (doc as { clusters?: { cluster?: { server?: unknown } }[] } | undefined)?.clusters;
  const ok = Array.isArray(clusters) && clusters.some((c) => typeof c?.cluster?.server === "string");
  if (!text.trim() || !ok) {
    throw new ComponentError(
      `Azure returned ${text.trim() ? "a kubeconfig that names no cluster server" : "no kubeconfig"} for the cluster's user credentials, so the front end's address cannot be read from Service azureml/azureml-fe; pass frontEndIp (kubectl get svc azureml-fe -n azureml shows EXTERNAL-IP)`,
      component,
    );
  }
  return text;
}

/** `frontEndIp` checked once known (plain values were checked before anything was registered). */
export function validatedFrontEndIp(ip: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(ip).apply(checkedFrontEndIp);
}

export interface ServiceStatusLike {
  loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
}

/**
 * The external address of Service azureml/azureml-fe, or undefined while its load balancer has
 * none (the extension can report success before that; await-front-end.ts waits for it).
 */
export function addressInServiceStatus(status: ServiceStatusLike | undefined): string | undefined {
  const ingress = status?.loadBalancer?.ingress ?? [];
  const withIp = ingress.find((i) => i.ip && isIP(i.ip) !== 0);
  if (withIp) return withIp.ip!;
  return ingress.find((i) => i.hostname)?.hostname;
}

export interface SystemServiceLike {
  systemServiceType?: string;
  publicIpAddress?: string;
}

/**
 * The legacy AKS compute lists its front end under `properties.properties.systemServices`; Azure
 * has been seen returning null or no address there on the first reads (await-front-end.ts waits).
 */
export function addressInSystemServices(
  systemServices: SystemServiceLike[] | null | undefined,
): string | undefined {
  const fe = (systemServices ?? []).find(
    (s) => s.systemServiceType === "ScoringFrontEnd" && s.publicIpAddress,
  );
  if (fe && isIP(fe.publicIpAddress!.trim()) !== 0) return fe.publicIpAddress!.trim();
  return undefined;
}
