// The live program's configuration (set by live/live-check.ts with `pulumi config set`), read and
// checked before anything is registered: a wrong value names its key and how to fix it.
import * as pulumi from "@pulumi/pulumi";

export type LiveKind = "kubernetes" | "aks";

export interface LiveConfig {
  /** `kubernetes` (the Azure ML extension) or the legacy `aks` compute. */
  kind: LiveKind;
  resourceGroupName: string;
  workspaceName: string;
  /** Region of a new AKS cluster (and of a created workspace). */
  location?: string;
  /** Create the workspace (with its storage account and key vault) instead of using one. */
  createWorkspace: boolean;
  /** The hostname on the certificate and in DNS (unless the certificate is Microsoft-managed). */
  hostname?: string;
  cloudflareZoneId?: string;
  azureDnsZone?: string;
  azureDnsResourceGroup?: string;
  /**
   * The private variant: a subnet of the VNet this check runs in; the new cluster and its internal
   * front end go there, and the record goes to a private zone linked to the subnet's VNet.
   */
  subnetId?: string;
  privateDnsZone?: string;
  privateDnsResourceGroup?: string;
  certificate: "selfSigned" | "microsoftManaged";
  algorithm: "RSA" | "ECDSA";
  leafDomainLabel?: string;
  /** Version of the environment asset: the "model/environment change" step moves it. */
  environmentVersion: string;
  /** Version of the code asset: the opt-in "replace the deployment" step moves it. */
  codeVersion: string;
  /** When set, a description change on the online endpoint only (the "endpoint-only change" step). */
  endpointNote?: string;
  instanceCount: number;
  /** Names derived from the stack: unique per run, within Azure's limits. */
  names: { base: string; endpoint: string; compute: string };
}

/** Azure ML endpoint names: 3–32 characters, a letter first, letters, digits and '-'. */
export function liveNames(stack: string): LiveConfig["names"] {
  const clean = `sml-${stack}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-");
  const cut = (s: string, n: number) => s.slice(0, n).replace(/-+$/, "");
  return { base: cut(clean, 32), endpoint: cut(clean, 32), compute: cut(clean, 24) };
}

function oneOf<T extends string>(key: string, value: string | undefined, allowed: T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as string[]).includes(value)) return value as T;
  throw new Error(
    `config ${key}: ${JSON.stringify(value)} is not one of ${allowed.join(", ")}; set it with pulumi config set ${key} ${allowed[0]}`,
  );
}

/** Reads and checks the configuration (pure but for the Config it is given). */
export function readLiveConfig(config: pulumi.Config, stack: string): LiveConfig {
  const kind = oneOf("kind", config.get("kind"), ["kubernetes", "aks"], "kubernetes");
  const certificate = oneOf(
    "certificate",
    config.get("certificate"),
    ["selfSigned", "microsoftManaged"],
    "selfSigned",
  );
  if (certificate === "microsoftManaged" && kind !== "aks")
    throw new Error("config certificate: microsoftManaged exists on the aks kind only; set kind aks");
  const c: LiveConfig = {
    kind,
    resourceGroupName: config.require("resourceGroupName"),
    workspaceName: config.require("workspaceName"),
    location: config.get("location"),
    createWorkspace: config.getBoolean("createWorkspace") ?? false,
    hostname: config.get("hostname"),
    cloudflareZoneId: config.get("cloudflareZoneId"),
    azureDnsZone: config.get("azureDnsZone"),
    azureDnsResourceGroup: config.get("azureDnsResourceGroup"),
    subnetId: config.get("subnetId"),
    privateDnsZone: config.get("privateDnsZone"),
    privateDnsResourceGroup: config.get("privateDnsResourceGroup"),
    certificate,
    algorithm: oneOf("certificateAlgorithm", config.get("certificateAlgorithm"), ["RSA", "ECDSA"], "RSA"),
    leafDomainLabel: config.get("leafDomainLabel"),
    environmentVersion: config.get("environmentVersion") ?? "1",
    codeVersion: config.get("codeVersion") ?? "1",
    endpointNote: config.get("endpointNote"),
    instanceCount: config.getNumber("instanceCount") ?? 2,
    names: liveNames(stack),
  };
  if (c.createWorkspace && !c.location)
    throw new Error("config createWorkspace: a new workspace needs a region; set location (e.g. westeurope)");
  if (certificate === "microsoftManaged") {
    if (!c.leafDomainLabel)
      throw new Error(
        "config leafDomainLabel: a Microsoft-managed certificate needs one; set leafDomainLabel",
      );
    return c;
  }
  if (!c.hostname) throw new Error("config hostname: the hostname under your DNS zone is required");
  if (c.subnetId) {
    if (!c.privateDnsZone || !c.privateDnsResourceGroup)
      throw new Error(
        "config subnetId: the private variant writes the record in an Azure Private DNS zone; set privateDnsZone and privateDnsResourceGroup",
      );
    return c;
  }
  if (!c.cloudflareZoneId && !(c.azureDnsZone && c.azureDnsResourceGroup))
    throw new Error(
      "config: no DNS zone; set cloudflareZoneId, or azureDnsZone and azureDnsResourceGroup (the zone the hostname is in)",
    );
  return c;
}
