// A record we do not own is never joined: Cloudflare accepts several A/AAAA records with one name,
// so a second one would silently split the traffic. The zone's name is always known (given, or
// read from Cloudflare by zoneId), so the zone and apex checks always run.
import * as assert from "node:assert/strict";
import { foreignRecords, foreignRecordError } from "../sdk/dns/cloudflare";
import { createHash } from "node:crypto";
import { checkedInZone, ownershipComment } from "../sdk/dns/record";
import { build, quickstartArgs, T } from "./helpers/component";
import { programFailure } from "./helpers/program-failure";

const ZONE = "0123456789abcdef0123456789abcdef";
const OURS = "managed by ssl-ml-cluster ssl-ml-cluster/dev/ml";
const foreign = {
  id: "f".repeat(32),
  type: "A",
  name: "ml.example.com",
  content: "198.51.100.7",
  comment: "",
};

describe("DNS ownership (Cloudflare)", () => {
  it("foreignRecords: ours by comment or adoptRecordId; TXT/MX never conflict", () => {
    const ours = { ...foreign, id: "a".repeat(32), comment: OURS };
    const txt = { ...foreign, id: "b".repeat(32), type: "TXT" };
    assert.deepEqual(foreignRecords([ours, txt], OURS), []);
    assert.deepEqual(foreignRecords([foreign, ours], OURS), [foreign]);
    assert.deepEqual(foreignRecords([foreign], OURS, foreign.id), []);
    // adoptRecordId adopts that record only: another foreign record with the name is still refused.
    const other = { ...foreign, id: "9".repeat(32), type: "AAAA", content: "2001:db8::7" };
    assert.deepEqual(foreignRecords([foreign, other], OURS, foreign.id), [other]);
    const cname = { ...foreign, id: "8".repeat(32), type: "CNAME", content: "elsewhere.example.net" };
    assert.deepEqual(foreignRecords([cname], OURS), [cname]);
  });

  it("the marker is compared whole: component ml does not own ml-canary's record (or a longer prefix)", () => {
    const canary = { ...foreign, id: "c".repeat(32), comment: `${OURS}-canary` };
    assert.deepEqual(foreignRecords([canary], OURS), [canary]);
    const prefixOnly = { ...foreign, id: "d".repeat(32), comment: OURS.slice(0, -1) };
    assert.deepEqual(foreignRecords([prefixOnly], OURS), [prefixOnly]);
    const trailing = { ...foreign, id: "e".repeat(32), comment: `${OURS} ` };
    assert.deepEqual(foreignRecords([trailing], OURS), [trailing]);
  });

  it("ownershipComment: project/stack/name while it fits Cloudflare's 100 characters, else its SHA-256", () => {
    assert.equal(ownershipComment("p", "dev", "ml"), "managed by ssl-ml-cluster p/dev/ml");
    // 26 characters of prefix + 74 of id = exactly 100: still plain.
    const fits = "x".repeat(74 - "/dev/ml".length);
    assert.equal(ownershipComment(fits, "dev", "ml"), `managed by ssl-ml-cluster ${fits}/dev/ml`);
    assert.equal(ownershipComment(fits, "dev", "ml").length, 100);
    // Two long projects that differ only after 100 characters get different markers.
    const a = "p".repeat(120) + "-a";
    const b = "p".repeat(120) + "-b";
    // Expected values from node:crypto directly (the same as `printf %s "$id" | sha256sum`).
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    assert.equal(ownershipComment(a, "dev", "ml"), `managed by ssl-ml-cluster sha256:${sha(`${a}/dev/ml`)}`);
    assert.notEqual(ownershipComment(a, "dev", "ml"), ownershipComment(b, "dev", "ml"));
    assert.ok(ownershipComment(a, "dev", "ml").length <= 100);
    assert.equal(
      ownershipComment("q".repeat(200), "prod", "ml"),
      "managed by ssl-ml-cluster sha256:" + sha("q".repeat(200) + "/prod/ml"),
    );
  });

  it("a record of another component (ml-canary) in the same stack is refused, not joined", async () => {
    const err = await programFailure(quickstartArgs(), {
      existingDnsRecords: [{ ...foreign, comment: `${OURS}-canary` }],
    });
    assert.match(String((err as Error).message), /^dns\.cloudflare: a A record ml\.example\.com \(id f{32}/);
  });

  it("the refusal names the record and gives the pulumi import command", () => {
    const e = foreignRecordError(
      [foreign],
      ZONE,
      "ml-dns",
      "urn:pulumi:dev::p::ssl-ml-cluster:index:SslMlCluster::ml",
    );
    assert.equal(e.argument, "dns.cloudflare");
    assert.match(
      e.message,
      new RegExp(
        `a A record ml\\.example\\.com \\(id ${foreign.id}, content 198\\.51\\.100\\.7\\) already exists in zone ${ZONE}.*` +
          `pulumi import cloudflare:index/dnsRecord:DnsRecord ml-dns '${ZONE}/${foreign.id}' --parent 'parent=urn:pulumi:dev::p::ssl-ml-cluster:index:SslMlCluster::ml'.*adoptRecordId: "${foreign.id}"`,
      ),
    );
  });

  it("refuses to create the record beside a foreign one, before registering it", async () => {
    const err = await programFailure(quickstartArgs(), { existingDnsRecords: [foreign] });
    assert.match(String((err as Error).message), /^dns\.cloudflare: a A record ml\.example\.com \(id f{32}/);
  });

  it("a record carrying our comment, or adopted by ID, is fine", async () => {
    const mine = await build(quickstartArgs(), { existingDnsRecords: [{ ...foreign, comment: OURS }] });
    assert.equal(mine.rec.one(T.dns).inputs.name, "ml.example.com");
    const adopted = await build(
      quickstartArgs({ dns: { cloudflare: { zoneId: ZONE, adoptRecordId: foreign.id } } }),
      { existingDnsRecords: [foreign] },
    );
    assert.equal(adopted.rec.one(T.dns).inputs.content, "203.0.113.10");
  });

  it("reads the zone's name from zoneId when zoneName is not given: outside-zone hostnames are refused", async () => {
    const err = await programFailure(quickstartArgs(), { cloudflareZoneName: "example.org" });
    assert.equal(
      String((err as Error).message),
      "hostname: ml.example.com is outside the DNS zone example.org; use a name under example.org, or the zone that holds the hostname",
    );
  });

  it("the apex check runs without zoneName too (a CNAME cannot sit at the apex)", async () => {
    const err = await programFailure(quickstartArgs({ hostname: "example.com" }), {
      frontEndHostname: "fe.example.net",
      cloudflareZoneName: "example.com",
    });
    assert.match(String((err as Error).message), /^hostname: example\.com is the apex of zone example\.com/);
  });

  it("checkedInZone", () => {
    assert.equal(checkedInZone("ml.example.com", "example.com"), "ml.example.com");
    assert.equal(checkedInZone("example.com", "example.com"), "example.com");
    assert.equal(checkedInZone("ml.example.com", undefined), "ml.example.com");
    assert.throws(
      () => checkedInZone("ml.badexample.com", "example.com"),
      /outside the DNS zone example\.com/,
    );
  });
});

describe("no DNS provider", () => {
  it("warns with the record to create by hand", async () => {
    const { rec } = await build(quickstartArgs({ dns: undefined }));
    assert.ok(
      rec.warnings.includes(
        "dns: no DNS provider is configured; create this record by hand: A ml.example.com -> 203.0.113.10 (the dnsRecord output holds it)",
      ),
      rec.warnings.join("\n"),
    );
    assert.equal(rec.registrations.filter((r) => r.type === T.dns).length, 0);
  });
});
