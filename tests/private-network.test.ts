// A private scoring front end with split-horizon DNS, through the component and the offline
// engine: the extension setting and the legacy compute fields, the private record set and its VNet
// links, ACME through a public challenge zone, every bad input refused before registering, and a
// switch between public and private shown as an in-place update (never a replacement).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { at, freshRuntime, unwrapSecrets } from "./mocks";
import { SslMlCluster } from "../sdk/component";
import { build, quickstartArgs, T } from "./helpers/component";
import { tempDirs } from "./helpers/tmp";
import { runPlan } from "../sdk/offline/plan";
import { comparePlans } from "../sdk/offline/diff";
import { DEFAULT_SUBSCRIPTION, INTERNAL_FRONT_END_IP } from "../sdk/offline/models/azure-model";
import { virtualNetworkLinkName } from "../sdk/dns/private-rules";
import { ownershipComment } from "../sdk/dns/record";
import type { SslMlClusterArgs } from "../sdk/types";

const P = {
  record: "azure-native:privatedns:PrivateRecordSet",
  link: "azure-native:privatedns:VirtualNetworkLink",
  acmeCert: "acme:index/certificate:Certificate",
};
const VNET =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml";
const HUB =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";
const SUBNET = `${VNET}/subnets/snet-ilb`;
const AKS_ID =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-1";

function privateArgs(extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs {
  return quickstartArgs({
    network: { internalLoadBalancer: true, subnetId: SUBNET },
    dns: {
      azurePrivate: { zoneName: "example.com", resourceGroupName: "rg-dns", virtualNetworkIds: [VNET, HUB] },
    },
    ...extra,
  });
}

function legacyArgs(extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs {
  return privateArgs({
    cluster: { kind: "aks", nodeCount: 3, vmSize: "Standard_D4s_v3", computeName: "aks-ssl" },
    services: [{ name: "sentiment" }],
    ...extra,
  });
}

describe("private front end: kubernetes kind", () => {
  it("sends internalLoadBalancerProvider=azure in the extension; the front end's private address makes the A record", async () => {
    const { rec, out } = await build(privateArgs());
    const settings = rec.one(T.ext).inputs.configurationSettings as Record<string, string>;
    assert.equal(settings.internalLoadBalancerProvider, "azure");
    assert.equal(settings["scoringFe.serviceType.internalLoadBalancer"], "True");
    assert.equal(settings.inferenceRouterServiceType, "LoadBalancer");
    // Discovered from Service azureml/azureml-fe as today: the internal load balancer's address.
    assert.equal(out.frontEndIp, INTERNAL_FRONT_END_IP);
    assert.deepEqual(out.dnsRecord, {
      type: "A",
      name: "ml.example.com",
      content: INTERNAL_FRONT_END_IP,
      managed: true,
    });
    assert.deepEqual(rec.warnings, [
      "certificate.selfSigned: a self-signed certificate is for development only; clients must trust it explicitly",
    ]);
  });

  it("a public cluster sends neither key (the body as before)", async () => {
    const { rec } = await build(quickstartArgs());
    const settings = rec.one(T.ext).inputs.configurationSettings as Record<string, string>;
    assert.equal("internalLoadBalancerProvider" in settings, false);
    assert.equal("scoringFe.serviceType.internalLoadBalancer" in settings, false);
  });
});

describe("a new cluster in the callers' subnet (network.subnetId)", () => {
  const ROLE = "azure-native:authorization:RoleAssignment";
  // Azure's built-in Network Contributor role ID, from Microsoft's built-in roles page.
  const NETWORK_CONTRIBUTOR =
    "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7";

  it("kubernetes: the node pool's vnetSubnetID, an Azure CNI overlay profile, Network Contributor for the cluster identity", async () => {
    const { rec } = await build(privateArgs());
    const mc = rec.one(T.aks);
    assert.deepEqual(unwrapSecrets(mc.inputs.agentPoolProfiles), [
      {
        name: "system",
        mode: "System",
        count: 3,
        vmSize: "Standard_D4s_v3",
        osType: "Linux",
        type: "VirtualMachineScaleSets",
        vnetSubnetID: SUBNET,
      },
    ]);
    assert.deepEqual(unwrapSecrets(mc.inputs.networkProfile), {
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      loadBalancerSku: "standard",
      serviceCidr: "10.0.0.0/16",
      dnsServiceIP: "10.0.0.10",
      // Filled in by azure-native's own input defaults (containerServiceNetworkProfileArgsProvideDefaults).
      outboundType: "loadBalancer",
      podCidr: "10.244.0.0/16",
    });
    const principal = (mc.outputs.identity as { principalId: string }).principalId;
    assert.match(principal, /^[0-9a-f-]{36}$/);
    const role = rec.one(ROLE);
    assert.equal(role.name, "ml-subnet-role");
    assert.equal(role.parent, rec.one(T.component).urn);
    assert.deepEqual(unwrapSecrets(role.inputs), {
      scope: SUBNET,
      roleDefinitionId: NETWORK_CONTRIBUTOR,
      principalId: principal,
      principalType: "ServicePrincipal",
      description: "ssl-ml-cluster ml: the AKS cluster's internal load balancer in this subnet",
    });
    assert.equal(role.outputs.type, "Microsoft.Authorization/roleAssignments");
    assert.match(String(role.outputs.name), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The extension (and so the front end's internal load balancer) waits for the role.
    assert.ok(rec.one(T.ext).dependencies.includes(role.urn));
    assert.ok(rec.one(T.ext).dependencies.includes(mc.urn));
  });

  it("kubernetes: assignSubnetRole false makes no role; serviceCidr and dnsServiceIP are sent as given", async () => {
    const { rec } = await build(
      privateArgs({
        network: {
          internalLoadBalancer: true,
          subnetId: SUBNET,
          assignSubnetRole: false,
          serviceCidr: "172.20.0.0/16",
          dnsServiceIP: "172.20.0.10",
        },
      }),
    );
    assert.equal(rec.byType(ROLE).length, 0);
    const profile = unwrapSecrets(rec.one(T.aks).inputs.networkProfile) as Record<string, string>;
    assert.equal(profile.serviceCidr, "172.20.0.0/16");
    assert.equal(profile.dnsServiceIP, "172.20.0.10");
  });

  it("kubernetes: allowInternalWithoutSubnet keeps AKS's own VNet (no vnetSubnetID, no profile, no role)", async () => {
    const { rec } = await build(
      privateArgs({ network: { internalLoadBalancer: true, allowInternalWithoutSubnet: true } }),
    );
    const pool = (rec.one(T.aks).inputs.agentPoolProfiles as Record<string, unknown>[])[0];
    assert.equal("vnetSubnetID" in pool, false);
    assert.equal("networkProfile" in rec.one(T.aks).inputs, false);
    assert.equal(rec.byType(ROLE).length, 0);
  });

  it("a public cluster is unchanged: no vnetSubnetID, no network profile, no role", async () => {
    const { rec } = await build(quickstartArgs());
    const pool = (rec.one(T.aks).inputs.agentPoolProfiles as Record<string, unknown>[])[0];
    assert.equal("vnetSubnetID" in pool, false);
    assert.equal("networkProfile" in rec.one(T.aks).inputs, false);
    assert.equal(rec.byType(ROLE).length, 0);
  });

  it("aks: a new compute's aksNetworkingConfiguration carries the subnet's full ID and the three ranges", async () => {
    const { rec } = await build(legacyArgs());
    const inner = (
      at(rec.one(T.compute).inputs, "properties").value as Record<string, Record<string, unknown>>
    ).properties;
    assert.deepEqual(inner.aksNetworkingConfiguration, {
      subnetId: SUBNET,
      serviceCidr: "10.0.0.0/16",
      dnsServiceIP: "10.0.0.10",
      dockerBridgeCidr: "172.17.0.1/16",
    });
    assert.equal(inner.loadBalancerType, "InternalLoadBalancer");
    assert.equal(inner.loadBalancerSubnet, "snet-ilb");
    assert.equal(rec.byType(ROLE).length, 0, "the legacy kind's cluster identity does not exist yet");
  });

  it("aks, attached: a subnet in the cluster's VNet is sent by name; one in another VNet is refused", async () => {
    const attached = (subnet: string) =>
      legacyArgs({
        cluster: { kind: "aks", existingClusterId: AKS_ID, computeName: "aks-ssl" },
        network: { internalLoadBalancer: true, subnetId: subnet },
      });
    const nodes = `${VNET}/subnets/snet-nodes`;
    const ok = await build(attached(SUBNET), { existingClusterSubnetId: nodes });
    const inner = (
      at(ok.rec.one(T.compute).inputs, "properties").value as Record<string, Record<string, unknown>>
    ).properties;
    assert.equal(inner.loadBalancerSubnet, "snet-ilb");
    assert.equal("aksNetworkingConfiguration" in inner, false, "an attached cluster keeps its network");
    await assert.rejects(
      build(attached(`${HUB}/subnets/snet-ilb`), { existingClusterSubnetId: nodes }),
      /network\.subnetId: is in virtual network .*\/virtualNetworks\/vnet-hub, but the attached cluster's nodes are in .*\/virtualNetworks\/vnet-ml/,
    );
    // AKS's own VNet (no vnetSubnetID reported): nothing to compare, sent as given.
    await build(attached(`${HUB}/subnets/snet-ilb`));
  });
});

describe("private front end: legacy aks kind", () => {
  it("sends loadBalancerType InternalLoadBalancer and the subnet's name as loadBalancerSubnet", async () => {
    const { rec, out } = await build(
      legacyArgs({ network: { internalLoadBalancer: true, subnetId: SUBNET } }),
    );
    const inner = (
      at(rec.one(T.compute).inputs, "properties").value as Record<string, Record<string, unknown>>
    ).properties;
    assert.equal(inner.loadBalancerType, "InternalLoadBalancer");
    assert.equal(inner.loadBalancerSubnet, "snet-ilb");
    assert.equal(out.frontEndIp, INTERNAL_FRONT_END_IP, "the ScoringFrontEnd system service's address");
  });

  it("network.internalLoadBalancer false sends PublicIp; no network block sends neither field", async () => {
    const pub = await build(legacyArgs({ network: { internalLoadBalancer: false }, dns: undefined }));
    const inner = (
      at(pub.rec.one(T.compute).inputs, "properties").value as Record<string, Record<string, unknown>>
    ).properties;
    assert.equal(inner.loadBalancerType, "PublicIp");
    assert.equal("loadBalancerSubnet" in inner, false);
    const none = await build(legacyArgs({ network: undefined, dns: undefined }));
    const bare = (
      at(none.rec.one(T.compute).inputs, "properties").value as Record<string, Record<string, unknown>>
    ).properties;
    assert.equal("loadBalancerType" in bare, false);
  });
});

describe("split-horizon DNS: dns.azurePrivate", () => {
  it("one private A record set (relative name, ownership in metadata) and one link per VNet, registration off", async () => {
    const { rec } = await build(privateArgs());
    const component = rec.one(T.component);
    const r = rec.one(P.record);
    assert.equal(r.name, "ml-dns");
    assert.equal(r.parent, component.urn);
    assert.deepEqual(unwrapSecrets(r.inputs), {
      privateZoneName: "example.com",
      resourceGroupName: "rg-dns",
      relativeRecordSetName: "ml",
      recordType: "A",
      aRecords: [{ ipv4Address: INTERNAL_FRONT_END_IP }],
      ttl: 300,
      metadata: { managedBy: ownershipComment("ssl-ml-cluster", "dev", "ml") },
    });
    assert.ok(r.deleteBeforeReplace);
    assert.deepEqual(r.replaceOnChanges, ["recordType"]);
    assert.equal(r.outputs.fqdn, "ml.example.com.");
    assert.equal(r.outputs.type, "Microsoft.Network/privateDnsZones/A");

    const links = rec.byType(P.link);
    assert.deepEqual(
      links.map((l) => l.name).sort(),
      [virtualNetworkLinkName("ml", VNET), virtualNetworkLinkName("ml", HUB)].sort(),
    );
    for (const [id, l] of [VNET, HUB].map(
      (v) => [v, rec.byName(virtualNetworkLinkName("ml", v))!] as const,
    )) {
      assert.equal(l.parent, component.urn);
      assert.deepEqual(unwrapSecrets(l.inputs), {
        privateZoneName: "example.com",
        resourceGroupName: "rg-dns",
        virtualNetworkLinkName: l.name,
        location: "global",
        registrationEnabled: false,
        virtualNetwork: { id },
        tags: { managedBy: ownershipComment("ssl-ml-cluster", "dev", "ml") },
      });
      assert.equal(l.outputs.virtualNetworkLinkState, "Completed");
    }
    // No public record anywhere.
    assert.equal(rec.byType(T.dns).length + rec.byType("azure-native:dns:RecordSet").length, 0);
  });

  it("a link keeps its name when another network is added before it", async () => {
    const one = await build(
      privateArgs({
        dns: {
          azurePrivate: { zoneName: "example.com", resourceGroupName: "rg-dns", virtualNetworkIds: [HUB] },
        },
      }),
    );
    const two = await build(privateArgs());
    assert.deepEqual(
      one.rec.byType(P.link).map((l) => l.name),
      [virtualNetworkLinkName("ml", HUB)],
    );
    assert.ok(two.rec.byName(virtualNetworkLinkName("ml", HUB)));
  });

  it("the record at the zone apex is @", async () => {
    const { rec } = await build(privateArgs({ hostname: "example.com" }));
    assert.equal(rec.one(P.record).inputs.relativeRecordSetName, "@");
  });

  it("a private record for an apex CNAME (a front end with a host name) is refused, naming hostname and the fix", async () => {
    await assert.rejects(
      build(privateArgs({ hostname: "example.com" }), { frontEndHostname: "fe.internal.example.net" }),
      /hostname: example\.com is the apex of zone example\.com and the front end is a host name \(fe\.internal\.example\.net\): a CNAME cannot sit at a zone apex; use a subdomain such as ml\.example\.com/,
    );
  });

  it("a private zone with a public front end: built, with a warning", async () => {
    const { rec } = await build(privateArgs({ network: undefined }));
    assert.ok(
      rec.warnings.some((w) => /^dns\.azurePrivate without network\.internalLoadBalancer: true/.test(w)),
    );
    assert.equal(rec.one(P.record).inputs.recordType, "A");
  });
});

describe("ACME with a private record and a public challenge zone", () => {
  it("Azure DNS challenge zone with a managed identity: the TXT goes there, the A record stays private", async () => {
    const { rec } = await build(
      privateArgs({
        certificate: {
          acme: {
            email: "ops@contoso.com",
            challenge: {
              azure: { zoneName: "example.com", resourceGroupName: "rg-public-dns", authMethod: "msi" },
            },
          },
        },
      }),
    );
    const challenge = (rec.one(P.acmeCert).inputs.dnsChallenges as Record<string, unknown>[])[0];
    assert.equal(challenge.provider, "azuredns");
    // lego's precheck asks public resolvers, not the VNet's split-horizon one.
    assert.deepEqual(rec.one(P.acmeCert).inputs.recursiveNameservers, ["1.1.1.1:53", "8.8.8.8:53"]);
    assert.equal(at(challenge, "config").secret, true);
    assert.deepEqual(at(challenge, "config").value, {
      AZURE_SUBSCRIPTION_ID: DEFAULT_SUBSCRIPTION,
      ARM_SUBSCRIPTION_ID: DEFAULT_SUBSCRIPTION,
      AZURE_RESOURCE_GROUP: "rg-public-dns",
      ARM_RESOURCE_GROUP: "rg-public-dns",
      AZURE_ZONE_NAME: "example.com",
      AZURE_AUTH_METHOD: "msi",
    });
    assert.ok(
      rec.infos.includes(
        'certificate.acme: DNS-01 through Azure DNS, signing in with the "msi" method (certificate.acme.challenge.azure.authMethod)',
      ),
    );
    assert.equal(rec.one(P.record).inputs.resourceGroupName, "rg-dns");
    assert.equal(rec.byType("azure-native:dns:RecordSet").length, 0, "no public A record");
  });

  it("Cloudflare challenge zone: its token, secret, answers the challenge", async () => {
    const TOKEN = "cf-challenge-token-8Qz";
    const { rec } = await build(
      privateArgs({
        certificate: {
          acme: {
            email: "ops@contoso.com",
            challenge: { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", apiToken: TOKEN } },
          },
        },
      }),
    );
    const challenge = (rec.one(P.acmeCert).inputs.dnsChallenges as Record<string, unknown>[])[0];
    assert.equal(challenge.provider, "cloudflare");
    assert.equal(at(challenge, "config").secret, true);
    assert.deepEqual(at(challenge, "config").value, {
      CLOUDFLARE_DNS_API_TOKEN: TOKEN,
      CLOUDFLARE_ZONE_API_TOKEN: TOKEN,
    });
    assert.ok(
      rec.infos.includes(
        "certificate.acme: DNS-01 through Cloudflare with the API token from certificate.acme.challenge.cloudflare.apiToken",
      ),
    );
    assert.equal(rec.byType(T.dns).length, 0, "no Cloudflare record: the A record is private");
  });
});

describe("bad input for a private front end is refused before anything is registered", () => {
  const cases: [string, SslMlClusterArgs, RegExp][] = [
    [
      "a subnet ID that is not a subnet",
      legacyArgs({ network: { internalLoadBalancer: true, subnetId: VNET } }),
      /^network\.subnetId: .* is not a subnet resource ID \(this is a virtual network's ID: add \/subnets\/<subnet>\)/,
    ],
    [
      "an internal front end on a new cluster without a subnet",
      privateArgs({ network: { internalLoadBalancer: true } }),
      /^network\.subnetId: is required for a new cluster with network\.internalLoadBalancer: true: .*Pass network\.subnetId .*network\.allowInternalWithoutSubnet: true$/,
    ],
    [
      "the same on the legacy kind",
      legacyArgs({ network: { internalLoadBalancer: true } }),
      /^network\.subnetId: is required for a new cluster with network\.internalLoadBalancer: true/,
    ],
    [
      "a subnet on an attached kubernetes-kind cluster",
      privateArgs({ cluster: { existingClusterId: AKS_ID } }),
      /^network\.subnetId: does not apply to an attached cluster on the kubernetes kind/,
    ],
    [
      "assignSubnetRole on the legacy kind",
      legacyArgs({ network: { internalLoadBalancer: true, subnetId: SUBNET, assignSubnetRole: true } }),
      /^network\.assignSubnetRole: applies to the kubernetes kind only/,
    ],
    [
      "a zone name that does not contain the hostname",
      privateArgs({ dns: { azurePrivate: { zoneName: "corp.example.org", resourceGroupName: "rg-dns" } } }),
      /^dns\.azurePrivate\.zoneName: hostname ml\.example\.com is outside the zone corp\.example\.org/,
    ],
    [
      "a malformed VNet ID",
      privateArgs({
        dns: {
          azurePrivate: { zoneName: "example.com", resourceGroupName: "rg-dns", virtualNetworkIds: [SUBNET] },
        },
      }),
      /^dns\.azurePrivate\.virtualNetworkIds\[0\]: .* is not a virtual network resource ID/,
    ],
    [
      "ACME with only a private zone",
      privateArgs({ certificate: { acme: { email: "ops@contoso.com" } } }),
      /^certificate\.acme\.challenge: is required with dns\.azurePrivate/,
    ],
    [
      "a private and a public record together",
      privateArgs({
        dns: {
          azurePrivate: { zoneName: "example.com", resourceGroupName: "rg" },
          azure: { zoneName: "example.com", resourceGroupName: "rg" },
        },
      }),
      /^dns: give either dns\.azure or dns\.azurePrivate, not both/,
    ],
  ];
  for (const [title, args, message] of cases) {
    it(title, () => {
      const rec = freshRuntime();
      assert.throws(
        () => new SslMlCluster("ml", args),
        (e: Error) => {
          assert.equal(e.name, "ArgumentError");
          assert.match(e.message, message);
          return true;
        },
      );
      assert.equal(rec.registrations.length, 0, "nothing was registered");
    });
  }
});

describe("public ↔ private is an in-place update in a preview, never a replacement", () => {
  const tmp = tempDirs();
  let dir: string;
  before(() => {
    dir = tmp("privnet-program-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: privnet\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "index.js"),
      `const pulumi = require("@pulumi/pulumi");
const { SslMlCluster } = require("ssl-ml-cluster");
const config = new pulumi.Config();
const aks = config.require("kind") === "aks";
const ml = new SslMlCluster("ml", {
  hostname: "ml.example.com",
  resourceGroupName: "rg-ml",
  workspaceName: "ws-ml",
  location: "westeurope",
  cluster: aks ? { kind: "aks", nodeCount: 3, vmSize: "Standard_D4s_v3" } : undefined,
  certificate: { selfSigned: {} },
  // The switch alone: AKS refuses to move an existing node pool into a subnet (vnetSubnetID).
  network: config.requireBoolean("internal")
    ? { internalLoadBalancer: true, allowInternalWithoutSubnet: true }
    : { internalLoadBalancer: false },
  services: aks ? [{ name: "sentiment" }] : [{ name: "iris", model: "azureml:iris:1", environment: "azureml:sklearn-env:1" }],
});
exports.frontEndIp = ml.frontEndIp;
exports.computeId = ml.computeId;
`,
    );
  });

  for (const kind of ["kubernetes", "aks"]) {
    it(`${kind}: the front end's setting is an update; the cluster and compute are never replaced`, async () => {
      const env = process.env.SSL_ML_CLUSTER_NOW;
      process.env.SSL_ML_CLUSTER_NOW = "2027-01-10T00:00:00Z";
      try {
        const pub = await runPlan(dir, { config: { kind, internal: "false" } });
        const priv = await runPlan(dir, {
          config: { kind, internal: "true" },
          priorCertificates: pub.plan.offlineCertificates,
        });
        for (const [a, b] of [
          [pub.plan, priv.plan],
          [priv.plan, pub.plan],
        ]) {
          const c = comparePlans(a, b);
          const moved = c.changes.filter((x) => x.verdict !== "same" && x.verdict !== "read");
          assert.deepEqual(c.summary.replace, 0, JSON.stringify(moved));
          assert.deepEqual(c.summary.create + c.summary.delete, 0);
          if (kind === "kubernetes") {
            assert.deepEqual(
              moved.map((x) => [x.name, x.verdict, x.fields]),
              [
                [
                  "ml-azureml",
                  "update",
                  [
                    "configurationSettings.internalLoadBalancerProvider",
                    "configurationSettings.scoringFe.serviceType.internalLoadBalancer",
                  ],
                ],
              ],
            );
          } else {
            assert.deepEqual(
              moved.map((x) => [x.name, x.verdict, x.fields]),
              [["ml-compute", "update", ["properties.properties.loadBalancerType"]]],
            );
          }
          assert.ok(c.outputs.some((o) => o.key === "frontEndIp" && o.verdict === "update"));
        }
      } finally {
        if (env === undefined) delete process.env.SSL_ML_CLUSTER_NOW;
        else process.env.SSL_ML_CLUSTER_NOW = env;
      }
    });
  }
});
