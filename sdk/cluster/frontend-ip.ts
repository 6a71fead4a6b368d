import { isIP } from "node:net";
import * as pulumi from "@pulumi/pulumi";

const AZUREML_FE_HINT =
  "pass frontEndIp, or wait for the load balancer and run pulumi up again (kubectl get svc azureml-fe -n azureml shows EXTERNAL-IP)";

/** `frontEndIp` checked once known (plain values were checked before anything was registered). */
export function validatedFrontEndIp(ip: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(ip).apply((v) => {
    if (typeof v !== "string" || isIP(v.trim()) === 0) {
      throw new Error(`frontEndIp: ${JSON.stringify(v)} is not an IPv4 or IPv6 address`);
    }
    return v.trim();
  });
}

interface ServiceStatusLike {
  loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
}

/**
 * The external address of Service azureml/azureml-fe. The extension can report success before the
 * load balancer has one, so an empty ingress is a clear error, not an empty DNS record.
 */
export function frontEndAddressFromService(status: ServiceStatusLike | undefined): string {
  const ingress = status?.loadBalancer?.ingress ?? [];
  const withIp = ingress.find((i) => i.ip && isIP(i.ip) !== 0);
  if (withIp) return withIp.ip!;
  const withHost = ingress.find((i) => i.hostname);
  if (withHost) return withHost.hostname!;
  throw new Error(`Service azureml/azureml-fe has no external IP yet; ${AZUREML_FE_HINT}`);
}

interface SystemServiceLike {
  systemServiceType?: string;
  publicIpAddress?: string;
}

/**
 * The legacy AKS compute lists its front end under `properties.properties.systemServices`; Azure
 * has been seen returning null there, so the user's `frontEndIp` is the way out.
 */
export function frontEndAddressFromSystemServices(
  systemServices: SystemServiceLike[] | null | undefined,
): string {
  const fe = (systemServices ?? []).find(
    (s) => s.systemServiceType === "ScoringFrontEnd" && s.publicIpAddress,
  );
  if (fe && isIP(fe.publicIpAddress!.trim()) !== 0) return fe.publicIpAddress!.trim();
  throw new Error(
    `the AKS compute returned no ScoringFrontEnd system service (systemServices is ${systemServices === null ? "null" : "empty"}); ` +
      "pass frontEndIp: the EXTERNAL-IP of Service azureml-fe (kubectl get svc azureml-fe -n default) or the scoring IP shown in Azure ML studio",
  );
}
