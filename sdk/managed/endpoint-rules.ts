// What the component needs from a managed online endpoint as Azure reports it: the scoring host
// (taken from `properties.scoringUri`, never rebuilt from the name and region) and whether Front
// Door can reach it at all. Pure: no Pulumi, no I/O.
import { ArgumentError } from "../errors";

/** The part of an endpoint's GET that decides whether it can stand behind Front Door. */
export interface EndpointFacts {
  scoringUri?: string;
  publicNetworkAccess?: string;
  /** Set on a Kubernetes online endpoint (the compute it runs on); absent on a managed one. */
  compute?: string;
}

/** The host of the endpoint's scoring URI, e.g. `iris.westeurope.inference.ml.azure.com`. */
export function scoringHost(argument: string, endpoint: string, scoringUri: string | undefined): string {
  let url: URL | undefined;
  try {
    url = scoringUri ? new URL(scoringUri) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || url.protocol !== "https:" || url.hostname === "")
    throw new ArgumentError(
      argument,
      `Azure reports no https scoring URI for endpoint ${endpoint} (properties.scoringUri: ${JSON.stringify(scoringUri)}); check that it is a managed online endpoint that finished provisioning`,
    );
  return url.hostname.toLowerCase();
}

/** Refuses an endpoint Front Door cannot serve: not public, or not a managed endpoint. */
export function attachedEndpointRefusal(
  argument: string,
  endpoint: string,
  facts: EndpointFacts,
): ArgumentError | undefined {
  if ((facts.publicNetworkAccess ?? "").toLowerCase() === "disabled")
    return new ArgumentError(
      argument,
      `endpoint ${endpoint} has publicNetworkAccess: Disabled, so Front Door cannot reach it (a private Azure ML workspace endpoint is not a Front Door Private Link origin type). ` +
        "Either enable public access on the endpoint (az ml online-endpoint update --name " +
        `${endpoint} --set public_network_access=enabled) and keep it behind its key or token, or serve it privately with the Kubernetes path (SslMlCluster with network.internalLoadBalancer)`,
    );
  if (facts.compute)
    return new ArgumentError(
      argument,
      `endpoint ${endpoint} is a Kubernetes online endpoint (compute ${facts.compute}); put those behind your hostname with SslMlCluster, which serves them on the cluster's own TLS front end`,
    );
  return undefined;
}

/** The scoring URI clients call through Front Door: `https://<host>/<endpoint>/score`. */
export function managedScoringUri(hostname: string, endpoint: string): string {
  return `https://${hostname}/${encodeURIComponent(endpoint)}/score`;
}
