// Mutants that survived the DNS specs (issue 28, item 8): the anchored ID patterns of
// `dns.cloudflare` (sdk/dns/args-rules.ts) and the outside-zone guard of the private record body
// (sdk/dns/azure-private.ts), the only check when `dns.azurePrivate.zoneName` is an Output.
// Expected shapes: Cloudflare's zone and record IDs are 32 lower-case hex characters
// (https://developers.cloudflare.com/fundamentals/account/find-account-and-zone-ids/).
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentError } from "../sdk/errors";
import { publicDnsArgument, validateDns } from "../sdk/dns/args-rules";
import { plannedRecord } from "../sdk/dns/record";
import { azurePrivateRecordBody } from "../sdk/dns/azure-private";
import { azureRecordBody } from "../sdk/dns/azure";
import { programFailure } from "./helpers/program-failure";
import { quickstartArgs } from "./helpers/component";

const ID = "0123456789abcdef0123456789abcdef";

function refusedDns(cloudflare: Record<string, unknown>, argument: string, message: RegExp): void {
  assert.throws(
    () => validateDns({ cloudflare: { zoneId: ID, ...cloudflare } }, "ml.example.com", "selfSigned", []),
    (e: unknown) => {
      assert.ok(e instanceof ArgumentError, String(e));
      assert.equal(e.argument, argument);
      assert.match(e.message, message);
      return true;
    },
  );
}

describe("dns.cloudflare: IDs are 32 hex characters, no more before or after", () => {
  it("accepts a zone ID and an adoptRecordId of exactly 32 lower-case hex characters", () => {
    assert.deepEqual(
      validateDns({ cloudflare: { zoneId: ID, adoptRecordId: ID } }, "ml.example.com", "selfSigned", []),
      { ttl: 300, proxied: false, zoneName: undefined },
    );
  });

  for (const [what, value] of [
    ["a character before the 32", `z${ID}`],
    ["a character after the 32", `${ID}z`],
    ["a URL ending in an ID", `https://dash.cloudflare.com/${ID}`],
    ["upper-case hex", ID.toUpperCase()],
  ] as const) {
    it(`refuses a zone ID with ${what}`, () =>
      refusedDns({ zoneId: value }, "dns.cloudflare.zoneId", /is not a Cloudflare zone ID/));
    it(`refuses an adoptRecordId with ${what}`, () =>
      refusedDns({ adoptRecordId: value }, "dns.cloudflare.adoptRecordId", /is not a Cloudflare record ID/));
  }
});

describe("dns.cloudflare: types a YAML or JSON program can get wrong", () => {
  it("refuses an adoptRecordId that is not a string, even one that reads as an ID", () =>
    refusedDns({ adoptRecordId: [ID] }, "dns.cloudflare.adoptRecordId", /is not a Cloudflare record ID/));

  it('refuses an enterpriseZone that is not a boolean ("true" would allow a 30 s TTL)', () =>
    refusedDns(
      { enterpriseZone: "true", ttl: 30 },
      "dns.cloudflare.enterpriseZone",
      /^dns\.cloudflare\.enterpriseZone: must be true or false$/,
    ));
});

describe("dns.azurePrivate: a hostname outside the zone", () => {
  it("the record body refuses it, naming the zone", () => {
    assert.throws(
      () =>
        azurePrivateRecordBody(
          { type: "A", name: "ml.example.com", content: "10.0.0.4" },
          "corp.example.com",
        ),
      (e: unknown) => {
        assert.ok(e instanceof ArgumentError, String(e));
        assert.equal(e.argument, "dns.azurePrivate.zoneName");
        assert.match(
          e.message,
          /^dns\.azurePrivate\.zoneName: hostname ml\.example\.com is outside the zone corp\.example\.com/,
        );
        return true;
      },
    );
    // A name ending in the zone's text without the dot is outside it too.
    assert.throws(
      () => azurePrivateRecordBody({ type: "A", name: "mlexample.com", content: "10.0.0.4" }, "example.com"),
      /outside the zone example\.com/,
    );
  });

  it("with zoneName an Output (no plain-value check), the program fails with the same message", async () => {
    const failure = await programFailure(
      quickstartArgs({
        network: { internalLoadBalancer: true, allowInternalWithoutSubnet: true },
        dns: { azurePrivate: { zoneName: pulumi.output("corp.example.org"), resourceGroupName: "rg-dns" } },
      }),
    );
    assert.ok(failure instanceof ArgumentError, String(failure));
    assert.equal(failure.argument, "dns.azurePrivate.zoneName");
    assert.match(failure.message, /hostname ml\.example\.com is outside the zone corp\.example\.org/);
  });
});

// The Azure DNS record set body (sdk/dns/azure.ts), pure. Field names from the RecordSet model of
// Microsoft.Network/dnsZones (azure-rest-api-specs, dns.json: aRecords[].ipv4Address,
// aaaaRecords[].ipv6Address, cnameRecord.cname).
describe("dns.azure: the record set body", () => {
  it("A, AAAA and CNAME: the name relative to the zone, exactly one record field", () => {
    assert.deepEqual(
      azureRecordBody({ type: "A", name: "ml.example.com", content: "203.0.113.7" }, "example.com"),
      {
        relativeRecordSetName: "ml",
        recordType: "A",
        aRecords: [{ ipv4Address: "203.0.113.7" }],
        aaaaRecords: undefined,
        cnameRecord: undefined,
      },
    );
    assert.deepEqual(
      azureRecordBody({ type: "AAAA", name: "a.b.example.com", content: "2001:db8::1" }, "Example.COM."),
      {
        relativeRecordSetName: "a.b",
        recordType: "AAAA",
        aRecords: undefined,
        aaaaRecords: [{ ipv6Address: "2001:db8::1" }],
        cnameRecord: undefined,
      },
    );
    assert.deepEqual(
      azureRecordBody({ type: "CNAME", name: "ml.example.com", content: "fe.example.net" }, "example.com"),
      {
        relativeRecordSetName: "ml",
        recordType: "CNAME",
        aRecords: undefined,
        aaaaRecords: undefined,
        cnameRecord: { cname: "fe.example.net" },
      },
    );
    assert.equal(
      azureRecordBody({ type: "A", name: "example.com", content: "203.0.113.7" }, "example.com")
        .relativeRecordSetName,
      "@",
    );
  });

  it("refuses a CNAME at the apex, a zone that is not a domain name, and a hostname outside the zone", () => {
    assert.throws(
      () => azureRecordBody({ type: "CNAME", name: "example.com", content: "fe.example.net" }, "example.com"),
      /^Error: hostname example\.com is the apex of zone example\.com and the front end is a host name \(fe\.example\.net\): a CNAME cannot sit at a zone apex/,
    );
    assert.throws(
      () => azureRecordBody({ type: "A", name: "ml.example.com", content: "203.0.113.7" }, "exa mple.com"),
      /^Error: dns\.azure\.zoneName: "exa mple\.com" is not a domain name/,
    );
    assert.throws(
      () => azureRecordBody({ type: "A", name: "ml.example.org", content: "203.0.113.7" }, "example.com"),
      /dns\.azure\.zoneName: hostname ml\.example\.org is outside the zone example\.com/,
    );
  });
});

describe("dns: small rules the scoped mutation run found untested", () => {
  it("publicDnsArgument names the public provider given, none for a private zone only", () => {
    assert.equal(publicDnsArgument({ cloudflare: { zoneId: ID } }), "dns.cloudflare");
    assert.equal(
      publicDnsArgument({ azure: { zoneName: "example.com", resourceGroupName: "rg" } }),
      "dns.azure",
    );
    assert.equal(
      publicDnsArgument({ azurePrivate: { zoneName: "example.com", resourceGroupName: "rg" } }),
      undefined,
    );
    assert.equal(publicDnsArgument(undefined), undefined);
  });

  it("dns.cloudflare.zoneId is required, named with what it is", () => {
    for (const zoneId of [undefined, ""]) {
      assert.throws(
        () => validateDns({ cloudflare: { zoneId } as never }, "ml.example.com", "selfSigned", []),
        (e: unknown) =>
          e instanceof ArgumentError &&
          e.message === "dns.cloudflare.zoneId: is required (the Cloudflare zone ID, 32 hex characters)",
      );
    }
  });

  it("plannedRecord trims the front end's address and refuses a CNAME at the zone's apex only", () => {
    assert.deepEqual(plannedRecord("ml.example.com", " 203.0.113.7\n"), {
      type: "A",
      name: "ml.example.com",
      content: "203.0.113.7",
    });
    assert.deepEqual(plannedRecord("ml.example.com", "lb.example.net", "example.com"), {
      type: "CNAME",
      name: "ml.example.com",
      content: "lb.example.net",
    });
    assert.throws(
      () => plannedRecord("example.com", "lb.example.net", "example.com"),
      (e: unknown) =>
        e instanceof ArgumentError &&
        e.argument === "hostname" &&
        /apex of zone example\.com/.test(e.message),
    );
  });
});
