// examples/private-keyvault planned offline: an internal front end, the record in a private zone
// linked to the callers' VNet, and the certificate from (the offline stand-in of) Key Vault.
// Expected values come from the example's text, Azure's documented shapes and openssl.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { runPlan } from "../sdk/offline/plan";
import { fixtures } from "./helpers/openssl-certs";

const EXAMPLE = path.resolve(__dirname, "..", "examples", "private-keyvault");
const VNET_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml";

const SUBNET_ID = `${VNET_ID}/subnets/snet-ml`;

type Dict = Record<string, unknown>;

describe("examples/private-keyvault: private front end, split-horizon DNS, Key Vault certificate", function () {
  this.timeout(180_000);
  const f = fixtures();

  it("sends the internal load balancer setting, writes the private record and links the VNet", async () => {
    const { plan, rawOutputs } = await runPlan(EXAMPLE);
    const byType = (t: string) => plan.resources.filter((r) => r.type === t).map((r) => r.inputs as Dict);

    const [ext] = byType("azure-native:kubernetesconfiguration:Extension");
    const settings = ext.configurationSettings as Dict;
    // The key and value `az k8s-extension create --config internalLoadBalancerProvider=azure` sends.
    assert.equal(settings.internalLoadBalancerProvider, "azure");

    // The new cluster sits in the callers' subnet, and its identity may manage the load balancer there.
    const [mc] = byType("azure-native:containerservice:ManagedCluster");
    assert.equal((mc.agentPoolProfiles as Dict[])[0].vnetSubnetID, SUBNET_ID);
    assert.equal((mc.networkProfile as Dict).networkPlugin, "azure");
    const [role] = byType("azure-native:authorization:RoleAssignment");
    assert.equal(role.scope, SUBNET_ID);
    assert.equal(
      role.roleDefinitionId,
      "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7",
    );

    const [record] = byType("azure-native:privatedns:PrivateRecordSet");
    assert.equal(record.privateZoneName, "contoso.internal");
    assert.equal(record.resourceGroupName, "rg-private-dns");
    assert.equal(record.recordType, "A");
    assert.equal(record.relativeRecordSetName, "ml");
    assert.equal(record.ttl, 300);
    assert.deepEqual(record.aRecords, [{ ipv4Address: rawOutputs.frontEndIp }]);
    // An RFC 1918 address: what an internal load balancer hands out.
    assert.match(String(rawOutputs.frontEndIp), /^10\./);

    const links = byType("azure-native:privatedns:VirtualNetworkLink");
    assert.equal(links.length, 1);
    assert.deepEqual(links[0].virtualNetwork, { id: VNET_ID });
    assert.equal(links[0].registrationEnabled, false);
    assert.equal(links[0].location, "global");

    // No key or certificate resource: the certificate is read, not made.
    assert.ok(!plan.resources.some((r) => r.type.startsWith("tls:") || r.type.startsWith("acme:")));
    const kv = rawOutputs.keyVaultCertificate as Dict;
    assert.equal(kv.vaultUri, "https://contoso-tls.vault.azure.net/");
    assert.equal(kv.name, "ml-contoso-internal");
    assert.equal(kv.pinned, false);
    assert.match(String(kv.version), /^[0-9a-f]{32}$/);
    assert.equal(
      kv.secretId,
      `https://contoso-tls.vault.azure.net/secrets/ml-contoso-internal/${String(kv.version)}`,
    );
    assert.equal(rawOutputs.scoringUri, "https://ml.contoso.internal/api/v1/endpoint/scoring/score");
  });

  it("serves the PKCS#12 the stand-in vault is given: the fingerprint openssl reads", async () => {
    const pfx = f.file("leaf-nopass.pfx");
    const { rawOutputs } = await runPlan(EXAMPLE, {
      config: {
        "ssl-ml-private-keyvault:hostname": "ml.example.com",
        "ssl-ml-private-keyvault:privateZoneName": "example.com",
        "ssl-ml-cluster:keyVaultFile": pfx,
      },
    });
    const expected = execFileSync("openssl", [
      "x509",
      "-in",
      f.file("leaf.pem"),
      "-noout",
      "-fingerprint",
      "-sha256",
    ])
      .toString()
      .trim()
      .replace(/^.*=/, "");
    const cert = rawOutputs.certificate as Dict;
    assert.equal(cert.fingerprintSha256, expected);
    assert.equal(rawOutputs.hostname, "ml.example.com");
  });
});
