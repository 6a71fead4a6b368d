// `verify` against real HTTPS servers on 127.0.0.1, with certificates made by openssl at test time.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { startScoringFrontEnd } from "../sdk/offline/scoring-server";
import { runVerify, verifyAll, verifyPlan } from "../sdk/cli/verify/verify";
import { cli, cliProcessAsync } from "./helpers/cli";
import { fixtures } from "./helpers/openssl-certs";

const H = "ml.example.com";
const PATH = "/api/v1/endpoint/a/score";

/** openssl's own fingerprint of a PEM file: the independent oracle. */
function opensslFingerprint(file: string): string {
  const out = execFileSync("openssl", ["x509", "-in", file, "-noout", "-fingerprint", "-sha256"]).toString();
  return out.trim().split("=")[1];
}

function opensslEnd(file: string): number {
  const out = execFileSync("openssl", ["x509", "-in", file, "-noout", "-enddate"]).toString();
  return Date.parse(out.trim().split("=")[1]);
}

type Server = { port: number; close(): Promise<void> };

async function serve(
  opts: https.ServerOptions,
  handler: http.RequestListener = (_q, s) => s.writeHead(401).end(),
): Promise<Server> {
  const server = https.createServer(opts, handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe("verify: each finding against a live loopback server", function () {
  const f = fixtures();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-verify-"));
  const servers: Server[] = [];
  let good: Server;
  let closedPort: number;
  const start = async (opts: https.ServerOptions, handler?: http.RequestListener) => {
    const s = await serve(opts, handler);
    servers.push(s);
    return s;
  };
  const chain = (leaf: string) => f.read(leaf) + f.read("int.pem");

  before(async () => {
    const front = await startScoringFrontEnd({
      certPem: chain("leaf.pem"),
      keyPem: f.read("leaf.key"),
      services: ["a"],
    });
    servers.push(front);
    good = front;
    const probe = await serve({ cert: chain("leaf.pem"), key: f.read("leaf.key") });
    closedPort = probe.port;
    await probe.close();
  });
  after(async () => {
    for (const s of servers) await s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const uri = (port: number, host = H) => `https://${host}:${port}${PATH}`;
  const pinned = (port: number) => ["--resolve", `${H}:${port}:127.0.0.1`];
  async function verifyJson(...args: string[]) {
    // Under a second: a failing URI is not tried again (the first retry waits 1 s).
    const r = await cli("verify", "--timeout", "0.9", "--json", ...args);
    const j = r.stdout ? JSON.parse(r.stdout) : undefined;
    return {
      ...r,
      j,
      codes: j
        ? j.results.flatMap((x: { findings: { code: string }[] }) => x.findings.map((y) => y.code))
        : [],
    };
  }

  it("passes a good endpoint pinned with --resolve, with openssl's fingerprint and end date", async () => {
    const fp = opensslFingerprint(f.file("leaf.pem"));
    const r = await verifyJson(
      "--uri",
      uri(good.port),
      ...pinned(good.port),
      "--ca",
      f.file("root.pem"),
      "--expect-fingerprint",
      fp,
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(Object.keys(r.j), ["ok", "trust", "results"]);
    assert.equal(r.j.ok, true);
    assert.equal(r.j.trust, `Node's bundled roots and --ca ${f.file("root.pem")} (1 certificate(s))`);
    const x = r.j.results[0];
    assert.equal(x.uri, uri(good.port));
    assert.equal(x.address, `127.0.0.1:${good.port}`);
    assert.equal(x.tlsVersion, "TLSv1.3");
    assert.equal(x.fingerprintSha256, fp);
    assert.equal(x.daysLeft, Math.floor((opensslEnd(f.file("leaf.pem")) - Date.now()) / 86_400_000));
    assert.equal(x.httpStatus, 405); // the demo front end answers GET with 405: an answer
    assert.equal(x.dns, `skipped: --resolve ${H}:${good.port}:127.0.0.1 pins ${H}:${good.port}`);
    assert.deepEqual(x.findings, []);
  });

  it("reads pulumi stack output --json: scoring URIs, front-end IP and the stack's fingerprint", async () => {
    const outputs = path.join(tmp, "outputs.json");
    fs.writeFileSync(
      outputs,
      JSON.stringify({
        hostname: H,
        frontEndIp: "127.0.0.1",
        scoringUris: { a: uri(good.port), b: uri(good.port).replace("/a/", "/b/") },
        certificate: { fingerprintSha256: opensslFingerprint(f.file("leaf.pem")) },
      }),
    );
    const r = await verifyJson("--outputs", outputs, ...pinned(good.port), "--ca", f.file("root.pem"));
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(
      r.j.results.map((x: { uri: string }) => x.uri),
      [uri(good.port), uri(good.port).replace("/a/", "/b/")],
    );
    assert.deepEqual(
      r.j.results.map((x: { httpStatus: number }) => x.httpStatus),
      [405, 404],
    );
    // The stack's certificate is not the served one: FINGERPRINT_MISMATCH on every URI.
    fs.writeFileSync(
      outputs,
      JSON.stringify({
        frontEndIp: "127.0.0.1",
        scoringUris: { a: uri(good.port) },
        certificate: { fingerprintSha256: opensslFingerprint(f.file("ec.pem")) },
      }),
    );
    const bad = await verifyJson("--outputs", outputs, ...pinned(good.port), "--ca", f.file("root.pem"));
    assert.equal(bad.code, 1);
    assert.deepEqual(bad.codes, ["FINGERPRINT_MISMATCH"]);
    assert.match(bad.j.results[0].findings[0].message, new RegExp(opensslFingerprint(f.file("ec.pem"))));
  });

  it("FINGERPRINT_MISMATCH with --expect-fingerprint (lower case, no colons accepted)", async () => {
    const other = opensslFingerprint(f.file("ec.pem")).replace(/:/g, "").toLowerCase();
    const r = await verifyJson(
      "--uri",
      uri(good.port),
      ...pinned(good.port),
      "--ca",
      f.file("root.pem"),
      "--expect-fingerprint",
      other,
    );
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["FINGERPRINT_MISMATCH"]);
  });

  it("DNS_MISMATCH when the name answers another address than the front end; none when it matches", async () => {
    // localhost is the one name that resolves here (/etc/hosts: 127.0.0.1); the certificate covers it.
    const key = path.join(tmp, "lh.key");
    const crt = path.join(tmp, "lh.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        key,
        "-out",
        crt,
        "-subj",
        "/CN=localhost",
        "-days",
        "90",
        "-addext",
        "subjectAltName=DNS:localhost",
        "-addext",
        "basicConstraints=critical,CA:FALSE",
      ],
      { stdio: "pipe" },
    );
    const s = await start({ cert: fs.readFileSync(crt), key: fs.readFileSync(key) });
    const outputs = path.join(tmp, "lh.json");
    const write = (ip: string) =>
      fs.writeFileSync(outputs, JSON.stringify({ frontEndIp: ip, scoringUri: uri(s.port, "localhost") }));
    write("127.0.0.1");
    const ok = await verifyJson("--outputs", outputs, "--ca", crt);
    assert.equal(ok.code, 0, ok.stdout);
    assert.equal(ok.j.results[0].dns, "127.0.0.1");
    write("10.1.2.3");
    const r = await verifyJson("--outputs", outputs, "--ca", crt);
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["DNS_MISMATCH"]);
    assert.match(
      r.j.results[0].findings[0].message,
      /localhost answers 127\.0\.0\.1, not the front end 10\.1\.2\.3/,
    );
  });

  it("UNREACHABLE on a closed port", async () => {
    const r = await verifyJson("--uri", uri(closedPort), ...pinned(closedPort));
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["UNREACHABLE"]);
    assert.match(r.j.results[0].findings[0].message, /ECONNREFUSED/);
    assert.equal(r.j.results[0].tlsVersion, null);
  });

  it("--connect-to sends the URI's host:port to another port, without DNS", async () => {
    const r = await verifyJson(
      "--uri",
      uri(closedPort),
      "--connect-to",
      `${H}:${closedPort}:127.0.0.1:${good.port}`,
      "--ca",
      f.file("root.pem"),
    );
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.j.results[0].address, `127.0.0.1:${good.port}`);
    assert.match(r.j.results[0].dns, /^skipped: --connect-to/);
  });

  it("TLS_VERSION on a TLS 1.1 server", async () => {
    const s = await start({
      cert: chain("leaf.pem"),
      key: f.read("leaf.key"),
      minVersion: "TLSv1",
      maxVersion: "TLSv1.1",
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    // Two handshakes (TLS 1.2+ refused, then the old one only to name it): more than 0.9 s on a
    // loaded machine, so this run gets 5 s (the later --timeout wins).
    const r = await verifyJson(
      "--uri",
      uri(s.port),
      ...pinned(s.port),
      "--ca",
      f.file("root.pem"),
      "--timeout",
      "5",
    );
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["TLS_VERSION"]);
    assert.equal(r.j.results[0].tlsVersion, "TLSv1.1");
  });

  it("TLS_UNTRUSTED when the private root is not given with --ca", async () => {
    const r = await verifyJson("--uri", uri(good.port), ...pinned(good.port));
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["TLS_UNTRUSTED"]);
    assert.match(r.j.results[0].findings[0].message, /--ca FILE/);
  });

  it("HOSTNAME_MISMATCH on a certificate for another host", async () => {
    const s = await start({ cert: chain("ec.pem"), key: f.read("ec.key") });
    const r = await verifyJson("--uri", uri(s.port), ...pinned(s.port), "--ca", f.file("root.pem"));
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["HOSTNAME_MISMATCH"]);
    assert.match(r.j.results[0].findings[0].message, /covers ec\.example\.com, not ml\.example\.com/);
  });

  it("EXPIRED (and not TLS_UNTRUSTED as well) on an expired certificate", async () => {
    const s = await start({ cert: chain("expired.pem"), key: f.read("dates.key") });
    const r = await verifyJson("--uri", uri(s.port), ...pinned(s.port), "--ca", f.file("root.pem"));
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["EXPIRED"]);
    assert.equal(
      r.j.results[0].daysLeft,
      Math.floor((opensslEnd(f.file("expired.pem")) - Date.now()) / 86_400_000),
    );
  });

  it("EXPIRES_SOON is a warning with its own exit code (3) and one RENEW line; --min-days moves the threshold", async () => {
    const s = await start({ cert: chain("soon.pem"), key: f.read("dates.key") });
    const r = await verifyJson("--uri", uri(s.port), ...pinned(s.port), "--ca", f.file("root.pem"));
    assert.equal(r.code, 3);
    const renew = r.stderr.split("\n").filter((l: string) => l.includes("RENEW"));
    assert.deepEqual(renew, [
      `ssl-ml-cluster verify: RENEW days_left=10 min_days=30 uri=${uri(s.port)} uris=1`,
    ]);
    assert.deepEqual(
      r.j.results[0].findings.map((x: { code: string; severity: string }) => [x.code, x.severity]),
      [["EXPIRES_SOON", "warning"]],
    );
    assert.equal(r.j.results[0].daysLeft, 10);
    // 10 days left (the certificate ends in 10 days and an hour): a warning below 11, none from 10.
    const at = (minDays: string) =>
      verifyJson("--uri", uri(s.port), ...pinned(s.port), "--ca", f.file("root.pem"), "--min-days", minDays);
    const codesAt = async (minDays: string) => (await at(minDays)).codes;
    assert.deepEqual(await codesAt("11"), ["EXPIRES_SOON"]);
    assert.deepEqual(await codesAt("10"), []);
    assert.deepEqual(await codesAt("0"), []);
    assert.equal((await at("10")).code, 0);
    assert.equal((await at("11")).code, 3);
    assert.deepEqual(await codesAt("365"), ["EXPIRES_SOON"]);
  });

  it("HTTP_ERROR on a 5xx answer; a 401 is an answer", async () => {
    const s = await start({ cert: chain("leaf.pem"), key: f.read("leaf.key") }, (_q, res) =>
      res.writeHead(503).end(),
    );
    const r = await verifyJson("--uri", uri(s.port), ...pinned(s.port), "--ca", f.file("root.pem"));
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["HTTP_ERROR"]);
    assert.equal(r.j.results[0].httpStatus, 503);
    const s401 = await start({ cert: chain("leaf.pem"), key: f.read("leaf.key") });
    const ok = await verifyJson("--uri", uri(s401.port), ...pinned(s401.port), "--ca", f.file("root.pem"));
    assert.equal(ok.code, 0);
    assert.equal(ok.j.results[0].httpStatus, 401);
  });

  it("prints a text report", async () => {
    const r = await cli("verify", "--timeout", "0.9", "--uri", uri(good.port), ...pinned(good.port));
    assert.equal(r.code, 1);
    assert.equal(r.stdout.split("\n")[0], "trust: Node's bundled roots");
    assert.match(
      r.stdout,
      / {2}error {3}TLS_UNTRUSTED {8}the served chain is not trusted: no trusted certificate issued CN=Test Intermediate CA \(its issuer CN=Test Root CA was not served and is not a trust anchor\); serve the full chain/,
    );
    assert.match(r.stdout, /FAILED: 1 of 1 URI\(s\)\n$/);
  });

  it("retries a failing URI with backoff until --timeout, printing progress", async () => {
    const plan = await verifyPlan({
      uri: [uri(closedPort)],
      resolve: [`${H}:${closedPort}:127.0.0.1`],
      timeout: "2.5",
    });
    const lines: string[] = [];
    const results = await verifyAll(plan.targets, plan.expect, plan.timeoutMs, (s) => lines.push(s));
    assert.deepEqual(
      results[0].findings.map((x) => x.code),
      ["UNREACHABLE"],
    );
    // 1 s then 2 s of backoff fit in 2.5 s only once: attempt 2 happens, attempt 3 would start after 3 s.
    assert.equal(lines.length, 2, lines.join(""));
    // "3 s left" unless the first attempt took over half a second (a loaded machine).
    assert.match(
      lines[0],
      /^verify: attempt 1: 1 of 1 URI\(s\) not ready \(UNREACHABLE\); attempt 2 in 1 s, [23] s left\n$/,
    );
    assert.equal(
      lines[1],
      "verify: attempt 2: 1 of 1 URI(s) not ready (UNREACHABLE); no time left for attempt 3 within --timeout\n",
    );
  });

  it("keeps the result of a retry: a URI that fails once, then passes, ends verified", async () => {
    let calls = 0;
    const s = await start({ cert: chain("leaf.pem"), key: f.read("leaf.key") }, (_q, res) =>
      res.writeHead(++calls === 1 ? 503 : 401).end(),
    );
    const plan = await verifyPlan({
      uri: [uri(s.port)],
      resolve: [`${H}:${s.port}:127.0.0.1`],
      ca: f.file("root.pem"),
      timeout: "20",
    });
    const lines: string[] = [];
    const results = await verifyAll(plan.targets, plan.expect, plan.timeoutMs, (l) => lines.push(l));
    assert.equal(calls, 2);
    assert.equal(results[0].httpStatus, 401);
    assert.deepEqual(results[0].findings, []);
    assert.equal(lines.length, 2, lines.join(""));
    assert.match(
      lines[0],
      /^verify: attempt 1: 1 of 1 URI\(s\) not ready \(HTTP_ERROR\); attempt 2 in 1 s, \d+ s left\n$/,
    );
    assert.equal(lines[1], "verify: attempt 2: 1 of 1 URI(s) verified\n");
  });

  describe("--connect-to applies only to the host and port it names", () => {
    const pinOf = async (connectTo: string, resolve: string[] = []) =>
      (await verifyPlan({ uri: [`https://${H}/score`], connectTo: [connectTo], resolve })).targets[0].pin;
    it("another host, or another port: not applied", async () => {
      assert.equal(await pinOf("other.example.com:443:127.0.0.1:9"), undefined);
      assert.equal(await pinOf(`${H}:8443:127.0.0.1:9`), undefined);
    });
    it("the URI's host and port, or empty fields (any): applied", async () => {
      assert.deepEqual(await pinOf(`${H}:443:127.0.0.1:9`), {
        host: "127.0.0.1",
        port: 9,
        flag: `--connect-to ${H}:443:127.0.0.1:9`,
      });
      assert.deepEqual(await pinOf("::127.0.0.2:"), {
        host: "127.0.0.2",
        port: 443,
        flag: "--connect-to ::127.0.0.2:",
      });
      // An empty HOST2 keeps the --resolve address (or the URI's host).
      assert.deepEqual(await pinOf(`${H}:443::9`, [`${H}:443:10.0.0.7`]), {
        host: "10.0.0.7",
        port: 9,
        flag: `--connect-to ${H}:443::9`,
      });
      assert.deepEqual(await pinOf(`:443::9`), { host: H, port: 9, flag: "--connect-to :443::9" });
    });
  });

  it("stops retrying once a URI passes", async () => {
    const lines: string[] = [];
    const code = await runVerify(
      {
        uri: [uri(good.port)],
        resolve: [`${H}:${good.port}:127.0.0.1`],
        ca: f.file("root.pem"),
        timeout: "30",
      },
      () => undefined,
      (s) => lines.push(s),
    );
    assert.equal(code, 0);
    assert.deepEqual(lines, ["verify: attempt 1: 1 of 1 URI(s) verified\n"]);
  });

  it("reads the outputs from stdin with --outputs -", async () => {
    const r = await cliProcessAsync(
      [
        "verify",
        "--outputs",
        "-",
        "--timeout",
        "0.9",
        "--json",
        ...pinned(good.port),
        "--ca",
        f.file("root.pem"),
      ],
      JSON.stringify({ scoringUris: { a: uri(good.port) } }),
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(JSON.parse(r.stdout).results[0].httpStatus, 405);
  });

  describe("bad usage exits 2 and names the flag", () => {
    const notJson = path.join(tmp, "not.json");
    const noUris = path.join(tmp, "nouris.json");
    before(() => {
      fs.writeFileSync(notJson, "hostname = ml.example.com\n");
      fs.writeFileSync(noUris, JSON.stringify({ hostname: H, frontEndIp: "1.2.3.4" }));
    });
    const cases: [string, () => string[], RegExp][] = [
      ["no outputs and no URI", () => [], /give --outputs FILE .* or --uri URI/],
      ["outputs not JSON", () => ["--outputs", notJson], /--outputs .*not\.json is not JSON/],
      [
        "outputs without scoring URIs",
        () => ["--outputs", noUris],
        /--outputs .*nouris\.json has no scoringUris or scoringUri output/,
      ],
      [
        "missing outputs file",
        () => ["--outputs", path.join(tmp, "absent.json")],
        /--outputs: file .*absent\.json does not exist/,
      ],
      [
        "--resolve without an address",
        () => ["--uri", uri(443), "--resolve", `${H}:443`],
        /--resolve takes HOST:PORT:ADDRESS/,
      ],
      [
        "--resolve with a name for address",
        () => ["--uri", uri(443), "--resolve", `${H}:443:example.org`],
        /--resolve takes .*"example.org" is not an IP address/,
      ],
      [
        "--resolve with a bad port",
        () => ["--uri", uri(443), "--resolve", `${H}:99999:127.0.0.1`],
        /--resolve .*"99999" is not a port/,
      ],
      [
        "--connect-to with three fields",
        () => ["--uri", uri(443), "--connect-to", `${H}:443:127.0.0.1`],
        /--connect-to takes HOST1:PORT1:HOST2:PORT2/,
      ],
      [
        "--timeout zero",
        () => ["--uri", uri(443), "--timeout", "0"],
        /--timeout takes a positive number of seconds, got "0"/,
      ],
      [
        "--timeout not a number",
        () => ["--uri", uri(443), "--timeout", "soon"],
        /--timeout takes a positive number/,
      ],
      [
        "--timeout negative",
        () => ["--uri", uri(443), "--timeout", "-5"],
        /--timeout takes a positive number/,
      ],
      [
        "--expect-fingerprint too short",
        () => ["--uri", uri(443), "--expect-fingerprint", "AB:CD"],
        /--expect-fingerprint takes a SHA-256 fingerprint/,
      ],
      [
        "an http URI",
        () => ["--uri", "http://ml.example.com/score"],
        /--uri: http:\/\/ml\.example\.com\/score is not an https URI/,
      ],
      ...["5x", "x5", "1.5", "-1", "", " 7", "1e3"].map((v): [string, () => string[], RegExp] => [
        `--min-days ${JSON.stringify(v)}`,
        () => ["--uri", uri(443), "--min-days", v],
        new RegExp(
          `--min-days takes a whole number of days, got ${JSON.stringify(JSON.stringify(v)).slice(1, -1)}`,
        ),
      ]),
      [
        "--ca-only without --ca",
        () => ["--uri", uri(443), "--ca-only"],
        /--ca-only trusts only the roots of --ca FILE: give --ca FILE as well/,
      ],
      [
        "--ca without a certificate",
        () => ["--uri", uri(443), "--ca", notJson],
        /--ca .*not\.json holds no PEM certificate/,
      ],
    ];
    for (const [name, args, message] of cases) {
      it(name, async () => {
        const r = await cli("verify", ...args());
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, "");
      });
    }
  });
});
