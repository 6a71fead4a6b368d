// What the live check needs before it creates anything: a Pulumi CLI, Azure credentials, the
// workspace and the DNS zone the user names. Missing ones are named in one line (exit 0).
import { execFileSync } from "node:child_process";

/** The names the user gives (environment), kept in the state folder for `--resume`. */
export interface LiveTarget {
  subscriptionId: string;
  resourceGroupName: string;
  workspaceName: string;
  hostname: string;
  location?: string;
  cloudflareZoneId?: string;
  azureDnsZone?: string;
  azureDnsResourceGroup?: string;
  /**
   * The private variant (LIVE_SUBNET_ID): the new cluster in this subnet, an internal front end, and
   * the record in an Azure Private DNS zone linked to the subnet's VNet. Its DNS, TLS and scoring
   * checks then need a machine inside that VNet (or one peered to it).
   */
  subnetId?: string;
  privateDnsZone?: string;
  privateDnsResourceGroup?: string;
}

const CREDENTIALS =
  "Azure credentials (ARM_CLIENT_ID + ARM_CLIENT_SECRET + ARM_TENANT_ID, or LIVE_USE_AZ_CLI=1 after az login)";
const ZONE =
  "a DNS zone (LIVE_CLOUDFLARE_ZONE_ID with CLOUDFLARE_API_TOKEN, or LIVE_AZURE_DNS_ZONE with LIVE_AZURE_DNS_RESOURCE_GROUP)";

const SUBNET_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

/** Whether `pulumi version` runs with this environment's PATH. */
export function pulumiCliPresent(env: NodeJS.ProcessEnv): boolean {
  try {
    execFileSync("pulumi", ["version"], { stdio: "ignore", timeout: 20_000, env });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is missing to run against Azure, or [] when everything is there. With `resumeTarget`, the
 * names come from the state folder and only the CLI and the credentials are checked.
 */
export function missingPrerequisites(
  e: NodeJS.ProcessEnv,
  hasPulumi: boolean,
  opts: { createWorkspace?: boolean; resumeTarget?: LiveTarget } = {},
): string[] {
  const missing: string[] = [];
  if (!hasPulumi) missing.push("a Pulumi CLI on PATH (pulumi version failed)");
  const sp = e.ARM_CLIENT_ID && (e.ARM_CLIENT_SECRET || e.ARM_USE_OIDC || e.ARM_USE_MSI) && e.ARM_TENANT_ID;
  if (!e.ARM_SUBSCRIPTION_ID && !opts.resumeTarget) missing.push("ARM_SUBSCRIPTION_ID");
  if (!sp && !e.LIVE_USE_AZ_CLI) missing.push(CREDENTIALS);
  if (opts.resumeTarget) {
    if (opts.resumeTarget.cloudflareZoneId && !e.CLOUDFLARE_API_TOKEN) missing.push("CLOUDFLARE_API_TOKEN");
    return missing;
  }
  for (const k of ["LIVE_RESOURCE_GROUP", "LIVE_WORKSPACE", "LIVE_HOSTNAME"]) if (!e[k]) missing.push(k);
  if (opts.createWorkspace && !e.LIVE_LOCATION)
    missing.push("LIVE_LOCATION (the region of the new workspace)");
  if (e.LIVE_SUBNET_ID) {
    if (!SUBNET_ID.test(e.LIVE_SUBNET_ID))
      missing.push(
        "LIVE_SUBNET_ID as a subnet's resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)",
      );
    for (const k of ["LIVE_PRIVATE_DNS_ZONE", "LIVE_PRIVATE_DNS_RESOURCE_GROUP"]) if (!e[k]) missing.push(k);
  } else if (e.LIVE_CLOUDFLARE_ZONE_ID) {
    if (!e.CLOUDFLARE_API_TOKEN) missing.push("CLOUDFLARE_API_TOKEN");
  } else if (e.LIVE_AZURE_DNS_ZONE) {
    if (!e.LIVE_AZURE_DNS_RESOURCE_GROUP) missing.push("LIVE_AZURE_DNS_RESOURCE_GROUP");
  } else missing.push(ZONE);
  return missing;
}

/** The target named by the environment (call once missingPrerequisites returned []). */
export function liveTarget(e: NodeJS.ProcessEnv): LiveTarget {
  const t: LiveTarget = {
    subscriptionId: e.ARM_SUBSCRIPTION_ID!,
    resourceGroupName: e.LIVE_RESOURCE_GROUP!,
    workspaceName: e.LIVE_WORKSPACE!,
    hostname: e.LIVE_HOSTNAME!,
  };
  if (e.LIVE_LOCATION) t.location = e.LIVE_LOCATION;
  if (e.LIVE_SUBNET_ID) {
    t.subnetId = e.LIVE_SUBNET_ID;
    t.privateDnsZone = e.LIVE_PRIVATE_DNS_ZONE;
    t.privateDnsResourceGroup = e.LIVE_PRIVATE_DNS_RESOURCE_GROUP;
  } else if (e.LIVE_CLOUDFLARE_ZONE_ID) t.cloudflareZoneId = e.LIVE_CLOUDFLARE_ZONE_ID;
  else {
    t.azureDnsZone = e.LIVE_AZURE_DNS_ZONE;
    t.azureDnsResourceGroup = e.LIVE_AZURE_DNS_RESOURCE_GROUP;
  }
  return t;
}
