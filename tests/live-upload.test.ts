// The live program's code upload (live/program/upload.ts) against a loopback stand-in of the Blob
// service over HTTPS (the SDK refuses a bearer token over plain HTTP). The client runs in a child
// process that trusts the stand-in's self-signed certificate through NODE_EXTRA_CA_CERTS. What the
// stand-in expects is the Put Blob / Delete Blob REST reference
// (https://learn.microsoft.com/rest/api/storageservices/put-blob, …/delete-blob) and the Entra ID
// scope for Storage (https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory).
import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { tempDirs } from "./helpers/tmp";

const UPLOAD = path.resolve(__dirname, "..", "live", "program", "upload.ts");
const TOKEN = "stand-in-entra-token";

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Runs `code` (with `uploadBlob`, `deleteBlob`, `credential` and `scopes` in scope) in a child. */
function client(code: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; out: string }> {
  const script = `
    const { uploadBlob, deleteBlob } = require(${JSON.stringify(UPLOAD)});
    const scopes = [];
    const credential = { getToken: async (s) => { scopes.push(s); return { token: ${JSON.stringify(TOKEN)}, expiresOnTimestamp: Date.now() + 3600e3 }; } };
    (async () => { ${code} })().then(
      (r) => { console.log(JSON.stringify({ ok: r ?? null, scopes })); },
      (e) => { console.log(JSON.stringify({ error: e.message, scopes })); });
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
      cwd: path.resolve(__dirname, ".."),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

describe("live/program upload with Entra ID, against a loopback Blob service", function () {
  this.timeout(120_000);
  const tmp = tempDirs();
  let server: https.Server;
  let accountUrl: string;
  let caFile: string;
  const seen: Seen[] = [];

  before(async () => {
    const dir = tmp("live-upload-");
    caFile = path.join(dir, "cert.pem");
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
        path.join(dir, "key.pem"),
        "-out",
        caFile,
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    server = https.createServer(
      { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(caFile) },
      (req, res) => {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
          seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
          if (req.url!.includes("/denied/")) {
            // The Blob service's answer to a token without the data role.
            res.writeHead(403, {
              "content-type": "application/xml",
              "x-ms-error-code": "AuthorizationPermissionMismatch",
            });
            return res.end(
              '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>',
            );
          }
          const ok = req.headers.authorization === `Bearer ${TOKEN}`;
          if (!ok) {
            res.writeHead(401, { "x-ms-error-code": "NoAuthenticationInformation" });
            return res.end();
          }
          if (req.method === "PUT") {
            res.writeHead(201, {
              etag: '"0x8D9F0000000000"',
              "last-modified": new Date().toUTCString(),
              "x-ms-request-server-encrypted": "true",
              "x-ms-version": String(req.headers["x-ms-version"] ?? ""),
            });
            return res.end();
          }
          if (req.method === "DELETE") {
            res.writeHead(202, { "x-ms-delete-type-permanent": "true" });
            return res.end();
          }
          res.writeHead(405);
          return res.end();
        });
      },
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    // An IP-style account URL, as the storage SDK reads one (account name in the first path segment).
    accountUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/acct`;
  });
  after(() => server?.close());

  it("PUTs the block blob with a bearer token for Azure Storage, then deletes it with one", async () => {
    seen.length = 0;
    const r = await client(
      `const t = { accountUrl: ${JSON.stringify(accountUrl)}, containerName: "code", blobName: "ssl-ml-live/x/0123/score.py" };
       const url = await uploadBlob({ ...t, content: Buffer.from("print(1)\\n"), contentType: "text/x-python" }, credential);
       await deleteBlob(t, credential);
       return url;`,
      { NODE_EXTRA_CA_CERTS: caFile },
    );
    const answer = JSON.parse(r.out.trim().split("\n").at(-1)!);
    assert.equal(answer.error, undefined, r.out);
    assert.equal(answer.ok, `${accountUrl}/code/ssl-ml-live/x/0123/score.py`);
    assert.ok(answer.scopes.length > 0);
    for (const s of answer.scopes) assert.deepEqual([s].flat(), ["https://storage.azure.com/.default"]);
    assert.deepEqual(
      seen.map((x) => [x.method, x.url.split("?")[0]]),
      [
        ["PUT", "/acct/code/ssl-ml-live/x/0123/score.py"],
        ["DELETE", "/acct/code/ssl-ml-live/x/0123/score.py"],
      ],
    );
    const put = seen[0];
    assert.equal(put.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(put.headers["x-ms-blob-type"], "BlockBlob");
    assert.equal(put.headers["x-ms-blob-content-type"], "text/x-python");
    assert.equal(put.body, "print(1)\n");
    assert.equal(seen[1].headers.authorization, `Bearer ${TOKEN}`);
  });

  it("a 403 (no data role) names the role to grant", async () => {
    const r = await client(
      `return uploadBlob({ accountUrl: ${JSON.stringify(accountUrl)}, containerName: "denied", blobName: "score.py", content: Buffer.from("x"), contentType: "text/x-python" }, credential);`,
      { NODE_EXTRA_CA_CERTS: caFile },
    );
    const answer = JSON.parse(r.out.trim().split("\n").at(-1)!);
    assert.match(
      answer.error,
      new RegExp(
        `^uploading ${accountUrl.replace(/[.]/g, "\\.")}/denied/score\\.py with Entra ID failed: 403 .*the signed-in identity needs the role Storage Blob Data Contributor on the storage account`,
      ),
    );
  });
});
