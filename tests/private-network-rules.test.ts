// The pure rules of a private front end, split-horizon DNS and the ACME challenge zone (no mocks).
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ArgumentError } from "../sdk/errors";
import {
  checkServiceRange,
  checkServiceRangeClear,
  checkSubnetInClusterVnet,
  cidrsOverlap,
  parseSubnetId,
  validateNetwork,
} from "../sdk/cluster/network-rules";
import {
  clusterNetworkProfile,
  legacyNetworkingConfiguration,
  subnetRoleAssignment,
} from "../sdk/cluster/subnet-placement";
import { extensionSettings } from "../sdk/cluster/extension-settings";
import { loadBalancerFields } from "../sdk/cluster/aks";
import {
  checkVirtualNetworkId,
  validateAzurePrivateDns,
  virtualNetworkLinkName,
} from "../sdk/dns/private-rules";
import { azurePrivateRecordBody } from "../sdk/dns/azure-private";
import { challengeProvider } from "../sdk/certificates/sources/acme-challenge-rules";
import { azureChallengeConfig, azureMsiWarnings } from "../sdk/certificates/sources/acme-challenge";
import type { AcmeChallengeArgs, AzurePrivateDnsArgs } from "../sdk/types";

const SUBNET =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ilb";
const VNET =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml";
const VNET2 =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";

function refused(fn: () => unknown, argument: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ArgumentError, `an ArgumentError, got ${String(e)}`);
    assert.equal(e.argument, argument);
    assert.match(e.message, message);
    return true;
  });
}

describe("network rules (private front end)", () => {
  it("no network block: nothing decided; true/false resolved; a subnet's name taken from its ID", () => {
    assert.deepEqual(validateNetwork(undefined, "kubernetes", undefined, []), {});
    assert.deepEqual(validateNetwork({ internalLoadBalancer: false }, "aks", undefined, []), {
      internalLoadBalancer: false,
      subnetName: undefined,
    });
    assert.deepEqual(
      validateNetwork({ internalLoadBalancer: true, subnetId: SUBNET }, "aks", undefined, []),
      {
        internalLoadBalancer: true,
        subnetName: "snet-ilb",
        // AKS's documented defaults (learn.microsoft.com/azure/aks/configure-azure-cni).
        newClusterSubnet: { serviceCidr: "10.0.0.0/16", dnsServiceIP: "10.0.0.10", assignRole: true },
      },
    );
    // Attached: the subnet's name only; the cluster keeps its network.
    assert.deepEqual(
      validateNetwork({ internalLoadBalancer: true, subnetId: SUBNET }, "aks", undefined, [], true),
      { internalLoadBalancer: true, subnetName: "snet-ilb" },
    );
    assert.deepEqual(parseSubnetId("x", SUBNET.toLowerCase()).subnetName, "snet-ilb");
  });

  it("refuses a subnet ID that is not a subnet, naming network.subnetId and the form", () => {
    for (const bad of [
      VNET,
      "snet-ilb",
      `${SUBNET}/extra`,
      SUBNET.replace("Microsoft.Network", "Microsoft.Compute"),
      42,
    ]) {
      refused(
        () => validateNetwork({ internalLoadBalancer: true, subnetId: bad as string }, "aks", undefined, []),
        "network.subnetId",
        /is not a subnet resource ID.*\/subscriptions\/<subscription>\/resourceGroups\/<group>\/providers\/Microsoft\.Network\/virtualNetworks\/<vnet>\/subnets\/<subnet>/,
      );
    }
    refused(
      () => validateNetwork({ internalLoadBalancer: true, subnetId: VNET }, "aks", undefined, []),
      "network.subnetId",
      /virtual network's ID: add \/subnets\/<subnet>/,
    );
  });

  it("subnetId: not on an attached kubernetes-kind cluster, and only with an internal load balancer", () => {
    refused(
      () =>
        validateNetwork({ internalLoadBalancer: true, subnetId: SUBNET }, "kubernetes", undefined, [], true),
      "network.subnetId",
      /does not apply to an attached cluster on the kubernetes kind: the Azure ML extension has no subnet setting/,
    );
    assert.deepEqual(
      validateNetwork({ internalLoadBalancer: true, subnetId: SUBNET }, "kubernetes", undefined, [])
        .newClusterSubnet,
      { serviceCidr: "10.0.0.0/16", dnsServiceIP: "10.0.0.10", assignRole: true },
    );
    refused(
      () => validateNetwork({ internalLoadBalancer: false, subnetId: SUBNET }, "aks", undefined, []),
      "network.subnetId",
      /needs network\.internalLoadBalancer: true/,
    );
  });

  it("internalLoadBalancer must be a boolean; unknown fields are named", () => {
    refused(
      () =>
        validateNetwork({ internalLoadBalancer: "yes" as unknown as boolean }, "kubernetes", undefined, []),
      "network.internalLoadBalancer",
      /must be true .* or false/,
    );
    refused(
      () => validateNetwork({ internalLoadbalancer: true } as never, "kubernetes", undefined, []),
      "network.internalLoadbalancer",
      /did you mean "internalLoadBalancer"/,
    );
  });

  it("a private front end with a public DNS zone is a warning (the private address would be published)", () => {
    const w: string[] = [];
    validateNetwork({ internalLoadBalancer: true, subnetId: SUBNET }, "kubernetes", "dns.cloudflare", w);
    assert.equal(w.length, 1);
    assert.match(
      w[0],
      /network\.internalLoadBalancer with dns\.cloudflare: .*private address.*dns\.azurePrivate/,
    );
    const none: string[] = [];
    validateNetwork({ internalLoadBalancer: false }, "kubernetes", "dns.cloudflare", none);
    assert.deepEqual(none, []);
  });
});

describe("network rules: a new cluster in the callers' subnet", () => {
  it("an internal front end on a new cluster needs a subnet, unless explicitly allowed", () => {
    for (const kind of ["kubernetes", "aks"] as const) {
      refused(
        () => validateNetwork({ internalLoadBalancer: true }, kind, undefined, []),
        "network.subnetId",
        /^network\.subnetId: is required for a new cluster with network\.internalLoadBalancer: true: without it AKS puts the cluster, and the private front end, in a virtual network of its own .*Pass network\.subnetId .*network\.allowInternalWithoutSubnet: true$/,
      );
      assert.deepEqual(
        validateNetwork(
          { internalLoadBalancer: true, allowInternalWithoutSubnet: true },
          kind,
          undefined,
          [],
        ),
        { internalLoadBalancer: true, subnetName: undefined },
      );
      // Attached: the cluster's network is what it is.
      assert.deepEqual(validateNetwork({ internalLoadBalancer: true }, kind, undefined, [], true), {
        internalLoadBalancer: true,
        subnetName: undefined,
      });
    }
  });

  it("the opt-outs and ranges apply only where they mean something", () => {
    refused(
      () =>
        validateNetwork(
          { internalLoadBalancer: true, subnetId: SUBNET, allowInternalWithoutSubnet: true },
          "kubernetes",
          undefined,
          [],
        ),
      "network.allowInternalWithoutSubnet",
      /applies only to a new cluster with network\.internalLoadBalancer: true and no network\.subnetId/,
    );
    refused(
      () =>
        validateNetwork(
          { internalLoadBalancer: true, subnetId: SUBNET, assignSubnetRole: true },
          "aks",
          undefined,
          [],
        ),
      "network.assignSubnetRole",
      /applies to the kubernetes kind only/,
    );
    refused(
      () =>
        validateNetwork(
          { internalLoadBalancer: true, assignSubnetRole: false },
          "kubernetes",
          undefined,
          [],
          true,
        ),
      "network.assignSubnetRole",
      /applies only to a new cluster placed in network\.subnetId/,
    );
    refused(
      () =>
        validateNetwork(
          { internalLoadBalancer: true, serviceCidr: "10.1.0.0/16" },
          "kubernetes",
          undefined,
          [],
          true,
        ),
      "network.serviceCidr",
      /applies only to a new cluster placed in network\.subnetId/,
    );
    refused(
      () =>
        validateNetwork(
          { internalLoadBalancer: true, subnetId: SUBNET, assignSubnetRole: "yes" as unknown as boolean },
          "kubernetes",
          undefined,
          [],
        ),
      "network.assignSubnetRole",
      /must be true or false/,
    );
    assert.deepEqual(
      validateNetwork(
        {
          internalLoadBalancer: true,
          subnetId: SUBNET,
          assignSubnetRole: false,
          serviceCidr: "172.20.0.0/16",
          dnsServiceIP: "172.20.0.10",
        },
        "kubernetes",
        undefined,
        [],
      ).newClusterSubnet,
      { serviceCidr: "172.20.0.0/16", dnsServiceIP: "172.20.0.10", assignRole: false },
    );
  });

  it("serviceCidr and dnsServiceIP are checked as AKS checks them", () => {
    checkServiceRange("10.0.0.0/16", "10.0.0.10");
    checkServiceRange("192.168.100.0/24", "192.168.100.254");
    for (const bad of ["10.0.0.1/16", "10.0.0.0/8", "10.0.0.0/29", "10.0.0.0", "300.0.0.0/16", "fd00::/64"]) {
      refused(
        () => checkServiceRange(bad, "10.0.0.10"),
        "network.serviceCidr",
        /is not an IPv4 network in CIDR form/,
      );
    }
    for (const bad of ["10.1.0.10", "10.0.0.0", "10.0.0.1", "10.0.0", "x"]) {
      refused(
        () => checkServiceRange("10.0.0.0/16", bad),
        "network.dnsServiceIP",
        /must be an IPv4 address inside network\.serviceCidr 10\.0\.0\.0\/16, not its first two/,
      );
    }
  });

  it("the service range must stay clear of the cluster's pod range (overlay) or docker bridge (legacy)", () => {
    // Overlap by hand: 10.244.0.0/14 spans 10.244.0.0–10.247.255.255; 10.240.0.0/12 spans 10.240–10.255.
    assert.equal(cidrsOverlap("10.244.0.0/14", "10.244.0.0/16"), true);
    assert.equal(cidrsOverlap("10.240.0.0/12", "10.244.0.0/16"), true);
    assert.equal(cidrsOverlap("10.245.0.0/16", "10.244.0.0/16"), false);
    assert.equal(cidrsOverlap("10.0.0.0/16", "10.0.255.0/24"), true);
    assert.equal(cidrsOverlap("10.1.0.0/16", "10.0.0.0/16"), false);
    checkServiceRangeClear("10.0.0.0/16", "kubernetes");
    checkServiceRangeClear("10.0.0.0/16", "aks");
    checkServiceRangeClear("172.17.0.0/16", "kubernetes");
    checkServiceRangeClear("10.244.0.0/16", "aks");
    refused(
      () =>
        validateNetwork(
          {
            internalLoadBalancer: true,
            subnetId: SUBNET,
            serviceCidr: "10.240.0.0/12",
            dnsServiceIP: "10.240.0.10",
          },
          "kubernetes",
          undefined,
          [],
        ),
      "network.serviceCidr",
      /10\.240\.0\.0\/12 overlaps the pod range \(Azure CNI overlay\) 10\.244\.0\.0\/16/,
    );
    refused(
      () =>
        validateNetwork(
          {
            internalLoadBalancer: true,
            subnetId: SUBNET,
            serviceCidr: "172.16.0.0/12",
            dnsServiceIP: "172.16.0.10",
          },
          "aks",
          undefined,
          [],
        ),
      "network.serviceCidr",
      /overlaps the docker bridge 172\.17\.0\.0\/16/,
    );
  });

  it("a legacy subnet in another VNet than the attached cluster's is refused; AKS's own VNet is not compared", () => {
    checkSubnetInClusterVnet(SUBNET, [`${VNET.toUpperCase()}/subnets/nodes`, undefined]);
    checkSubnetInClusterVnet(SUBNET, [undefined]);
    refused(
      () => checkSubnetInClusterVnet(SUBNET, [`${VNET2}/subnets/nodes`]),
      "network.subnetId",
      /^network\.subnetId: is in virtual network \/subscriptions\/.*\/virtualNetworks\/vnet-ml, but the attached cluster's nodes are in \/subscriptions\/.*\/resourceGroups\/rg-hub\/.*\/virtualNetworks\/vnet-hub: .*give a subnet of/,
    );
    // Same VNet name in another resource group is another VNet.
    refused(
      () => checkSubnetInClusterVnet(SUBNET, [SUBNET.replace("rg-net", "rg-other")]),
      "network.subnetId",
      /rg-other/,
    );
  });

  it("the bodies: network profile, legacy networking configuration, role assignment", () => {
    const range = { serviceCidr: "10.0.0.0/16", dnsServiceIP: "10.0.0.10" };
    assert.deepEqual(clusterNetworkProfile(range), {
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      loadBalancerSku: "standard",
      serviceCidr: "10.0.0.0/16",
      dnsServiceIP: "10.0.0.10",
    });
    assert.deepEqual(legacyNetworkingConfiguration(` ${SUBNET} `, range), {
      subnetId: SUBNET,
      serviceCidr: "10.0.0.0/16",
      dnsServiceIP: "10.0.0.10",
      dockerBridgeCidr: "172.17.0.1/16",
    });
    assert.deepEqual(subnetRoleAssignment(SUBNET, "00000000-1111-2222-3333-444444444444"), {
      scope: SUBNET,
      roleDefinitionId:
        "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7",
      principalId: "00000000-1111-2222-3333-444444444444",
      principalType: "ServicePrincipal",
    });
    refused(
      () => legacyNetworkingConfiguration(VNET, range),
      "network.subnetId",
      /is not a subnet resource ID/,
    );
  });
});

describe("extension settings and legacy compute fields for a private front end", () => {
  const base = {
    clusterId: "/x/managedClusters/c",
    clusterName: "c",
    location: "westeurope",
    hostname: "ml.example.com",
    tlsEnabled: true,
  };

  it("kubernetes: internalLoadBalancerProvider=azure and the flag the CLI derives from it; nothing without network", () => {
    const pub = extensionSettings(base);
    const priv = extensionSettings({ ...base, internalLoadBalancer: true });
    const added = Object.keys(priv).filter((k) => !(k in pub));
    assert.deepEqual(added.sort(), [
      "internalLoadBalancerProvider",
      "scoringFe.serviceType.internalLoadBalancer",
    ]);
    assert.equal(priv.internalLoadBalancerProvider, "azure");
    assert.equal(priv["scoringFe.serviceType.internalLoadBalancer"], "True");
    // The CLI refuses the internal load balancer with a NodePort router: ours stays LoadBalancer.
    assert.equal(priv.inferenceRouterServiceType, "LoadBalancer");
    assert.equal(priv["scoringFe.serviceType.nodePort"], undefined);
    // Public said explicitly: nothing, as az k8s-extension create sends without a provider.
    assert.deepEqual(extensionSettings({ ...base, internalLoadBalancer: false }), pub);
  });

  it("aks: loadBalancerType InternalLoadBalancer (+ the subnet's name), PublicIp when false, nothing without network", () => {
    assert.deepEqual(loadBalancerFields(undefined, undefined), {});
    assert.deepEqual(loadBalancerFields(false, undefined), { loadBalancerType: "PublicIp" });
    assert.deepEqual(loadBalancerFields(true, undefined), {
      loadBalancerType: "InternalLoadBalancer",
      loadBalancerSubnet: undefined,
    });
  });
});

describe("dns.azurePrivate rules", () => {
  const good: AzurePrivateDnsArgs = {
    zoneName: "Corp.Example.com.",
    resourceGroupName: "rg-dns",
    virtualNetworkIds: [VNET, VNET2],
  };

  it("defaults and canonical zone; no warning with a private front end", () => {
    const w: string[] = [];
    assert.deepEqual(validateAzurePrivateDns(good, "ml.corp.example.com", true, w), {
      ttl: 300,
      zoneName: "corp.example.com",
      virtualNetworkIds: [VNET, VNET2],
    });
    assert.deepEqual(w, []);
  });

  it("a private zone with a public front end is a warning", () => {
    const w: string[] = [];
    validateAzurePrivateDns(good, "ml.corp.example.com", undefined, w);
    assert.equal(w.length, 1);
    assert.match(
      w[0],
      /dns\.azurePrivate without network\.internalLoadBalancer: true: the front end keeps its public IP/,
    );
  });

  it("a zone that does not contain the hostname names dns.azurePrivate.zoneName and the fix", () => {
    refused(
      () => validateAzurePrivateDns(good, "ml.example.org", true, []),
      "dns.azurePrivate.zoneName",
      /hostname ml\.example\.org is outside the zone corp\.example\.com; give the zone that holds the hostname/,
    );
  });

  it("malformed and repeated VNet IDs name their index and the form", () => {
    refused(
      () => validateAzurePrivateDns({ ...good, virtualNetworkIds: [VNET, SUBNET] }, undefined, true, []),
      "dns.azurePrivate.virtualNetworkIds[1]",
      /is not a virtual network resource ID \(this is a subnet's ID: drop \/subnets\/<subnet>\)/,
    );
    refused(
      () => validateAzurePrivateDns({ ...good, virtualNetworkIds: ["vnet-ml"] }, undefined, true, []),
      "dns.azurePrivate.virtualNetworkIds[0]",
      /az network vnet show --query id/,
    );
    refused(
      () =>
        validateAzurePrivateDns(
          { ...good, virtualNetworkIds: [VNET, VNET.toUpperCase()] },
          undefined,
          true,
          [],
        ),
      "dns.azurePrivate.virtualNetworkIds[1]",
      /repeats virtualNetworkIds\[0\]/,
    );
    refused(() => checkVirtualNetworkId("p", { id: VNET }), "p", /give the ID as a plain string/);
  });

  it("other fields: ttl range, resource group, authMethod belongs to the challenge", () => {
    refused(
      () => validateAzurePrivateDns({ ...good, ttl: 0 }, undefined, true, []),
      "dns.azurePrivate.ttl",
      /1 to 2147483647/,
    );
    refused(
      () => validateAzurePrivateDns({ ...good, resourceGroupName: "rg." }, undefined, true, []),
      "dns.azurePrivate.resourceGroupName",
      /is not a resource group name/,
    );
    refused(
      () => validateAzurePrivateDns({ ...good, authMethod: "msi" } as never, undefined, true, []),
      "dns.azurePrivate.authMethod",
      /certificate\.acme\.challenge\.azure/,
    );
  });

  it("link names: the component's name and a hash of the lower-cased VNet ID, never an index", () => {
    const h = createHash("sha256").update(VNET.toLowerCase()).digest("hex").slice(0, 8);
    assert.equal(virtualNetworkLinkName("ml", VNET), `ml-link-${h}`);
    assert.equal(virtualNetworkLinkName("ml", VNET.toUpperCase()), `ml-link-${h}`);
    assert.notEqual(virtualNetworkLinkName("ml", VNET2), virtualNetworkLinkName("ml", VNET));
    const long = virtualNetworkLinkName("x".repeat(200), VNET);
    assert.equal(long.length, 80);
    assert.match(long, new RegExp(`-link-${h}$`));
  });

  it("record body: relative name, @ at the apex, an apex CNAME refused naming the zone", () => {
    assert.deepEqual(
      azurePrivateRecordBody(
        { type: "A", name: "ml.corp.example.com", content: "10.224.0.200" },
        "corp.example.com",
      ),
      {
        relativeRecordSetName: "ml",
        recordType: "A",
        aRecords: [{ ipv4Address: "10.224.0.200" }],
        aaaaRecords: undefined,
        cnameRecord: undefined,
      },
    );
    assert.equal(
      azurePrivateRecordBody({ type: "A", name: "corp.example.com", content: "10.0.0.4" }, "corp.example.com")
        .relativeRecordSetName,
      "@",
    );
    refused(
      () =>
        azurePrivateRecordBody(
          { type: "CNAME", name: "corp.example.com", content: "fe.example.net" },
          "corp.example.com",
        ),
      "dns.azurePrivate.zoneName",
      /CNAME cannot sit at a zone apex/,
    );
  });
});

describe("certificate.acme.challenge rules", () => {
  const priv = { azurePrivate: { zoneName: "example.com", resourceGroupName: "rg-dns" } };
  const azure: AcmeChallengeArgs = {
    azure: { zoneName: "example.com", resourceGroupName: "rg-public-dns", authMethod: "msi" },
  };

  it("ACME with only a private zone names both arguments", () => {
    refused(
      () => challengeProvider(undefined, priv, "ml.example.com"),
      "certificate.acme.challenge",
      /is required with dns\.azurePrivate: the ACME CA cannot see a private zone/,
    );
  });

  it("a public challenge zone beside a private record: azure or cloudflare, exactly one", () => {
    assert.equal(challengeProvider(azure, priv, "ml.example.com"), "azuredns");
    assert.equal(
      challengeProvider(
        { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", apiToken: "t" } },
        priv,
        "ml.example.com",
      ),
      "cloudflare",
    );
    refused(
      () => challengeProvider({}, priv, "ml.example.com"),
      "certificate.acme.challenge",
      /exactly one of cloudflare or azure/,
    );
    refused(
      () => challengeProvider({ ...azure, cloudflare: { zoneId: "0123456789abcdef0123456789abcdef" } }, priv),
      "certificate.acme.challenge",
      /exactly one/,
    );
    // Without a challenge block, the record's own public provider answers, as before.
    assert.equal(
      challengeProvider(undefined, { azure: { zoneName: "example.com", resourceGroupName: "rg" } }),
      "azuredns",
    );
  });

  it("the challenge zone is checked like dns.azure / dns.cloudflare, under its own path", () => {
    refused(
      () =>
        challengeProvider(
          { azure: { zoneName: "example.org", resourceGroupName: "rg" } },
          priv,
          "ml.example.com",
        ),
      "certificate.acme.challenge.azure.zoneName",
      /outside the zone example\.org/,
    );
    refused(
      () =>
        challengeProvider(
          { azure: { zoneName: "example.com", resourceGroupName: "rg", authMethod: "MSI" as never } },
          priv,
        ),
      "certificate.acme.challenge.azure.authMethod",
      /did you mean "msi"/,
    );
    refused(
      () => challengeProvider({ azure: { zoneName: "example.com", resourceGroupName: "rg", ttl: 60 } }, priv),
      "certificate.acme.challenge.azure.ttl",
      /describes the hostname's record/,
    );
    refused(
      () => challengeProvider({ cloudflare: { zoneId: "nope" } }, priv),
      "certificate.acme.challenge.cloudflare.zoneId",
      /not a Cloudflare zone ID/,
    );
    refused(
      () =>
        challengeProvider(
          { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", apiToken: "two words" } },
          priv,
        ),
      "certificate.acme.challenge.cloudflare.apiToken",
      /one word/,
    );
    refused(
      () =>
        challengeProvider(
          { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", proxied: true } },
          priv,
        ),
      "certificate.acme.challenge.cloudflare.proxied",
      /remove it from certificate\.acme\.challenge\.cloudflare/,
    );
  });

  it("managed identity and workload identity: lego's method names, and no secret among the variables", () => {
    for (const [method, lego] of [
      ["msi", "msi"],
      ["workloadIdentity", "wli"],
    ] as const) {
      const c = azureChallengeConfig("sub-1", "rg-dns", "Example.com.", method);
      assert.equal(c.AZURE_AUTH_METHOD, lego);
      assert.deepEqual(Object.keys(c).sort(), [
        "ARM_RESOURCE_GROUP",
        "ARM_SUBSCRIPTION_ID",
        "AZURE_AUTH_METHOD",
        "AZURE_RESOURCE_GROUP",
        "AZURE_SUBSCRIPTION_ID",
        "AZURE_ZONE_NAME",
      ]);
      assert.equal(c.AZURE_ZONE_NAME, "example.com");
    }
  });

  it("msi with a client ID in the environment: a warning (lego's msi ignores it); nothing for other methods", () => {
    const path = "certificate.acme.challenge.azure";
    assert.deepEqual(azureMsiWarnings("msi", {}, path), []);
    assert.deepEqual(azureMsiWarnings("default", { AZURE_CLIENT_ID: "c" }, path), []);
    assert.deepEqual(azureMsiWarnings("workloadIdentity", { AZURE_CLIENT_ID: "c" }, path), []);
    const [w] = azureMsiWarnings("msi", { ARM_CLIENT_ID: "c" }, path);
    assert.match(
      w,
      /^certificate\.acme\.challenge\.azure\.authMethod "msi": ARM_CLIENT_ID is set, .* use authMethod "default"/,
    );
  });
});
