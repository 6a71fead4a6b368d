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

/** A required value that is not set: its key, and why it is needed when that is not obvious. */
export interface MissingValue {
  key: string;
  why?: string;
}

/**
 * Everything wrong with the configuration, found in one run: every missing value (named as
 * `ssl-ml-cluster plan` names them, each with the command that sets it), then every wrong one.
 */
export class LiveConfigError extends Error {
  constructor(
    readonly missing: MissingValue[],
    readonly wrong: string[],
  ) {
    const set = (k: string) => `pulumi config set ${k} VALUE`;
    const parts: string[] = [];
    if (missing.length === 1) {
      const m = missing[0];
      parts.push(
        `the live program needs the configuration value ${m.key}${m.why ? ` (${m.why})` : ""}: set it with ${set(m.key)}`,
      );
    } else if (missing.length > 1)
      parts.push(
        `the live program needs ${missing.length} configuration values, ${missing.map((m) => `${m.key}${m.why ? ` (${m.why})` : ""}`).join(", ")}: set them with ${missing.map((m) => set(m.key)).join("; ")}`,
      );
    super([...parts, ...wrong].join("\n"));
    this.name = "LiveConfigError";
  }
}

/** `value` when it is one of `allowed`, else the fallback and a problem naming the key. */
function oneOf<T extends string>(
  key: string,
  value: string | undefined,
  allowed: T[],
  fallback: T,
  wrong: string[],
): T {
  if (value === undefined) return fallback;
  if ((allowed as string[]).includes(value)) return value as T;
  wrong.push(
    `config ${key}: ${JSON.stringify(value)} is not one of ${allowed.join(", ")}; set it with pulumi config set ${key} ${allowed[0]}`,
  );
  return fallback;
}

/**
 * Checks the configuration, pure: `get` answers a key's value (undefined or "" when unset). Throws
 * a LiveConfigError naming every problem at once.
 */
export function checkLiveConfig(get: (key: string) => string | undefined, stack: string): LiveConfig {
  const value = (k: string) => (get(k) === "" ? undefined : get(k));
  const missing: MissingValue[] = [];
  const wrong: string[] = [];
  const need = (key: string, why?: string) => {
    const v = value(key);
    if (v === undefined) missing.push({ key, why });
    return v;
  };
  const kind = oneOf("kind", value("kind"), ["kubernetes", "aks"], "kubernetes", wrong);
  const certificate = oneOf(
    "certificate",
    value("certificate"),
    ["selfSigned", "microsoftManaged"],
    "selfSigned",
    wrong,
  );
  if (certificate === "microsoftManaged" && kind !== "aks")
    wrong.push("config certificate: microsoftManaged exists on the aks kind only; set kind aks");
  const createWorkspace = value("createWorkspace");
  if (createWorkspace !== undefined && createWorkspace !== "true" && createWorkspace !== "false")
    wrong.push(`config createWorkspace: ${JSON.stringify(createWorkspace)} is not true or false`);
  const instanceCount = value("instanceCount");
  if (instanceCount !== undefined && !/^[1-9][0-9]*$/.test(instanceCount))
    wrong.push(`config instanceCount: ${JSON.stringify(instanceCount)} is not a whole number of replicas`);
  const c: LiveConfig = {
    kind,
    resourceGroupName: need("resourceGroupName") ?? "",
    workspaceName: need("workspaceName") ?? "",
    location: value("location"),
    createWorkspace: createWorkspace === "true",
    hostname: value("hostname"),
    cloudflareZoneId: value("cloudflareZoneId"),
    azureDnsZone: value("azureDnsZone"),
    azureDnsResourceGroup: value("azureDnsResourceGroup"),
    subnetId: value("subnetId"),
    privateDnsZone: value("privateDnsZone"),
    privateDnsResourceGroup: value("privateDnsResourceGroup"),
    certificate,
    algorithm: oneOf("certificateAlgorithm", value("certificateAlgorithm"), ["RSA", "ECDSA"], "RSA", wrong),
    leafDomainLabel: value("leafDomainLabel"),
    environmentVersion: value("environmentVersion") ?? "1",
    codeVersion: value("codeVersion") ?? "1",
    endpointNote: value("endpointNote"),
    instanceCount: instanceCount !== undefined ? Number(instanceCount) : 2,
    names: liveNames(stack),
  };
  if (c.createWorkspace) need("location", "the region of the new workspace, as createWorkspace is true");
  if (certificate === "microsoftManaged")
    need("leafDomainLabel", "the label of Azure's name for a Microsoft-managed certificate");
  else {
    need("hostname", "the hostname under your DNS zone");
    if (c.subnetId) {
      const why = "the private variant, subnetId, writes the record in an Azure Private DNS zone";
      need("privateDnsZone", why);
      need("privateDnsResourceGroup", why);
    } else if (!c.cloudflareZoneId) {
      if (c.azureDnsZone || c.azureDnsResourceGroup) {
        need("azureDnsZone", "the Azure DNS zone the hostname is in");
        need("azureDnsResourceGroup", "the resource group of the Azure DNS zone");
      } else
        missing.push({
          key: "cloudflareZoneId",
          why: "or azureDnsZone and azureDnsResourceGroup: the zone the hostname is in",
        });
    }
  }
  if (missing.length > 0 || wrong.length > 0) throw new LiveConfigError(missing, wrong);
  return c;
}

/**
 * Reads and checks the configuration. A missing value is also asked of `config.require`, after
 * the check and only to be named: under `pulumi up` that throws at the first and is ignored here
 * (the LiveConfigError names them all); `ssl-ml-cluster plan` answers each and then names them all
 * with its `--config` flags, as for any program.
 */
export function readLiveConfig(config: pulumi.Config, stack: string): LiveConfig {
  try {
    return checkLiveConfig((k) => config.get(k), stack);
  } catch (e) {
    if (e instanceof LiveConfigError)
      for (const m of e.missing)
        try {
          config.require(m.key);
        } catch {
          // Pulumi's own "Missing required configuration variable": ours names them all.
        }
    throw e;
  }
}
