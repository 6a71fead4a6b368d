// SslMlManagedEndpoints' argument rules (sdk/managed/args-rules.ts, keyvault-id.ts) and Front Door's
// customer-certificate rules (certificate-rules.ts), pure, without mocks. Limits come from
// Microsoft's documentation: managed deployment request timeout ≤ 180 s (Azure ML
// "online endpoints" limits), Front Door origin response timeout 16–240 s (Microsoft.Cdn
// profiles spec, originResponseTimeoutSeconds minimum 16), customer certificates RSA only, public
// CA, complete chain (learn.microsoft.com/azure/frontdoor/standard-premium/how-to-configure-https-custom-domain).
import * as assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { validateManagedArgs } from "../sdk/managed/args-rules";
import { parseKeyVaultId, vaultSubscriptionProblem } from "../sdk/managed/keyvault-id";
import { frontDoorCertificateProblems } from "../sdk/managed/certificate-rules";
import { attachedEndpointRefusal, managedScoringUri, scoringHost } from "../sdk/managed/endpoint-rules";
import { ArgumentError } from "../sdk/errors";
import type { SslMlManagedEndpointsArgs } from "../sdk/types";
import { fixtures } from "./helpers/openssl-certs";
import { managedArgs as baseArgs } from "./helpers/managed";

const SUB = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-tls/providers/Microsoft.KeyVault/vaults/contoso-tls`;

// The component's args without DNS (the rules of `dns` have their own cases below).
const managedArgs = (extra: Partial<SslMlManagedEndpointsArgs> = {}) =>
  baseArgs({ dns: undefined, ...extra });

function refused(args: SslMlManagedEndpointsArgs, argument: string, words: RegExp): void {
  assert.throws(
    () => validateManagedArgs(args),
    (e: unknown) => {
      assert.ok(e instanceof ArgumentError, String(e));
      assert.equal(e.argument, argument);
      assert.match(e.message, words);
      return true;
    },
  );
}

describe("SslMlManagedEndpoints: argument rules", () => {
  it("applies the documented defaults", () => {
    const r = validateManagedArgs(managedArgs());
    assert.equal(r.plainHostname, "ml.example.com");
    assert.equal(r.sku, "Standard_AzureFrontDoor");
    assert.equal(r.certificateType, "ManagedCertificate");
    assert.equal(r.originResponseTimeoutSeconds, 60);
    assert.equal(r.validationTimeoutMinutes, 30);
    assert.equal(r.assignKeyVaultRole, true);
    assert.equal(r.services[0].instanceType, "Standard_DS3_v2");
    assert.equal(r.services[0].requestTimeoutSeconds, 5);
    assert.deepEqual(r.endpoints, []);
    assert.equal(r.dns, undefined);
  });

  it("keeps Front Door's origin timeout at least the longest request timeout", () => {
    const r = validateManagedArgs(
      managedArgs({
        services: [
          { name: "a-ep", model: "azureml:a:1", requestTimeoutSeconds: 180 },
          { name: "b-ep", model: "azureml:b:1", requestTimeoutSeconds: 30 },
        ],
      }),
    );
    assert.equal(r.originResponseTimeoutSeconds, 180);
    refused(
      managedArgs({
        services: [{ name: "a-ep", model: "azureml:a:1", requestTimeoutSeconds: 120 }],
        frontDoor: { originResponseTimeoutSeconds: 90 },
      }),
      "frontDoor.originResponseTimeoutSeconds",
      /shorter than .*120 s.*504/,
    );
    refused(
      managedArgs({ frontDoor: { originResponseTimeoutSeconds: 15 } }),
      "frontDoor.originResponseTimeoutSeconds",
      /16 to 240/,
    );
    refused(
      managedArgs({ services: [{ name: "a-ep", model: "azureml:a:1", requestTimeoutSeconds: 181 }] }),
      "services[0].requestTimeoutSeconds",
      /1 to 180/,
    );
  });

  it("accepts existing endpoints by name, alone or beside services, never twice", () => {
    const r = validateManagedArgs(
      managedArgs({ services: undefined, endpoints: ["scoring-a", "scoring-b"] }),
    );
    assert.deepEqual(r.endpoints, ["scoring-a", "scoring-b"]);
    refused(managedArgs({ endpoints: ["Iris"] }), "endpoints[0]", /already named in services/);
    refused(
      managedArgs({ services: undefined, endpoints: ["a-b", "A-B"] }),
      "endpoints[1]",
      /already named in endpoints\[0\]/,
    );
    refused(managedArgs({ endpoints: ["1abc"] }), "endpoints[0]", /not a managed online endpoint name/);
    refused(managedArgs({ services: [], endpoints: [] }), "services", /at least one endpoint/);
  });

  it("lets an MLflow model go without an environment, but not a deployment with neither", () => {
    assert.doesNotThrow(() =>
      validateManagedArgs(managedArgs({ services: [{ name: "mlflow-ep", model: "azureml:m:1" }] })),
    );
    refused(managedArgs({ services: [{ name: "bare-ep" }] }), "services[0].environment", /MLflow/);
  });

  it("refuses every certificate source but Key Vault, with the reason", () => {
    refused(
      managedArgs({ certificate: { selfSigned: {} } }),
      "certificate.selfSigned",
      /publicly trusted CA/,
    );
    refused(
      managedArgs({ certificate: { imported: { certFile: "x.pem" } } }),
      "certificate.imported",
      /only from Azure Key Vault/,
    );
    refused(
      managedArgs({ certificate: { acme: { email: "a@example.com" } } }),
      "certificate.acme",
      /managed certificate/,
    );
    refused(
      managedArgs({ certificate: { microsoftManaged: { leafDomainLabel: "x" } } }),
      "certificate.microsoftManaged",
      /leave certificate out/,
    );
  });

  it("takes a Key Vault certificate with the vault's resource ID, of that very vault", () => {
    const r = validateManagedArgs(
      managedArgs({
        certificate: { keyVault: { vaultName: "contoso-tls", certificateName: "ml-example-com" } },
        frontDoor: { keyVaultId: VAULT_ID },
      }),
    );
    assert.equal(r.certificateType, "CustomerCertificate");
    assert.equal(r.keyVaultId?.subscriptionId, SUB);
    assert.equal(r.keyVault?.vaultUri, "https://contoso-tls.vault.azure.net/");
    refused(
      managedArgs({ certificate: { keyVault: { vaultName: "contoso-tls", certificateName: "c" } } }),
      "frontDoor.keyVaultId",
      /is required with certificate.keyVault.*az keyvault show --name contoso-tls/,
    );
    refused(
      managedArgs({
        certificate: { keyVault: { vaultName: "other-vault", certificateName: "c" } },
        frontDoor: { keyVaultId: VAULT_ID },
      }),
      "frontDoor.keyVaultId",
      /names the vault contoso-tls, but certificate.keyVault reads other-vault/,
    );
    refused(
      managedArgs({ frontDoor: { keyVaultId: VAULT_ID } }),
      "frontDoor.keyVaultId",
      /only with certificate.keyVault/,
    );
  });

  it("refuses a private zone and Cloudflare's proxy in front of Front Door", () => {
    refused(
      managedArgs({ dns: { azurePrivate: { zoneName: "example.com", resourceGroupName: "rg" } } }),
      "dns.azurePrivate",
      /public DNS/,
    );
    refused(
      managedArgs({ dns: { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", proxied: true } } }),
      "dns.cloudflare.proxied",
      /must be false/,
    );
    const r = validateManagedArgs(
      managedArgs({ dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns" } } }),
    );
    assert.deepEqual(r.dns, { provider: "azure", ttl: 300, zoneName: "example.com" });
  });

  it("names unknown fields, bad tiers and missing names", () => {
    refused({ ...managedArgs(), cluster: {} } as never, "args.cluster", /unknown field/);
    refused(
      managedArgs({ frontDoor: { sku: "standard_azurefrontdoor" as never } }),
      "frontDoor.sku",
      /did you mean "Standard_AzureFrontDoor"/,
    );
    refused(managedArgs({ hostname: "" }), "hostname", /is required/);
    refused(managedArgs({ workspaceName: "" }), "workspaceName", /is required/);
  });
});

describe("SslMlManagedEndpoints: the vault's resource ID", () => {
  it("parses an ID and compares subscriptions", () => {
    const v = parseKeyVaultId("frontDoor.keyVaultId", VAULT_ID + "/");
    assert.deepEqual(v, {
      id: VAULT_ID,
      subscriptionId: SUB,
      resourceGroupName: "rg-tls",
      name: "contoso-tls",
    });
    assert.equal(vaultSubscriptionProblem(v, SUB.toUpperCase()), undefined);
    assert.match(vaultSubscriptionProblem(v, "00000000-0000-0000-0000-000000000001")!, /own subscription/);
    assert.throws(() => parseKeyVaultId("x", "/subscriptions/x/vaults/y"), /not a Key Vault resource ID/);
  });
});

describe("SslMlManagedEndpoints: Front Door's rules for a Key Vault certificate", () => {
  const f = fixtures();
  const root = new X509Certificate(f.read("root.pem"));

  it("passes a full RSA chain to a trusted root that covers the hostname", () => {
    assert.deepEqual(frontDoorCertificateProblems(f.read("leaf+int.pem"), "ml.example.com", [root]), []);
    assert.deepEqual(frontDoorCertificateProblems(f.read("fullchain.pem"), "www.example.com", [root]), []);
  });
  it("refuses a private CA (Node's public roots), an uncovered name, a broken chain", () => {
    assert.match(
      frontDoorCertificateProblems(f.read("leaf+int.pem"), "ml.example.com").join(" "),
      /not a publicly trusted root/,
    );
    assert.match(
      frontDoorCertificateProblems(f.read("leaf+int.pem"), "api.example.com", [root]).join(" "),
      /does not cover api.example.com/,
    );
    assert.match(
      frontDoorCertificateProblems(f.read("chain-out-of-order.pem"), "ml.example.com", [root]).join(" "),
      /out of order/,
    );
    assert.match(
      frontDoorCertificateProblems(f.read("leaf.pem"), "ml.example.com", [root]).join(" "),
      /leaf alone/,
    );
  });
  it("refuses EC keys and self-signed certificates", () => {
    assert.match(
      frontDoorCertificateProblems(f.read("ec-fullchain.pem"), "ec.example.com", [root]).join(" "),
      /EC; Front Door accepts RSA keys only/,
    );
    assert.match(
      frontDoorCertificateProblems(f.read("self.pem"), "ml.example.com", [root]).join(" "),
      /self-signed/,
    );
  });
});

describe("SslMlManagedEndpoints: what an endpoint must be to stand behind Front Door", () => {
  it("takes the scoring host from Azure's scoringUri, and refuses a URI without https", () => {
    assert.equal(
      scoringHost("endpoints[0]", "iris", "https://Iris.westeurope.inference.ml.azure.com/score"),
      "iris.westeurope.inference.ml.azure.com",
    );
    assert.throws(
      () => scoringHost("endpoints[0]", "iris", "http://203.0.113.10/api/v1/endpoint/iris/score"),
      /no https scoring URI for endpoint iris/,
    );
    assert.throws(() => scoringHost("endpoints[0]", "iris", undefined), /finished provisioning/);
  });
  it("refuses a private endpoint and a Kubernetes one, saying what to do instead", () => {
    assert.equal(attachedEndpointRefusal("endpoints[0]", "a", { publicNetworkAccess: "Enabled" }), undefined);
    assert.match(
      attachedEndpointRefusal("endpoints[0]", "a", { publicNetworkAccess: "disabled" })!.message,
      /Front Door cannot reach it.*public_network_access=enabled.*network\.internalLoadBalancer/,
    );
    assert.match(
      attachedEndpointRefusal("endpoints[0]", "a", { compute: "/subscriptions/x/computes/k8s" })!.message,
      /Kubernetes online endpoint.*SslMlCluster/,
    );
  });
  it("builds the client's scoring URI under the hostname", () => {
    assert.equal(managedScoringUri("ml.example.com", "iris"), "https://ml.example.com/iris/score");
  });
});
