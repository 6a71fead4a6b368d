// One check of one live scoring URI: DNS, TCP + TLS, the served certificate, one HTTP answer.
// Node's own dns / tls / http only, so `verify` stays a light command.
import { X509Certificate } from "node:crypto";
import * as dns from "node:dns";
import * as http from "node:http";
import { isIP } from "node:net";
import * as tls from "node:tls";

/** The stable codes of `ssl-ml-cluster verify` (README, "verify"). */
export type VerifyCode =
  | "DNS_MISMATCH"
  | "UNREACHABLE"
  | "TLS_VERSION"
  | "TLS_UNTRUSTED"
  | "HOSTNAME_MISMATCH"
  | "FINGERPRINT_MISMATCH"
  | "EXPIRED"
  | "EXPIRES_SOON"
  | "HTTP_ERROR";

export interface VerifyFinding {
  code: VerifyCode;
  severity: "error" | "warning";
  message: string;
}

const WARNINGS: VerifyCode[] = ["EXPIRES_SOON"];

export function verifyFinding(code: VerifyCode, message: string): VerifyFinding {
  return { code, severity: WARNINGS.includes(code) ? "warning" : "error", message };
}

/** Where to connect instead of asking DNS (curl's --resolve / --connect-to). */
export interface Pin {
  /** The address or host name to connect to. */
  host: string;
  port: number;
  /** How the pin was given, for messages: `--resolve ml.example.com:443:127.0.0.1`. */
  flag: string;
}

export interface Target {
  uri: string;
  url: URL;
  /** The URI's host name (brackets of an IPv6 literal removed). */
  host: string;
  port: number;
  pin?: Pin;
}

export interface Expectations {
  /** The stack's `frontEndIp` output (an address, or a host name on some clusters). */
  frontEndIp?: string;
  /** Upper-case hex, no colons. */
  fingerprint?: string;
  /** Where the fingerprint came from, for messages. */
  fingerprintSource?: string;
  minDays: number;
  /** Trusted roots: Node's bundled store plus `--ca`. */
  ca: string[];
  /** Whether `--ca` was given (changes the advice of TLS_UNTRUSTED). */
  extraCa: boolean;
}

export interface UriResult {
  uri: string;
  address: string | null;
  tlsVersion: string | null;
  fingerprintSha256: string | null;
  daysLeft: number | null;
  httpStatus: number | null;
  /** What the DNS check did: the answers, or why it was skipped. */
  dns: string;
  findings: VerifyFinding[];
}

const DAY = 86_400_000;

/** Upper-case hex without separators: how two fingerprints are compared. */
export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-fA-F]/g, "").toUpperCase();
}

async function lookupAll(host: string): Promise<string[]> {
  try {
    const answers = await dns.promises.lookup(host, { all: true, verbatim: false });
    return [...new Set(answers.map((a) => a.address))];
  } catch {
    return [];
  }
}

/** The address to connect to, and the DNS verdict. */
async function resolveAddress(
  t: Target,
  exp: Expectations,
  findings: VerifyFinding[],
): Promise<{ address?: string; dns: string }> {
  if (t.pin) {
    const address = isIP(t.pin.host) ? t.pin.host : (await lookupAll(t.pin.host))[0];
    const dnsNote = `skipped: ${t.pin.flag} pins ${t.host}:${t.port}`;
    if (!address)
      findings.push(verifyFinding("UNREACHABLE", `${t.pin.flag}: ${t.pin.host} does not resolve`));
    return { address, dns: dnsNote };
  }
  if (isIP(t.host)) return { address: t.host, dns: "skipped: the URI holds an IP address" };
  const answers = await lookupAll(t.host);
  if (answers.length === 0) {
    findings.push(
      exp.frontEndIp
        ? verifyFinding(
            "DNS_MISMATCH",
            `${t.host} has no DNS answer (yet); it should answer the front end ${exp.frontEndIp}: check the DNS record (the dnsRecord output) and wait for propagation`,
          )
        : verifyFinding("UNREACHABLE", `${t.host} does not resolve; check the DNS record`),
    );
    return { dns: "no answer" };
  }
  if (!exp.frontEndIp) return { address: answers[0], dns: answers.join(", ") };
  const expected = isIP(exp.frontEndIp) ? [exp.frontEndIp] : await lookupAll(exp.frontEndIp);
  const match = answers.find((a) => expected.includes(a));
  if (!match) {
    findings.push(
      verifyFinding(
        "DNS_MISMATCH",
        `${t.host} answers ${answers.join(", ")}, not the front end ${exp.frontEndIp}; point the record at ${exp.frontEndIp} (or wait for propagation)`,
      ),
    );
  }
  return { address: match ?? answers[0], dns: answers.join(", ") };
}

function connectTls(
  address: string,
  port: number,
  servername: string | undefined,
  exp: Expectations,
  timeoutMs: number,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: address,
      port,
      servername,
      ca: exp.ca,
      // Judge the chain and the name ourselves, to report each as its own finding.
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      // Accept old protocols here so that a TLS 1.0 / 1.1 server is reported as TLS_VERSION.
      minVersion: "TLSv1",
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    const timer = setTimeout(
      () =>
        socket.destroy(
          Object.assign(new Error(`no TLS answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" }),
        ),
      timeoutMs,
    );
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    });
  });
}

function httpStatus(socket: tls.TLSSocket, t: Target, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        createConnection: () => socket,
        method: "GET",
        path: `${t.url.pathname}${t.url.search}`,
        headers: { host: t.url.host, "user-agent": "ssl-ml-cluster-verify", connection: "close" },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no HTTP answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

const OLD_PROTOCOL = /protocol version|unsupported protocol|wrong version number|no protocols available/i;

/** One attempt at one URI; never throws. */
export async function probe(t: Target, exp: Expectations, timeoutMs: number): Promise<UriResult> {
  const findings: VerifyFinding[] = [];
  const result: UriResult = {
    uri: t.uri,
    address: null,
    tlsVersion: null,
    fingerprintSha256: null,
    daysLeft: null,
    httpStatus: null,
    dns: "",
    findings,
  };
  const { address, dns: dnsNote } = await resolveAddress(t, exp, findings);
  result.dns = dnsNote;
  if (!address) return result;
  const port = t.pin?.port ?? t.port;
  result.address = isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;

  let socket: tls.TLSSocket;
  try {
    socket = await connectTls(address, port, isIP(t.host) ? undefined : t.host, exp, timeoutMs);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (OLD_PROTOCOL.test(err.message ?? "") || err.code === "ERR_SSL_UNSUPPORTED_PROTOCOL") {
      findings.push(
        verifyFinding(
          "TLS_VERSION",
          `${result.address} would not agree on a TLS version (${err.message}); the front end must offer TLS 1.2 or 1.3`,
        ),
      );
    } else {
      findings.push(
        verifyFinding(
          "UNREACHABLE",
          `nothing answers TLS at ${result.address} (${err.code ?? err.message}); check the front end's IP, port and load balancer`,
        ),
      );
    }
    return result;
  }

  try {
    result.tlsVersion = socket.getProtocol();
    if (result.tlsVersion !== "TLSv1.2" && result.tlsVersion !== "TLSv1.3") {
      findings.push(
        verifyFinding(
          "TLS_VERSION",
          `${result.address} speaks ${result.tlsVersion ?? "an unknown protocol"}; clients need TLS 1.2 or 1.3`,
        ),
      );
    }
    const peer = socket.getPeerCertificate(false);
    const leaf = peer?.raw ? new X509Certificate(peer.raw) : undefined;
    if (!leaf) {
      findings.push(verifyFinding("TLS_UNTRUSTED", `${result.address} presented no certificate`));
      return result;
    }
    result.fingerprintSha256 = leaf.fingerprint256;
    const now = Date.now();
    const notAfter = Date.parse(leaf.validTo);
    result.daysLeft = Math.floor((notAfter - now) / DAY);

    const chainError = socket.authorized ? undefined : String(socket.authorizationError ?? "");
    // An expired certificate is reported as EXPIRED, not as an untrusted chain as well.
    if (chainError && chainError !== "CERT_HAS_EXPIRED") {
      findings.push(
        verifyFinding(
          "TLS_UNTRUSTED",
          `the served chain is not trusted (${chainError}): ${
            exp.extraCa
              ? "it does not lead to Node's bundled roots or to --ca"
              : "serve the full chain of a public CA, or give your private CA's root with --ca FILE"
          }`,
        ),
      );
    }
    const nameError = tls.checkServerIdentity(t.host, peer);
    if (nameError) {
      const names = (leaf.subjectAltName ?? "").replace(/DNS:/g, "") || "no subjectAltName";
      findings.push(
        verifyFinding(
          "HOSTNAME_MISMATCH",
          `the served certificate covers ${names}, not ${t.host}; serve a certificate for ${t.host}`,
        ),
      );
    }
    if (exp.fingerprint && normalizeFingerprint(leaf.fingerprint256) !== exp.fingerprint) {
      findings.push(
        verifyFinding(
          "FINGERPRINT_MISMATCH",
          `the served certificate is ${leaf.fingerprint256}, not the one ${exp.fingerprintSource} names; the front end has not picked up the stack's certificate (wait, or check the extension's sslSecret)`,
        ),
      );
    }
    if (notAfter < now) {
      findings.push(
        verifyFinding(
          "EXPIRED",
          `the served certificate expired on ${new Date(notAfter).toISOString()}; renew it and run pulumi up`,
        ),
      );
    } else if (result.daysLeft < exp.minDays) {
      findings.push(
        verifyFinding(
          "EXPIRES_SOON",
          `the served certificate expires in ${result.daysLeft} day(s) (${new Date(notAfter).toISOString()}); renew it before then`,
        ),
      );
    }

    try {
      result.httpStatus = await httpStatus(socket, t, timeoutMs);
      if (result.httpStatus >= 500) {
        findings.push(
          verifyFinding(
            "HTTP_ERROR",
            `${t.uri} answered HTTP ${result.httpStatus}; the scoring service behind the front end is failing`,
          ),
        );
      }
    } catch (e) {
      findings.push(
        verifyFinding(
          "HTTP_ERROR",
          `${t.uri} gave no HTTP answer after the TLS handshake (${(e as Error).message})`,
        ),
      );
    }
  } finally {
    socket.destroy();
  }
  return result;
}
