// `verify --outputs` on SslMlManagedEndpoints' outputs: the scoring URIs and hostname are read as
// for SslMlCluster, and the hostname must answer what the Front Door endpoint's host answers (its
// CNAME target) where SslMlCluster's must answer frontEndIp.
import * as assert from "node:assert/strict";
import { stackFacts } from "../sdk/cli/verify/verify-outputs";
import { fixtures } from "./helpers/openssl-certs";

const AFD = "ml-afd-endpoint-d562ee2b0a02a6a4.z01.azurefd.net";

describe("verify --outputs: SslMlManagedEndpoints' outputs", () => {
  it("checks every scoring URI, the hostname, and the DNS answer against the Front Door endpoint", () => {
    const facts = stackFacts(
      {
        hostname: "ML.example.com",
        scoringUris: {
          iris: "https://ml.example.com/iris/score",
          churn: "https://ml.example.com/churn/score",
        },
        scoringUri: "https://ml.example.com/iris/score",
        frontDoorEndpoint: AFD,
        certificate: { type: "ManagedCertificate", validationState: "Approved" },
        dnsRecords: [{ type: "CNAME", name: "ml.example.com", content: AFD, managed: true }],
        originHosts: { iris: "iris.westeurope.inference.ml.azure.com" },
      },
      "--outputs o.json",
    );
    assert.deepEqual(facts, {
      uris: ["https://ml.example.com/iris/score", "https://ml.example.com/churn/score"],
      hostname: "ml.example.com",
      frontEndIp: AFD,
      fingerprint: undefined,
      selfSigned: false,
      leafPem: undefined,
    });
  });

  it("takes the Key Vault certificate's leaf from certificate.pem, and still prefers frontEndIp when present", () => {
    const f = fixtures();
    const facts = stackFacts(
      {
        ml: {
          scoringUris: { iris: "https://ml.example.com/iris/score" },
          frontDoorEndpoint: AFD,
          certificate: { type: "CustomerCertificate", pem: f.read("leaf+int.pem") },
        },
      },
      "x",
    );
    assert.equal(facts.leafPem?.trim(), f.read("leaf.pem").trim());
    assert.equal(
      stackFacts(
        { scoringUri: "https://a.example.com/x", frontEndIp: "203.0.113.10", frontDoorEndpoint: AFD },
        "x",
      ).frontEndIp,
      "203.0.113.10",
    );
  });
});
