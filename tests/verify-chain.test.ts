// `verify` against servers on 127.0.0.1 that try to fool it: an attacker's chain whose expired
// intermediate hides the untrusted root, a name-constrained root, a self-signed stack pinned from its
// outputs, a server too slow to finish, an old TLS version. Certificates are made by openssl at test
// time (tests/helpers/openssl-certs.ts).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as tls from "node:tls";
import { cli, cliProcessAsync } from "./helpers/cli";
import { chainCases, fixtures } from "./helpers/openssl-certs";
import { tempDirs } from "./helpers/tmp";

const H = "ml.example.com";
const PATH = "/api/v1/endpoint/a/score";

function opensslFingerprint(file: string): string {
  const out = execFileSync("openssl", ["x509", "-in", file, "-noout", "-fingerprint", "-sha256"]).toString();
  return out.trim().split("=")[1];
}

function opensslEnd(file: string): string {
  const out = execFileSync("openssl", ["x509", "-in", file, "-noout", "-enddate"]).toString();
  return new Date(Date.parse(out.trim().split("=")[1])).toISOString();
}

type Server = { port: number; close(): Promise<void> };

async function listen(server: tls.Server | https.Server): Promise<Server> {
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe("verify: chains and servers that try to fool it", function () {
  const f = fixtures();
  const c = chainCases();
  const tmp = tempDirs()("ssl-ml-verify-chain-");
  const servers: Server[] = [];
  const start = async (opts: https.ServerOptions, handler?: http.RequestListener) => {
    const s = await listen(https.createServer(opts, handler ?? ((_q, res) => res.writeHead(401).end())));
    servers.push(s);
    return s;
  };
  after(async () => {
    for (const s of servers) await s.close();
  });

  const uri = (port: number, host = H) => `https://${host}:${port}${PATH}`;
  const pinned = (port: number) => ["--resolve", `${H}:${port}:127.0.0.1`];
  async function verify(...args: string[]) {
    const r = await cli("verify", "--timeout", "0.9", "--json", ...args);
    const j = r.stdout ? JSON.parse(r.stdout) : undefined;
    const findings: { code: string; severity: string; message: string }[] = j
      ? j.results.flatMap((x: { findings: unknown[] }) => x.findings)
      : [];
    return { ...r, j, findings, codes: findings.map((x) => x.code) };
  }

  describe("an attacker's root over an expired intermediate, with a valid leaf for the hostname", () => {
    let evil: Server;
    before(async () => {
      evil = await start({ cert: c.read("evil-chain.pem"), key: c.read("evil-leaf.key") });
    });

    it("is not OK: TLS_UNTRUSTED for the root and EXPIRED naming the intermediate (exit 1)", async () => {
      const r = await verify("--uri", uri(evil.port), ...pinned(evil.port));
      assert.equal(r.code, 1, r.stdout);
      assert.equal(r.j.ok, false);
      assert.deepEqual(r.codes, ["TLS_UNTRUSTED", "EXPIRED"]);
      assert.equal(
        r.findings[0].message,
        "the served chain is not trusted: it ends at CN=Attacker Root, a self-signed certificate that is not a trust anchor; serve the full chain of a public CA, or give your private CA's root with --ca FILE",
      );
      assert.equal(
        r.findings[1].message,
        `the intermediate CN=Attacker Intermediate expired on ${opensslEnd(c.file("evil-int.pem"))}; serve the CA's current chain`,
      );
      const text = await cli("verify", "--timeout", "0.9", "--uri", uri(evil.port), ...pinned(evil.port));
      assert.equal(text.code, 1);
      assert.doesNotMatch(text.stdout, /^OK/m);
      assert.match(text.stdout, /FAILED: 1 of 1 URI\(s\)\n$/);
    });

    it("with --ca root.pem: EXPIRED for the intermediate, as Node's own https client refuses it", async () => {
      // The independent oracle: Node's https client, trusting the same root, refuses the server.
      const refused = await new Promise<string>((resolve) => {
        https
          .get(
            { host: "127.0.0.1", port: evil.port, servername: H, path: PATH, ca: c.read("evil-root.pem") },
            (res) => resolve(`answered ${res.statusCode}`),
          )
          .on("error", (e: NodeJS.ErrnoException) => resolve(String(e.code)));
      });
      assert.equal(refused, "CERT_HAS_EXPIRED");
      const r = await verify("--uri", uri(evil.port), ...pinned(evil.port), "--ca", c.file("evil-root.pem"));
      assert.equal(r.code, 1, r.stdout);
      assert.deepEqual(r.codes, ["EXPIRED"]);
      assert.match(r.findings[0].message, /^the intermediate CN=Attacker Intermediate expired on /);
    });

    it("with --ca-only and another root: TLS_UNTRUSTED, and the advice names --ca-only", async () => {
      const r = await verify(
        "--uri",
        uri(evil.port),
        ...pinned(evil.port),
        "--ca",
        f.file("root.pem"),
        "--ca-only",
      );
      assert.equal(r.code, 1);
      assert.equal(r.j.trust, `only --ca ${f.file("root.pem")} (1 certificate(s); --ca-only)`);
      assert.deepEqual(r.codes, ["TLS_UNTRUSTED", "EXPIRED"]);
      assert.match(r.findings[0].message, /it does not lead to --ca \(--ca-only trusts nothing else\)$/);
    });
  });

  it("--ca-only with the right root passes a good chain", async () => {
    const s = await start({ cert: f.read("leaf+int.pem"), key: f.read("leaf.key") });
    const r = await verify("--uri", uri(s.port), ...pinned(s.port), "--ca", f.file("root.pem"), "--ca-only");
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(r.codes, []);
  });

  it("a chain OpenSSL refuses for what verify does not check itself (a name constraint) is TLS_UNTRUSTED", async () => {
    // The independent oracle: openssl refuses the leaf under that root.
    const oracle = (() => {
      try {
        return execFileSync("openssl", ["verify", "-CAfile", c.file("nc-root.pem"), c.file("nc-leaf.pem")], {
          stdio: "pipe",
        }).toString();
      } catch (e) {
        return String((e as { stdout: Buffer }).stdout) + String((e as { stderr: Buffer }).stderr);
      }
    })();
    assert.match(oracle, /permitted subtree violation/);
    const s = await start({ cert: c.read("nc-leaf.pem"), key: c.read("nc-leaf.key") });
    const r = await verify("--uri", uri(s.port), ...pinned(s.port), "--ca", c.file("nc-root.pem"));
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.codes, ["TLS_UNTRUSTED"]);
    assert.equal(
      r.findings[0].message,
      "the served chain leads to a trust anchor, but OpenSSL refuses it (UNSPECIFIED), as clients will; Node does not name the check (a name constraint, key usage or path length): openssl verify -CAfile ROOT -untrusted CHAIN LEAF names it",
    );
  });

  describe("a self-signed stack, pinned from its outputs", () => {
    const outputs = (file: string, cert: Record<string, unknown>, port: number) => {
      const p = `${tmp}/${file}`;
      fs.writeFileSync(
        p,
        JSON.stringify({
          hostname: H,
          frontEndIp: "127.0.0.1",
          scoringUris: { a: uri(port) },
          certificate: cert,
        }),
      );
      return p;
    };
    const stackCert = (fx: typeof f, name: string) => ({
      selfSigned: true,
      fingerprintSha256: opensslFingerprint(fx.file(name)),
      pem: fx.read(name),
    });

    it("passes from its outputs alone (exit 0) and says the trust is pinned", async () => {
      const s = await start({ cert: f.read("self.pem"), key: f.read("self.key") });
      const file = outputs("self.json", stackCert(f, "self.pem"), s.port);
      const r = await cli("verify", "--timeout", "0.9", "--outputs", file, ...pinned(s.port));
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(
        r.stdout.split("\n")[0],
        `trust: pinned to the stack's self-signed certificate from the outputs (${opensslFingerprint(f.file("self.pem"))})`,
      );
      assert.match(r.stdout, /OK: 1 URI\(s\) verified\n$/);
    });

    it("passes OpenSSL 3's default req -x509 certificate (CA:TRUE) the same way", async () => {
      const s = await start({ cert: c.read("self-ca.pem"), key: c.read("self-ca.key") });
      const r = await verify(
        "--outputs",
        outputs("self-ca.json", stackCert(c, "self-ca.pem"), s.port),
        ...pinned(s.port),
      );
      assert.equal(r.code, 0, r.stdout);
      assert.deepEqual(r.codes, []);
    });

    it("trusts nothing else: another self-signed certificate for the hostname is TLS_UNTRUSTED", async () => {
      const s = await start({ cert: c.read("self-ca.pem"), key: c.read("self-ca.key") });
      const r = await verify(
        "--outputs",
        outputs("other.json", stackCert(f, "self.pem"), s.port),
        ...pinned(s.port),
      );
      assert.equal(r.code, 1);
      assert.deepEqual(r.codes, ["TLS_UNTRUSTED", "FINGERPRINT_MISMATCH"]);
      assert.match(r.findings[0].message, /trust is pinned to the stack's self-signed certificate/);
    });

    it("--ca overrides the pin; no pin without certificate.pem or when the stack is not self-signed", async () => {
      const s = await start({ cert: f.read("self.pem"), key: f.read("self.key") });
      const cert = stackCert(f, "self.pem");
      const ca = await verify(
        "--outputs",
        outputs("ca.json", cert, s.port),
        ...pinned(s.port),
        "--ca",
        f.file("root.pem"),
      );
      assert.equal(ca.j.trust, `Node's bundled roots and --ca ${f.file("root.pem")} (1 certificate(s))`);
      assert.deepEqual(ca.codes, ["TLS_UNTRUSTED"]);
      const noPem = await verify(
        "--outputs",
        outputs("nopem.json", { ...cert, pem: undefined }, s.port),
        ...pinned(s.port),
      );
      assert.equal(noPem.j.trust, "Node's bundled roots");
      assert.deepEqual(noPem.codes, ["TLS_UNTRUSTED"]);
      const notSelf = await verify(
        "--outputs",
        outputs("notself.json", { ...cert, selfSigned: false }, s.port),
        ...pinned(s.port),
      );
      assert.equal(notSelf.j.trust, "Node's bundled roots");
      assert.deepEqual(notSelf.codes, ["TLS_UNTRUSTED"]);
    });

    it("a certificate.pem that holds no certificate is bad usage (exit 2)", async () => {
      const file = outputs("badpem.json", { selfSigned: true, pem: "not a certificate" }, 443);
      const r = await cli("verify", "--outputs", file);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /certificate\.pem holds no PEM certificate/);
    });
  });

  describe("--any-host: the outputs speak for the stack's hostname only", () => {
    it("refuses a --uri on another host (exit 2, naming --any-host); checks it with --any-host", async () => {
      const s = await start({ cert: f.read("leaf+int.pem"), key: f.read("leaf.key") });
      const file = `${tmp}/host.json`;
      fs.writeFileSync(file, JSON.stringify({ hostname: H, scoringUris: { a: uri(s.port) } }));
      const other = uri(s.port, "www.example.com");
      const args = [
        "--outputs",
        file,
        "--uri",
        other,
        ...pinned(s.port),
        "--resolve",
        `www.example.com:${s.port}:127.0.0.1`,
      ];
      const refused = await cli("verify", ...args, "--ca", f.file("root.pem"));
      assert.equal(refused.code, 2);
      assert.equal(refused.stdout, "");
      assert.equal(
        refused.stderr,
        `ssl-ml-cluster: --uri: ${other} is not on the stack's hostname ml.example.com (the hostname output); give --any-host to check it anyway\n`,
      );
      const r = await verify(...args, "--ca", f.file("root.pem"), "--any-host");
      assert.equal(r.code, 0, r.stdout);
      assert.deepEqual(
        r.j.results.map((x: { uri: string }) => x.uri),
        [uri(s.port), other],
      );
    });

    it("refuses outputs whose scoring URIs are not on their hostname", async () => {
      const file = `${tmp}/elsewhere.json`;
      fs.writeFileSync(
        file,
        JSON.stringify({ hostname: H, scoringUri: "https://attacker.example.net/score" }),
      );
      const r = await cli("verify", "--outputs", file);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /attacker\.example\.net\/score is not on the stack's hostname ml\.example\.com/);
    });
  });

  it("--timeout bounds the run: a server that sends one byte every 2 s ends with a timeout finding", async function () {
    // Before the overall deadline, each byte reset an idle timer and this never ended: mocha's
    // timeout is the hard bound here, not an assertion on speed.
    this.timeout(30_000);
    const server = tls.createServer({ cert: f.read("leaf+int.pem"), key: f.read("leaf.key") }, (socket) => {
      // A status line, then a header whose value never ends: one byte every 2 s.
      const head = Buffer.from("HTTP/1.1 200 OK\r\nX-Slow: ");
      let i = 0;
      const tick = setInterval(() => {
        if (socket.destroyed) return clearInterval(tick);
        socket.write(i < head.length ? head.subarray(i, i + 1) : "x");
        i++;
      }, 2000);
      socket.on("close", () => clearInterval(tick));
      socket.on("error", () => undefined);
    });
    const s = await listen(server);
    servers.push(s);
    const r = await cli(
      "verify",
      "--timeout",
      "3",
      "--json",
      "--uri",
      uri(s.port),
      ...pinned(s.port),
      "--ca",
      f.file("root.pem"),
    );
    assert.equal(r.code, 1, r.stdout);
    const findings = JSON.parse(r.stdout).results[0].findings;
    assert.deepEqual(
      findings.map((x: { code: string }) => x.code),
      ["HTTP_ERROR"],
    );
    assert.match(findings[0].message, /gave no complete HTTP answer within this attempt's \d+\.\d s/);
  });

  it("negotiates TLS 1.2 or newer only: a TLS 1.1 server gets a second handshake that only names the version", async () => {
    let handshakes = 0;
    let requests = 0;
    const server = https.createServer(
      {
        cert: f.read("leaf+int.pem"),
        key: f.read("leaf.key"),
        minVersion: "TLSv1",
        maxVersion: "TLSv1.1",
        ciphers: "DEFAULT@SECLEVEL=0",
      },
      (_q, res) => {
        requests++;
        res.writeHead(200).end();
      },
    );
    server.on("secureConnection", () => handshakes++);
    const s = await listen(server);
    servers.push(s);
    const r = await verify("--uri", uri(s.port), ...pinned(s.port), "--ca", f.file("root.pem"));
    assert.equal(r.code, 1);
    assert.deepEqual(r.codes, ["TLS_VERSION"]);
    const x = r.j.results[0];
    assert.equal(x.tlsVersion, "TLSv1.1");
    assert.equal(x.fingerprintSha256, null);
    assert.equal(x.httpStatus, null);
    assert.equal(
      r.findings[0].message,
      `127.0.0.1:${s.port} offers neither TLS 1.2 nor TLS 1.3 (it speaks TLSv1.1); clients need TLS 1.2 or 1.3, and verify checks nothing over an older protocol`,
    );
    assert.equal(handshakes, 1); // the first (TLS 1.2+) attempt never completes
    assert.equal(requests, 0);
  });

  it("says in its help that it negotiates TLS 1.2 or newer only, and where trust comes from", async () => {
    const r = await cli("verify", "--help");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /TLS: verify negotiates TLS 1\.2 or 1\.3 only\./);
    assert.match(r.stdout, /--ca-only +with --ca: trust only those certificates/);
    assert.match(r.stdout, /exactly that certificate is trusted\s+unless --ca is given/);
  });

  it("prints one line per attempt to stderr when stderr is not a terminal", async () => {
    const s = await start({ cert: f.read("leaf+int.pem"), key: f.read("leaf.key") });
    const r = await cliProcessAsync([
      "verify",
      "--timeout",
      "20",
      "--uri",
      uri(s.port),
      ...pinned(s.port),
      "--ca",
      f.file("root.pem"),
    ]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, "verify: attempt 1: 1 of 1 URI(s) verified\n");
  });
});
