// The CAA check of Front Door's managed certificate (sdk/managed/caa-rules.ts) and where it runs
// (preflight: sdk/preflight/checks-caa.ts, needs.ts). Expected answers follow RFC 8659 sections 3
// and 4 (https://www.rfc-editor.org/rfc/rfc8659) and DigiCert's CAA identifiers; DNS is a stand-in.
import * as assert from "node:assert/strict";
import { caaIssuer, caaNames, caaVerdict, checkCaa, CaaRecordLike } from "../sdk/managed/caa-rules";
import { caaChecks } from "../sdk/preflight/checks-caa";
import { stackNeeds } from "../sdk/preflight/needs";

const noData = Object.assign(new Error("queryCaa ENODATA"), { code: "ENODATA" });

/** A resolver answering from a table; a name missing from it has no CAA record (ENODATA). */
function resolver(table: Record<string, CaaRecordLike[]>, asked: string[] = []) {
  return async (name: string) => {
    asked.push(name);
    if (table[name]) return table[name];
    throw noData;
  };
}

describe("SslMlManagedEndpoints: CAA records and Front Door's managed certificate", () => {
  it("climbs from the hostname to the TLD (RFC 8659 section 3), wildcard label dropped", () => {
    assert.deepEqual(caaNames("ML.Team.Example.com."), [
      "ml.team.example.com",
      "team.example.com",
      "example.com",
      "com",
    ]);
    assert.deepEqual(caaNames("*.example.com"), ["example.com", "com"]);
    assert.equal(caaIssuer(" DigiCert.com ; cansignhttpexchanges=yes"), "digicert.com");
    assert.equal(caaIssuer(";"), "");
  });

  it("allows issuance with no CAA record anywhere, and when the relevant set names DigiCert", () => {
    assert.equal(caaVerdict("ml.example.com", []).allowed, true);
    const v = caaVerdict("ml.example.com", [
      { name: "ml.example.com", records: [] },
      {
        name: "example.com",
        records: [
          { critical: 0, issue: "letsencrypt.org" },
          { critical: 0, issue: "digicert.com; cansignhttpexchanges=yes" },
        ],
      },
    ]);
    assert.deepEqual(v, {
      allowed: true,
      at: "example.com",
      reason: "the CAA records on example.com allow digicert.com",
    });
  });

  it("reports a relevant set that names only other CAs, and says where it is", () => {
    const v = caaVerdict("ml.example.com", [
      {
        name: "example.com",
        records: [
          { critical: 0, issue: "letsencrypt.org" },
          { critical: 0, iodef: "mailto:x@example.com" },
        ],
      },
    ]);
    assert.equal(v.allowed, false);
    assert.equal(v.at, "example.com");
    assert.match(v.reason, /allow only letsencrypt\.org, not DigiCert/);
  });

  it("the closest non-empty set wins: a DigiCert record on the parent does not help a child that names another CA", () => {
    const lookups = [
      { name: "ml.example.com", records: [{ critical: 0, issue: "pki.goog" }] },
      { name: "example.com", records: [{ critical: 0, issue: "digicert.com" }] },
    ];
    assert.equal(caaVerdict("ml.example.com", lookups).allowed, false);
    // ...and the reverse: the child allows DigiCert, the parent's restriction is not read.
    lookups[0].records = [{ critical: 0, issue: "www.digicert.com" }];
    lookups[1].records = [{ critical: 0, issue: "letsencrypt.org" }];
    assert.equal(caaVerdict("ml.example.com", lookups).allowed, true);
  });

  it('refuses on issue ";" (no CA) and on an unknown critical tag; a set without issue restricts nothing', () => {
    assert.equal(
      caaVerdict("a.example.com", [{ name: "example.com", records: [{ critical: 0, issue: ";" }] }]).allowed,
      false,
    );
    const crit = caaVerdict("a.example.com", [
      {
        name: "example.com",
        records: [{ critical: 128, tbs: "x" } as CaaRecordLike, { critical: 0, issue: "digicert.com" }],
      },
    ]);
    assert.equal(crit.allowed, false);
    assert.match(crit.reason, /critical tag tbs/);
    // A known tag with the critical flag is honoured as usual.
    assert.equal(
      caaVerdict("a.example.com", [
        { name: "example.com", records: [{ critical: 128, issue: "digicert.com" }] },
      ]).allowed,
      true,
    );
    assert.equal(
      caaVerdict("a.example.com", [
        { name: "example.com", records: [{ critical: 0, iodef: "mailto:a@b.c" }] },
      ]).allowed,
      true,
    );
    // issuewild does not govern a non-wildcard name.
    assert.equal(
      caaVerdict("a.example.com", [{ name: "example.com", records: [{ critical: 0, issuewild: ";" }] }])
        .allowed,
      true,
    );
  });

  it("checkCaa asks each name until one answers, and passes other DNS failures on", async () => {
    const asked: string[] = [];
    const v = await checkCaa(
      "ml.team.example.com",
      resolver({ "team.example.com": [{ critical: 0, issue: "sectigo.com" }] }, asked),
    );
    assert.deepEqual(asked, ["ml.team.example.com", "team.example.com"]);
    assert.equal(v.allowed, false);
    await assert.rejects(
      checkCaa("ml.example.com", async () => {
        throw Object.assign(new Error("SERVFAIL"), { code: "ESERVFAIL" });
      }),
      /SERVFAIL/,
    );
  });

  it("preflight: one check per managed-certificate hostname of the plan, FAIL with the record to add", async () => {
    const needs = stackNeeds(
      [
        {
          type: "azure-native:cdn:AFDCustomDomain",
          name: "ml-domain",
          op: "register",
          inputs: { hostName: "ml.example.com", tlsSettings: { certificateType: "ManagedCertificate" } },
        },
        {
          type: "azure-native:cdn:AFDCustomDomain",
          name: "kv-domain",
          op: "register",
          inputs: { hostName: "kv.example.com", tlsSettings: { certificateType: "CustomerCertificate" } },
        },
      ],
      "00000000-0000-0000-0000-000000000000",
    );
    assert.deepEqual(needs.managedCertificateHosts, ["ml.example.com"]);
    const checks = await caaChecks(
      needs.managedCertificateHosts ?? [],
      resolver({ "example.com": [{ critical: 0, issue: "letsencrypt.org" }] }),
    );
    assert.deepEqual(
      checks.map((c) => [c.id, c.status, c.fix]),
      [
        [
          "caa:ml.example.com",
          "FAIL",
          'add a CAA record on example.com: 0 issue "digicert.com" (keep the CAs you already allow)',
        ],
      ],
    );
    const ok = await caaChecks(["ml.example.com"], resolver({}));
    assert.equal(ok[0].status, "PASS");
    const unknown = await caaChecks(["ml.example.com"], async () => {
      throw Object.assign(new Error("timeout"), { code: "ETIMEOUT" });
    });
    assert.deepEqual(
      [unknown[0].status, unknown[0].message],
      ["SKIP", "the CAA records of ml.example.com and its parents could not be read (ETIMEOUT)"],
    );
  });
});
