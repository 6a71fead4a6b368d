// The scoring call: POST to a scoring URI with the endpoint's key, over a new TLS connection to the
// address DNS gave (so each call sees the certificate served at that moment), and the answer
// compared with what score.py computes.
import { X509Certificate } from "node:crypto";
import * as https from "node:https";
import type { TLSSocket } from "node:tls";

/** The request body every scoring call sends, and what live/program/score.py answers to it. */
export const SAMPLE = {
  data: [
    [1, 2, 3],
    [4, 5, 6],
  ],
};
export const EXPECTED = { score: [6, 15] };

export interface CallResult {
  ok: boolean;
  /** ms since the epoch. */
  start: number;
  end: number;
  status?: number;
  /** The served leaf's SHA-256 fingerprint (colon-separated, upper case). */
  fingerprint?: string;
  error?: string;
}

export interface CallTarget {
  uri: string;
  /** The stack's hostname: the URI's host must be it (the loop calls nothing else). */
  hostname: string;
  /** Where to connect (the DNS answer for the hostname). */
  address: string;
  /** Bearer key (kubernetes endpoints, authMode Key); without it, any HTTP answer under 500 is a pass. */
  key?: string;
}

/** Refuses a URI whose host is not the stack's own hostname. */
export function assertOwnHost(t: CallTarget): URL {
  const url = new URL(t.uri);
  if (url.protocol !== "https:" || url.hostname.toLowerCase() !== t.hostname.toLowerCase())
    throw new Error(
      `${t.uri} is not an https URI on the stack's hostname ${t.hostname}; the live check calls nothing else`,
    );
  return url;
}

/** Why an answer is not the expected score (undefined when it is). */
export function scoreProblem(status: number, body: string): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 160)}`;
  try {
    if (JSON.stringify(JSON.parse(body)) === JSON.stringify(EXPECTED)) return undefined;
  } catch {
    // fall through
  }
  return `HTTP 200 but ${body.slice(0, 160)} is not ${JSON.stringify(EXPECTED)}`;
}

/** One call; never throws (a failure is a result). The certificate is read here and judged by the caller. */
export function callOnce(t: CallTarget, timeoutMs = 10_000): Promise<CallResult> {
  const start = Date.now();
  return new Promise((resolve) => {
    let fingerprint: string | undefined;
    const done = (r: Omit<CallResult, "start" | "end" | "fingerprint">) =>
      resolve({ ...r, start, end: Date.now(), fingerprint });
    let url: URL;
    try {
      url = assertOwnHost(t);
    } catch (e) {
      return done({ ok: false, error: (e as Error).message });
    }
    const body = t.key ? JSON.stringify(SAMPLE) : undefined;
    const req = https.request({
      host: t.address,
      port: url.port ? Number(url.port) : 443,
      servername: t.hostname,
      path: url.pathname + url.search,
      method: t.key ? "POST" : "GET",
      headers: {
        host: url.host,
        ...(t.key ? { authorization: `Bearer ${t.key}`, "content-type": "application/json" } : {}),
      },
      agent: false,
      // Trust is the caller's: the fingerprint is recorded and compared with the stack's.
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    req.on("socket", (s) =>
      s.once("secureConnect", () => {
        const raw = (s as TLSSocket).getPeerCertificate(false)?.raw;
        if (raw) fingerprint = new X509Certificate(raw).fingerprint256;
      }),
    );
    req.on("timeout", () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on("error", (e) => done({ ok: false, error: e.message }));
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text.length < 4096 ? (text += c) : undefined));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const problem = t.key ? scoreProblem(status, text) : status >= 500 ? `HTTP ${status}` : undefined;
        done({ ok: problem === undefined, status, error: problem });
      });
      res.on("error", (e) => done({ ok: false, status: res.statusCode, error: e.message }));
    });
    req.end(body);
  });
}
