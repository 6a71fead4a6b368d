// Bad input for certificate.acme and dns.azure: each an ArgumentError naming the field and the fix,
// thrown by pure functions before anything is registered.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentError } from "../sdk/errors";
import { validateArgs } from "../sdk/validation/args";
import { acmeServerUrl, validateAcme } from "../sdk/certificates/sources/acme-rules";
import { outsideZone, relativeRecordName, validateAzureDns } from "../sdk/dns/rules";
import { cloudflareTokenSource } from "../sdk/certificates/sources/acme";
import { freshRuntime } from "./mocks";
import { SslMlCluster } from "../sdk/component";
import type { SslMlClusterArgs } from "../sdk/types";

const ZONE_ID = "0123456789abcdef0123456789abcdef";

function args(extra: Record<string, unknown> = {}): SslMlClusterArgs {
  return {
    hostname: "ml.example.com",
    resourceGroupName: "rg-ml",
    workspaceName: "ws-ml",
    certificate: { acme: { email: "ops@contoso.com" } },
    dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns" } },
    ...extra,
  } as SslMlClusterArgs;
}
const acme = (a: Record<string, unknown>) =>
  args({ certificate: { acme: { email: "ops@contoso.com", ...a } } });
const azure = (a: Record<string, unknown>) =>
  args({ dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns", ...a } } });

function refused(a: SslMlClusterArgs, argument: string, message: RegExp): void {
  assert.throws(
    () => validateArgs(a),
    (e: Error) => {
      assert.ok(e instanceof ArgumentError, `${e.name}: ${e.message}`);
      assert.equal((e as ArgumentError).argument, argument);
      assert.match(e.message, message);
      return true;
    },
  );
}

describe("validation: certificate.acme", () => {
  it("accepts the defaults: Let's Encrypt production, RSA2048, 30 days, 90-day validity", () => {
    const r = validateArgs(args());
    assert.equal(r.certificateSource, "acme");
    assert.deepEqual(r.acme, {
      serverUrl: "https://acme-v02.api.letsencrypt.org/directory",
      keyType: "RSA2048",
      renewBeforeDays: 30,
      validityDays: 90,
      challenge: "azuredns",
    });
    assert.deepEqual(r.warnings, []);
  });

  it("maps server names to directory URLs and keeps an https URL as given", () => {
    assert.equal(acmeServerUrl("letsencrypt"), "https://acme-v02.api.letsencrypt.org/directory");
    assert.equal(
      acmeServerUrl("letsencrypt-staging"),
      "https://acme-staging-v02.api.letsencrypt.org/directory",
    );
    assert.equal(
      acmeServerUrl("https://ca.example.org/acme/directory"),
      "https://ca.example.org/acme/directory",
    );
    for (const bad of [
      "http://ca.example.org/directory",
      "letsencrypt-prod",
      "ca.example.org",
      "https://u:p@ca.example.org/d",
      "",
    ])
      assert.equal(acmeServerUrl(bad), undefined, bad);
  });

  const cases: [string, SslMlClusterArgs, string, RegExp][] = [
    [
      "an invalid e-mail",
      acme({ email: "ops at example.org" }),
      "certificate.acme.email",
      /"ops at example\.org" is not an e-mail address; give one such as ops@example\.org/,
    ],
    [
      "an e-mail without a domain",
      acme({ email: "ops@localhost" }),
      "certificate.acme.email",
      /is not an e-mail address/,
    ],
    [
      "no e-mail",
      args({ certificate: { acme: {} } }),
      "certificate.acme.email",
      /is required: the contact address of the ACME account/,
    ],
    [
      "a server that is not an https URL",
      acme({ server: "http://acme.example.org/directory" }),
      "certificate.acme.server",
      /is neither "letsencrypt", "letsencrypt-staging" nor an https:\/\/ ACME directory URL; use one of those/,
    ],
    [
      "an unknown server name",
      acme({ server: "zerossl" }),
      "certificate.acme.server",
      /"zerossl" is neither/,
    ],
    [
      "an unknown keyType",
      acme({ keyType: "RSA1024" }),
      "certificate.acme.keyType",
      /must be one of "RSA2048", "RSA4096", "P256", "P384" \(default "RSA2048"\), got "RSA1024"/,
    ],
    [
      "renewBeforeDays 0",
      acme({ renewBeforeDays: 0 }),
      "certificate.acme.renewBeforeDays",
      /must be a whole number of days from 1 to 60 .*got 0/,
    ],
    [
      "renewBeforeDays 61",
      acme({ renewBeforeDays: 61 }),
      "certificate.acme.renewBeforeDays",
      /from 1 to 60 .*got 61/,
    ],
    ["renewBeforeDays 2.5", acme({ renewBeforeDays: 2.5 }), "certificate.acme.renewBeforeDays", /got 2\.5/],
    [
      "an unknown acme field",
      acme({ eMail: "x@example.org" }),
      "certificate.acme.eMail",
      /unknown field; did you mean "email"\?/,
    ],
    [
      "acme without dns",
      args({ dns: undefined }),
      "dns",
      /is required with certificate\.acme: .*DNS-01.*add dns\.cloudflare or dns\.azure/,
    ],
    [
      "acme beside selfSigned",
      args({ certificate: { acme: { email: "ops@contoso.com" }, selfSigned: {} } }),
      "certificate",
      /give exactly one of selfSigned, imported, microsoftManaged, acme or keyVault \(got selfSigned and acme\)/,
    ],
  ];
  for (const [title, a, argument, message] of cases) {
    it(`refuses ${title}, naming ${argument}`, () => refused(a, argument, message));
  }

  it("warns for ECDSA key types and the staging server", () => {
    const w = validateArgs(acme({ keyType: "P256", server: "letsencrypt-staging" })).warnings;
    assert.equal(w.length, 2);
    assert.match(
      w[0],
      /^certificate\.acme\.keyType P256: an ECDSA certificate; clients that offer only RSA cipher suites cannot connect/,
    );
    assert.match(
      w[1],
      /^certificate\.acme\.server letsencrypt-staging: the staging CA is not trusted by any client/,
    );
  });

  it("validateAcme never changes its input", () => {
    const input = { email: "ops@contoso.com" };
    const frozen = Object.freeze({ ...input });
    validateAcme(frozen, { azure: { zoneName: "example.com", resourceGroupName: "rg" } }, []);
    assert.deepEqual(frozen, input);
  });

  it("the Cloudflare token: apiToken first, then CLOUDFLARE_API_TOKEN, else an error naming the field", () => {
    assert.equal(cloudflareTokenSource("t", { CLOUDFLARE_API_TOKEN: "e" }), "dns.cloudflare.apiToken");
    assert.equal(cloudflareTokenSource(pulumi.secret("t"), {}), "dns.cloudflare.apiToken");
    assert.equal(cloudflareTokenSource(undefined, { CLOUDFLARE_API_TOKEN: "e" }), "CLOUDFLARE_API_TOKEN");
    assert.throws(
      () => cloudflareTokenSource(undefined, { CLOUDFLARE_API_TOKEN: "" }),
      /dns\.cloudflare\.apiToken: .*Zone:Read and DNS:Edit/,
    );
  });

  it("refuses an apiToken that is empty or has spaces", () => {
    refused(
      args({ dns: { cloudflare: { zoneId: ZONE_ID, apiToken: " " } } }),
      "dns.cloudflare.apiToken",
      /must be a Cloudflare API token \(one word, no spaces\); pass it as a secret/,
    );
  });
});

describe("validation: dns.azure", () => {
  it("accepts a zone and applies the default TTL", () => {
    assert.deepEqual(
      validateAzureDns({ zoneName: "Example.COM.", resourceGroupName: "rg-dns" }, "ml.example.com"),
      {
        ttl: 300,
        zoneName: "example.com",
      },
    );
    assert.deepEqual(validateArgs(args()).dns, { ttl: 300, proxied: false, zoneName: "example.com" });
  });

  it("names record sets relative to the zone, '@' at the apex", () => {
    assert.equal(relativeRecordName("ml.example.com", "example.com"), "ml");
    assert.equal(relativeRecordName("a.b.example.com", "example.com"), "a.b");
    assert.equal(relativeRecordName("example.com", "example.com"), "@");
    assert.equal(
      outsideZone("ml.notexample.com", "example.com")?.startsWith(
        "hostname ml.notexample.com is outside the zone example.com",
      ),
      true,
    );
    assert.throws(
      () => relativeRecordName("ml.notexample.com", "example.com"),
      /dns\.azure\.zoneName: hostname ml\.notexample\.com is outside the zone example\.com/,
    );
  });

  const cases: [string, SslMlClusterArgs, string, RegExp][] = [
    [
      "a zone name that is not a domain (single label)",
      azure({ zoneName: "localhost" }),
      "dns.azure.zoneName",
      /"localhost" is not a domain name \(it is a single label; .*\); give the zone as Azure shows it, e\.g\. example\.com/,
    ],
    [
      "a zone name with a space",
      azure({ zoneName: "example .com" }),
      "dns.azure.zoneName",
      /is not a domain name \(it contains " "/,
    ],
    [
      "a zone name that is an IP",
      azure({ zoneName: "10.0.0.1" }),
      "dns.azure.zoneName",
      /is not a domain name \(it is an IP address/,
    ],
    [
      "a hostname outside the zone",
      azure({ zoneName: "contoso.com" }),
      "dns.azure.zoneName",
      /hostname ml\.example\.com is outside the zone contoso\.com; give the zone that holds the hostname \(e\.g\. example\.com\) or a hostname under contoso\.com/,
    ],
    [
      "a Cloudflare zoneId in dns.azure",
      azure({ zoneId: ZONE_ID }),
      "dns.azure.zoneId",
      /is a Cloudflare setting that Azure DNS does not have; remove it from dns\.azure \(or use dns\.cloudflare/,
    ],
    ["proxied in dns.azure", azure({ proxied: true }), "dns.azure.proxied", /is a Cloudflare setting/],
    ["apiToken in dns.azure", azure({ apiToken: "t" }), "dns.azure.apiToken", /is a Cloudflare setting/],
    [
      "an unknown dns.azure field",
      azure({ zone: "example.com" }),
      "dns.azure.zone",
      /unknown field; known fields are zoneName, resourceGroupName, ttl/,
    ],
    [
      "no zone name",
      args({ dns: { azure: { resourceGroupName: "rg" } } }),
      "dns.azure.zoneName",
      /is required/,
    ],
    [
      "no resource group",
      args({ dns: { azure: { zoneName: "example.com" } } }),
      "dns.azure.resourceGroupName",
      /is required: the resource group of the Azure DNS zone/,
    ],
    [
      "a resource group name ending in '.'",
      azure({ resourceGroupName: "rg." }),
      "dns.azure.resourceGroupName",
      /is not a resource group name/,
    ],
    [
      "a TTL of 0",
      azure({ ttl: 0 }),
      "dns.azure.ttl",
      /must be a whole number of seconds from 1 to 2147483647 \(default 300\), got 0/,
    ],
    [
      "cloudflare and azure together",
      args({
        dns: { cloudflare: { zoneId: ZONE_ID }, azure: { zoneName: "example.com", resourceGroupName: "rg" } },
      }),
      "dns",
      /give either dns\.cloudflare or dns\.azure, not both/,
    ],
  ];
  for (const [title, a, argument, message] of cases) {
    it(`refuses ${title}, naming ${argument}`, () => refused(a, argument, message));
  }

  it("a bad field stops the component before anything is registered", () => {
    const rec = freshRuntime();
    assert.throws(
      () => new SslMlCluster("ml", azure({ proxied: true })),
      /dns\.azure\.proxied: is a Cloudflare setting/,
    );
    assert.throws(
      () => new SslMlCluster("ml", acme({ renewBeforeDays: 90 })),
      /certificate\.acme\.renewBeforeDays/,
    );
    assert.equal(rec.registrations.length, 0);
  });
});

describe("certificate.acme.recursiveNameservers (lego's DNS-01 precheck resolvers)", () => {
  const PRIVATE = {
    azurePrivate: { zoneName: "example.com", resourceGroupName: "rg-private" },
  };
  const CHALLENGE = { azure: { zoneName: "example.com", resourceGroupName: "rg-public" } };

  it("public resolvers by default with a private record; the machine's own otherwise or with []", () => {
    const priv = validateAcme({ email: "ops@contoso.com", challenge: CHALLENGE }, PRIVATE, []);
    assert.deepEqual(priv.recursiveNameservers, ["1.1.1.1:53", "8.8.8.8:53"]);
    const pub = validateAcme({ email: "ops@contoso.com" }, { azure: CHALLENGE.azure }, []);
    assert.equal("recursiveNameservers" in pub, false);
    const own = validateAcme(
      { email: "ops@contoso.com", challenge: CHALLENGE, recursiveNameservers: [] },
      PRIVATE,
      [],
    );
    assert.equal("recursiveNameservers" in own, false);
    const given = validateAcme(
      {
        email: "ops@contoso.com",
        recursiveNameservers: [" 9.9.9.9:53", "[2606:4700:4700::1111]:53", "dns.example.net:5353"],
      },
      { azure: CHALLENGE.azure },
      [],
    );
    assert.deepEqual(given.recursiveNameservers, [
      "9.9.9.9:53",
      "[2606:4700:4700::1111]:53",
      "dns.example.net:5353",
    ]);
  });

  it("refuses what is not host:port, naming the entry", () => {
    for (const [bad, path] of [
      ["1.1.1.1", "certificate.acme.recursiveNameservers[0]"],
      ["1.1.1.1:0", "certificate.acme.recursiveNameservers[0]"],
      ["1.1.1.1:70000", "certificate.acme.recursiveNameservers[0]"],
      ["2606:4700::1111:53", "certificate.acme.recursiveNameservers[0]"],
    ] as const) {
      assert.throws(
        () =>
          validateAcme(
            { email: "ops@contoso.com", recursiveNameservers: [bad] },
            { azure: CHALLENGE.azure },
            [],
          ),
        (e: unknown) =>
          e instanceof ArgumentError &&
          e.argument === path &&
          /is not a resolver address "host:port"; give one such as "1\.1\.1\.1:53"/.test(e.message),
      );
    }
    assert.throws(
      () =>
        validateAcme(
          { email: "ops@contoso.com", recursiveNameservers: "1.1.1.1:53" as unknown as string[] },
          { azure: CHALLENGE.azure },
          [],
        ),
      (e: unknown) => e instanceof ArgumentError && e.argument === "certificate.acme.recursiveNameservers",
    );
  });
});
