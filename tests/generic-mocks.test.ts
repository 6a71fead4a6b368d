// The component under the plainest mocks a user might write (echo the inputs, no Azure shapes):
// it must still register the right things and compute its outputs from what it was given.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { SslMlCluster } from "../sdk/component";
import { resolveOutput } from "./mocks";
import { fixtures } from "./helpers/openssl-certs";

describe("SslMlCluster under generic echo mocks", () => {
  const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
  beforeEach(() => {
    registered.length = 0;
    pulumi.runtime.setMocks(
      {
        newResource: (a) => {
          registered.push({ type: a.type, name: a.name, inputs: a.inputs });
          return { id: `${a.name}_id`, state: a.inputs };
        },
        // The one answer the component cannot do without: the workspace's ID and region.
        call: (a) =>
          a.token === "azure-native:machinelearningservices:getWorkspace"
            ? {
                id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`,
                location: "westeurope",
              }
            : a.inputs,
      },
      "p",
      "s",
      false,
    );
  });

  for (const kind of ["kubernetes", "aks"] as const) {
    it(`${kind}: registers and resolves outputs from the inputs alone`, async () => {
      const f = fixtures();
      const c = new SslMlCluster("ml", {
        hostname: "ml.example.com",
        resourceGroupName: "rg",
        workspaceName: "ws-ml",
        location: "westeurope",
        frontEndIp: "203.0.113.9",
        cluster: { kind },
        certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.key") } },
        dns: { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef" } },
        services: [{ name: "svc", model: "azureml:m:1", environment: "azureml:env:1" }],
      });
      const [uris, ip, dns, computeId] = await Promise.all([
        resolveOutput(c.scoringUris),
        resolveOutput(c.frontEndIp),
        resolveOutput(c.dnsRecord),
        resolveOutput(c.computeId),
      ]);
      assert.equal(ip, "203.0.113.9");
      assert.deepEqual(dns, { type: "A", name: "ml.example.com", content: "203.0.113.9", managed: true });
      assert.equal(computeId, "ml-compute_id");
      assert.equal(
        (uris as Record<string, string>).svc,
        `https://ml.example.com/api/v1/${kind === "aks" ? "service" : "endpoint"}/svc/score`,
      );
      if (kind === "kubernetes") {
        await new Promise((r) => setTimeout(r, 50));
        const ext = registered.find((r) => r.type === "azure-native:kubernetesconfiguration:Extension")!;
        assert.equal(ext.inputs.clusterName, "ml-aks", "the cluster's name falls back to the logical name");
        assert.equal((ext.inputs.configurationSettings as Record<string, string>).location, "westeurope");
      }
    });
  }
});
