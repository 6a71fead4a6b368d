// SslMlManagedEndpoints under the offline model: the exact children, their names, parents, key
// inputs and order. Expected values come from Front Door's and Azure ML's documentation (cited by
// each assertion), not from the component.
import * as assert from "node:assert/strict";
import { at, unwrapSecrets as unwrapWire } from "./mocks";

const unwrapSecrets = (v: unknown) => unwrapWire(v) as Record<string, unknown>;
import { buildManaged, M, managedArgs, ZONE_ID } from "./helpers/managed";
import { programFailure } from "./helpers/program-failure";
import { ArgumentError } from "../sdk/errors";

// ARM IDs as Microsoft.Cdn names them (profiles/{p}/customDomains/{d}, profiles/{p}/afdEndpoints/{e}).
const PROFILE =
  "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg-ml/providers/Microsoft.Cdn/profiles/ml-afd";

const AFD_HOST = /^[a-z0-9-]+-[0-9a-f]{16}\.z01\.azurefd\.net$/;

describe("SslMlManagedEndpoints: Front Door in front of a managed online endpoint", function () {
  this.timeout(60_000);

  it("registers exactly the expected children, all parented to the component", async () => {
    const { rec } = await buildManaged(managedArgs());
    const urn = rec.one(M.component).urn;
    const children = rec.registrations
      .filter((r) => r.op === "register" && r.parent === urn)
      .map((r) => `${r.type} ${r.name}`)
      .sort();
    assert.deepEqual(
      children,
      [
        `${M.route} ml-iris-route`,
        `${M.origin} ml-iris-origin`,
        `${M.originGroup} ml-iris-origins`,
        `${M.afdEndpoint} ml-afd-endpoint`,
        `${M.domain} ml-domain`,
        `${M.profile} ml-afd`,
        `${M.endpoint} ml-iris`,
        `${M.deployment} ml-iris-default`,
        `${M.traffic} ml-iris-traffic`,
        `${M.cfRecord} ml-dns`,
        `${M.cfRecord} ml-dnsauth`,
      ].sort(),
    );
  });

  it("makes a managed online endpoint and deployment (endpointComputeType Managed, no compute)", async () => {
    const { rec } = await buildManaged(
      managedArgs({
        services: [{ name: "iris", model: "azureml:iris:1", requestTimeoutSeconds: 90, instanceCount: 2 }],
      }),
    );
    const ep = unwrapSecrets(rec.one(M.endpoint).inputs) as Record<string, Record<string, unknown>>;
    assert.equal(ep.properties.compute, undefined, "a managed endpoint names no compute");
    assert.equal(ep.properties.authMode, "Key");
    const dep = unwrapSecrets(rec.one(M.deployment).inputs) as Record<string, Record<string, unknown>>;
    assert.equal(dep.properties.endpointComputeType, "Managed");
    assert.equal(dep.properties.instanceType, "Standard_DS3_v2");
    // Azure ML's OnlineRequestSettings.requestTimeout is an ISO 8601 duration.
    assert.deepEqual(dep.properties.requestSettings, { requestTimeout: "PT90S" });
    assert.deepEqual(dep.sku, { name: "Default", capacity: 2 });
    // Front Door waits at least as long as the endpoint may take.
    assert.equal(unwrapSecrets(rec.one(M.profile).inputs).originResponseTimeoutSeconds, 90);
  });

  it("sets the profile, origin, route and domain as Front Door's docs want them", async () => {
    const { rec, out } = await buildManaged(managedArgs());
    const profile = unwrapSecrets(rec.one(M.profile).inputs) as Record<string, unknown>;
    assert.deepEqual(profile.sku, { name: "Standard_AzureFrontDoor" });
    assert.equal(profile.location, "Global");
    assert.equal(profile.originResponseTimeoutSeconds, 60);
    assert.equal(profile.identity, undefined, "no identity without Key Vault");

    // Azure ML's managed endpoint host (learn.microsoft.com/azure/machine-learning/concept-endpoints-online).
    const host = "iris.westeurope.inference.ml.azure.com";
    const origin = unwrapSecrets(rec.one(M.origin).inputs) as Record<string, unknown>;
    assert.equal(origin.hostName, host);
    assert.equal(origin.originHostHeader, host);
    assert.equal(origin.httpsPort, 443);
    assert.equal(origin.enforceCertificateNameCheck, true);
    const group = unwrapSecrets(rec.one(M.originGroup).inputs) as Record<string, unknown>;
    assert.equal(group.healthProbeSettings, undefined, "no probe: scoring needs Authorization");

    const route = unwrapSecrets(rec.one(M.route).inputs) as Record<string, unknown>;
    assert.deepEqual(route.patternsToMatch, ["/iris/*"]);
    // "set the origin path ... to /" removes the matched segment (Front Door URL rewrite docs).
    assert.equal(route.originPath, "/");
    assert.equal(route.forwardingProtocol, "HttpsOnly");
    assert.equal(route.httpsRedirect, "Enabled");
    assert.equal(route.linkToDefaultDomain, "Disabled");
    assert.deepEqual(route.supportedProtocols, ["Http", "Https"]);
    assert.deepEqual(route.customDomains, [{ id: `${PROFILE}/customDomains/ml-domain` }]);
    assert.deepEqual(route.originGroup, { id: `${PROFILE}/originGroups/ml-iris-origins` });
    assert.ok(
      rec.one(M.route).dependencies.includes(rec.one(M.origin).urn),
      "the route waits for its origin",
    );

    const domain = rec.one(M.domain);
    assert.deepEqual(unwrapSecrets(domain.inputs).tlsSettings, {
      certificateType: "ManagedCertificate",
      minimumTlsVersion: "TLS12",
    });
    assert.deepEqual(domain.replaceOnChanges, ["hostName"]);

    assert.equal(out.hostname, "ml.example.com");
    assert.deepEqual(out.scoringUris, { iris: "https://ml.example.com/iris/score" });
    assert.equal(out.scoringUri, "https://ml.example.com/iris/score");
    assert.match(String(out.frontDoorEndpoint), AFD_HOST);
    assert.deepEqual(out.originHosts, { iris: host });
    // Once approved, what Azure reports of the managed certificate's secret (the offline model issues
    // it at approval, valid 180 days from its fixed clock, 2026-01-01).
    assert.deepEqual(out.certificate, {
      type: "ManagedCertificate",
      validationState: "Approved",
      subject: "ml.example.com",
      notAfter: "2026-06-30T00:00:00.000Z",
    });
  });

  it("writes the _dnsauth TXT record and, after the route and the approval, the CNAME", async () => {
    const { rec, out } = await buildManaged(managedArgs());
    const token = (rec.one(M.domain).outputs.validationProperties as Record<string, string>).validationToken;
    const txt = rec.byName("ml-dnsauth")!;
    assert.equal(at(txt.inputs, "name").value, "_dnsauth.ml.example.com");
    assert.equal(at(txt.inputs, "type").value, "TXT");
    assert.equal(at(txt.inputs, "content").value, token);
    const cname = rec.byName("ml-dns")!;
    assert.equal(at(cname.inputs, "type").value, "CNAME");
    assert.equal(at(cname.inputs, "name").value, "ml.example.com");
    assert.equal(at(cname.inputs, "content").value, out.frontDoorEndpoint);
    assert.equal(at(cname.inputs, "proxied").value, false);
    assert.ok(cname.dependencies.includes(rec.one(M.route).urn), "the CNAME comes after the route");
    const polled = rec.invocations.filter((i) => i.token === "azure-native:cdn:getAFDCustomDomain");
    // One read by the wait (Approved at once here), one for the managed certificate's secret.
    assert.equal(polled.length, 2, "the up read the domain's validation state");
    assert.equal(rec.invocations.filter((i) => i.token === "azure-native:cdn:getSecret").length, 1);
    assert.deepEqual(out.dnsRecords, [
      { type: "TXT", name: "_dnsauth.ml.example.com", content: token, managed: true },
      { type: "CNAME", name: "ml.example.com", content: out.frontDoorEndpoint, managed: true },
    ]);
  });

  it("puts an Azure DNS apex on an alias record to the Front Door endpoint", async () => {
    const { rec, out } = await buildManaged(
      managedArgs({
        hostname: "example.com",
        dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns" } },
      }),
    );
    const txt = unwrapSecrets(rec.byName("ml-dnsauth")!.inputs) as Record<string, unknown>;
    assert.equal(txt.relativeRecordSetName, "_dnsauth");
    assert.equal(txt.recordType, "TXT");
    const alias = rec.byName("ml-dns")!;
    const a = unwrapSecrets(alias.inputs) as Record<string, unknown>;
    assert.equal(a.relativeRecordSetName, "@");
    assert.equal(a.recordType, "A");
    assert.equal(a.cnameRecord, undefined, "never a CNAME at the apex");
    assert.deepEqual(a.targetResource, { id: `${PROFILE}/afdEndpoints/ml-afd-endpoint` });
    assert.equal((out.dnsRecords as { type: string }[])[1].type, "ALIAS");
  });

  it("keeps a CNAME at a Cloudflare apex (Cloudflare flattens it)", async () => {
    const { rec, out } = await buildManaged(
      managedArgs({
        hostname: "example.com",
        dns: { cloudflare: { zoneId: ZONE_ID, zoneName: "example.com" } },
      }),
    );
    const c = rec.byName("ml-dns")!;
    assert.equal(at(c.inputs, "type").value, "CNAME");
    assert.equal(at(c.inputs, "name").value, "example.com");
    assert.equal(at(c.inputs, "content").value, out.frontDoorEndpoint);
    assert.equal(at(rec.byName("ml-dnsauth")!.inputs, "name").value, "_dnsauth.example.com");
  });

  it("uses a CNAME below the apex in Azure DNS", async () => {
    const { rec, out } = await buildManaged(
      managedArgs({ dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns" } } }),
    );
    assert.equal(unwrapSecrets(rec.byName("ml-dnsauth")!.inputs).relativeRecordSetName, "_dnsauth.ml");
    const c = unwrapSecrets(rec.byName("ml-dns")!.inputs) as Record<string, unknown>;
    assert.equal(c.recordType, "CNAME");
    assert.deepEqual(c.cnameRecord, { cname: out.frontDoorEndpoint });
  });

  it("attaches existing endpoints by the host Azure reports, and refuses a private one", async () => {
    const { rec, out } = await buildManaged(managedArgs({ services: undefined, endpoints: ["fraud"] }), {
      existingManagedEndpoints: { fraud: {} },
    });
    assert.equal(rec.byType(M.endpoint).length, 0, "nothing made for an attached endpoint");
    assert.deepEqual(out.originHosts, { fraud: "fraud.westeurope.inference.ml.azure.com" });
    assert.deepEqual(unwrapSecrets(rec.one(M.route).inputs).patternsToMatch, ["/fraud/*"]);
    const failure = await programFailure(
      managedArgs({ services: undefined, endpoints: ["fraud"] }),
      { existingManagedEndpoints: { fraud: { publicNetworkAccess: "Disabled" } } },
      buildManaged,
    );
    assert.ok(failure instanceof ArgumentError, String(failure));
    assert.equal(failure.argument, "endpoints[0]");
    assert.match(failure.message, /publicNetworkAccess: Disabled, so Front Door cannot reach it/);
  });

  it("makes no DNS record without dns, never waits, and says what to create", async () => {
    const { rec, out } = await buildManaged(managedArgs({ dns: undefined }));
    assert.equal(rec.byType(M.cfRecord).length + rec.byType(M.recordSet).length, 0);
    assert.equal(rec.invocations.filter((i) => i.token === "azure-native:cdn:getAFDCustomDomain").length, 0);
    assert.ok(
      rec.warnings.some((w) => /create these records by hand .*: TXT _dnsauth\.ml\.example\.com/.test(w)),
    );
    assert.equal((out.dnsRecords as { managed: boolean }[])[0].managed, false);
    // Nothing waited for: the state the domain's creation reported.
    assert.deepEqual(out.certificate, { type: "ManagedCertificate", validationState: "Pending" });
  });

  it("previews without waiting for the domain", async () => {
    const { rec } = await buildManaged(managedArgs(), { preview: true });
    assert.equal(rec.invocations.filter((i) => i.token === "azure-native:cdn:getAFDCustomDomain").length, 0);
    assert.equal(rec.byType(M.route).length, 1);
  });

  it("fails the up when Front Door rejects the domain", async () => {
    const failure = await programFailure(managedArgs(), { frontDoorDomainState: "Rejected" }, buildManaged);
    assert.ok(failure instanceof ArgumentError, String(failure));
    assert.equal(failure.argument, "hostname");
    assert.match(failure.message, /validation of ml\.example\.com ended in Rejected/);
  });
});
