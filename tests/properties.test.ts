// Property-based tests (fast-check): hostname validation, wildcard matching, PEM normalisation.
import * as assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import fc from "fast-check";
import { hostnameProblem } from "../sdk/common/hostname";
import { dnsNameMatches } from "../sdk/certificates/rules/hostname-match";
import { inspectCertificate } from "../sdk/certificates/rules/inspect";
import { fixtures } from "./helpers/openssl-certs";

const labelChars = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789".split(""));
const label = fc
  .tuple(
    fc.string({ unit: labelChars, minLength: 1, maxLength: 20 }),
    fc.string({ unit: fc.constantFrom(..."abc-12".split("")), maxLength: 10 }),
    fc.string({ unit: labelChars, minLength: 1, maxLength: 5 }),
  )
  .map(([a, b, c]) => `${a}${b}${c}`.slice(0, 63));
const tld = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz".split("")),
  minLength: 2,
  maxLength: 6,
});
const hostname = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), tld)
  .map(([ls, t]) => [...ls, t].join("."));

describe("properties: hostname validation", () => {
  it("accepts every RFC 1123 name made of valid labels", () => {
    fc.assert(fc.property(hostname, (h) => hostnameProblem(h) === undefined));
  });

  it("refuses any name with a character outside letters, digits, '-' and '.'", () => {
    const bad = fc.constantFrom(..."_ !@#$%^&*()+=/\\:;,<>?\"'`~".split(""));
    fc.assert(
      fc.property(hostname, bad, fc.nat(), (h, ch, at) => {
        const i = at % (h.length + 1);
        return hostnameProblem(h.slice(0, i) + ch + h.slice(i)) !== undefined;
      }),
    );
  });

  it("refuses a label over 63 characters and a name over 253, never throwing on any string", () => {
    fc.assert(fc.property(hostname, (h) => hostnameProblem(`${"a".repeat(64)}.${h}`) !== undefined));
    // Any string, valid names and near-misses included: accepted exactly when an independent
    // RFC 1123 check accepts it, otherwise refused with a reason.
    const rfc1123 = (s: string) => {
      const h = s.endsWith(".") ? s.slice(0, -1) : s;
      const label = "(?!-)[A-Za-z0-9-]{1,63}(?<!-)";
      return h.length <= 253 && new RegExp(`^${label}(\\.${label})+$`).test(h) && !/\.[0-9]+$/.test(h);
    };
    const nearMiss = fc
      .tuple(
        hostname,
        fc.constantFrom("", ".", "-", "..", "_", "1", ".1", ".42", "-."),
        fc.nat(),
        fc.boolean(),
      )
      .map(([h, ins, at, atEnd]) => {
        const i = atEnd ? h.length : at % (h.length + 1);
        return h.slice(0, i) + ins + h.slice(i);
      });
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), hostname, nearMiss), (s) => {
        const r = hostnameProblem(s);
        if (r === undefined) accepted++;
        return rfc1123(s) ? r === undefined : typeof r === "string" && r.length > 0;
      }),
      { numRuns: 500 },
    );
    assert.ok(accepted > 0, "some generated names were valid");
    assert.notEqual(hostnameProblem(`${"a.".repeat(130)}com`), undefined);
  });
});

describe("properties: RFC 6125 wildcard matching", () => {
  it("*.<domain> covers exactly one extra label, in any case", () => {
    fc.assert(
      fc.property(hostname, label, fc.boolean(), (domain, l, upper) => {
        fc.pre(domain.split(".").length >= 2);
        const host = `${l}.${domain}`;
        return dnsNameMatches(`*.${domain}`, upper ? host.toUpperCase() : host) === true;
      }),
    );
  });

  it("*.<domain> never covers the domain itself or two extra labels", () => {
    fc.assert(
      fc.property(hostname, label, label, (domain, a, b) => {
        fc.pre(domain.split(".").length >= 2);
        return (
          !dnsNameMatches(`*.${domain}`, domain) && !dnsNameMatches(`*.${domain}`, `${a}.${b}.${domain}`)
        );
      }),
    );
  });

  it("an exact name covers itself with or without a trailing dot, and nothing else differing in one character", () => {
    fc.assert(
      fc.property(
        hostname,
        (h) =>
          dnsNameMatches(h, `${h}.`) &&
          dnsNameMatches(`${h}.`, h.toUpperCase()) &&
          !dnsNameMatches(h, `x${h}`),
      ),
    );
  });
});

describe("properties: PEM normalisation", () => {
  const f = fixtures();
  const chain = f.read("fullchain.pem");
  const key = f.read("leaf.key");
  // The fingerprint from Node's own X509 reader, not from the code under test.
  const clean = new X509Certificate(f.read("leaf.pem")).fingerprint256;

  it("accepts any CRLF / BOM / blank-line / stray-space variant of a valid input", () => {
    const variant = fc.record({
      crlf: fc.boolean(),
      bom: fc.boolean(),
      lead: fc.string({ unit: fc.constantFrom(" ", "\t", "\n"), maxLength: 4 }),
      trail: fc.array(fc.string({ unit: fc.constantFrom(" ", "\t"), maxLength: 3 }), {
        minLength: 1,
        maxLength: 1,
      }),
      blank: fc.nat({ max: 3 }),
    });
    fc.assert(
      fc.property(variant, (v) => {
        let text = chain
          .split("\n")
          .map((line) => line + v.trail[0])
          .join("\n".repeat(1) + "\n".repeat(0));
        text = text.replace(/-----END CERTIFICATE-----/g, (m) => m + "\n".repeat(v.blank));
        text = v.lead + text;
        if (v.crlf) text = text.replace(/\n/g, "\r\n");
        if (v.bom) text = "\ufeff" + text;
        const r = inspectCertificate({ cert: text, key });
        return r.ok && r.certificate?.fingerprintSha256 === clean && r.chainLength === 3;
      }),
      { numRuns: 60 },
    );
  });

  it("reports any truncation of a PEM certificate as PEM_INVALID, never a crash", () => {
    const leaf = f.read("leaf.pem");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: leaf.length - 2 }), (n) => {
        const r = inspectCertificate({ cert: leaf.slice(0, n) });
        return r.ok === false && r.findings.some((x) => x.code === "PEM_INVALID");
      }),
      { numRuns: 120 },
    );
  });

  it("never throws on arbitrary bytes as certificate, key or PFX", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.string({ maxLength: 200 }), (bytes, text) => {
        for (const input of [
          { cert: Buffer.from(bytes) },
          { cert: text },
          { cert: chain, key: Buffer.from(bytes) },
          { pfx: Buffer.from(bytes), password: text },
        ]) {
          const r = inspectCertificate(input);
          // Bytes at random are never a certificate, a key or a PKCS#12: refused with a finding.
          const refused = r.findings.some((x) => x.code === "PEM_INVALID" || x.code === "PFX_PASSWORD");
          if (r.ok !== false || !refused) return false;
          if (r.ok !== !r.findings.some((x) => x.severity === "error")) return false;
        }
        return true;
      }),
      { numRuns: 80 },
    );
  });
});
