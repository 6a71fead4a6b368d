// The ML endpoints behind Front Door: made here (managed online endpoints through sdk/services) or
// attached by name, each with the scoring host Azure reports for it.
import * as pulumi from "@pulumi/pulumi";
import { getOnlineEndpointOutput } from "@pulumi/azure-native/machinelearningservices/getOnlineEndpoint";
import type { SslMlManagedEndpointsArgs } from "../types";
import type { WorkspaceFacts } from "../cluster/workspace";
import { onlineServices } from "../services/online";
import type { ResolvedManagedArgs } from "./args-rules";
import { attachedEndpointRefusal, scoringHost } from "./endpoint-rules";

/** One endpoint behind Front Door: its name and the host of its scoring URI. */
export interface ManagedEndpoint {
  name: string;
  host: pulumi.Output<string>;
}

/**
 * The endpoints, services first (sorted by name) then the attached ones (in the order given). A
 * service is a managed online endpoint and its deployment `default`, with traffic routed to it as
 * SslMlCluster routes it (sdk/services/online.ts: no compute means `endpointComputeType: Managed`).
 * An attached endpoint is read with getOnlineEndpoint and refused when Front Door cannot serve it.
 */
export function managedEndpoints(
  parent: pulumi.Resource,
  name: string,
  args: SslMlManagedEndpointsArgs,
  resolved: ResolvedManagedArgs,
  workspace: WorkspaceFacts,
): ManagedEndpoint[] {
  const made = onlineServices(parent, name, args, resolved.services, undefined, workspace, []).map(
    (s, i): ManagedEndpoint => {
      const ep = resolved.services[i].name;
      const field = `services[${(args.services ?? []).findIndex((x) => x.name === ep)}]`;
      return {
        name: ep,
        host: s.endpoint.properties.apply((p) => scoringHost(field, ep, p.scoringUri)),
      };
    },
  );
  const attached = resolved.endpoints.map((ep, i): ManagedEndpoint => {
    const field = `endpoints[${i}]`;
    const read = getOnlineEndpointOutput(
      { resourceGroupName: args.resourceGroupName, workspaceName: args.workspaceName, endpointName: ep },
      { parent },
    );
    return {
      name: ep,
      host: read.properties.apply((p) => {
        const refusal = attachedEndpointRefusal(field, ep, p);
        if (refusal) throw refusal;
        return scoringHost(field, ep, p.scoringUri);
      }),
    };
  });
  return [...made, ...attached];
}
