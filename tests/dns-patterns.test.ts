// Mutants that survived the DNS specs (issue 28, item 8): the anchored ID patterns of
// `dns.cloudflare` (sdk/dns/args-rules.ts) and the outside-zone guard of the private record body
// (sdk/dns/azure-private.ts), the only check when `dns.azurePrivate.zoneName` is an Output.
// Expected shapes: Cloudflare's zone and record IDs are 32 lower-case hex characters
// (https://developers.cloudflare.com/fundamentals/account/find-account-and-zone-ids/).
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentError } from "../sdk/errors";
import { validateDns } from "../sdk/dns/args-rules";
import { azurePrivateRecordBody } from "../sdk/dns/azure-private";
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
        network: { internalLoadBalancer: true },
        dns: { azurePrivate: { zoneName: pulumi.output("corp.example.org"), resourceGroupName: "rg-dns" } },
      }),
    );
    assert.ok(failure instanceof ArgumentError, String(failure));
    assert.equal(failure.argument, "dns.azurePrivate.zoneName");
    assert.match(failure.message, /hostname ml\.example\.com is outside the zone corp\.example\.org/);
  });
});
