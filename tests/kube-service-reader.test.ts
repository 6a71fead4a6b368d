// The up's reads of Service azureml/azureml-fe over HTTPS (sdk/cluster/kube-service-reader.ts),
// against a loopback stand-in of the Kubernetes API: the path and the Service shape of the API
// reference (https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/),
// the server's certificate and a client certificate made by the openssl CLI, the kubeconfig's
// three ways to sign in (token, client certificate, exec plugin).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { TLSSocket } from "node:tls";
import { httpServiceReader, kubeTarget } from "../sdk/cluster/kube-service-reader";
import { tempDirs } from "./helpers/tmp";

const PATH = "/api/v1/namespaces/azureml/services/azureml-fe";
const TOKEN = "kube-token-7d1f0c";

interface Seen {
  url: string;
  authorization?: string;
  clientCn?: string;
}

describe("reading azureml-fe through the kubeconfig (loopback Kubernetes API)", () => {
  const tmp = tempDirs();
  let dir: string;
  let server: https.Server;
  let base: string;
  const seen: Seen[] = [];
  let answers: { code: number; body: unknown }[] = [];

  const pem = (name: string) => fs.readFileSync(path.join(dir, name));
  const b64 = (name: string) => pem(name).toString("base64");
  function kubeconfig(user: string, server = base): string {
    return [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `- name: other\n  cluster:\n    server: https://192.0.2.1:443`,
      `- name: aks\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${b64("server.pem")}`,
      "contexts:",
      "- name: aks\n  context:\n    cluster: aks\n    user: clusterUser",
      "current-context: aks",
      "users:",
      `- name: clusterUser\n  user:\n${user}`,
      "",
    ].join("\n");
  }

  before(async () => {
    dir = tmp("ssl-ml-kube-api-");
    const ossl = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    ossl([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.pem",
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-addext",
      "basicConstraints=critical,CA:FALSE",
    ]);
    ossl([
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "client.key",
      "-out",
      "client.pem",
      "-days",
      "2",
      "-subj",
      "/O=system:masters/CN=clusterUser",
      "-addext",
      "extendedKeyUsage=clientAuth",
    ]);
    server = https.createServer(
      {
        cert: pem("server.pem"),
        key: pem("server.key"),
        ca: pem("client.pem"),
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        const sock = req.socket as TLSSocket;
        const clientCn = sock.authorized ? String(sock.getPeerCertificate().subject?.CN) : undefined;
        seen.push({ url: req.url!, authorization: req.headers.authorization, clientCn });
        const ok = clientCn === "clusterUser" || req.headers.authorization === `Bearer ${TOKEN}`;
        const a = ok
          ? (answers.shift() ?? { code: 500, body: {} })
          : { code: 401, body: { kind: "Status", code: 401 } };
        res.writeHead(a.code, { "content-type": "application/json" });
        res.end(JSON.stringify(a.body));
      },
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    seen.length = 0;
    answers = [];
  });

  const service = (ingress: unknown[]) => ({
    kind: "Service",
    apiVersion: "v1",
    metadata: { name: "azureml-fe", namespace: "azureml" },
    spec: { type: "LoadBalancer" },
    status: { loadBalancer: { ingress } },
  });

  it("reads the current context's cluster and user (token)", () => {
    const t = kubeTarget(kubeconfig(`    token: ${TOKEN}`));
    assert.equal(t.server.href, `${base}/`);
    assert.equal(t.token, TOKEN);
    assert.deepEqual(t.ca, pem("server.pem"));
  });

  it("GETs the Service with the token and the kubeconfig's CA: not yet, no address, then the address", async () => {
    answers = [
      { code: 404, body: { kind: "Status", code: 404, reason: "NotFound" } },
      { code: 200, body: service([]) },
      { code: 200, body: service([{ ip: "20.50.1.2", ipMode: "VIP" }]) },
    ];
    const cfg = kubeconfig(`    token: ${TOKEN}`);
    assert.deepEqual(await httpServiceReader(cfg, "azureml", "azureml-fe"), {
      note: "Service azureml/azureml-fe does not exist yet",
    });
    assert.deepEqual(await httpServiceReader(cfg, "azureml", "azureml-fe"), {
      status: { loadBalancer: { ingress: [] } },
    });
    assert.deepEqual(await httpServiceReader(cfg, "azureml", "azureml-fe"), {
      status: { loadBalancer: { ingress: [{ ip: "20.50.1.2", ipMode: "VIP" }] } },
    });
    assert.deepEqual(
      seen.map((s) => [s.url, s.authorization]),
      [0, 1, 2].map(() => [PATH, `Bearer ${TOKEN}`]),
    );
  });

  it("signs in with the client certificate AKS gives a cluster user", async () => {
    answers = [{ code: 200, body: service([{ ip: "20.50.1.2" }]) }];
    const cfg = kubeconfig(
      `    client-certificate-data: ${b64("client.pem")}\n    client-key-data: ${b64("client.key")}`,
    );
    const r = await httpServiceReader(cfg, "azureml", "azureml-fe");
    assert.deepEqual(r.status, { loadBalancer: { ingress: [{ ip: "20.50.1.2" }] } });
    assert.equal(seen[0].clientCn, "clusterUser");
    assert.equal(seen[0].authorization, undefined);
  });

  it("runs an exec credential plugin (as kubelogin) and sends its token", async () => {
    const plugin = path.join(dir, "plugin.js");
    fs.writeFileSync(
      plugin,
      `const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
       process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: "ExecCredential", status: { token: process.env.PLUGIN_TOKEN } }));`,
    );
    answers = [{ code: 200, body: service([{ hostname: "fe.example.net" }]) }];
    const user = [
      "    exec:",
      "      apiVersion: client.authentication.k8s.io/v1beta1",
      `      command: ${JSON.stringify(process.execPath)}`,
      `      args: [${JSON.stringify(plugin)}]`,
      `      env: [{ name: PLUGIN_TOKEN, value: ${TOKEN} }]`,
    ].join("\n");
    const r = await httpServiceReader(kubeconfig(user), "azureml", "azureml-fe");
    assert.deepEqual(r.status, { loadBalancer: { ingress: [{ hostname: "fe.example.net" }] } });
    assert.equal(seen[0].authorization, `Bearer ${TOKEN}`);
  });

  it("ends the wait on 401/403 without the credential in the message", async () => {
    const err = await httpServiceReader(
      kubeconfig("    token: wrong-token-51"),
      "azureml",
      "azureml-fe",
    ).catch((e: Error) => e);
    assert.ok(err instanceof Error);
    assert.equal(
      err.message,
      `the API server 127.0.0.1:${new URL(base).port} refused the cluster user's credentials (HTTP 401) reading Service azureml/azureml-fe`,
    );
    assert.ok(!err.message.includes("wrong-token-51"));
  });

  it("keeps waiting on 5xx and on a server that does not answer", async () => {
    answers = [{ code: 503, body: {} }];
    const cfg = kubeconfig(`    token: ${TOKEN}`);
    assert.deepEqual(await httpServiceReader(cfg, "azureml", "azureml-fe"), {
      note: `the API server 127.0.0.1:${new URL(base).port} answered HTTP 503`,
    });
    // A port nothing listens on: connection refused is a note, not a failure.
    const closed = https.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await httpServiceReader(
      kubeconfig(`    token: ${TOKEN}`, `https://127.0.0.1:${port}`),
      "azureml",
      "azureml-fe",
    );
    assert.match(
      r.note ?? "",
      new RegExp(`^the API server 127\\.0\\.0\\.1:${port} did not answer: .*ECONNREFUSED`),
    );
  });

  it("refuses a server certificate the kubeconfig's CA did not issue (ends the wait, no request sent)", async () => {
    const cfg = kubeconfig(`    token: ${TOKEN}`).replace(b64("server.pem"), b64("client.pem"));
    await assert.rejects(
      httpServiceReader(cfg, "azureml", "azureml-fe"),
      new RegExp(
        `^Error: the API server 127\\.0\\.0\\.1:${new URL(base).port} has a certificate the kubeconfig does not trust \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)$`,
      ),
    );
    assert.equal(seen.length, 0);
  });
});
