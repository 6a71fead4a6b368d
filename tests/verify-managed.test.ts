// `verify --outputs` on SslMlManagedEndpoints' outputs: the scoring URIs and hostname are read as
// for SslMlCluster, and the hostname must answer what the Front Door endpoint's host answers (its
// CNAME target) where SslMlCluster's must answer frontEndIp.
import * as assert from "node:assert/strict";
import { stackFacts } from "../sdk/cli/verify/verify-outputs";
import { cnameChain, frontDoorDnsVerdict } from "../sdk/cli/verify/verify-cname";
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
      frontEndIp: undefined,
      cnameTarget: AFD,
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
    const both = stackFacts(
      { scoringUri: "https://a.example.com/x", frontEndIp: "203.0.113.10", frontDoorEndpoint: AFD },
      "x",
    );
    assert.deepEqual([both.frontEndIp, both.cnameTarget], ["203.0.113.10", undefined]);
  });

  describe("the DNS check follows the hostname's CNAME chain to the Front Door endpoint", () => {
    const noData = () => Object.assign(new Error("queryCname ENODATA"), { code: "ENODATA" });
    /** CNAMEs from a table (as dns.promises.resolveCname answers), ENODATA for any other name. */
    const cnames = (table: Record<string, string>) => async (n: string) => {
      if (table[n]) return [table[n]];
      throw noData();
    };
    const AFD_ADDR = ["13.107.246.40"];
    const lookup = async (n: string) => (n === AFD ? AFD_ADDR : []);

    it("passes a direct CNAME and one through a further CNAME (trailing dots and case aside)", async () => {
      const direct = await frontDoorDnsVerdict(
        "ml.example.com",
        AFD,
        AFD_ADDR,
        lookup,
        cnames({ "ml.example.com": `${AFD.toUpperCase()}.` }),
      );
      assert.deepEqual(direct, { note: `CNAME ml.example.com -> ${AFD}; 13.107.246.40` });
      const via = await frontDoorDnsVerdict(
        "ml.example.com",
        AFD,
        AFD_ADDR,
        lookup,
        cnames({ "ml.example.com": "ml.edge.example.net", "ml.edge.example.net": AFD }),
      );
      assert.equal(via.finding, undefined);
      assert.equal(via.note, `CNAME ml.example.com -> ml.edge.example.net -> ${AFD}; 13.107.246.40`);
    });

    it("reports DNS_MISMATCH with the chain when it ends elsewhere, even if the addresses happen to match", async () => {
      const v = await frontDoorDnsVerdict(
        "ml.example.com",
        AFD,
        AFD_ADDR,
        lookup,
        cnames({
          "ml.example.com": "old-afd-abc.z01.azurefd.net",
          "old-afd-abc.z01.azurefd.net": "star-azurefd-prod.trafficmanager.net",
        }),
      );
      assert.equal(v.finding?.code, "DNS_MISMATCH");
      assert.equal(
        v.finding?.message,
        `ml.example.com's CNAME chain ml.example.com -> old-afd-abc.z01.azurefd.net -> star-azurefd-prod.trafficmanager.net does not reach the Front Door endpoint ${AFD}; point the CNAME at ${AFD} (the dnsRecords output), or wait for propagation`,
      );
    });

    it("a hostname with no CNAME (apex alias, flattened CNAME) passes only on the endpoint's addresses", async () => {
      const alias = await frontDoorDnsVerdict("example.com", AFD, AFD_ADDR, lookup, cnames({}));
      assert.equal(alias.finding, undefined);
      const elsewhere = await frontDoorDnsVerdict("example.com", AFD, ["198.51.100.7"], lookup, cnames({}));
      assert.equal(elsewhere.finding?.code, "DNS_MISMATCH");
      assert.match(elsewhere.finding?.message ?? "", /example\.com is no CNAME and answers 198\.51\.100\.7/);
    });

    it("stops at a loop and names a DNS failure that cut the chain", async () => {
      const loop = await cnameChain(
        "a.example.com",
        AFD,
        cnames({ "a.example.com": "b.example.com", "b.example.com": "a.example.com" }),
      );
      assert.deepEqual(loop, { chain: ["a.example.com", "b.example.com"], reached: false });
      const v = await frontDoorDnsVerdict("ml.example.com", AFD, AFD_ADDR, lookup, async (n) => {
        if (n === "ml.example.com") return ["x.example.net"];
        throw Object.assign(new Error("SERVFAIL"), { code: "ESERVFAIL" });
      });
      assert.match(
        v.finding?.message ?? "",
        /ml\.example\.com -> x\.example\.net does not reach .* \(DNS ESERVFAIL at x\.example\.net\)/,
      );
    });
  });
});
