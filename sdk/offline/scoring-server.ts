import * as https from "node:https";
import type { AddressInfo } from "node:net";

/** A deterministic stand-in scorer: class = (sum of a row's numbers, rounded) mod 3. */
export function score(body: unknown): { predictions: number[] } {
  const rows = (body as { data?: unknown })?.data;
  if (!Array.isArray(rows)) throw new Error('body must be {"data": [[numbers], ...]}');
  return {
    predictions: rows.map((row) => {
      if (!Array.isArray(row) || row.some((x) => typeof x !== "number"))
        throw new Error("each row must be an array of numbers");
      return Math.abs(Math.round((row as number[]).reduce((a, b) => a + b, 0))) % 3;
    }),
  };
}

const ROUTE = /^\/api\/v1\/(endpoint|service)\/([A-Za-z0-9-]+)\/score$/;

/**
 * The scoring front end on loopback: TLS with the planned certificate and key, serving
 * `POST /api/v1/endpoint/<name>/score` (and the legacy `/service/` form) for the known services.
 */
export async function startScoringFrontEnd(opts: {
  certPem: string;
  keyPem: string;
  services: string[];
  port?: number;
  host?: string;
}): Promise<{ port: number; close(): Promise<void> }> {
  const server = https.createServer(
    { cert: opts.certPem, key: opts.keyPem, minVersion: "TLSv1.2" },
    (req, res) => {
      const m = ROUTE.exec(req.url ?? "");
      const send = (status: number, body: object) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (!m || !opts.services.includes(m[2])) return send(404, { error: `no service at ${req.url}` });
      if (req.method !== "POST") return send(405, { error: "use POST" });
      let size = 0;
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > 1_048_576) {
          send(413, { error: "body over 1 MiB" });
          req.destroy();
        } else chunks.push(c);
      });
      req.on("end", () => {
        try {
          send(200, { service: m[2], ...score(JSON.parse(Buffer.concat(chunks).toString("utf8"))) });
        } catch (e) {
          send(400, { error: (e as Error).message });
        }
      });
    },
  );
  return listenLoopback(server, opts.port, opts.host);
}

/** Starts a server on loopback with bounded request and header times; `close` drops open connections. */
export async function listenLoopback(
  server: https.Server,
  port = 0,
  host = "127.0.0.1",
): Promise<{ port: number; close(): Promise<void> }> {
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ScoringCall {
  uri: string;
  status: number;
  tlsVersion: string;
  fingerprint256: string;
  body: string;
}

/**
 * Calls a scoring URI as a real client would, except that the hostname resolves to 127.0.0.1:
 * only `caPem` is trusted, and the chain and the hostname are verified by Node's TLS stack.
 */
export function callScoringUri(
  uri: string,
  port: number,
  caPem: string,
  payload: object,
  timeoutMs = 5000,
  extraHeaders: Record<string, string> = {},
): Promise<ScoringCall> {
  const u = new URL(uri);
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: u.hostname,
        port,
        path: u.pathname,
        method: "POST",
        ca: caPem,
        servername: u.hostname,
        agent: false,
        timeout: timeoutMs,
        headers: {
          ...extraHeaders,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        lookup: (_host, options, cb) => {
          if ((options as { all?: boolean }).all)
            (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
              { address: "127.0.0.1", family: 4 },
            ]);
          else cb(null, "127.0.0.1", 4);
        },
      },
      (res) => {
        const socket = res.socket as import("node:tls").TLSSocket;
        const tlsVersion = socket.getProtocol() ?? "";
        const fingerprint256 = socket.getPeerCertificate().fingerprint256 ?? "";
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            uri,
            status: res.statusCode ?? 0,
            tlsVersion,
            fingerprint256,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer from ${uri} within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
