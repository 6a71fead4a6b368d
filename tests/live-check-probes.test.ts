// The live check's probes on loopback (127.0.0.1 only) with certificates made by openssl, and its
// zero-downtime loop and figures. Fingerprints are openssl's, not the code's.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import type { IncomingMessage } from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { checkDns } from "../live/checks/dns";
import { startLoop, summarize, MAX_INTERVAL_MS } from "../live/checks/loop";
import { callOnce, EXPECTED, SAMPLE, type CallResult } from "../live/checks/score";
import { checkServed, handshake } from "../live/checks/tls";
import { fixtures } from "./helpers/openssl-certs";

const f = fixtures();
const opensslFingerprint = (file: string) =>
  execFileSync("openssl", ["x509", "-in", file, "-noout", "-fingerprint", "-sha256"], { encoding: "utf8" })
    .trim()
    .split("=")[1];

/** A loopback scoring front end: POST with the right key and body answers what score.py answers. */
async function frontEnd(
  cert: string,
  key: string,
  answer: (req: IncomingMessage, body: string) => [number, string],
) {
  let requests = 0;
  const server = https.createServer({ cert, key }, (req, res) => {
    requests++;
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const [status, text] = answer(req, body);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe("live-check probes", function () {
  this.timeout(60_000);
  const leafFp = opensslFingerprint(f.file("leaf.pem"));

  it("dns: the public answer must be exactly the front end's address", async () => {
    const answers: Record<string, string[]> = {
      "ml.example.com": ["203.0.113.10"],
      "two.example.com": ["203.0.113.10", "203.0.113.11"],
      "lb.example.net": ["203.0.113.10"],
    };
    const resolve = async (h: string) => answers[h] ?? [];
    assert.deepEqual(await checkDns("ml.example.com", "203.0.113.10", resolve), ["203.0.113.10"]);
    // A front end with a host name: its own answers count.
    assert.deepEqual(await checkDns("ml.example.com", "lb.example.net", resolve), ["203.0.113.10"]);
    await assert.rejects(checkDns("ml.example.com", "198.51.100.7", resolve), {
      message: "ml.example.com answers 203.0.113.10; the front end is 198.51.100.7",
    });
    await assert.rejects(checkDns("two.example.com", "203.0.113.10", resolve), {
      message: "two.example.com answers 203.0.113.10, 203.0.113.11; the front end is 203.0.113.10",
    });
    await assert.rejects(checkDns("new.example.com", "203.0.113.10", resolve), {
      message: "new.example.com has no DNS answer (yet)",
    });
  });

  it("tls: reads the served leaf through SNI, and compares it with the stack's certificate", async () => {
    const fe = await frontEnd(f.read("leaf.pem"), f.read("leaf.key"), () => [404, "{}"]);
    try {
      const served = await handshake("127.0.0.1", fe.port, "ml.example.com");
      assert.equal(served.fingerprint, leafFp);
      assert.equal(served.publiclyTrusted, false, "a private chain is not publicly trusted");
      assert.match(served.tlsVersion, /^TLSv1\.[23]$/);
      checkServed(served, "ml.example.com", leafFp.toLowerCase().replace(/:/g, ""), false);
      assert.throws(() => checkServed(served, "ml.example.com", "00:11", false), {
        message: `the front end serves ${leafFp}; the stack's certificate is 00:11`,
      });
      assert.throws(() => checkServed(served, "api.example.com", leafFp, false), {
        message: "the served certificate does not cover api.example.com",
      });
      assert.throws(() => checkServed(served, "ml.example.com", leafFp, true), {
        message: "the served chain does not lead to a publicly trusted root",
      });
      assert.throws(
        () => checkServed(served, "ml.example.com", leafFp, false, new Date("2100-01-01T00:00:00Z")),
        /is not valid now/,
      );
    } finally {
      await fe.close();
    }
  });

  it("score: POSTs with the key and checks the answer; other hosts are refused before any connection", async () => {
    const fe = await frontEnd(f.read("leaf.pem"), f.read("leaf.key"), (req, body) => {
      if (req.headers.authorization !== "Bearer k1") return [401, '{"message":"unauthorized"}'];
      if (req.url !== "/api/v1/endpoint/svc/score" || req.headers.host !== `ml.example.com:${fe.port}`)
        return [404, "{}"];
      return JSON.stringify(JSON.parse(body)) ===
        JSON.stringify({
          data: [
            [1, 2, 3],
            [4, 5, 6],
          ],
        })
        ? [200, '{"score": [6, 15]}']
        : [200, '{"score": [0]}'];
    });
    try {
      const uri = `https://ml.example.com:${fe.port}/api/v1/endpoint/svc/score`;
      const t = { uri, hostname: "ml.example.com", address: "127.0.0.1", key: "k1" };
      assert.deepEqual(SAMPLE, {
        data: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      });
      assert.deepEqual(EXPECTED, { score: [6, 15] });
      const ok = await callOnce(t);
      assert.equal(ok.ok, true, ok.error);
      assert.equal(ok.status, 200);
      assert.equal(ok.fingerprint, leafFp);
      const wrongKey = await callOnce({ ...t, key: "nope" });
      assert.deepEqual(
        [wrongKey.ok, wrongKey.status, wrongKey.error],
        [false, 401, 'HTTP 401: {"message":"unauthorized"}'],
      );
      const before = fe.requests();
      const elsewhere = await callOnce({
        ...t,
        uri: `https://example.org:${fe.port}/api/v1/endpoint/svc/score`,
      });
      assert.equal(elsewhere.ok, false);
      assert.equal(
        elsewhere.error,
        `https://example.org:${fe.port}/api/v1/endpoint/svc/score is not an https URI on the stack's hostname ml.example.com; the live check calls nothing else`,
      );
      assert.equal(fe.requests(), before, "no request left for another host");
      // Without a key (the aks kind): any answer under 500 is the front end answering.
      const noKey = await callOnce({ ...t, key: undefined });
      assert.deepEqual([noKey.ok, noKey.status], [true, 401]);
    } finally {
      await fe.close();
    }
    const wrong = await frontEnd(f.read("leaf.pem"), f.read("leaf.key"), () => [200, '{"score": [0]}']);
    try {
      const r = await callOnce({
        uri: `https://ml.example.com:${wrong.port}/x`,
        hostname: "ml.example.com",
        address: "127.0.0.1",
        key: "k",
      });
      assert.deepEqual([r.ok, r.error], [false, 'HTTP 200 but {"score": [0]} is not {"score":[6,15]}']);
    } finally {
      await wrong.close();
    }
    const refused = await callOnce({
      uri: "https://ml.example.com:1/x",
      hostname: "ml.example.com",
      address: "127.0.0.1",
      key: "k",
    });
    assert.equal(refused.ok, false);
    assert.match(refused.error!, /ECONNREFUSED/);
  });

  it("loop: at most every 250 ms, bounded in calls and time", async () => {
    const call = async (): Promise<CallResult> => ({ ok: true, start: Date.now(), end: Date.now() });
    assert.throws(
      () => startLoop({ call, intervalMs: MAX_INTERVAL_MS + 1, maxCalls: 10, maxMs: 1000 }),
      /at least every 250 ms/,
    );
    assert.throws(
      () => startLoop({ call, intervalMs: 10, maxCalls: 0, maxMs: 1000 }),
      /bound on calls and on time/,
    );
    let started = 0;
    let fifth: () => void = () => undefined;
    const fiveStarted = new Promise<void>((r) => (fifth = r));
    const loop = startLoop({
      call: async () => {
        if (++started === 5) fifth();
        return { ok: true, start: Date.now(), end: Date.now() };
      },
      intervalMs: 5,
      maxCalls: 5,
      maxMs: 60_000,
    });
    await fiveStarted;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await loop.stop()).length, 5);
    assert.equal(started, 5);
    // Calls that never answer: no more than maxInFlight at once.
    let hanging = 0;
    const release: (() => void)[] = [];
    const stuck = startLoop({
      call: () => {
        hanging++;
        return new Promise((r) => release.push(() => r({ ok: false, start: 0, end: 0, error: "late" })));
      },
      intervalMs: 5,
      maxCalls: 1000,
      maxMs: 60_000,
      maxInFlight: 3,
    });
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(hanging, 3);
    const stopped = stuck.stop();
    release.forEach((r) => r());
    assert.equal((await stopped).length, 3);
  });

  it("figures: failed calls, the longest time without an answer, the certificate before and after", () => {
    const A = "AA:AA";
    const B = "BB:BB";
    const r = (
      start: number,
      end: number,
      ok: boolean,
      fingerprint?: string,
      error?: string,
    ): CallResult => ({ ok, start, end, fingerprint, error });
    const results = [
      r(1000, 1100, true, A),
      r(1250, 1350, true, A),
      r(1500, 1600, false, undefined, "HTTP 502"),
      r(1750, 1850, false, undefined, "HTTP 502"),
      r(2000, 2100, false, undefined, "ECONNRESET"),
      r(2250, 4350, true, B), // slow, answered at 4350: 3000 ms after the last good answer (1350)
      r(2500, 2600, true, "CC:CC"), // a certificate that is not the stack's
      r(4500, 4600, true, B),
    ];
    assert.deepEqual(summarize(results, 900, 5000, [A, "bb bb"]), {
      calls: 8,
      failed: 4,
      longestGapMs: 3000,
      fingerprintBefore: A,
      fingerprintAfter: B,
      failures: [
        { error: "HTTP 502", count: 2 },
        { error: "ECONNRESET", count: 1 },
        { error: "served certificate CC:CC is not the stack's", count: 1 },
      ],
    });
    // Nothing answered: the whole window is the gap.
    assert.equal(summarize([r(1000, 1100, false)], 900, 5000).longestGapMs, 4100);
    // The end of the window counts too.
    assert.equal(summarize([r(1000, 1100, true, A)], 1000, 9100).longestGapMs, 8000);
  });
});
