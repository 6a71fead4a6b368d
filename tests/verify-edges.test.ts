// verify's edges that only in-process tests reach (issue 28, item 8: each kills a mutant that
// survived): a front end that completes TLS and hangs up, a not-yet-valid leaf, the retry backoff,
// the --connect-to host check, the --outputs - size limit. Loopback servers only.
import * as assert from "node:assert/strict";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import * as tls from "node:tls";
import { UsageError } from "../sdk/errors";
import { verifyAll, verifyPlan } from "../sdk/cli/verify/verify";
import { parseConnectTo } from "../sdk/cli/verify/verify-args";
import { MAX_STDIN, readStdin } from "../sdk/cli/verify/verify-outputs";
import { Expectations, probe, Target } from "../sdk/cli/verify/verify-probe";
import { trustAnchors } from "../sdk/cli/verify/verify-trust";
import { cli } from "./helpers/cli";
import { CA_EXT, miniCa, serverExt } from "./helpers/mini-ca";
import { tempDirs } from "./helpers/tmp";

const H = "ml.example.com";
const ymd = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";

describe("verify: edges reached in process", function () {
  this.timeout(30_000);
  const ca = miniCa(tempDirs()("ssl-ml-verify-edges-"));
  const closers: (() => void)[] = [];
  after(() => closers.forEach((c) => c()));

  before(() => {
    ca.key("root.key");
    ca.root("root.pem", "root.key", "Edge Root");
    ca.key("int.key");
    ca.issue("int.pem", "int.key", "Edge Intermediate", "root.pem", "root.key", CA_EXT);
    ca.key("leaf.key");
    ca.issue("leaf.pem", "leaf.key", H, "int.pem", "int.key", serverExt(`DNS:${H}`));
    const day = 86_400_000;
    ca.issue("future.pem", "leaf.key", H, "int.pem", "int.key", serverExt(`DNS:${H}`), [
      ymd(new Date(Date.now() + 10 * day)),
      ymd(new Date(Date.now() + 400 * day)),
    ]);
  });

  function listen(server: tls.Server): Promise<number> {
    const sockets = new Set<import("node:stream").Duplex>();
    server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
    closers.push(() => (sockets.forEach((s) => s.destroy()), server.close()));
    return new Promise((r) => server.listen(0, "127.0.0.1", () => r((server.address() as AddressInfo).port)));
  }

  const target = (port: number): Target => {
    const uri = `https://${H}:${port}/score`;
    return { uri, url: new URL(uri), host: H, port, pin: { host: "127.0.0.1", port, flag: "--resolve" } };
  };
  const expect = (): Expectations => ({
    minDays: 30,
    trust: trustAnchors({ ca: { file: "root.pem", pems: [ca.read("root.pem")] }, caOnly: true }),
  });

  it("a front end that completes the TLS handshake, then hangs up: HTTP_ERROR, not OK", async () => {
    const server = tls.createServer(
      { cert: ca.read("leaf.pem") + ca.read("int.pem"), key: ca.read("leaf.key") },
      (socket) => socket.destroy(),
    );
    const port = await listen(server);
    const r = await probe(target(port), expect(), Date.now() + 5000);
    assert.equal(r.tlsVersion, "TLSv1.3");
    assert.equal(r.httpStatus, null);
    assert.deepEqual(
      r.findings.map((f) => f.code),
      ["HTTP_ERROR"],
    );
    // Node's http client or the socket's close, whichever speaks first, names the hang-up.
    assert.match(
      r.findings[0].message,
      /^https:\/\/ml\.example\.com:\d+\/score gave no HTTP answer after the TLS handshake \((socket hang up|the connection closed)\)$/,
    );
  });

  it("a leaf not valid yet: TLS_UNTRUSTED naming its notBefore, never EXPIRED or EXPIRES_SOON", async () => {
    const server = https.createServer(
      { cert: ca.read("future.pem") + ca.read("int.pem"), key: ca.read("leaf.key") },
      (_q, res) => res.writeHead(401).end(),
    );
    const port = await listen(server);
    const notBefore = new Date(Date.parse(ca.opensslDates("future.pem").notBefore)).toISOString();
    const r = await probe(target(port), expect(), Date.now() + 5000);
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.message]),
      [["TLS_UNTRUSTED", `the leaf CN=${H} is not valid before ${notBefore}; clients refuse it until then`]],
    );
    assert.equal(r.httpStatus, 401);
  });

  it("retries with a doubling backoff (1 s, then 2 s) while time is left", async () => {
    // A port with nothing listening: each attempt fails at once (UNREACHABLE).
    const port = await listen(tls.createServer({}));
    closers.pop()!();
    const lines: string[] = [];
    await verifyAll([target(port)], expect(), 4000, (l) => lines.push(l.replace(/, \d+ s left/, "")));
    assert.deepEqual(lines, [
      "verify: attempt 1: 1 of 1 URI(s) not ready (UNREACHABLE); attempt 2 in 1 s\n",
      "verify: attempt 2: 1 of 1 URI(s) not ready (UNREACHABLE); attempt 3 in 2 s\n",
      "verify: attempt 3: 1 of 1 URI(s) not ready (UNREACHABLE); no time left for attempt 4 within --timeout\n",
    ]);
  });

  it("--connect-to refuses a target that is neither an address nor a host name (exit 2)", async () => {
    assert.throws(
      () => parseConnectTo(`${H}:443:bad host!:8443`),
      (e: Error) =>
        e instanceof UsageError &&
        e.message === `--connect-to ${H}:443:bad host!:8443: "bad host!" is not an address or host name`,
    );
    assert.deepEqual(parseConnectTo(`${H}:443:[::1]:8443`), {
      host: H,
      port: 443,
      toHost: "::1",
      toPort: 8443,
    });
    assert.deepEqual(parseConnectTo(`::front.example.net:`), {
      host: undefined,
      port: undefined,
      toHost: "front.example.net",
      toPort: undefined,
    });
    const r = await cli("verify", "--uri", `https://${H}/score`, "--connect-to", `${H}:443:a/b:443`);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"a\/b" is not an address or host name/);
  });

  it("a server that accepts TCP and never answers TLS: UNREACHABLE naming the attempt's seconds", async () => {
    const net = await import("node:net");
    const silent = net.createServer(() => undefined);
    const port = await listen(silent as unknown as tls.Server);
    const r = await probe(target(port), expect(), Date.now() + 1500);
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.message]),
      [
        [
          "UNREACHABLE",
          `no TLS handshake with 127.0.0.1:${port} within this attempt's 1.5 s; check the front end's IP, port and load balancer`,
        ],
      ],
    );
  });

  it("--expect-fingerprint: colons and spaces allowed, anything else refused; named as the source", async () => {
    const fp = "AB:".repeat(31) + "AB";
    const plan = await verifyPlan({
      uri: [`https://${H}/score`],
      expectFingerprint: fp.replace(/:/g, " ").toLowerCase(),
    });
    assert.equal(plan.expect.fingerprint, "AB".repeat(32));
    assert.equal(plan.expect.fingerprintSource, "--expect-fingerprint");
    await assert.rejects(
      verifyPlan({ uri: [`https://${H}/score`], expectFingerprint: `${fp.slice(0, -2)}-B` }),
      /--expect-fingerprint takes a SHA-256 fingerprint/,
    );
  });

  describe("--outputs -: standard input read whole, at most 1 MiB", () => {
    it("reads a stream in chunks, up to exactly 1 MiB", async () => {
      assert.equal(await readStdin(Readable.from([Buffer.from('{"a":'), Buffer.from("1}")])), '{"a":1}');
      const full = Buffer.alloc(MAX_STDIN, 0x20);
      assert.equal(MAX_STDIN, 1024 * 1024);
      assert.equal(
        (await readStdin(Readable.from([full.subarray(0, 1000), full.subarray(1000)]))).length,
        MAX_STDIN,
      );
    });

    it("refuses one byte more, as bad usage naming the limit", async () => {
      await assert.rejects(
        readStdin(Readable.from([Buffer.alloc(MAX_STDIN), Buffer.from("x")])),
        (e: Error) =>
          e instanceof UsageError &&
          e.message === "--outputs -: standard input is over 1 MiB; give pulumi stack output --json",
      );
    });

    it("a read error is bad usage that names it", async () => {
      const broken = new Readable({
        read() {
          this.destroy(new Error("EIO"));
        },
      });
      await assert.rejects(readStdin(broken), /--outputs -: cannot read standard input \(EIO\)/);
    });
  });
});
