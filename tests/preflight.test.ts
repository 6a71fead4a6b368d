// `ssl-ml-cluster preflight` against loopback stand-ins of ARM, Key Vault and Cloudflare: the real
// Azure SDK clients (@azure/arm-resources, arm-authorization, arm-network, arm-compute,
// keyvault-secrets) pointed at 127.0.0.1 with their `endpoint` option and a fake TokenCredential.
// Answers have the shapes of Microsoft's REST specs and Cloudflare's API docs (tests/helpers/fake-arm.ts).
import { strict as assert } from "node:assert";
import {
  Answer,
  armError,
  ArmStandIn,
  Recorded,
  startArmStandIn,
  startCloudflareStandIn,
  StandIn,
} from "./helpers/fake-arm";
import { FakeKeyVault, startFakeKeyVault } from "./helpers/fake-key-vault";
import { stackNeeds, StackNeeds } from "../sdk/preflight/needs";
import { runPreflight, formatPreflight, PreflightOptions } from "../sdk/preflight/run";
import { CLOUDFLARE_API_ENV } from "../sdk/preflight/checks-cloudflare";
import { Check } from "../sdk/preflight/check";
import * as fs from "node:fs";
import * as path from "node:path";
import { runPreflightCommand, PreflightDeps } from "../sdk/cli/preflight";
import { runPlan } from "../sdk/offline/plan";
import { UsageError } from "../sdk/errors";
import type { KeyVaultSecretRequest } from "../sdk/certificates/sources/keyvault-reader";
import { cli, ROOT } from "./helpers/cli";
import { tempDirs } from "./helpers/tmp";
import { runPreflight as runLivePreflight } from "../live/checks/preflight";

const SUB = "00000000-0000-0000-0000-0000000000aa";
const RG = `/subscriptions/${SUB}/resourcegroups/rg-ml`;
const WS = `${RG}/providers/microsoft.machinelearningservices/workspaces/ws-ml`;
const SUBNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/aks`;
const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

const token = { getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 }) };

/** What the quickstart plans (abridged to the inputs preflight reads) plus a subnet. */
function quickstartNeeds(keyVaultUri?: string): StackNeeds {
  const ml = (type: string, name: string) => ({
    op: "register",
    type: `azure-native:machinelearningservices:${type}`,
    name,
    inputs: { resourceGroupName: "rg-ml", workspaceName: "ws-ml", location: "westeurope" },
  });
  return stackNeeds(
    [
      {
        op: "register",
        type: "azure-native:containerservice:ManagedCluster",
        name: "ml-aks",
        inputs: {
          agentPoolProfiles: [{ count: 3, vmSize: "Standard_D4s_v3", vnetSubnetID: SUBNET }],
          identity: { type: "SystemAssigned" },
          location: "westeurope",
          resourceGroupName: "rg-ml",
        },
      },
      {
        op: "register",
        type: "azure-native:kubernetesconfiguration:Extension",
        name: "ml-azureml",
        inputs: { resourceGroupName: "rg-ml" },
      },
      ml("Compute", "ml-compute"),
      ml("OnlineEndpoint", "ml-iris"),
      ml("OnlineDeployment", "ml-iris-default"),
      {
        op: "register",
        type: "azure-native:resources:Deployment",
        name: "ml-iris-traffic",
        inputs: { resourceGroupName: "rg-ml" },
      },
      {
        op: "register",
        type: "cloudflare:index/dnsRecord:DnsRecord",
        name: "ml-dns",
        inputs: { zoneId: ZONE },
      },
    ],
    SUB,
    keyVaultUri ? [{ vaultUri: keyVaultUri, certificateName: "ml-cert" }] : [],
  );
}

/** The answers of a subscription where everything is in place (Microsoft's example shapes). */
function allGood(): { match: (r: Recorded) => boolean; answer: (r: Recorded) => Answer }[] {
  const is = (p: string) => (r: Recorded) => r.path === p.toLowerCase();
  return [
    {
      match: is(`/subscriptions/${SUB}`),
      answer: () => ({
        status: 200,
        body: {
          id: `/subscriptions/${SUB}`,
          subscriptionId: SUB,
          displayName: "ml-dev",
          state: "Enabled",
          tenantId: "t",
        },
      }),
    },
    {
      match: (r) =>
        r.path.startsWith(`/subscriptions/${SUB}/providers/microsoft.`) &&
        !r.path.includes("/locations/") &&
        !r.path.endsWith("/skus"),
      answer: (r) => ({
        status: 200,
        body: {
          id: r.path,
          namespace: r.path.split("/").pop(),
          registrationState: "Registered",
          resourceTypes: [],
        },
      }),
    },
    {
      match: is(WS),
      answer: () => ({
        status: 200,
        body: {
          id: WS,
          name: "ws-ml",
          type: "Microsoft.MachineLearningServices/workspaces",
          location: "westeurope",
          properties: {},
        },
      }),
    },
    {
      match: (r) => r.path.endsWith("/providers/microsoft.authorization/permissions"),
      answer: () => ({
        status: 200,
        body: { value: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }] },
      }),
    },
    {
      match: is(SUBNET),
      answer: () => ({
        status: 200,
        body: {
          id: SUBNET,
          name: "aks",
          properties: { addressPrefix: "10.1.0.0/24", provisioningState: "Succeeded" },
        },
      }),
    },
    {
      // VirtualNetworks_Get (azure-rest-api-specs, specification/network): its subnets and prefixes.
      match: is(SUBNET.replace(/\/subnets\/aks$/, "")),
      answer: () => ({
        status: 200,
        body: {
          id: SUBNET.replace(/\/subnets\/aks$/, ""),
          name: "vnet-ml",
          properties: {
            addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
            subnets: [{ id: SUBNET, name: "aks", properties: { addressPrefix: "10.1.0.0/24" } }],
          },
        },
      }),
    },
    {
      match: is(`/subscriptions/${SUB}/providers/Microsoft.Compute/skus`),
      answer: () => ({
        status: 200,
        body: {
          value: [
            {
              resourceType: "virtualMachines",
              name: "Standard_D4s_v3",
              tier: "Standard",
              size: "D4s_v3",
              family: "standardDSv3Family",
              locations: ["westeurope"],
              capabilities: [{ name: "vCPUs", value: "4" }],
            },
          ],
        },
      }),
    },
    {
      match: is(`/subscriptions/${SUB}/providers/Microsoft.Compute/locations/westeurope/usages`),
      answer: () => ({
        status: 200,
        body: {
          value: [
            {
              unit: "Count",
              currentValue: 4,
              limit: 100,
              name: { value: "cores", localizedValue: "Total Regional vCPUs" },
            },
            {
              unit: "Count",
              currentValue: 0,
              limit: 20,
              name: { value: "standardDSv3Family", localizedValue: "Standard DSv3 Family vCPUs" },
            },
          ],
        },
      }),
    },
  ];
}

function cloudflareGood(): StandIn["rules"] {
  return [
    {
      // List DNS Records (https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/list/).
      match: (r) => /^\/client\/v4\/zones\/[^/]+\/dns_records$/.test(r.path),
      answer: (r) =>
        r.authorization === "Bearer cf-token"
          ? {
              status: 200,
              body: {
                success: true,
                errors: [],
                messages: [],
                result: [],
                result_info: { page: 1, per_page: 5, count: 0, total_count: 0 },
              },
            }
          : {
              status: 403,
              body: {
                success: false,
                errors: [{ code: 10000, message: "Authentication error" }],
                messages: [],
              },
            },
    },
    {
      match: (r) => r.path === "/client/v4/user/tokens/verify",
      answer: (r) =>
        r.authorization === "Bearer cf-token"
          ? {
              status: 200,
              body: {
                success: true,
                errors: [],
                messages: [{ code: 10000, message: "This API Token is valid and active" }],
                result: { id: "ed17574386854bf78a67040be0a770b0", status: "active" },
              },
            }
          : {
              status: 401,
              body: {
                success: false,
                errors: [{ code: 1000, message: "Invalid API Token" }],
                messages: [],
                result: null,
              },
            },
    },
    {
      match: (r) => r.path === `/client/v4/zones/${ZONE}`,
      answer: () => ({
        status: 200,
        body: {
          success: true,
          errors: [],
          messages: [],
          result: { id: ZONE, name: "example.com", status: "active" },
        },
      }),
    },
  ];
}

describe("preflight against loopback stand-ins of ARM, Key Vault and Cloudflare", function () {
  this.timeout(60_000);
  let arm: ArmStandIn;
  let cf: StandIn;
  let vault: FakeKeyVault;
  before(async () => {
    [arm, cf, vault] = await Promise.all([startArmStandIn(), startCloudflareStandIn(), startFakeKeyVault()]);
  });
  after(async () => Promise.all([arm.close(), cf.close(), vault.close()]));
  beforeEach(() => {
    arm.requests.length = 0;
    cf.requests.length = 0;
    arm.rules = allGood();
    cf.rules = cloudflareGood();
    vault.answer = () => ({
      status: 200,
      body: {
        value: "-----BEGIN CERTIFICATE-----",
        id: `${vault.uri}secrets/ml-cert/v1`,
        attributes: { enabled: true },
        contentType: "application/x-pem-file",
      },
    });
  });

  const options = (): PreflightOptions => ({
    credential: token,
    signIn: "a test token",
    endpoint: arm.url,
    clientOptions: {
      agent: arm.agent,
      retryOptions: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    },
    keyVaultClientOptions: {
      agent: vault.agent,
      disableChallengeResourceVerification: true,
      retryOptions: { maxRetries: 0 },
    },
    cloudflareToken: "cf-token",
    env: { [CLOUDFLARE_API_ENV]: cf.url },
  });
  const run = (needs = quickstartNeeds(vault.uri)) => runPreflight(needs, options());
  const byId = (checks: Check[], id: string) => {
    const c = checks.find((x) => x.id === id);
    assert.ok(c, `no check ${id} in ${checks.map((x) => x.id).join(", ")}`);
    return c;
  };

  it("all in place: every check PASS (the subnet role SKIP, its identity being made by the stack)", async () => {
    const r = await run();
    assert.equal(r.ok, true, formatPreflight(r));
    assert.deepEqual(
      r.checks.map((c) => `${c.status} ${c.id}`),
      [
        "PASS subscription",
        "PASS provider:Microsoft.ContainerService",
        "PASS provider:Microsoft.KubernetesConfiguration",
        "PASS provider:Microsoft.MachineLearningServices",
        "PASS provider:Microsoft.Resources",
        "PASS workspace",
        `PASS permissions:/subscriptions/${SUB}/resourceGroups/rg-ml`,
        `PASS permissions:/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`,
        `PASS permissions:${SUBNET}`,
        `PASS keyvault:${vault.uri}ml-cert`,
        `PASS subnet:${SUBNET}`,
        `PASS service-cidr:${SUBNET}`,
        `SKIP subnet-role:${SUBNET}`,
        "PASS quota:westeurope:Standard_D4s_v3",
        "PASS cloudflare:token",
        `PASS cloudflare:zone:${ZONE}`,
        `PASS cloudflare:dns:${ZONE}`,
      ],
    );
    assert.match(byId(r.checks, "workspace").message, /region westeurope/);
    // Every request was a read, with the credential's token.
    assert.ok(arm.requests.every((q) => q.method === "GET" && q.authorization === "Bearer test-token"));
    assert.ok(arm.requests.some((q) => q.path === `${WS}/providers/microsoft.authorization/permissions`));
    assert.ok(!formatPreflight(r).includes("-----BEGIN"), "the secret's value is never printed");
  });

  it("401: the subscription check says sign in, the other Azure checks are not asked", async () => {
    arm.rules = [
      {
        match: () => true,
        answer: () => armError(401, "InvalidAuthenticationToken", "The access token is invalid."),
      },
    ];
    const r = await run();
    assert.equal(r.ok, false);
    const s = byId(r.checks, "subscription");
    assert.equal(s.status, "FAIL");
    assert.match(s.message, /401 Unauthorized/);
    assert.match(s.fix!, /az login, or export ARM_CLIENT_ID, ARM_TENANT_ID and ARM_CLIENT_SECRET/);
    assert.equal(byId(r.checks, "azure").status, "SKIP");
    assert.equal(arm.requests.length, 1);
  });

  it("403 on the resource group's permissions: FAIL naming the scope and the code", async () => {
    arm.rules.unshift({
      match: (q) => q.path === `${RG}/providers/microsoft.authorization/permissions`,
      answer: () =>
        armError(
          403,
          "AuthorizationFailed",
          "The client does not have authorization to perform action 'Microsoft.Authorization/permissions/read'.",
        ),
    });
    const r = await run();
    const c = byId(r.checks, `permissions:/subscriptions/${SUB}/resourceGroups/rg-ml`);
    assert.equal(c.status, "FAIL");
    assert.match(c.message, /403 Forbidden \(AuthorizationFailed: The client does not have authorization/);
    assert.equal(r.ok, false);
  });

  it("an unregistered provider: FAIL with the exact az provider register command", async () => {
    arm.rules.unshift({
      match: (q) => q.path === `/subscriptions/${SUB}/providers/microsoft.kubernetesconfiguration`,
      answer: () => ({
        status: 200,
        body: {
          namespace: "Microsoft.KubernetesConfiguration",
          registrationState: "NotRegistered",
          resourceTypes: [],
        },
      }),
    });
    const r = await run();
    const c = byId(r.checks, "provider:Microsoft.KubernetesConfiguration");
    assert.equal(c.status, "FAIL");
    assert.match(c.message, /NotRegistered/);
    assert.ok(
      c.fix!.startsWith(`az provider register -n Microsoft.KubernetesConfiguration --subscription ${SUB}`),
      c.fix,
    );
    assert.equal(byId(r.checks, "provider:Microsoft.ContainerService").status, "PASS");
  });

  it("a missing workspace (404): FAIL with how to create it", async () => {
    arm.rules.unshift({
      match: (q) => q.path === WS,
      answer: () =>
        armError(
          404,
          "ResourceNotFound",
          "The Resource 'Microsoft.MachineLearningServices/workspaces/ws-ml' under resource group 'rg-ml' was not found.",
        ),
    });
    const c = byId((await run()).checks, "workspace");
    assert.equal(c.status, "FAIL");
    assert.match(
      c.message,
      /workspace ws-ml does not exist in resource group rg-ml \(404 ResourceNotFound\)/,
    );
    assert.match(c.fix!, /az ml workspace create -n ws-ml -g rg-ml/);
  });

  it("a workspace in another region than the stack's location: FAIL", async () => {
    arm.rules.unshift({
      match: (q) => q.path === WS,
      answer: () => ({ status: 200, body: { id: WS, location: "eastus" } }),
    });
    const c = byId((await run()).checks, "workspace");
    assert.equal(c.status, "FAIL");
    assert.match(c.fix!, /set location to eastus/);
  });

  it("actions * with notActions Microsoft.Resources/deployments/write: FAIL naming that action", async () => {
    arm.rules.unshift({
      match: (q) => q.path === `${RG}/providers/microsoft.authorization/permissions`,
      answer: () => ({
        status: 200,
        body: {
          value: [
            {
              actions: ["*"],
              notActions: ["Microsoft.Resources/deployments/write"],
              dataActions: [],
              notDataActions: [],
            },
          ],
        },
      }),
    });
    const r = await run();
    const c = byId(r.checks, `permissions:/subscriptions/${SUB}/resourceGroups/rg-ml`);
    assert.equal(c.status, "FAIL");
    assert.equal(
      c.message,
      `not allowed on /subscriptions/${SUB}/resourceGroups/rg-ml: Microsoft.Resources/deployments/write`,
    );
    assert.equal(
      byId(
        r.checks,
        `permissions:/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`,
      ).status,
      "PASS",
    );
  });

  it("429 with Retry-After: the SDK's retry policy waits and the check passes", async () => {
    let calls = 0;
    arm.rules.unshift({
      match: (q) => q.path === `/subscriptions/${SUB}/providers/microsoft.containerservice`,
      answer: () =>
        ++calls === 1
          ? { ...armError(429, "TooManyRequests", "Rate limit exceeded"), headers: { "retry-after": "1" } }
          : {
              status: 200,
              body: { namespace: "Microsoft.ContainerService", registrationState: "Registered" },
            },
    });
    const r = await run();
    assert.equal(byId(r.checks, "provider:Microsoft.ContainerService").status, "PASS");
    assert.equal(calls, 2);
  });

  it("a failed Cloudflare token: FAIL naming both answers, no zone line", async () => {
    cf.rules.splice(2, 1, {
      match: (r) => r.path === `/client/v4/zones/${ZONE}`,
      answer: (r) =>
        r.authorization === "Bearer cf-token"
          ? {
              status: 200,
              body: {
                success: true,
                errors: [],
                messages: [],
                result: { id: ZONE, name: "example.com", status: "active" },
              },
            }
          : {
              status: 403,
              body: {
                success: false,
                errors: [{ code: 9109, message: "Unauthorized to access requested resource" }],
                messages: [],
                result: null,
              },
            },
    });
    const r = await runPreflight(quickstartNeeds(vault.uri), { ...options(), cloudflareToken: "revoked" });
    const c = byId(r.checks, "cloudflare:token");
    assert.equal(c.status, "FAIL");
    assert.match(
      c.message,
      /not active \(401: 1000 Invalid API Token\) and cannot read zone .* \(403: 9109 Unauthorized/,
    );
    assert.match(c.fix!, /Zone:Read and DNS:Edit/);
    assert.equal(
      r.checks.some((x) => x.id.startsWith("cloudflare:zone:")),
      false,
    );
    assert.equal(r.ok, false);
  });

  it("an account-owned Cloudflare token (user verify refuses it) that reads the zone: PASS", async () => {
    cf.rules[1] = {
      match: (r) => r.path === "/client/v4/user/tokens/verify",
      answer: () => ({
        status: 401,
        body: {
          success: false,
          errors: [{ code: 1000, message: "Invalid API Token" }],
          messages: [],
          result: null,
        },
      }),
    };
    const r = await run();
    assert.equal(byId(r.checks, "cloudflare:token").status, "PASS");
    assert.equal(byId(r.checks, `cloudflare:zone:${ZONE}`).status, "PASS");
  });

  it("a Cloudflare token with Zone:Read but no DNS permission: the zone PASSes, its records FAIL", async () => {
    cf.rules.unshift({
      match: (r) => r.path === `/client/v4/zones/${ZONE}/dns_records`,
      answer: () => ({
        status: 403,
        body: { success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [] },
      }),
    });
    const r = await run();
    assert.equal(byId(r.checks, `cloudflare:zone:${ZONE}`).status, "PASS");
    const d = byId(r.checks, `cloudflare:dns:${ZONE}`);
    assert.equal(d.status, "FAIL");
    assert.match(d.message, /cannot list the DNS records of zone .* \(403: 10000 Authentication error\)/);
    assert.match(d.fix!, /DNS:Edit/);
    assert.equal(r.ok, false);
  });

  it("Key Vault 403: FAIL with the role to grant", async () => {
    vault.answer = () => ({
      status: 403,
      body: {
        error: {
          code: "Forbidden",
          message: "Caller is not authorized to perform action on resource.",
          innererror: { code: "ForbiddenByRbac" },
        },
      },
    });
    const c = byId((await run()).checks, `keyvault:${vault.uri}ml-cert`);
    assert.equal(c.status, "FAIL");
    assert.match(c.fix!, /Key Vault Secrets User/);
  });

  it("a missing subnet and a short vCPU quota: FAIL each", async () => {
    arm.rules.unshift(
      {
        match: (q) => q.path === SUBNET.toLowerCase(),
        answer: () => armError(404, "NotFound", "Resource not found."),
      },
      {
        match: (q) => q.path.endsWith("/locations/westeurope/usages"),
        answer: () => ({
          status: 200,
          body: {
            value: [
              {
                unit: "Count",
                currentValue: 10,
                limit: 20,
                name: { value: "standardDSv3Family", localizedValue: "Standard DSv3 Family vCPUs" },
              },
            ],
          },
        }),
      },
    );
    const r = await run();
    assert.match(
      byId(r.checks, `subnet:${SUBNET}`).message,
      /subnet aks of virtual network vnet-ml in rg-net does not exist/,
    );
    const q = byId(r.checks, "quota:westeurope:Standard_D4s_v3");
    assert.equal(q.status, "FAIL");
    assert.match(q.message, /Standard DSv3 Family vCPUs: 10 of 20 used, 12 more needed/);
  });

  it("AKS's default service range 10.0.0.0/16 over a subnet of the VNet (the portal's default range): FAIL", async () => {
    const vnetId = SUBNET.replace(/\/subnets\/aks$/, "");
    arm.rules.unshift({
      match: (q) => q.path === vnetId.toLowerCase(),
      answer: () => ({
        status: 200,
        body: {
          id: vnetId,
          name: "vnet-ml",
          properties: {
            addressSpace: { addressPrefixes: ["10.0.0.0/8"] },
            subnets: [
              { id: SUBNET, name: "aks", properties: { addressPrefix: "10.1.0.0/24" } },
              {
                id: `${vnetId}/subnets/default`,
                name: "default",
                properties: { addressPrefix: "10.0.0.0/24" },
              },
            ],
          },
        },
      }),
    });
    const c = byId((await run()).checks, `service-cidr:${SUBNET}`);
    assert.equal(c.status, "FAIL");
    assert.match(
      c.message,
      /service range 10\.0\.0\.0\/16 overlaps subnet default \(10\.0\.0\.0\/24\) of vnet-ml/,
    );
    assert.match(c.fix!, /network\.serviceCidr/);
  });

  it("two pools of one family in one region share its quota: their vCPUs are summed", async () => {
    const needs = quickstartNeeds(vault.uri);
    // 3 × 4 vCPUs each: 24 of the family's 20, where each alone (12) would fit.
    needs.nodePools.push({ ...needs.nodePools[0], from: "Compute ml2-compute" });
    const r = await run(needs);
    const q = byId(r.checks, "quota:westeurope:Standard_D4s_v3");
    assert.equal(q.status, "FAIL", formatPreflight(r));
    assert.match(q.message, /Standard DSv3 Family vCPUs: 0 of 20 used, 24 more needed/);
    assert.equal(r.checks.filter((c) => c.id.startsWith("quota:")).length, 1);
  });

  it("a size listed with a Location restriction (NotAvailableForSubscription) is not offered: FAIL", async () => {
    arm.rules.unshift({
      match: (q) => q.path.endsWith("/providers/microsoft.compute/skus"),
      answer: () => ({
        status: 200,
        body: {
          value: [
            {
              resourceType: "virtualMachines",
              name: "Standard_D4s_v3",
              family: "standardDSv3Family",
              locations: ["westeurope"],
              capabilities: [{ name: "vCPUs", value: "4" }],
              restrictions: [
                {
                  type: "Location",
                  values: ["westeurope"],
                  restrictionInfo: { locations: ["westeurope"] },
                  reasonCode: "NotAvailableForSubscription",
                },
              ],
            },
          ],
        },
      }),
    });
    const q = byId((await run()).checks, "quota:westeurope:Standard_D4s_v3");
    assert.equal(q.status, "FAIL");
    assert.match(q.message, /not offered in westeurope to this subscription \(NotAvailableForSubscription\)/);
  });
});

describe("ssl-ml-cluster preflight (the command): program or plan JSON in, table or JSON out, exit codes", function () {
  this.timeout(120_000);
  const tmp = tempDirs();
  const QUICKSTART_ZONE = "0123456789abcdef0123456789abcdef"; // examples/quickstart's default zone ID
  let arm: ArmStandIn;
  let cf: StandIn;
  let planFile: string;
  before(async () => {
    [arm, cf] = await Promise.all([startArmStandIn(), startCloudflareStandIn()]);
    arm.rules = allGood();
    cf.rules = cloudflareGood();
    cf.rules.push({
      match: (r) => r.path === `/client/v4/zones/${QUICKSTART_ZONE}`,
      answer: (r) =>
        r.authorization === "Bearer cf-token"
          ? {
              status: 200,
              body: {
                success: true,
                errors: [],
                messages: [],
                result: { id: QUICKSTART_ZONE, name: "example.com", status: "active" },
              },
            }
          : {
              status: 403,
              body: {
                success: false,
                errors: [{ code: 9109, message: "Unauthorized" }],
                messages: [],
                result: null,
              },
            },
    });
    const { plan } = await runPlan(path.join(ROOT, "examples/quickstart"));
    planFile = path.join(tmp("ssl-ml-preflight-"), "plan.json");
    fs.writeFileSync(planFile, JSON.stringify(plan));
  });
  after(async () => Promise.all([arm.close(), cf.close()]));

  const deps = (env: Record<string, string> = {}): PreflightDeps => ({
    credential: token,
    endpoint: arm.url,
    clientOptions: { agent: arm.agent, retryOptions: { maxRetries: 0 } },
    env: { ARM_SUBSCRIPTION_ID: SUB, CLOUDFLARE_API_TOKEN: "cf-token", [CLOUDFLARE_API_ENV]: cf.url, ...env },
    azAccountId: () => undefined,
  });
  const capture = () => {
    const out = { text: "" };
    return { out, write: (s: string) => (out.text += s) };
  };

  it("a program folder: plans it offline, --json prints { ok, checks }, exit 0", async () => {
    const { out, write } = capture();
    const code = await runPreflightCommand(
      path.join(ROOT, "examples/quickstart"),
      { json: true },
      write,
      deps(),
    );
    const r = JSON.parse(out.text) as { ok: boolean; checks: Check[] };
    assert.equal(code, 0, out.text);
    assert.equal(r.ok, true);
    assert.deepEqual(Object.keys(r.checks[0]).sort(), ["id", "message", "status"]);
    assert.deepEqual(
      r.checks.map((c) => c.id),
      [
        "subscription",
        "provider:Microsoft.ContainerService",
        "provider:Microsoft.KubernetesConfiguration",
        "provider:Microsoft.MachineLearningServices",
        "provider:Microsoft.Resources",
        "workspace",
        `permissions:/subscriptions/${SUB}/resourceGroups/rg-ml`,
        `permissions:/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`,
        "quota:westeurope:Standard_D4s_v3",
        "cloudflare:token",
        `cloudflare:zone:${QUICKSTART_ZONE}`,
        `cloudflare:dns:${QUICKSTART_ZONE}`,
      ],
    );
  });

  it("a plan JSON (plan --json) in place of the folder; a FAIL is exit 1 and the table names the fix", async () => {
    const { out, write } = capture();
    const code = await runPreflightCommand(planFile, {}, write, deps({ CLOUDFLARE_API_TOKEN: "revoked" }));
    assert.equal(code, 1);
    assert.match(
      out.text,
      /^FAIL {2}cloudflare:token: the Cloudflare API token is not active .* \| fix: create an API token/m,
    );
    assert.match(out.text, /^PASS {2}workspace: /m);
    assert.match(out.text, /preflight: 1 of 10 checks FAIL: fix them before pulumi up\n$/);
  });

  it("a sign-in route lacking a variable is one FAIL line, exit 1 (the credential is azure-native's)", async () => {
    const { out, write } = capture();
    const { credential: _unused, ...noCredential } = deps({ ARM_CLIENT_SECRET: "s", ARM_CLIENT_ID: "c" });
    const code = await runPreflightCommand(planFile, {}, write, noCredential);
    assert.equal(code, 1);
    assert.match(
      out.text,
      /^FAIL {2}sign-in: signing in as service principal ARM_CLIENT_ID with ARM_CLIENT_SECRET needs ARM_TENANT_ID/m,
    );
  });

  it("bad usage exits 2: no subscription, a JSON that is not a plan, an unknown option", async () => {
    await assert.rejects(
      runPreflightCommand(planFile, {}, () => undefined, { ...deps(), env: {} }),
      (e: Error) => e instanceof UsageError && /no subscription: give --subscription/.test(e.message),
    );
    const notPlan = path.join(tmp("ssl-ml-preflight-"), "x.json");
    fs.writeFileSync(notPlan, "{}");
    const r = await cli("preflight", notPlan, "--subscription", SUB);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not a plan printed by 'ssl-ml-cluster plan --json'/);
    assert.equal((await cli("preflight", "--no-such-option")).code, 2);
  });

  it("the offline run tells which Key Vault certificates the stack reads (examples/private-keyvault)", async () => {
    const reads: KeyVaultSecretRequest[] = [];
    await runPlan(path.join(ROOT, "examples/private-keyvault"), { onKeyVaultRead: (r) => reads.push(r) });
    assert.deepEqual(
      reads.map((r) => [r.vaultUri, r.certificateName]),
      [["https://contoso-tls.vault.azure.net/", "ml-contoso-internal"]],
    );
  });
});

describe("the live check's preflight step runs the command in its own process", function () {
  this.timeout(120_000);
  const tmp = tempDirs();
  it("a usage error of the command rejects with its message (no Azure is asked)", async () => {
    const notPlan = path.join(tmp("ssl-ml-preflight-"), "x.json");
    fs.writeFileSync(notPlan, "{}");
    await assert.rejects(
      runLivePreflight(notPlan, "live-abc123", { "azure-native:subscriptionId": SUB }),
      /^Error: ssl-ml-cluster preflight failed: ssl-ml-cluster: .*x\.json is not a plan printed by 'ssl-ml-cluster plan --json'/,
    );
  });
});
