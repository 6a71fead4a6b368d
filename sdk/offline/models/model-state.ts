// What every module of the offline model shares: its options, the state that runs across resources
// (the front end's address, the acme servers, the certificates made, Azure's online endpoints), the
// seeded identifiers, and the shape of a table row (model-table.ts).
import * as crypto from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { OnlineEndpointsOnAzure } from "./online-endpoint-model";

/** Knobs of the offline model, for tests and `plan`. */
export interface OfflineModelOptions {
  /** Subscription of every resource ID. Default: a fixed example GUID. */
  subscriptionId?: string;
  /** Region that Azure reports when none is given. Default: `eastus`. */
  defaultLocation?: string;
  /** External IP of `azureml-fe` / the ScoringFrontEnd. Default: 203.0.113.10 (documentation range). */
  frontEndIp?: string;
  /** Host name instead of an IP on the `azureml-fe` load balancer. */
  frontEndHostname?: string;
  /** `azureml-fe` has no external IP yet (the extension reported success too early). */
  frontEndPending?: boolean;
  /** The legacy AKS compute returns `systemServices: null` (seen in practice), at every read. */
  systemServicesNull?: boolean;
  /**
   * The front end's address appears only after this many reads: the first N reads of Service
   * azureml-fe (`Service.get`, then the up's reads through the kubeconfig) or of the legacy compute
   * (its PUT's answer, then `getCompute`) answer without one, nor, with status Auto, the name Azure
   * gives the front end (`sslConfiguration.cname`). Default: 0 (there at the first read).
   */
  frontEndReadsWithoutAddress?: number;
  /** With status Auto, Azure returns no `sslConfiguration.cname`. */
  managedCnameMissing?: boolean;
  /** Node pools of an attached cluster (getManagedCluster). Default: one pool of 3. */
  existingClusterNodeCount?: number;
  /** The attached cluster's node subnet (its pool's `vnetSubnetID`). Default: none (AKS's own VNet). */
  existingClusterSubnetId?: string;
  /** Certificates made by an earlier plan, by resource name + trigger: reused as the engine reuses state. */
  priorCertificates?: Record<string, string>;
  /** The replacement trigger of each resource being registered (set by the recorder). */
  triggerOf?: (type: string, name: string) => unknown;
  /** Fixed clock for creation timestamps. Default: 2026-01-01T00:00:00Z. */
  createdAt?: string;
  /** Region of the Azure ML workspace (getWorkspace). Default: `westeurope`. */
  workspaceLocation?: string;
  /** getWorkspace answers that the workspace does not exist. */
  workspaceMissing?: boolean;
  /**
   * The Cloudflare zone's name (getZone by zoneId). Default: none, so an offline plan of any
   * hostname works; the component then skips the zone checks it would run against Cloudflare.
   */
  cloudflareZoneName?: string;
  /** Records Cloudflare already holds (getDnsRecords answers those with the asked name). */
  existingDnsRecords?: { id: string; type: string; name: string; content: string; comment?: string }[];
  /** listClusterUserCredentials answers with no kubeconfig (`""`), or with text that is not one (`"garbage"`). */
  kubeconfigAnswer?: "" | "garbage";
  /**
   * Azure's online endpoints and deployments, kept across runs (online-endpoint-model.ts): pass the
   * same instance to consecutive runs to model consecutive `pulumi up`s. Default: a fresh one.
   */
  onlineEndpoints?: OnlineEndpointsOnAzure;
  /** What getAFDCustomDomain answers as `domainValidationState`. Default: `Approved`. */
  frontDoorDomainState?: string;
  /**
   * Managed online endpoints that exist before the run (`endpoints` of SslMlManagedEndpoints), by
   * name: getOnlineEndpoint answers them. Default: none.
   */
  existingManagedEndpoints?: Record<string, { publicNetworkAccess?: string; compute?: string }>;
  /** A `pulumi preview`: providers send nothing to Azure, so `onlineEndpoints` is read, never changed. */
  preview?: boolean;
}

export const DEFAULT_SUBSCRIPTION = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";
export const DEFAULT_FRONT_END_IP = "203.0.113.10";
/** The front end's address behind an internal load balancer: one of AKS's default node subnet, 10.224.0.0/16. */
export const INTERNAL_FRONT_END_IP = "10.224.0.200";
export const LETS_ENCRYPT_DIRECTORY = "https://acme-v02.api.letsencrypt.org/directory";

export type Dict = Record<string, unknown>;

/** What a resource module answers: the ID and the state the provider would return. */
export interface ModelAnswer {
  id: string | undefined;
  state: Dict;
}

/**
 * One row of the resource table: `inputs` as the engine sent them (secret markers kept, so a state
 * can echo them), `plain` the same with secrets unwrapped.
 */
export type ResourceModel = (
  m: OfflineModelState,
  args: pulumi.runtime.MockResourceArgs,
  inputs: Dict,
  plain: Dict,
) => ModelAnswer | Promise<ModelAnswer>;

/** One row of the invoke table: the answer to an invoke, its inputs unwrapped and already checked. */
export type InvokeModel = (m: OfflineModelState, inputs: Dict) => Dict;

export function hex(seed: string, n: number): string {
  return crypto.createHash("sha256").update(seed).digest("hex").slice(0, n);
}

export function guid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const normLocation = (l: unknown, def: string) =>
  String(l ?? def)
    .toLowerCase()
    .replace(/\s+/g, "");

/** Certificates issued in this process, by memo: issuing again with the same inputs gives the same one. */
export const certCache = new Map<string, string>();

/** The state of one offline run that the modules share (one per `setupOfflineRuntime`). */
export class OfflineModelState {
  readonly certificates: Record<string, string> = {};
  /** Directory URL of each acme provider instance, by provider ID. */
  readonly acmeServers = new Map<string, string>();
  /** Endpoint name to its traffic split, as the traffic templates last set it. */
  readonly traffic: Record<string, Record<string, number>> = {};
  /** Endpoint name to the endpoint as the last traffic template PUT it, after ARM evaluated the template. */
  readonly templateEndpoints: Record<string, Record<string, unknown>> = {};
  /** Azure's online endpoints and deployments (ARM PUT semantics: online-endpoint-model.ts). */
  readonly online: OnlineEndpointsOnAzure;
  /** An extension or legacy compute asked for an internal load balancer: the front end gets a private address. */
  internalFrontEnd = false;
  /** How many times the front end's address was read (see `frontEndReadsWithoutAddress`). */
  frontEndReads = 0;
  /** Legacy computes as their PUT answered, by compute name (getCompute answers them again). */
  readonly computes = new Map<string, Dict>();
  constructor(readonly options: OfflineModelOptions = {}) {
    this.online = options.onlineEndpoints ?? new OnlineEndpointsOnAzure();
  }

  get frontEndIp(): string {
    return this.options.frontEndIp ?? (this.internalFrontEnd ? INTERNAL_FRONT_END_IP : DEFAULT_FRONT_END_IP);
  }
  /** Counts one read of the front end's address; true when this read sees one. */
  frontEndRead(): boolean {
    this.frontEndReads += 1;
    return this.frontEndReads > (this.options.frontEndReadsWithoutAddress ?? 0);
  }
  get sub(): string {
    return this.options.subscriptionId ?? DEFAULT_SUBSCRIPTION;
  }
  get created(): string {
    return this.options.createdAt ?? "2026-01-01T00:00:00.0000000+00:00";
  }
  /** Region of a resource: as given, or Azure's default (`defaultLocation`, else eastus), normalized. */
  location(given: unknown): string {
    return normLocation(given, this.options.defaultLocation ?? "eastus");
  }
}
