// Azure ML's online endpoints and deployments as ARM holds them between `pulumi up`s, for the
// offline model: the PUT semantics that decide whether the traffic route survives.
// - A PUT replaces the whole resource (ARM's RPC: "PUT ... replaces the resource"): an endpoint PUT
//   without `traffic` leaves it with none (https://github.com/Azure/azure-resource-manager-rpc,
//   resource-api-reference.md, "PUT Resource").
// - Traffic may name only deployments of that endpoint that exist (`az ml online-endpoint update
//   --traffic` checks the same); values are 0–100 and sum to 100 or 0 (OnlineEndpointProperties.traffic:
//   "Traffic values need to sum to 100", azure-rest-api-specs mfe.json).
// - A deployment that still has traffic cannot be deleted (README "Limits"; the finding).
// The error codes and messages below are the model's own wording: the exact text Azure returns for
// the last two was not found in a public source (docs/live-check-and-traffic.md).

type Dict = Record<string, unknown>;

interface EndpointOnAzure {
  location: string;
  properties: Dict;
  traffic: Record<string, number>;
}

interface DeploymentOnAzure {
  location: string;
  properties: Dict;
  tags?: Record<string, string>;
}

/** One ARM call the model answered (or refused), in order: what a test reads back. */
export interface ArmCall {
  op: "PUT endpoint" | "PUT deployment" | "DELETE deployment" | "DELETE endpoint";
  endpoint: string;
  deployment?: string;
  /** The endpoint's traffic after the call. */
  traffic: Record<string, number>;
  refused?: string;
}

const key = (ws: string, ep: string) => `${ws}/${ep}`.toLowerCase();

function notFound(what: string, name: string): Error {
  return new Error(
    `Status=404 Code="ResourceNotFound" Message="The Resource 'Microsoft.MachineLearningServices/${what}/${name}' was not found."`,
  );
}

/**
 * The online endpoints of every workspace, kept across runs: pass one instance to each run of a
 * test (`OfflineModelOptions.onlineEndpoints`) and it answers as Azure would after the previous up.
 */
export class OnlineEndpointsOnAzure {
  private readonly endpoints = new Map<string, EndpointOnAzure>();
  private readonly deployments = new Map<string, Map<string, DeploymentOnAzure>>();
  /** Every call, in order. */
  readonly calls: ArmCall[] = [];

  /** Inputs of each Pulumi resource at its last step: the engine sends no PUT when they did not change. */
  private readonly lastInputs = new Map<string, string>();

  /**
   * Whether the engine would call the provider for this resource: only when its inputs differ from
   * those of the previous run (a create, or an update). Records the new inputs.
   */
  changed(resource: string, inputs: unknown): boolean {
    const json = JSON.stringify(inputs);
    const same = this.lastInputs.get(resource) === json;
    this.lastInputs.set(resource, json);
    return !same;
  }

  /** Each Pulumi deployment resource's Azure name and force-new inputs at its last step. */
  private readonly lastForceNew = new Map<string, { ws: string; ep: string; name: string; key: string }>();

  /**
   * One engine step of an OnlineDeployment resource, as azure-native takes it: nothing when its
   * inputs did not change; a replacement, delete first (azure-native's Diff sets
   * DeleteBeforeReplace whenever it replaces), when a force-new input changed (the path, location,
   * endpointComputeType, codeConfiguration.codeId/scoringScript, instanceType); else a PUT.
   */
  deploymentStep(
    resource: string,
    ws: string,
    ep: string,
    name: string,
    location: string,
    properties: Dict,
    tags?: Record<string, string>,
  ): void {
    if (!this.changed(resource, { ws, ep, name, location, properties, tags })) return;
    const code = (properties.codeConfiguration ?? {}) as Dict;
    const key = JSON.stringify([
      ws.toLowerCase(),
      ep.toLowerCase(),
      name.toLowerCase(),
      location,
      properties.endpointComputeType,
      code.codeId,
      code.scoringScript,
      properties.instanceType,
    ]);
    const last = this.lastForceNew.get(resource);
    if (last !== undefined && last.key !== key) this.deleteDeployment(last.ws, last.ep, last.name);
    this.lastForceNew.set(resource, { ws, ep, name, key });
    this.putDeployment(ws, ep, name, location, properties, tags);
  }

  private record(call: Omit<ArmCall, "traffic">, ws: string, ep: string): void {
    this.calls.push({ ...call, traffic: { ...(this.endpoints.get(key(ws, ep))?.traffic ?? {}) } });
  }

  private refuse(call: Omit<ArmCall, "traffic">, ws: string, ep: string, message: string): never {
    this.record({ ...call, refused: message }, ws, ep);
    throw new Error(message);
  }

  /** PUT onlineEndpoints/{ep}: the body replaces the endpoint, `traffic` included (absent: none). */
  putEndpoint(ws: string, ep: string, location: string, properties: Dict): Record<string, number> {
    const call = { op: "PUT endpoint" as const, endpoint: ep };
    const traffic = (properties.traffic ?? {}) as Record<string, number>;
    const existing = this.deployments.get(key(ws, ep)) ?? new Map<string, DeploymentOnAzure>();
    for (const [dep, share] of Object.entries(traffic)) {
      if (!existing.has(dep.toLowerCase())) {
        this.refuse(
          call,
          ws,
          ep,
          `Status=400 Code="BadArgument" Message="Traffic for endpoint '${ep}' names deployment '${dep}', which does not exist."`,
        );
      }
      if (!Number.isInteger(share) || share < 0 || share > 100) {
        this.refuse(
          call,
          ws,
          ep,
          `Status=400 Code="BadArgument" Message="Traffic value ${share} is not 0 to 100."`,
        );
      }
    }
    const sum = Object.values(traffic).reduce((a, b) => a + b, 0);
    if (sum !== 0 && sum !== 100) {
      this.refuse(
        call,
        ws,
        ep,
        `Status=400 Code="BadArgument" Message="Traffic values need to sum to 100 (got ${sum})."`,
      );
    }
    const { traffic: _dropped, ...rest } = properties;
    this.endpoints.set(key(ws, ep), { location, properties: rest, traffic: { ...traffic } });
    if (!this.deployments.has(key(ws, ep))) this.deployments.set(key(ws, ep), new Map());
    this.record(call, ws, ep);
    return { ...traffic };
  }

  /** PUT …/deployments/{name}: create or update in place (the body replaces it, tags included). */
  putDeployment(
    ws: string,
    ep: string,
    name: string,
    location: string,
    properties: Dict,
    tags?: Record<string, string>,
  ): void {
    const call = { op: "PUT deployment" as const, endpoint: ep, deployment: name };
    const deps = this.deployments.get(key(ws, ep));
    if (!this.endpoints.has(key(ws, ep)) || deps === undefined) {
      this.refuse(
        call,
        ws,
        ep,
        `Status=404 Code="ResourceNotFound" Message="Online endpoint '${ep}' does not exist."`,
      );
    }
    deps.set(name.toLowerCase(), { location, properties, ...(tags ? { tags: { ...tags } } : {}) });
    this.record(call, ws, ep);
  }

  /** DELETE …/deployments/{name}: refused while the endpoint routes traffic to it. */
  deleteDeployment(ws: string, ep: string, name: string): void {
    const call = { op: "DELETE deployment" as const, endpoint: ep, deployment: name };
    const share = this.endpoints.get(key(ws, ep))?.traffic[name] ?? 0;
    if (share > 0) {
      this.refuse(
        call,
        ws,
        ep,
        `Status=400 Code="BadRequest" Message="Deployment '${name}' of endpoint '${ep}' has ${share} % of the traffic; set its traffic to 0 before deleting it."`,
      );
    }
    this.deployments.get(key(ws, ep))?.delete(name.toLowerCase());
    this.record(call, ws, ep);
  }

  /** DELETE onlineEndpoints/{ep}: its deployments go with it, traffic or not. */
  deleteEndpoint(ws: string, ep: string): void {
    this.record({ op: "DELETE endpoint", endpoint: ep }, ws, ep);
    this.endpoints.delete(key(ws, ep));
    this.deployments.delete(key(ws, ep));
  }

  /** The endpoint's route now (`{}` when none, or no endpoint). */
  trafficOf(ws: string, ep: string): Record<string, number> {
    return { ...(this.endpoints.get(key(ws, ep))?.traffic ?? {}) };
  }

  /** GET onlineEndpoints/{ep} as azure-native's getOnlineEndpoint returns it; 404 when absent. */
  getEndpoint(sub: string, rg: string, ws: string, ep: string): Dict {
    const e = this.endpoints.get(key(ws, ep));
    if (e === undefined) throw notFound(`workspaces/${ws}/onlineEndpoints`, ep);
    return {
      id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}/onlineEndpoints/${ep}`,
      name: ep,
      type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
      location: e.location,
      properties: { ...e.properties, traffic: { ...e.traffic }, provisioningState: "Succeeded" },
      azureApiVersion: "2025-12-01",
    };
  }

  /** GET …/deployments/{name} as azure-native's getOnlineDeployment returns it; 404 when absent. */
  getDeployment(sub: string, rg: string, ws: string, ep: string, name: string): Dict {
    const d = this.deployments.get(key(ws, ep))?.get(name.toLowerCase());
    if (d === undefined) throw notFound(`workspaces/${ws}/onlineEndpoints/${ep}/deployments`, name);
    return {
      id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}/onlineEndpoints/${ep}/deployments/${name}`,
      name,
      type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
      location: d.location,
      ...(d.tags ? { tags: { ...d.tags } } : {}),
      properties: { ...d.properties, provisioningState: "Succeeded" },
      azureApiVersion: "2025-12-01",
    };
  }
}
