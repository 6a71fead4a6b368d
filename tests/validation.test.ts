import * as assert from "node:assert/strict";
import { validateArgs } from "../sdk/validation/args";
import { validateServices } from "../sdk/services/args-rules";
import { hostnameProblem, canonicalHostname } from "../sdk/common/hostname";
import { rotationClock, rotationWindow } from "../sdk/certificates/sources/rotation";
import { plannedRecord } from "../sdk/dns/record";
import { parseAksClusterId, defaultComputeName, defaultDnsPrefix } from "../sdk/cluster/resource-id";
import { scoringUri } from "../sdk/services/uris";
import { ArgumentError } from "../sdk/errors";
import type { SslMlClusterArgs } from "../sdk/types";

const base = (): SslMlClusterArgs => ({
  hostname: "ml.example.com",
  resourceGroupName: "rg",
  workspaceName: "ws-ml",
  certificate: { selfSigned: {} },
  services: [{ name: "iris", model: "azureml:iris:1", environment: "azureml:sklearn-env:1" }],
});

function rejects(mutate: (a: SslMlClusterArgs) => unknown, argument: string, message: RegExp) {
  const args = base();
  mutate(args);
  assert.throws(
    () => validateArgs(args),
    (e: unknown) => {
      assert.ok(e instanceof ArgumentError, `ArgumentError, got ${e}`);
      assert.equal(e.argument, argument);
      assert.match(e.message, message);
      return true;
    },
  );
}

describe("argument validation (pure)", () => {
  it("accepts the quickstart and fills the defaults without mutating args", () => {
    const args = base();
    const snapshot = JSON.stringify(args);
    const r = validateArgs(args);
    assert.equal(JSON.stringify(args), snapshot);
    assert.equal(r.kind, "kubernetes");
    assert.equal(r.certificateSource, "selfSigned");
    assert.deepEqual(r.selfSigned, { validityDays: 90, renewBeforeDays: 30, algorithm: "RSA" });
    assert.equal(r.nodeCount, 3);
    assert.equal(r.plainHostname, "ml.example.com");
  });

  const cases: [string, (a: SslMlClusterArgs) => unknown, string, RegExp][] = [
    ["hostname missing", (a) => delete a.hostname, "hostname", /required/],
    ["hostname with a space", (a) => (a.hostname = "ml example.com"), "hostname", /contains " "/],
    ["hostname single label", (a) => (a.hostname = "localhost"), "hostname", /single label/],
    [
      "hostname label over 63",
      (a) => (a.hostname = `${"a".repeat(64)}.example.com`),
      "hostname",
      /limit is 63/,
    ],
    ["hostname over 253", (a) => (a.hostname = `${"abcdefghi.".repeat(26)}com`), "hostname", /limit is 253/],
    ["hostname is an IP", (a) => (a.hostname = "203.0.113.5"), "hostname", /IP address/],
    [
      "hostname label starts with -",
      (a) => (a.hostname = "-ml.example.com"),
      "hostname",
      /starts or ends with '-'/,
    ],
    ["hostname empty label", (a) => (a.hostname = "ml..example.com"), "hostname", /empty label/],
    ["hostname wildcard", (a) => (a.hostname = "*.example.com"), "hostname", /contains "\*"/],
    ["no certificate source", (a) => (a.certificate = {}), "certificate", /exactly one.*none/],
    [
      "two certificate sources",
      (a) => (a.certificate = { selfSigned: {}, imported: { certPem: "x" } }),
      "certificate",
      /selfSigned and imported/,
    ],
    [
      "misspelt source",
      (a) => (a.certificate = { selfsigned: {} } as never),
      "certificate.selfsigned",
      /did you mean "selfSigned"/,
    ],
    [
      "unknown kind",
      (a) => (a.cluster = { kind: "eks" as never }),
      "cluster.kind",
      /"kubernetes" \(default\) or "aks"/,
    ],
    ["frontEndIp not an IP", (a) => (a.frontEndIp = "fe.example.com"), "frontEndIp", /not an IPv4 or IPv6/],
    [
      "duplicate services",
      (a) =>
        (a.services = [
          { name: "iris", model: "azureml:m:1", environment: "azureml:env:1" },
          { name: "IRIS", model: "azureml:m:1", environment: "azureml:env:1" },
        ]),
      "services[1].name",
      /already used by services\[0\]/,
    ],
    [
      "service name too short",
      (a) => (a.services = [{ name: "ab", model: "azureml:m:1", environment: "azureml:env:1" }]),
      "services[0].name",
      /3–32 characters/,
    ],
    [
      "service name with underscore",
      (a) => (a.services = [{ name: "my_svc", model: "azureml:m:1", environment: "azureml:env:1" }]),
      "services[0].name",
      /not a valid endpoint name/,
    ],
    [
      "service name ending in -",
      (a) => (a.services = [{ name: "svc-", model: "azureml:m:1", environment: "azureml:env:1" }]),
      "services[0].name",
      /not ending in '-'/,
    ],
    [
      "service without environment",
      (a) => (a.services = [{ name: "iris", model: "azureml:iris:1" }]),
      "services[0].environment",
      /required on the kubernetes kind/,
    ],
    [
      "bad auth mode",
      (a) =>
        (a.services = [
          { name: "iris", model: "azureml:m:1", environment: "azureml:env:1", authMode: "AADToken" as never },
        ]),
      "services[0].authMode",
      /"Key" or "AMLToken"/,
    ],
    [
      "instanceCount 0",
      (a) =>
        (a.services = [
          { name: "iris", model: "azureml:m:1", environment: "azureml:env:1", instanceCount: 0 },
        ]),
      "services[0].instanceCount",
      /1 to 100/,
    ],
    [
      "microsoftManaged on kubernetes",
      (a) => (a.certificate = { microsoftManaged: { leafDomainLabel: "ml" } }),
      "certificate.microsoftManaged",
      /only available with cluster.kind "aks"/,
    ],
    ["nodeCount 0", (a) => (a.cluster = { nodeCount: 0 }), "cluster.nodeCount", /1 to 100/],
    ["vmSize not a size", (a) => (a.cluster = { vmSize: "big" }), "cluster.vmSize", /Standard_D4s_v3/],
    [
      "computeName too long",
      (a) => (a.cluster = { computeName: "a-very-long-compute-name-x" }),
      "cluster.computeName",
      /2–24 letters/,
    ],
    [
      "existingClusterId not an AKS ID",
      (a) => (a.cluster = { existingClusterId: "/subscriptions/x/resourceGroups/y" }),
      "cluster.existingClusterId",
      /not an AKS resource ID/,
    ],
    [
      "vmSize with an existing cluster",
      (a) =>
        (a.cluster = {
          existingClusterId:
            "/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/c",
          vmSize: "Standard_D2s_v3",
        }),
      "cluster.vmSize",
      /new cluster only/,
    ],
    [
      "validityDays 1",
      (a) => (a.certificate = { selfSigned: { validityDays: 1 } }),
      "certificate.selfSigned.validityDays",
      /2 to 3650/,
    ],
    [
      "renewBefore >= validity",
      (a) => (a.certificate = { selfSigned: { validityDays: 30, renewBeforeDays: 30 } }),
      "certificate.selfSigned.renewBeforeDays",
      /1 to 29/,
    ],
    [
      "unknown algorithm",
      (a) => (a.certificate = { selfSigned: { algorithm: "DSA" as never } }),
      "certificate.selfSigned.algorithm",
      /"ECDSA".*"RSA"/,
    ],
    [
      "imported with nothing",
      (a) => (a.certificate = { imported: {} }),
      "certificate.imported",
      /certPem or certFile/,
    ],
    [
      "imported PEM and PFX",
      (a) => (a.certificate = { imported: { certPem: "x", pfxFile: "y" } }),
      "certificate.imported",
      /not both/,
    ],
    [
      "PFX with a key",
      (a) => (a.certificate = { imported: { pfxFile: "y", keyPem: "k" } }),
      "certificate.imported.keyPem",
      /carries its own key/,
    ],
    [
      "zone ID not hex",
      (a) => (a.dns = { cloudflare: { zoneId: "zone" } }),
      "dns.cloudflare.zoneId",
      /32 lower-case hex/,
    ],
    [
      "ttl 10",
      (a) => (a.dns = { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", ttl: 10 } }),
      "dns.cloudflare.ttl",
      /from 60 to 86400, got 10$/,
    ],
    [
      "hostname outside the zone",
      (a) =>
        (a.dns = { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", zoneName: "example.org" } }),
      "hostname",
      /outside the Cloudflare zone example.org/,
    ],
    [
      "workspace missing",
      (a) => ((a as { workspaceName?: string }).workspaceName = undefined),
      "workspaceName",
      /required/,
    ],
    [
      "unknown top-level field",
      (a) => ((a as unknown as Record<string, unknown>).hostName = "x"),
      "args.hostName",
      /did you mean "hostname"/,
    ],
    [
      "TLS off with a certificate",
      (a) => (a.tlsEnabled = false),
      "certificate.selfSigned",
      /tlsEnabled is false/,
    ],
  ];
  for (const [title, mutate, argument, message] of cases) {
    it(`refuses: ${title}`, () => rejects(mutate, argument, message));
  }

  it("warns for proxied DNS with a self-signed certificate", () => {
    const r = validateArgs({
      ...base(),
      dns: { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", proxied: true } },
    });
    assert.ok(r.warnings.some((w) => /Full \(strict\)/.test(w) && /100 s/.test(w)));
  });

  it("sorts services by name", () => {
    const s = validateServices(
      [
        { name: "b-svc", model: "azureml:m:1", environment: "azureml:env:1" },
        { name: "a-svc", model: "azureml:m:1", environment: "azureml:env:1" },
      ],
      "kubernetes",
    );
    assert.deepEqual(
      s.map((x) => x.name),
      ["a-svc", "b-svc"],
    );
  });

  it("requires lower-case service names on the aks kind only", () => {
    assert.throws(() => validateServices([{ name: "Iris" }], "aks"), /lower-case/);
    assert.doesNotThrow(() =>
      validateServices([{ name: "Iris", model: "azureml:m:1", environment: "azureml:env:1" }], "kubernetes"),
    );
  });
});

describe("hostnames, DNS records, IDs and URIs (pure)", () => {
  it("validates RFC 1123 names", () => {
    assert.equal(hostnameProblem("ml.example.com"), undefined);
    assert.equal(hostnameProblem("xn--bcher-kva.example.com"), undefined);
    assert.equal(hostnameProblem("ml.example.com."), undefined);
    assert.match(hostnameProblem("ml.example.123")!, /numeric/);
    assert.equal(canonicalHostname("ML.Example.COM."), "ml.example.com");
  });

  it("plans A, AAAA and CNAME records, never a CNAME to an IP or at the apex", () => {
    assert.deepEqual(plannedRecord("ml.example.com", "203.0.113.7"), {
      type: "A",
      name: "ml.example.com",
      content: "203.0.113.7",
    });
    assert.deepEqual(plannedRecord("ml.example.com", "2001:DB8::1"), {
      type: "AAAA",
      name: "ml.example.com",
      content: "2001:db8::1",
    });
    assert.deepEqual(plannedRecord("ml.example.com", "lb.example.net."), {
      type: "CNAME",
      name: "ml.example.com",
      content: "lb.example.net",
    });
    assert.throws(
      () => plannedRecord("example.com", "lb.example.net", "example.com"),
      /CNAME cannot sit at a zone apex/,
    );
    assert.throws(
      () => plannedRecord("ml.example.com", "not an address"),
      /neither an IP address nor a host name/,
    );
  });

  it("parses AKS IDs and derives compute names", () => {
    assert.deepEqual(
      parseAksClusterId(
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1",
      ),
      {
        subscriptionId: "s",
        resourceGroupName: "rg",
        name: "c1",
      },
    );
    assert.equal(defaultComputeName("My_Cluster.Prod-2026"), "my-cluster-prod");
    assert.equal(defaultComputeName("1ml"), "ml-1ml");
    assert.equal(defaultDnsPrefix("_My__Cluster_"), "my-cluster");
    assert.equal(defaultDnsPrefix("___"), "ml");
  });

  it("builds scoring URIs for both kinds", () => {
    assert.equal(
      scoringUri("ML.example.com.", "kubernetes", "iris"),
      "https://ml.example.com/api/v1/endpoint/iris/score",
    );
    assert.equal(
      scoringUri("ml.example.com", "aks", "iris"),
      "https://ml.example.com/api/v1/service/iris/score",
    );
  });
});

describe("rotation clock and window (pure)", () => {
  it("reads SSL_ML_CLUSTER_NOW and refuses a non-date", () => {
    assert.equal(
      rotationClock({ SSL_ML_CLUSTER_NOW: "2027-03-01T00:00:00Z" }).toISOString(),
      "2027-03-01T00:00:00.000Z",
    );
    assert.throws(
      () => rotationClock({ SSL_ML_CLUSTER_NOW: "next tuesday" }),
      /SSL_ML_CLUSTER_NOW.*ISO 8601/,
    );
    assert.throws(() => rotationClock({ SSL_ML_CLUSTER_NOW: "2027-13-45" }), /ISO 8601/);
  });

  it("is stable inside a window and turns every validity - renewBefore days", () => {
    const a = rotationWindow(new Date("2026-11-10T00:00:00Z"), 90, 30);
    const b = rotationWindow(new Date("2026-12-20T12:00:00Z"), 90, 30);
    assert.deepEqual(a, b);
    const c = rotationWindow(new Date(Date.parse(a.rotatesAfter) + 1000), 90, 30);
    assert.notEqual(c.start, a.start);
    assert.equal(c.start, a.rotatesAfter);
    assert.equal(Date.parse(a.rotatesAfter) - Date.parse(a.start), 60 * 86_400_000);
  });
});

describe("legacy aks services", () => {
  it("warns that deployment fields are ignored on the aks kind", () => {
    const r = validateArgs({
      ...base(),
      cluster: { kind: "aks" },
      services: [{ name: "svc", model: "azureml:m:1", environment: "azureml:env:1" }],
    });
    assert.deepEqual(
      r.warnings.filter((w) => w.startsWith("services")),
      [
        'services "svc": model, environment are ignored on cluster.kind "aks" (services there are deployed by other tooling; only the name is used)',
      ],
    );
  });
});

describe("closed sets: exact, case-sensitive spellings with a hint", () => {
  const caseCases: [string, (a: SslMlClusterArgs) => unknown, string, string][] = [
    ["cluster.kind", (a) => (a.cluster = { kind: "AKS" as never }), "cluster.kind", "aks"],
    [
      "cluster.clusterPurpose",
      (a) => (a.cluster = { kind: "aks", clusterPurpose: "fastprod" as never }),
      "cluster.clusterPurpose",
      "FastProd",
    ],
    [
      "selfSigned.algorithm",
      (a) => (a.certificate = { selfSigned: { algorithm: "rsa" as never } }),
      "certificate.selfSigned.algorithm",
      "RSA",
    ],
    [
      "services[].authMode",
      (a) =>
        (a.services = [
          { name: "iris", model: "azureml:m:1", environment: "azureml:env:1", authMode: "amltoken" as never },
        ]),
      "services[0].authMode",
      "AMLToken",
    ],
  ];
  for (const [title, mutate, argument, near] of caseCases) {
    it(`${title}: a case variant is refused with "did you mean ${near}"`, () =>
      rejects(mutate, argument, new RegExp(`did you mean "${near}"\\? Values are case-sensitive$`)));
  }

  it("a value that is no case variant gets no hint", () =>
    rejects(
      (a) => (a.certificate = { selfSigned: { algorithm: "DSA" as never } }),
      "certificate.selfSigned.algorithm",
      /^certificate\.selfSigned\.algorithm: must be "ECDSA" \(P-256\) or "RSA" \(2048 bits\), got "DSA"$/,
    ));

  it("every exact spelling is accepted", () => {
    for (const algorithm of ["RSA", "ECDSA"] as const)
      assert.equal(
        validateArgs({ ...base(), certificate: { selfSigned: { algorithm } } }).selfSigned.algorithm,
        algorithm,
      );
    for (const clusterPurpose of ["FastProd", "DevTest", "DenseProd"] as const)
      assert.doesNotThrow(() => validateArgs({ ...base(), cluster: { kind: "aks", clusterPurpose } }));
    for (const authMode of ["Key", "AMLToken"] as const)
      assert.doesNotThrow(() =>
        validateArgs({ ...base(), services: [{ ...base().services![0], authMode }] }),
      );
  });
});
