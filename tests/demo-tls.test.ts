import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { runPlan } from "../sdk/offline/plan";
import { unwrapSecrets } from "../sdk/offline/secrets";
import { callScoringUri, startScoringFrontEnd, score } from "../sdk/offline/scoring-server";
import { cli } from "./helpers/cli";
import { fixtures } from "./helpers/openssl-certs";
import { tempDirs } from "./helpers/tmp";

const run = promisify(execFile);
const EX = path.resolve(__dirname, "..", "examples");

describe("demo: real TLS on 127.0.0.1 with the planned certificate", () => {
  let certPem: string;
  let keyPem: string;
  let uris: Record<string, string>;
  let fe: Awaited<ReturnType<typeof startScoringFrontEnd>>;
  let dir: string;
  const tmp = tempDirs();

  before(async () => {
    dir = tmp("demo-");
    const { recorder, rawOutputs } = await runPlan(path.join(EX, "quickstart"));
    const ext = recorder.registrations.find(
      (r) => r.type === "azure-native:kubernetesconfiguration:Extension",
    )!;
    const ps = unwrapSecrets(ext.inputs.configurationProtectedSettings) as Record<string, string>;
    certPem = Buffer.from(ps["scoringFe.sslCert"], "base64").toString();
    keyPem = Buffer.from(ps["scoringFe.sslKey"], "base64").toString();
    uris = rawOutputs.scoringUris as Record<string, string>;
    fs.writeFileSync(path.join(dir, "cert.pem"), certPem);
    fe = await startScoringFrontEnd({ certPem, keyPem, services: Object.keys(uris) });
  });
  after(async () => fe?.close());

  it("answers every scoring URI over TLS that Node verifies (chain and hostname)", async () => {
    assert.deepEqual(Object.keys(uris).sort(), ["churn", "iris"]);
    for (const uri of Object.values(uris)) {
      const r = await callScoringUri(uri, fe.port, certPem, {
        data: [
          [1, 2],
          [3, 4],
        ],
      });
      assert.equal(r.status, 200);
      assert.match(r.tlsVersion, /^TLSv1\.[23]$/);
      assert.deepEqual(JSON.parse(r.body).predictions, [0, 1]);
    }
  });

  it("a self-signed stack passes verify --outputs from its outputs alone (no --ca: certificate.pem is the pin)", async () => {
    // The stack outputs exactly as `pulumi stack output --json` prints them for this program.
    const { rawOutputs } = await runPlan(path.join(EX, "quickstart"));
    const outputs = path.join(dir, "outputs.json");
    fs.writeFileSync(outputs, JSON.stringify(rawOutputs));
    const cert = rawOutputs.certificate as { pem: string; selfSigned: boolean; fingerprintSha256: string };
    assert.equal(cert.selfSigned, true);
    // The pem output is the certificate the front end serves (compared through openssl, not our code).
    fs.writeFileSync(path.join(dir, "output.pem"), cert.pem);
    const fingerprint = async (file: string) =>
      (
        await run("openssl", ["x509", "-noout", "-fingerprint", "-sha256", "-in", path.join(dir, file)])
      ).stdout
        .trim()
        .split("=")[1];
    assert.equal(await fingerprint("output.pem"), await fingerprint("cert.pem"));
    const host = new URL(uris.iris).hostname;
    const r = await cli(
      "verify",
      "--outputs",
      outputs,
      "--connect-to",
      `${host}:443:127.0.0.1:${fe.port}`,
      "--timeout",
      "20",
      "--json",
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as { ok: boolean; results: { uri: string; findings: unknown[] }[] };
    assert.equal(report.ok, true);
    assert.deepEqual(report.results.map((x) => x.uri).sort(), Object.values(uris).sort());
  });

  it("is verified by curl (--resolve, --cacert) as well", async () => {
    const uri = uris.iris;
    const host = new URL(uri).hostname;
    const { stdout } = await run("curl", [
      "-sS",
      "--max-time",
      "10",
      "--resolve",
      `${host}:${fe.port}:127.0.0.1`,
      "--cacert",
      path.join(dir, "cert.pem"),
      "-H",
      "content-type: application/json",
      "-d",
      '{"data":[[5.1,3.5,1.4,0.2]]}',
      uri.replace(host, `${host}:${fe.port}`),
    ]);
    assert.deepEqual(JSON.parse(stdout), { service: "iris", predictions: [1] });
  });

  it("is verified by openssl s_client -verify_hostname", async () => {
    const host = new URL(uris.iris).hostname;
    const { stdout } = await run(
      "sh",
      [
        "-c",
        `echo | openssl s_client -connect 127.0.0.1:${fe.port} -servername ${host} -verify_hostname ${host} -CAfile ${path.join(dir, "cert.pem")} -verify_return_error 2>&1`,
      ],
      { timeout: 10_000 },
    );
    assert.match(stdout, /Verify return code: 0 \(ok\)/);
  });

  it("refuses the same certificate for another hostname (Node, curl and openssl)", async () => {
    const other = uris.iris.replace("ml.example.com", "other.example.com");
    await assert.rejects(
      callScoringUri(other, fe.port, certPem, { data: [[1]] }),
      (e: NodeJS.ErrnoException) => e.code === "ERR_TLS_CERT_ALTNAME_INVALID",
    );
    const curl = await run("curl", [
      "-sS",
      "--max-time",
      "10",
      "--resolve",
      `other.example.com:${fe.port}:127.0.0.1`,
      "--cacert",
      path.join(dir, "cert.pem"),
      `https://other.example.com:${fe.port}/api/v1/endpoint/iris/score`,
    ]).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    assert.equal(curl, 60, "curl: peer certificate cannot be authenticated");
    const { stdout } = await run(
      "sh",
      [
        "-c",
        `echo | openssl s_client -connect 127.0.0.1:${fe.port} -verify_hostname other.example.com -CAfile ${path.join(dir, "cert.pem")} 2>&1 || true`,
      ],
      { timeout: 10_000 },
    );
    assert.match(stdout, /Verify return code: 62 \(hostname mismatch\)/);
  });

  it("refuses a server whose certificate was issued for another hostname", async () => {
    const f = fixtures();
    const wrong = await startScoringFrontEnd({
      certPem: f.read("ec.pem") + f.read("int.pem"),
      keyPem: f.read("ec.key"),
      services: ["iris"],
    });
    try {
      await assert.rejects(
        callScoringUri(uris.iris, wrong.port, f.read("root.pem"), { data: [[1]] }),
        (e: NodeJS.ErrnoException) => e.code === "ERR_TLS_CERT_ALTNAME_INVALID",
      );
      // And a client that trusts only the planned certificate refuses the other one outright:
      // the chain does not lead to it (checked before the name).
      await assert.rejects(
        callScoringUri(uris.iris, wrong.port, certPem, { data: [[1]] }),
        (e: NodeJS.ErrnoException) => {
          assert.equal(e.code, "UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
          return true;
        },
      );
    } finally {
      await wrong.close();
    }
  });

  it("scores deterministically and rejects bad bodies", async () => {
    assert.deepEqual(score({ data: [[0.4], [2.6, 0]] }), { predictions: [0, 0] });
    assert.throws(() => score({ rows: [] }), { message: 'body must be {"data": [[numbers], ...]}' });
    const r = await callScoringUri(uris.iris, fe.port, certPem, { nope: 1 });
    assert.equal(r.status, 400);
    const missing = await callScoringUri(uris.iris.replace("/iris/", "/nope/"), fe.port, certPem, {
      data: [],
    });
    assert.equal(missing.status, 404);
  });
});

describe("demo command", () => {
  it("runs end to end and exits 0", async () => {
    const r = await cli("demo", "--quiet");
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const step of ["[1/4]", "[2/4]", "[3/4]", "[4/4]"]) assert.ok(r.stdout.includes(step), step);
    assert.match(
      r.stdout,
      /ok {3}iris: POST https:\/\/ml\.example\.com\/api\/v1\/endpoint\/iris\/score -> 200/,
    );
    assert.match(r.stdout, /ok {3}refused: ERR_TLS_CERT_ALTNAME_INVALID/);
    assert.match(r.stdout, /demo passed/);
  });

  it("exits 2 with a clear message when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await cli("demo", "--quiet", "--port", String(port));
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });
});
