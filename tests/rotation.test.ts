import * as assert from "node:assert/strict";
import { unwrapSecrets } from "./mocks";
import { build, quickstartArgs, T } from "./helpers/component";
import { rotationWindow } from "../sdk/certificates/sources/rotation";

async function at(now: string) {
  process.env.SSL_ML_CLUSTER_NOW = now;
  try {
    return await build(quickstartArgs());
  } finally {
    delete process.env.SSL_ML_CLUSTER_NOW;
  }
}

const inputsByUrn = (r: Awaited<ReturnType<typeof at>>) =>
  new Map(r.rec.registrations.map((x) => [x.urn, JSON.stringify(unwrapSecrets(x.inputs))]));

describe("self-signed rotation owned by the component (kubernetes kind)", () => {
  let a: Awaited<ReturnType<typeof at>>;
  let b: Awaited<ReturnType<typeof at>>;
  let c: Awaited<ReturnType<typeof at>>;
  before(async () => {
    a = await at("2027-01-10T00:00:00Z");
    b = await at("2027-02-25T00:00:00Z"); // same 60-day window
    c = await at("2027-03-05T00:00:00Z"); // the window has turned
  });

  it("gives identical child inputs to two runs in one window", () => {
    assert.deepEqual(inputsByUrn(a), inputsByUrn(b));
    assert.equal(a.rec.one(T.key).replacementTrigger, b.rec.one(T.key).replacementTrigger);
    assert.deepEqual(a.out.certificate, b.out.certificate);
  });

  it("after the window changes only the key, the certificate, the protected settings and the certificate output", () => {
    const before = inputsByUrn(a);
    const after = inputsByUrn(c);
    assert.deepEqual(
      [...before.keys()].sort(),
      [...after.keys()].sort(),
      "same URNs: nothing created or deleted",
    );
    const changed = [...after.keys()]
      .filter((urn) => before.get(urn) !== after.get(urn))
      .map((urn) => urn.split("::").pop());
    assert.deepEqual(changed.sort(), ["ml-azureml", "ml-cert"].sort());
    const extA = unwrapSecrets(a.rec.one(T.ext).inputs) as Record<string, unknown>;
    const extC = unwrapSecrets(c.rec.one(T.ext).inputs) as Record<string, unknown>;
    const { configurationProtectedSettings: psA, ...restA } = extA;
    const { configurationProtectedSettings: psC, ...restC } = extC;
    assert.deepEqual(restA, restC, "only the protected settings of the extension change");
    assert.notDeepEqual(psA, psC);
    assert.notEqual(
      a.rec.one(T.key).replacementTrigger,
      c.rec.one(T.key).replacementTrigger,
      "the key is replaced (new trigger)",
    );
    assert.notEqual(a.rec.one(T.cert).replacementTrigger, c.rec.one(T.cert).replacementTrigger);
    for (const t of [T.aks, T.compute, T.dns]) {
      assert.equal(c.rec.one(t).replacementTrigger, undefined, `${t} never carries the rotation trigger`);
    }
    const ca = a.out.certificate as Record<string, string>;
    const cc = c.out.certificate as Record<string, string>;
    assert.notEqual(ca.fingerprintSha256, cc.fingerprintSha256);
    assert.ok(Date.parse(cc.notAfter) > Date.parse(ca.notAfter));
    assert.ok(Date.parse(cc.rotatesAfter) > Date.parse("2027-03-05T00:00:00Z"));
    assert.deepEqual(a.out.scoringUris, c.out.scoringUris);
    assert.deepEqual(a.out.dnsRecord, c.out.dnsRecord);
  });

  it("rotates at least renewBeforeDays before the certificate expires", () => {
    const cert = a.out.certificate as Record<string, string>;
    const margin = (Date.parse(cert.notAfter) - Date.parse(cert.rotatesAfter)) / 86_400_000;
    assert.ok(margin >= 30, `margin ${margin} days`);
  });
});

describe("rotation window against literal dates (defaults: validityDays 90, renewBeforeDays 30)", () => {
  it("2026-11-10 is in the 60-day window 2026-11-03 .. 2027-01-02 (epoch-aligned)", () => {
    assert.deepEqual(rotationWindow(new Date("2026-11-10T00:00:00Z"), 90, 30), {
      start: "2026-11-03T00:00:00.000Z",
      rotatesAfter: "2027-01-02T00:00:00.000Z",
    });
  });

  it("the component's certificate on 2026-11-10: made at the window start, rotates 2027-01-02, expires 2027-02-01", async () => {
    const r = await at("2026-11-10T00:00:00Z");
    const cert = r.out.certificate as Record<string, string>;
    assert.equal(cert.notBefore, "2026-11-03T00:00:00.000Z");
    assert.equal(cert.rotatesAfter, "2027-01-02T00:00:00.000Z");
    assert.equal(cert.notAfter, "2027-02-01T00:00:00.000Z");
    assert.equal(r.rec.one(T.key).replacementTrigger, "2026-11-03T00:00:00.000Z");
  });
});
