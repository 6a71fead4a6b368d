// The loopback stand-ins of `demo --managed`: a managed online endpoint (HTTPS under its own host
// name, `POST /score` only, a key in `Authorization`) and a front door before it that maps requests
// as Azure Front Door does (frontdoor-routes.ts): TLS for the custom domain, the route's path
// mapping, the origin's own Host header and certificate name check, headers passed through.
import * as https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { checkServerIdentity as tlsHostCheck } from "node:tls";
import { mapRequest, type FrontDoorTable } from "./frontdoor-routes";
import { listenLoopback, score } from "./scoring-server";

export interface Listening {
  port: number;
  close(): Promise<void>;
}

const listen = (server: https.Server, port?: number): Promise<Listening> => listenLoopback(server, port);

function readBody(req: import("node:http").IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 1_048_576) req.destroy(new Error("body over 1 MiB"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * A managed online endpoint on loopback: answers `POST /score` for its own host with the key, and
 * reports what it received (path, Host, whether the key matched, the deployment header).
 */
export async function startManagedEndpoint(o: {
  host: string;
  certPem: string;
  keyPem: string;
  apiKey: string;
}): Promise<Listening> {
  const server = https.createServer(
    { cert: o.certPem, key: o.keyPem, minVersion: "TLSv1.2" },
    async (req, res) => {
      const send = (status: number, body: object) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const received = {
        method: req.method,
        path: req.url,
        host: req.headers.host,
        authorized: req.headers.authorization === `Bearer ${o.apiKey}`,
        deployment: req.headers["azureml-model-deployment"],
      };
      if (req.headers.host !== o.host)
        return send(404, { error: `no endpoint for Host ${req.headers.host}`, received });
      if (req.url !== "/score") return send(404, { error: `no route ${req.url}`, received });
      if (req.method !== "POST") return send(405, { error: "use POST", received });
      if (!received.authorized) return send(401, { error: "missing or wrong key", received });
      try {
        const body = JSON.parse((await readBody(req)).toString("utf8"));
        send(200, { ...score(body), received });
      } catch (e) {
        send(400, { error: (e as Error).message, received });
      }
    },
  );
  return listen(server);
}

const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "proxy-connection",
  "te",
  "trailer",
];

/**
 * The front door: TLS for `table.hostname` with `certPem`; a request for another Host, or a path no
 * route matches, gets 404 as Front Door answers it. A match is forwarded over HTTPS (forwarding
 * protocol HttpsOnly) to `originPort` on loopback, with the origin's Host header, verifying the
 * origin's certificate against `originCaPem` and its host name (enforceCertificateNameCheck).
 */
export async function startFrontDoor(o: {
  table: FrontDoorTable;
  certPem: string;
  keyPem: string;
  originPort: (originHost: string) => number | undefined;
  originCaPem: string;
  port?: number;
}): Promise<Listening> {
  const server = https.createServer(
    { cert: o.certPem, key: o.keyPem, minVersion: "TLSv1.2" },
    async (req, res) => {
      const fail = (status: number, message: string) => {
        res.writeHead(status, { "content-type": "text/plain", "x-azure-ref": "demo" });
        res.end(message);
      };
      const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
      if (host !== o.table.hostname) return fail(404, `no domain ${host} on this front door`);
      const mapped = mapRequest(o.table, req.url ?? "/");
      if (!mapped) return fail(404, `no route matches ${req.url}`);
      const port = o.originPort(mapped.route.originHost);
      if (port === undefined) return fail(502, `origin ${mapped.route.originHost} is not reachable`);
      const headers: IncomingHttpHeaders = { ...req.headers, host: mapped.route.hostHeader };
      for (const h of HOP_BY_HOP) delete headers[h];
      const body = await readBody(req);
      headers["content-length"] = String(body.length);
      const up = https.request(
        {
          host: "127.0.0.1",
          port,
          path: mapped.originPath,
          method: req.method,
          headers,
          servername: mapped.route.originHost,
          ca: o.originCaPem,
          checkServerIdentity: (_h, cert) => tlsHostCheck(mapped.route.originHost, cert),
          agent: false,
          timeout: 5000,
        },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on("timeout", () => up.destroy(new Error("origin timeout")));
      up.on("error", (e) => fail(502, `origin error: ${e.message}`));
      up.end(body);
    },
  );
  return listen(server, o.port);
}
