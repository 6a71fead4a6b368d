// Fast, pure tests of sdk/dns's rules, written to kill mutants that survived the scoped Stryker
// runs (issue 28, item 8) and would ship a bug: TTL and ID bounds, the zone checks, the exact
// messages. Expected values come from the providers' documentation, not from the code:
// - Cloudflare TTL: 1 = automatic, else 60–86400 s, 30 s on Enterprise zones
//   (https://developers.cloudflare.com/dns/manage-dns-records/reference/ttl/); proxied records keep
//   an automatic TTL (https://developers.cloudflare.com/dns/proxy-status/); a comment holds 100
//   characters (https://developers.cloudflare.com/dns/manage-dns-records/reference/record-attributes/).
// - Azure DNS record set TTL: a 32-bit signed integer of seconds (RecordSetProperties.TTL, int64
//   in azure-rest-api-specs dns.json; the portal caps it at 2147483647).
// - Azure resource group names: 1–90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'
//   (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources).
// - A CNAME never sits at a zone apex (RFC 1034 §3.6.2).
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ArgumentError } from "../sdk/errors";
import { publicDnsArgument, validateDns } from "../sdk/dns/args-rules";
import {
  checkAzureZoneFields,
  outsideZone,
  relativeRecordName,
  validateAzureDns,
  validateCloudflareToken,
  validateDnsProviders,
} from "../sdk/dns/rules";
import { azureRecordSetData, checkedInZone, ownershipComment, plannedRecord } from "../sdk/dns/record";
import { azurePrivateRecordBody } from "../sdk/dns/azure-private";
import {
  checkVirtualNetworkId,
  validateAzurePrivateDns,
  virtualNetworkLinkName,
} from "../sdk/dns/private-rules";

const ID = "0123456789abcdef0123456789abcdef";
const HOST = "ml.example.com";
const VNET =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1";

/** Asserts `fn` throws an ArgumentError for `argument` whose message matches `message`. */
function refused(fn: () => unknown, argument: string, message: RegExp | string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ArgumentError, String(e));
    assert.equal(e.argument, argument);
    if (typeof message === "string") assert.equal(e.message, `${argument}: ${message}`);
    else assert.match(e.message, message);
    return true;
  });
}

function cloudflare(
  cf: Record<string, unknown>,
  hostname: string | undefined = HOST,
  warnings: string[] = [],
) {
  const resolved = validateDns({ cloudflare: { zoneId: ID, ...cf } }, hostname, "imported", warnings);
  assert.ok(resolved);
  return resolved;
}

describe("dns mutants: dns.cloudflare TTL (1, or 60–86400 s; 30 s on Enterprise)", () => {
  it("accepts 1, 60, 86400 and defaults to 300", () => {
    assert.equal(cloudflare({}).ttl, 300);
    for (const ttl of [1, 60, 86400]) assert.equal(cloudflare({ ttl }).ttl, ttl);
    assert.equal(cloudflare({ ttl: 30, enterpriseZone: true }).ttl, 30);
    assert.equal(cloudflare({ ttl: 86400, enterpriseZone: true }).ttl, 86400);
  });

  it("refuses 0, 2, 59, 86401 and fractions, with the range and the value given", () => {
    for (const ttl of [0, 2, 59, 86401, 120.5]) {
      refused(
        () => cloudflare({ ttl }),
        "dns.cloudflare.ttl",
        `must be 1 (automatic) or a whole number of seconds from 60 to 86400, got ${ttl}` +
          (ttl === 59
            ? "; 30–59 s needs an Enterprise zone: set dns.cloudflare.enterpriseZone: true if yours is one"
            : ""),
      );
    }
    refused(
      () => cloudflare({ ttl: 29, enterpriseZone: true }),
      "dns.cloudflare.ttl",
      "must be 1 (automatic) or a whole number of seconds from 30 to 86400, got 29",
    );
    refused(
      () => cloudflare({ ttl: 86401, enterpriseZone: true }),
      "dns.cloudflare.ttl",
      "must be 1 (automatic) or a whole number of seconds from 30 to 86400, got 86401",
    );
    refused(
      () => cloudflare({ ttl: "300" }),
      "dns.cloudflare.ttl",
      'must be 1 (automatic) or a whole number of seconds from 60 to 86400, got "300"',
    );
  });

  it("the Enterprise hint is given for 30–59 s on a non-Enterprise zone only", () => {
    const hint = /30–59 s needs an Enterprise zone/;
    refused(() => cloudflare({ ttl: 30 }), "dns.cloudflare.ttl", hint);
    refused(() => cloudflare({ ttl: 45 }), "dns.cloudflare.ttl", hint);
    for (const ttl of [29, 0, 86401]) {
      assert.throws(
        () => cloudflare({ ttl }),
        (e: Error) => !hint.test(e.message),
      );
    }
    assert.throws(
      () => cloudflare({ ttl: 29, enterpriseZone: true }),
      (e: Error) => !hint.test(e.message),
    );
  });
});

describe("dns mutants: dns.cloudflare IDs (32 lower-case hex characters, anchored)", () => {
  // https://developers.cloudflare.com/fundamentals/account/find-account-and-zone-ids/
  it("a zone ID or adoptRecordId with a character before or after the 32 is refused", () => {
    assert.equal(cloudflare({ adoptRecordId: ID }).ttl, 300);
    for (const bad of [`z${ID}`, `${ID}z`, ID.toUpperCase(), ID.slice(1)]) {
      refused(
        () => validateDns({ cloudflare: { zoneId: bad } }, HOST, "imported", []),
        "dns.cloudflare.zoneId",
        `${JSON.stringify(bad)} is not a Cloudflare zone ID (32 lower-case hex characters)`,
      );
      refused(
        () => cloudflare({ adoptRecordId: bad }),
        "dns.cloudflare.adoptRecordId",
        `${JSON.stringify(bad)} is not a Cloudflare record ID (32 lower-case hex characters, as the refusal message printed it)`,
      );
    }
    refused(
      () => cloudflare({ adoptRecordId: 1 }),
      "dns.cloudflare.adoptRecordId",
      /^dns\.cloudflare\.adoptRecordId: 1 is not/,
    );
    refused(
      () => cloudflare({ enterpriseZone: "true" }),
      "dns.cloudflare.enterpriseZone",
      "must be true or false",
    );
    // A zone ID given as an Output is checked by Cloudflare, not here.
    assert.doesNotThrow(() => validateDns({ cloudflare: { zoneId: {} as never } }, HOST, "imported", []));
  });
});

describe("dns mutants: dns.cloudflare proxying and zone", () => {
  it("unproxied: the TTL given is sent, no warning", () => {
    const warnings: string[] = [];
    assert.deepEqual(cloudflare({ ttl: 120 }, HOST, warnings), {
      ttl: 120,
      proxied: false,
      zoneName: undefined,
    });
    assert.deepEqual(warnings, []);
  });

  it("proxied: TTL 1 is sent, a TTL other than 1 is warned about, the 100 s cut is warned about", () => {
    const warnings: string[] = [];
    assert.deepEqual(cloudflare({ proxied: true, ttl: 120 }, HOST, warnings), {
      ttl: 1,
      proxied: true,
      zoneName: undefined,
    });
    assert.deepEqual(warnings, [
      "dns.cloudflare.ttl: 120 is not used for a proxied record; Cloudflare keeps proxied records at automatic TTL, so ttl 1 is sent",
      "dns.cloudflare.proxied: Cloudflare cuts proxied calls after 100 s; long scoring calls will fail",
    ]);
    const quiet: string[] = [];
    cloudflare({ proxied: true, ttl: 1 }, HOST, quiet);
    cloudflare({ proxied: true }, HOST, quiet);
    assert.equal(quiet.filter((w) => w.startsWith("dns.cloudflare.ttl")).length, 0);
  });

  it("proxied with a self-signed certificate: the Full (strict) warning instead", () => {
    const warnings: string[] = [];
    validateDns({ cloudflare: { zoneId: ID, proxied: true } }, HOST, "selfSigned", warnings);
    assert.deepEqual(warnings, [
      "dns.cloudflare.proxied with a self-signed certificate: Cloudflare's Full (strict) mode rejects it, and proxied calls are cut after 100 s; use proxied: false or an imported certificate",
    ]);
    const none: string[] = [];
    validateDns({ cloudflare: { zoneId: ID } }, HOST, "selfSigned", none);
    assert.deepEqual(none, []);
  });

  it("refuses a proxied that is not a boolean", () =>
    refused(() => cloudflare({ proxied: "true" }), "dns.cloudflare.proxied", "must be true or false"));

  it("zoneName: canonical, the hostname inside it or at its apex, else refused", () => {
    assert.equal(cloudflare({ zoneName: "Example.COM." }).zoneName, "example.com");
    assert.equal(cloudflare({ zoneName: "example.com" }, "example.com").zoneName, "example.com");
    assert.equal(cloudflare({ zoneName: "example.com" }, undefined).zoneName, "example.com");
    refused(
      () => cloudflare({ zoneName: "example.com" }, "ml.example.org"),
      "hostname",
      "ml.example.org is outside the Cloudflare zone example.com; use a name under example.com or the zone that holds the hostname",
    );
    refused(() => cloudflare({ zoneName: "example.com" }, "mlexample.com"), "hostname", /outside/);
    refused(
      () => cloudflare({ zoneName: "not a zone" }),
      "dns.cloudflare.zoneName",
      /^dns\.cloudflare\.zoneName: "not a zone" contains " "/,
    );
  });

  it('unknown fields, a zoneId of "" and a bad token are refused; no dns is undefined', () => {
    refused(
      () => cloudflare({ zoneID: ID }),
      "dns.cloudflare.zoneID",
      'unknown field; did you mean "zoneId"?',
    );
    refused(
      () => validateDns({ cloudflare: { zoneId: "" } }, HOST, "imported", []),
      "dns.cloudflare.zoneId",
      "is required (the Cloudflare zone ID, 32 hex characters)",
    );
    refused(() => cloudflare({ apiToken: "two words" }), "dns.cloudflare.apiToken", /one word, no spaces/);
    refused(
      () => validateDns({ route53: {} } as never, HOST, "imported", []),
      "dns.route53",
      /unknown field/,
    );
    assert.equal(validateDns(undefined, HOST, "imported", []), undefined);
    assert.equal(validateDns({}, HOST, "imported", []), undefined);
  });

  it("publicDnsArgument: the public provider's argument, none for a private zone or no dns", () => {
    const az = { zoneName: "example.com", resourceGroupName: "rg" };
    assert.equal(publicDnsArgument({ cloudflare: { zoneId: ID } }), "dns.cloudflare");
    assert.equal(publicDnsArgument({ azure: az }), "dns.azure");
    assert.equal(publicDnsArgument({ azurePrivate: az }), undefined);
    assert.equal(publicDnsArgument(undefined), undefined);
  });

  it("survivors of the scoped run: a private zone alone, a missing zoneId, an adoptRecordId in a list", () => {
    const az = { zoneName: "corp.example", resourceGroupName: "rg" };
    // dns.azurePrivate is a known key of dns; it resolves no public record.
    assert.equal(validateDns({ azurePrivate: az }, HOST, "imported", []), undefined);
    refused(
      () => validateDns({ cloudflare: {} as never }, HOST, "imported", []),
      "dns.cloudflare.zoneId",
      "is required (the Cloudflare zone ID, 32 hex characters)",
    );
    // A YAML list reads as its one element when stringified: still not a record ID.
    refused(
      () => cloudflare({ adoptRecordId: [ID] }),
      "dns.cloudflare.adoptRecordId",
      /is not a Cloudflare record ID/,
    );
  });

  it("dns.azure resolves to its TTL and zone, never proxied", () => {
    assert.deepEqual(
      validateDns(
        { azure: { zoneName: "Example.com", resourceGroupName: "rg", ttl: 60 } },
        HOST,
        "imported",
        [],
      ),
      { ttl: 60, proxied: false, zoneName: "example.com" },
    );
  });
});

describe("dns mutants: providers and token (rules.ts)", () => {
  it("one public provider, and a private zone alone", () => {
    const az = { zoneName: "example.com", resourceGroupName: "rg" };
    refused(
      () => validateDnsProviders({ cloudflare: { zoneId: ID }, azure: az }),
      "dns",
      "give either dns.cloudflare or dns.azure, not both: one provider owns the hostname's record",
    );
    for (const [other, dns] of [
      ["dns.cloudflare", { cloudflare: { zoneId: ID }, azurePrivate: az }],
      ["dns.azure", { azure: az, azurePrivate: az }],
    ] as const) {
      refused(
        () => validateDnsProviders(dns),
        "dns",
        `give either ${other} or dns.azurePrivate, not both: one provider owns the hostname's record; for ACME through a public zone beside a private record, move ${other} to certificate.acme.challenge`,
      );
    }
    for (const dns of [undefined, {}, { azure: az }, { cloudflare: { zoneId: ID } }, { azurePrivate: az }]) {
      assert.doesNotThrow(() => validateDnsProviders(dns));
    }
  });

  it("a token is one non-empty word; an Output (object) passes; the path is named", () => {
    const message =
      'must be a Cloudflare API token (one word, no spaces); pass it as a secret, e.g. config.requireSecret("cloudflareApiToken")';
    for (const token of ["", "   ", "a b", 42, null, true]) {
      refused(() => validateCloudflareToken(token), "dns.cloudflare.apiToken", message);
    }
    refused(
      () => validateCloudflareToken(" a\tb ", "certificate.acme.challenge.cloudflare.apiToken"),
      "certificate.acme.challenge.cloudflare.apiToken",
      message,
    );
    for (const token of [undefined, "abc", " abc ", {}])
      assert.doesNotThrow(() => validateCloudflareToken(token));
  });
});

describe("dns mutants: dns.azure and the shared zone fields (rules.ts)", () => {
  const az = (extra: Record<string, unknown>) => ({
    zoneName: "example.com",
    resourceGroupName: "rg",
    ...extra,
  });

  it("must be an object", () => {
    for (const v of [null, "x", [], 3]) {
      refused(
        () => validateAzureDns(v as never),
        "dns.azure",
        'must be an object such as { zoneName: "example.com", resourceGroupName: "rg-dns" }',
      );
    }
  });

  it("Cloudflare-only fields and unknown fields are named, with the fix", () => {
    for (const key of ["zoneId", "proxied", "apiToken"]) {
      refused(
        () => validateAzureDns(az({ [key]: "x" }) as never),
        `dns.azure.${key}`,
        "is a Cloudflare setting that Azure DNS does not have; remove it from dns.azure (or use dns.cloudflare for a Cloudflare zone)",
      );
    }
    refused(
      () => validateAzureDns(az({ zoneId: "x" }) as never, undefined, "certificate.acme.challenge.azure"),
      "certificate.acme.challenge.azure.zoneId",
      /remove it from certificate\.acme\.challenge\.azure \(or use certificate\.acme\.challenge\.cloudflare for/,
    );
    refused(
      () => validateAzureDns(az({ TTL: 5 }) as never),
      "dns.azure.TTL",
      'unknown field; did you mean "ttl"?',
    );
    refused(
      () => validateAzureDns(az({ foo: 5 }) as never),
      "dns.azure.foo",
      "unknown field; known fields are zoneName, resourceGroupName, ttl, authMethod",
    );
  });

  it("authMethod: one of the known values, with a near match suggested", () => {
    assert.doesNotThrow(() => validateAzureDns(az({ authMethod: "cli" }) as never));
    assert.doesNotThrow(() => validateAzureDns(az({ authMethod: "default" }) as never));
    refused(
      () => validateAzureDns(az({ authMethod: "CLI" }) as never),
      "dns.azure.authMethod",
      /, got "CLI"; did you mean "cli"\?$/,
    );
    refused(
      () => validateAzureDns(az({ authMethod: "kerberos" }) as never),
      "dns.azure.authMethod",
      /^dns\.azure\.authMethod: must be one of "default", "cli", .*\(default "default"\), got "kerberos"$/,
    );
  });

  it("a plain hostname outside a plain zone is refused; at the apex or under it is fine", () => {
    assert.deepEqual(validateAzureDns(az({}) as never, HOST), { ttl: 300, zoneName: "example.com" });
    assert.deepEqual(validateAzureDns(az({}) as never, "example.com"), { ttl: 300, zoneName: "example.com" });
    refused(
      () => validateAzureDns(az({}) as never, "ml.example.org"),
      "dns.azure.zoneName",
      "hostname ml.example.org is outside the zone example.com; give the zone that holds the hostname (e.g. example.org) or a hostname under example.com",
    );
  });

  const what = { zone: "the Z zone", group: "the G group" };
  it("zoneName: required, a domain name, canonical; an Output is left for later", () => {
    for (const zoneName of [undefined, ""]) {
      refused(
        () => checkAzureZoneFields("p", { zoneName, resourceGroupName: "rg" }, what),
        "p.zoneName",
        "is required: the Z zone that holds the hostname, e.g. example.com",
      );
    }
    refused(
      () => checkAzureZoneFields("p", { zoneName: "com", resourceGroupName: "rg" }, what),
      "p.zoneName",
      '"com" is not a domain name (it is a single label; give a fully qualified name such as ml.example.com); give the zone as Azure shows it, e.g. example.com',
    );
    assert.deepEqual(
      checkAzureZoneFields("p", { zoneName: " Example.com ", resourceGroupName: "rg" }, what),
      {
        zoneName: "example.com",
        ttl: 300,
      },
    );
    assert.deepEqual(checkAzureZoneFields("p", { zoneName: {}, resourceGroupName: "rg" }, what), {
      zoneName: undefined,
      ttl: 300,
    });
  });

  it("resourceGroupName: required; Azure's naming rule (1–90, no trailing '.')", () => {
    for (const resourceGroupName of [undefined, ""]) {
      refused(
        () => checkAzureZoneFields("p", { zoneName: "example.com", resourceGroupName }, what),
        "p.resourceGroupName",
        "is required: the resource group of the G group",
      );
    }
    for (const good of ["a", "rg_dns-1.(x)", "x".repeat(90)]) {
      assert.doesNotThrow(() =>
        checkAzureZoneFields("p", { zoneName: "example.com", resourceGroupName: good }, what),
      );
    }
    for (const bad of ["rg.", "x".repeat(91), "rg dns", "rg/dns", "a\nb"]) {
      refused(
        () => checkAzureZoneFields("p", { zoneName: "example.com", resourceGroupName: bad }, what),
        "p.resourceGroupName",
        `${JSON.stringify(bad)} is not a resource group name (1–90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.')`,
      );
    }
    assert.doesNotThrow(() =>
      checkAzureZoneFields("p", { zoneName: "example.com", resourceGroupName: {} }, what),
    );
  });

  it("ttl: 1 to 2147483647 whole seconds, default 300", () => {
    for (const ttl of [1, 2_147_483_647]) {
      assert.equal(
        checkAzureZoneFields("p", { zoneName: "example.com", resourceGroupName: "rg", ttl }, what).ttl,
        ttl,
      );
    }
    for (const ttl of [0, -1, 2_147_483_648, 1.5, "60"]) {
      refused(
        () => checkAzureZoneFields("p", { zoneName: "example.com", resourceGroupName: "rg", ttl }, what),
        "p.ttl",
        `must be a whole number of seconds from 1 to 2147483647 (default 300), got ${JSON.stringify(ttl)}`,
      );
    }
  });

  it("outsideZone and relativeRecordName", () => {
    assert.equal(outsideZone("example.com", "example.com"), undefined);
    assert.equal(outsideZone("a.b.example.com", "example.com"), undefined);
    assert.equal(
      outsideZone("a.b.example.org", "example.com"),
      "hostname a.b.example.org is outside the zone example.com; give the zone that holds the hostname (e.g. b.example.org) or a hostname under example.com",
    );
    assert.equal(relativeRecordName("example.com", "example.com"), "@");
    assert.equal(relativeRecordName("a.b.example.com", "example.com"), "a.b");
    refused(
      () => relativeRecordName("xexample.com", "example.com"),
      "dns.azure.zoneName",
      /outside the zone/,
    );
  });
});

describe("dns mutants: records (record.ts, azure-private.ts)", () => {
  it("plannedRecord: A, AAAA (lower case), CNAME without the trailing dot; neither IP nor name refused", () => {
    assert.deepEqual(plannedRecord(HOST, "203.0.113.7"), { type: "A", name: HOST, content: "203.0.113.7" });
    assert.deepEqual(plannedRecord(HOST, "2001:DB8::1"), {
      type: "AAAA",
      name: HOST,
      content: "2001:db8::1",
    });
    assert.deepEqual(plannedRecord(HOST, "fe.azurefd.net."), {
      type: "CNAME",
      name: HOST,
      content: "fe.azurefd.net",
    });
    assert.deepEqual(plannedRecord("example.com", "203.0.113.7", "example.com").type, "A");
    refused(
      () => plannedRecord(HOST, "not a name"),
      "frontEndIp",
      `the front end's address "not a name" is neither an IP address nor a host name; pass frontEndIp`,
    );
    refused(
      () => plannedRecord("example.com", "fe.azurefd.net", "example.com"),
      "hostname",
      "example.com is the apex of zone example.com and the front end is a host name (fe.azurefd.net): a CNAME cannot sit at a zone apex; use a subdomain such as ml.example.com, or pass frontEndIp",
    );
  });

  it("survivors of the scoped run: the target trimmed, a CNAME under the zone, a name under the zone", () => {
    assert.deepEqual(plannedRecord(HOST, " 203.0.113.7 "), { type: "A", name: HOST, content: "203.0.113.7" });
    assert.deepEqual(plannedRecord(HOST, " fe.azurefd.net ", "example.com"), {
      type: "CNAME",
      name: HOST,
      content: "fe.azurefd.net",
    });
    assert.equal(checkedInZone(HOST, "example.com"), HOST);
  });

  it("checkedInZone: the exact message", () => {
    assert.equal(checkedInZone(HOST, undefined), HOST);
    assert.equal(checkedInZone(HOST, ""), HOST);
    assert.equal(checkedInZone("example.com", "example.com"), "example.com");
    refused(
      () => checkedInZone("mlexample.com", "example.com"),
      "hostname",
      "mlexample.com is outside the DNS zone example.com; use a name under example.com, or the zone that holds the hostname",
    );
  });

  it("azureRecordSetData: exactly one of the three fields (Microsoft.Network RecordSet model)", () => {
    assert.deepEqual(azureRecordSetData({ type: "A", name: HOST, content: "203.0.113.7" }), {
      aRecords: [{ ipv4Address: "203.0.113.7" }],
      aaaaRecords: undefined,
      cnameRecord: undefined,
    });
    assert.deepEqual(azureRecordSetData({ type: "AAAA", name: HOST, content: "2001:db8::1" }), {
      aRecords: undefined,
      aaaaRecords: [{ ipv6Address: "2001:db8::1" }],
      cnameRecord: undefined,
    });
    assert.deepEqual(azureRecordSetData({ type: "CNAME", name: HOST, content: "fe.example.net" }), {
      aRecords: undefined,
      aaaaRecords: undefined,
      cnameRecord: { cname: "fe.example.net" },
    });
  });

  it("ownershipComment: plain up to exactly 100 characters, SHA-256 from 101 (Cloudflare's limit)", () => {
    const prefix = "managed by ssl-ml-cluster ";
    // prefix (26) + "p/s/" (4) + name: 70 characters of name make exactly 100.
    const fits = "n".repeat(70);
    assert.equal(ownershipComment("p", "s", fits), `${prefix}p/s/${fits}`);
    assert.equal(ownershipComment("p", "s", fits).length, 100);
    const over = "n".repeat(71);
    const digest = createHash("sha256").update(`p/s/${over}`).digest("hex");
    assert.equal(ownershipComment("p", "s", over), `${prefix}sha256:${digest}`);
  });

  it("azurePrivateRecordBody: relative name, apex '@', CNAME refused at the apex only, zone canonical", () => {
    assert.deepEqual(
      azurePrivateRecordBody({ type: "A", name: "a.b.corp.example", content: "10.0.0.4" }, "Corp.Example."),
      {
        relativeRecordSetName: "a.b",
        recordType: "A",
        aRecords: [{ ipv4Address: "10.0.0.4" }],
        aaaaRecords: undefined,
        cnameRecord: undefined,
      },
    );
    assert.equal(
      azurePrivateRecordBody({ type: "A", name: "corp.example", content: "10.0.0.4" }, "corp.example")
        .relativeRecordSetName,
      "@",
    );
    assert.equal(
      azurePrivateRecordBody(
        { type: "CNAME", name: "ml.corp.example", content: "fe.example.net" },
        "corp.example",
      ).relativeRecordSetName,
      "ml",
    );
    refused(
      () =>
        azurePrivateRecordBody(
          { type: "CNAME", name: "corp.example", content: "fe.example.net" },
          "corp.example",
        ),
      "dns.azurePrivate.zoneName",
      "hostname corp.example is the apex of the private zone corp.example and the front end is a host name (fe.example.net): a CNAME cannot sit at a zone apex; use a subdomain such as ml.corp.example, or pass frontEndIp as an IP address",
    );
  });
});

describe("dns mutants: dns.azurePrivate (private-rules.ts)", () => {
  const azp = (extra: Record<string, unknown>) => ({
    zoneName: "corp.example",
    resourceGroupName: "rg",
    ...extra,
  });

  it("virtual network IDs: the ARM shape, trimmed; a subnet or a non-string gets a hint", () => {
    assert.equal(checkVirtualNetworkId("p", ` ${VNET} `), VNET);
    assert.equal(checkVirtualNetworkId("p", VNET.toLowerCase()), VNET.toLowerCase());
    const tail =
      "; give one such as /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet> (az network vnet show --query id)";
    refused(
      () => checkVirtualNetworkId("p", `${VNET}/subnets/s1`),
      "p",
      `${JSON.stringify(`${VNET}/subnets/s1`)} is not a virtual network resource ID (this is a subnet's ID: drop /subnets/<subnet>)${tail}`,
    );
    refused(
      () => checkVirtualNetworkId("p", 7),
      "p",
      `7 is not a virtual network resource ID (give the ID as a plain string: it names the link)${tail}`,
    );
    refused(
      () => checkVirtualNetworkId("p", `x${VNET}`),
      "p",
      `${JSON.stringify(`x${VNET}`)} is not a virtual network resource ID${tail}`,
    );
    refused(() => checkVirtualNetworkId("p", `${VNET}/x`), "p", /is not a virtual network resource ID; give/);
  });

  it("link names: the component's name and 8 hex of the ID's SHA-256 (lower-cased), at most 80 characters", () => {
    const hash = createHash("sha256").update(VNET.toLowerCase()).digest("hex").slice(0, 8);
    assert.equal(virtualNetworkLinkName("ml", VNET), `ml-link-${hash}`);
    assert.equal(virtualNetworkLinkName("ml", ` ${VNET.toUpperCase()} `), `ml-link-${hash}`);
    assert.equal(virtualNetworkLinkName("--a b/c", VNET), `a-b-c-link-${hash}`);
    assert.equal(virtualNetworkLinkName("---", VNET), `ssl-ml-link-${hash}`);
    const long = virtualNetworkLinkName("n".repeat(100), VNET);
    assert.equal(long.length, 80);
    assert.ok(long.endsWith(`-link-${hash}`));
  });

  it("the block: fields, networks, duplicates, the zone and the internal load balancer warning", () => {
    refused(
      () => validateAzurePrivateDns(null as never, HOST, true, []),
      "dns.azurePrivate",
      'must be an object such as { zoneName: "example.com", resourceGroupName: "rg-dns" }',
    );
    refused(
      () => validateAzurePrivateDns(azp({ proxied: true }) as never, HOST, true, []),
      "dns.azurePrivate.proxied",
      "is a Cloudflare setting; a private record lives in an Azure Private DNS zone",
    );
    refused(
      () => validateAzurePrivateDns(azp({ authMethod: "cli" }) as never, HOST, true, []),
      "dns.azurePrivate.authMethod",
      /put it in certificate\.acme\.challenge\.azure$/,
    );
    refused(
      () => validateAzurePrivateDns(azp({ TTL: 1 }) as never, HOST, true, []),
      "dns.azurePrivate.TTL",
      'unknown field; did you mean "ttl"?',
    );
    refused(
      () => validateAzurePrivateDns(azp({ foo: 1 }) as never, HOST, true, []),
      "dns.azurePrivate.foo",
      "unknown field; known fields are zoneName, resourceGroupName, ttl, virtualNetworkIds",
    );
    refused(
      () => validateAzurePrivateDns(azp({ virtualNetworkIds: VNET }) as never, HOST, true, []),
      "dns.azurePrivate.virtualNetworkIds",
      /^dns\.azurePrivate\.virtualNetworkIds: must be a list of virtual network IDs such as \["\/subscriptions/,
    );
    refused(
      () => validateAzurePrivateDns(azp({ virtualNetworkIds: [VNET, "x"] }) as never, HOST, true, []),
      "dns.azurePrivate.virtualNetworkIds[1]",
      /is not a virtual network resource ID/,
    );
    refused(
      () =>
        validateAzurePrivateDns(
          azp({ virtualNetworkIds: [VNET, VNET.toUpperCase()] }) as never,
          HOST,
          true,
          [],
        ),
      "dns.azurePrivate.virtualNetworkIds[1]",
      "repeats virtualNetworkIds[0] (IDs compare case-insensitively); give each network once",
    );
    refused(
      () => validateAzurePrivateDns(azp({}) as never, "ml.example.org", true, []),
      "dns.azurePrivate.zoneName",
      /^dns\.azurePrivate\.zoneName: hostname ml\.example\.org is outside the zone corp\.example;/,
    );

    const warnings: string[] = [];
    assert.deepEqual(
      validateAzurePrivateDns(
        azp({ virtualNetworkIds: [VNET], ttl: 30 }) as never,
        "ml.corp.example",
        true,
        warnings,
      ),
      {
        ttl: 30,
        zoneName: "corp.example",
        virtualNetworkIds: [VNET],
      },
    );
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      validateAzurePrivateDns(azp({}) as never, undefined, undefined, warnings).virtualNetworkIds,
      [],
    );
    validateAzurePrivateDns(azp({}) as never, HOST.replace("example.com", "corp.example"), false, warnings);
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[0],
      /^dns\.azurePrivate without network\.internalLoadBalancer: true: the front end keeps its public IP/,
    );
  });
});
