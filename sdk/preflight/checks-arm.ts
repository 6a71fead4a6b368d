// The Azure Resource Manager checks: subscription, resource providers, workspace, effective
// permissions on each scope, DNS zones. Azure's SDKs (@azure/arm-resources, @azure/arm-authorization)
// are loaded when the checks run, never by `require("ssl-ml-cluster")` or the other commands.
import type { ResourceManagementClient } from "@azure/arm-resources";
import {
  AzureCheckOptions,
  Check,
  describeError,
  fail,
  isSignInError,
  parseArmId,
  pass,
  sdkError,
  SIGN_IN_FIX,
  skip,
} from "./check";
import { missingActions, PermissionEntry } from "./permissions";
import { StackNeeds } from "./needs";

/* eslint-disable @typescript-eslint/no-require-imports */
const arm = () => require("@azure/arm-resources") as typeof import("@azure/arm-resources");
const authz = () => require("@azure/arm-authorization") as typeof import("@azure/arm-authorization");
/* eslint-enable @typescript-eslint/no-require-imports */

/** API versions of the generic GETs (Azure's REST reference for each type). */
const API = {
  subscription: "2022-12-01",
  workspace: "2024-10-01",
  dnszones: "2018-05-01",
  privateDnsZones: "2020-06-01",
};

export function clientOptions(o: AzureCheckOptions): Record<string, unknown> {
  return o.endpoint ? { ...o.clientOptions, endpoint: o.endpoint } : { ...o.clientOptions };
}

/** A GET of any ARM ID through the SDK's pipeline (retries, throttling, auth); the body as JSON. */
export async function armGet(
  client: ResourceManagementClient,
  id: string,
  apiVersion: string,
): Promise<Record<string, unknown>> {
  let body: unknown;
  await client.resources.getById(id.replace(/^\/+/, ""), apiVersion, {
    onResponse: (raw) => {
      body = raw.parsedBody;
    },
  });
  return (body ?? {}) as Record<string, unknown>;
}

async function subscriptionCheck(client: ResourceManagementClient, needs: StackNeeds, o: AzureCheckOptions) {
  const id = "subscription";
  try {
    const s = await armGet(client, `/subscriptions/${needs.subscriptionId}`, API.subscription);
    const state = String(s.state ?? "unknown");
    return state === "Enabled"
      ? pass(
          id,
          `subscription ${needs.subscriptionId} (${String(s.displayName ?? "")}) is Enabled; signed in as ${o.signIn ?? "the given credential"}`,
        )
      : fail(
          id,
          `subscription ${needs.subscriptionId} is ${state}`,
          "only an Enabled subscription accepts writes: reactivate it in the Azure portal (Subscriptions) or set ARM_SUBSCRIPTION_ID to another",
        );
  } catch (e) {
    if (isSignInError(e))
      return fail(id, describeError(e, `subscription ${needs.subscriptionId}`), SIGN_IN_FIX);
    if (sdkError(e).statusCode === 404 || sdkError(e).statusCode === 403)
      return fail(
        id,
        describeError(e, `subscription ${needs.subscriptionId}`),
        "the identity has no role in this subscription, or it does not exist: check ARM_SUBSCRIPTION_ID (az account list -o table)",
      );
    return fail(
      id,
      describeError(e, `subscription ${needs.subscriptionId}`),
      "retry; if it persists, check Azure's status page",
    );
  }
}

async function providerChecks(client: ResourceManagementClient, needs: StackNeeds): Promise<Check[]> {
  return Promise.all(
    needs.providers.map(async (ns) => {
      const id = `provider:${ns}`;
      const fix = `az provider register -n ${ns} --subscription ${needs.subscriptionId} (registration takes a few minutes; az provider show -n ${ns} --query registrationState)`;
      try {
        const p = await client.providers.get(ns);
        return p.registrationState === "Registered"
          ? pass(id, `${ns} is registered`)
          : fail(
              id,
              `${ns} is ${p.registrationState ?? "not registered"} in subscription ${needs.subscriptionId}`,
              fix,
            );
      } catch (e) {
        return fail(
          id,
          describeError(e, `reading the registration of ${ns}`),
          sdkError(e).statusCode === 404 ? fix : SIGN_IN_FIX,
        );
      }
    }),
  );
}

async function workspaceCheck(client: ResourceManagementClient, needs: StackNeeds): Promise<Check[]> {
  const ws = needs.workspace;
  if (!ws) return [];
  const id = "workspace";
  if (ws.madeByStack)
    return [
      skip(
        id,
        `workspace ${ws.name} is made by this stack (its actions are checked on resource group ${ws.resourceGroup})`,
      ),
    ];
  try {
    const w = await armGet(client, ws.id, API.workspace);
    const region = String(w.location ?? "");
    if (
      ws.location &&
      region &&
      region.replace(/\s/g, "").toLowerCase() !== ws.location.replace(/\s/g, "").toLowerCase()
    )
      return [
        fail(
          id,
          `workspace ${ws.name} is in ${region}, the stack places its resources in ${ws.location}`,
          `set location to ${region} (the endpoints and the compute live in the workspace's region)`,
        ),
      ];
    return [pass(id, `workspace ${ws.name} exists in resource group ${ws.resourceGroup}, region ${region}`)];
  } catch (e) {
    if (sdkError(e).statusCode === 404)
      return [
        fail(
          id,
          `workspace ${ws.name} does not exist in resource group ${ws.resourceGroup} (404 ${sdkError(e).code ?? "ResourceNotFound"})`,
          `create it (az ml workspace create -n ${ws.name} -g ${ws.resourceGroup}) or set workspaceName / resourceGroupName to an existing one`,
        ),
      ];
    return [
      fail(
        id,
        describeError(e, `reading workspace ${ws.name}`),
        isSignInError(e) ? SIGN_IN_FIX : `grant the identity Reader (or Contributor) on ${ws.id}`,
      ),
    ];
  }
}

/** The role to suggest for a scope, by what it is. */
function roleFor(scope: string): string {
  if (/\/dnszones\//i.test(scope)) return "DNS Zone Contributor";
  if (/\/privateDnsZones\//i.test(scope)) return "Private DNS Zone Contributor";
  if (/\/subnets\//i.test(scope)) return "Network Contributor";
  return "Contributor";
}

async function permissionCheck(
  sub: string,
  scope: { id: string; actions: string[] },
  o: AzureCheckOptions,
): Promise<Check> {
  const id = `permissions:${scope.id}`;
  const parts = parseArmId(scope.id);
  if (!parts) return fail(id, `cannot read the scope ${scope.id}`, "give a full ARM resource ID");
  const client = new (authz().AuthorizationManagementClient)(
    o.credential,
    parts.subscriptionId || sub,
    clientOptions(o),
  );
  const entries: PermissionEntry[] = [];
  try {
    // A top-level resource has an empty parent path: the SDK then sends `Namespace//type/name`,
    // which ARM accepts as the Azure CLI's `az resource show` does (same empty parent).
    const pages = parts.provider
      ? client.permissions.listForResource(
          parts.resourceGroup,
          parts.provider,
          parts.parentPath,
          parts.type,
          parts.name,
        )
      : client.permissions.listForResourceGroup(parts.resourceGroup);
    for await (const p of pages) entries.push({ actions: p.actions, notActions: p.notActions });
  } catch (e) {
    if (sdkError(e).statusCode === 404)
      return fail(
        id,
        `${scope.id} does not exist (404 ${sdkError(e).code ?? "NotFound"})`,
        parts.provider
          ? "create it first, or correct its name in the program's arguments"
          : `create the resource group: az group create -n ${parts.resourceGroup} -l <region>`,
      );
    return fail(
      id,
      describeError(e, `reading the permissions on ${scope.id}`),
      isSignInError(e) ? SIGN_IN_FIX : `grant the identity a role on ${scope.id}`,
    );
  }
  const missing = missingActions(entries, scope.actions);
  if (missing.length === 0)
    return pass(id, `all ${scope.actions.length} actions the stack needs on ${scope.id} are allowed`);
  return fail(
    id,
    `not allowed on ${scope.id}: ${missing.join(", ")}`,
    `assign a role that grants them (e.g. az role assignment create --assignee <identity> --role "${roleFor(scope.id)}" --scope ${scope.id}); a notActions entry of a custom role removes an action even under "*"`,
  );
}

async function dnsZoneChecks(client: ResourceManagementClient, needs: StackNeeds): Promise<Check[]> {
  return Promise.all(
    needs.dnsZones.map(async (zone) => {
      const id = `dns-zone:${zone}`;
      const priv = /\/privateDnsZones\//i.test(zone);
      try {
        await armGet(client, zone, priv ? API.privateDnsZones : API.dnszones);
        return pass(id, `${priv ? "private " : ""}DNS zone ${zone.split("/").pop()} exists`);
      } catch (e) {
        if (sdkError(e).statusCode === 404)
          return fail(
            id,
            `DNS zone ${zone} does not exist (404)`,
            `create it (az network ${priv ? "private-dns zone" : "dns zone"} create -g ${parseArmId(zone)?.resourceGroup} -n ${zone.split("/").pop()}) or correct the zone's name and resource group`,
          );
        return fail(
          id,
          describeError(e, `reading DNS zone ${zone}`),
          isSignInError(e) ? SIGN_IN_FIX : `grant the identity ${roleFor(zone)} on ${zone}`,
        );
      }
    }),
  );
}

/**
 * The ARM checks, in order. When the subscription cannot be read for want of a sign-in, the rest is
 * not asked (each would fail the same way).
 */
export async function armChecks(
  needs: StackNeeds,
  o: AzureCheckOptions,
): Promise<{ checks: Check[]; signedIn: boolean }> {
  const client = new (arm().ResourceManagementClient)(o.credential, needs.subscriptionId, clientOptions(o));
  const sub = await subscriptionCheck(client, needs, o);
  if (sub.status === "FAIL" && sub.fix === SIGN_IN_FIX) return { checks: [sub], signedIn: false };
  const checks: Check[] = [sub];
  checks.push(...(await providerChecks(client, needs)));
  checks.push(...(await workspaceCheck(client, needs)));
  for (const scope of needs.scopes) checks.push(await permissionCheck(needs.subscriptionId, scope, o));
  checks.push(...(await dnsZoneChecks(client, needs)));
  return { checks, signedIn: true };
}
