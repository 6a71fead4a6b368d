// Kubernetes as the offline model answers it: the one object the component reads from the cluster,
// the Azure ML front end's Service (`azureml-fe`, type LoadBalancer, as the extension installs it),
// with the load balancer's ingress the options ask for.
import type { FrontEndServiceReader } from "../../cluster/kube-service-reader";
import { Dict, ModelAnswer, OfflineModelState, ResourceModel } from "./model-state";

function frontEndService(m: OfflineModelState, id: string): ModelAnswer {
  const [namespace, name] = id.includes("/") ? id.split("/") : ["default", id];
  const ingress: Dict[] =
    !m.frontEndRead() || m.options.frontEndPending
      ? []
      : m.options.frontEndHostname
        ? [{ hostname: m.options.frontEndHostname }]
        : [{ ip: m.frontEndIp }];
  return {
    id,
    state: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace, labels: { app: "azureml-fe" } },
      spec: {
        type: "LoadBalancer",
        clusterIP: "10.0.143.25",
        ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 9001 }],
        selector: { azuremlappname: "azureml-fe" },
      },
      status: { loadBalancer: { ingress } },
    },
  };
}

/** A Service read by ID (`namespace/name`) or registered by name: the front end's Service. */
export const service: ResourceModel = (m, args) => frontEndService(m, args.id ?? args.name);

/**
 * The up's later reads of the Service (kube-service-reader.ts), answered from the same model: the
 * kubeconfig must be the one listClusterUserCredentials gave (its server names the cluster).
 */
export function standInServiceReader(m: OfflineModelState): FrontEndServiceReader {
  return (kubeconfig, namespace, name) => {
    const server = /server: (\S+)/.exec(kubeconfig)?.[1];
    if (!server?.includes(".hcp.")) throw new Error("stand-in Kubernetes API: not the cluster's kubeconfig");
    return Promise.resolve({ status: frontEndService(m, `${namespace}/${name}`).state.status });
  };
}
