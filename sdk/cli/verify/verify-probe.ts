// One check of one live scoring URI: DNS, TCP + TLS, the served chain, one HTTP answer, all within
// one deadline. Node's own dns / tls / http only, so `verify` stays a light command.
import * as dns from "node:dns";
import * as http from "node:http";
import { isIP } from "node:net";
import * as tls from "node:tls";
import { judgeCertificate } from "./verify-certificate";
import { frontDoorDnsVerdict } from "./verify-cname";
import { Expectations, Target, UriResult, VerifyFinding, verifyFinding } from "./verify-findings";

export * from "./verify-findings";

/** One attempt's deadline: what runs under it, and the sockets to close when it passes. */
class Attempt {
  stage: "dns" | "tls" | "http" = "dns";
  private readonly sockets = new Set<tls.TLSSocket>();
  private timer?: NodeJS.Timeout;
  /** Resolves when the deadline passes. */
  readonly expired: Promise<"timeout">;

  constructor(deadline: number) {
    this.expired = new Promise((resolve) => {
      this.timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()));
    });
  }

  track(s: tls.TLSSocket): tls.TLSSocket {
    this.sockets.add(s);
    return s;
  }

  close(): void {
    clearTimeout(this.timer);
    for (const s of this.sockets) s.destroy();
  }
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
  const front = exp.frontEndIp ?? exp.cnameTarget;
  if (answers.length === 0) {
    findings.push(
      front
        ? verifyFinding(
            "DNS_MISMATCH",
            `${t.host} has no DNS answer (yet); it should answer the front end ${front}: check the DNS record (the dnsRecord or dnsRecords output) and wait for propagation`,
          )
        : verifyFinding("UNREACHABLE", `${t.host} does not resolve; check the DNS record`),
    );
    return { dns: "no answer" };
  }
  if (!exp.frontEndIp && exp.cnameTarget) {
    const v = await frontDoorDnsVerdict(t.host, exp.cnameTarget, answers, lookupAll, exp.resolveCname);
    if (v.finding) findings.push(v.finding);
    return { address: answers[0], dns: v.note };
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

/**
 * A handshake at TLS 1.2 or newer. `legacy` asks for TLS 1.0 / 1.1 only, with any cipher: it is
 * made only after a modern handshake failed on the protocol version, to name the version in
 * TLS_VERSION; nothing is checked or sent over it.
 */
function handshake(
  address: string,
  port: number,
  servername: string | undefined,
  ca: string[],
  legacy: boolean,
  attempt: Attempt,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = attempt.track(
      tls.connect({
        host: address,
        port,
        servername,
        ca,
        // The chain and the name are judged afterwards, each reported as its own finding.
        rejectUnauthorized: false,
        checkServerIdentity: () => undefined,
        ...(legacy
          ? { minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT@SECLEVEL=0" }
          : { minVersion: "TLSv1.2" }),
      }),
    );
    socket.once("secureConnect", () => resolve(socket));
    socket.once("error", (e) => {
      socket.destroy();
      reject(e);
    });
  });
}

function httpStatus(socket: tls.TLSSocket, t: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        createConnection: () => socket,
        method: "GET",
        path: `${t.url.pathname}${t.url.search}`,
        headers: { host: t.url.host, "user-agent": "ssl-ml-cluster-verify", connection: "close" },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    socket.once("close", () => reject(new Error("the connection closed")));
    req.end();
  });
}

const OLD_PROTOCOL = /protocol version|unsupported protocol|wrong version number|no protocols available/i;

/** The steps of one attempt; writes into `r`, never throws. */
async function check(t: Target, exp: Expectations, r: UriResult, attempt: Attempt): Promise<void> {
  const findings = r.findings;
  const { address, dns: dnsNote } = await resolveAddress(t, exp, findings);
  r.dns = dnsNote;
  if (!address) return;
  const port = t.pin?.port ?? t.port;
  r.address = isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
  const servername = isIP(t.host) ? undefined : t.host;

  attempt.stage = "tls";
  let socket: tls.TLSSocket;
  try {
    socket = await handshake(address, port, servername, exp.trust.pems, false, attempt);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (OLD_PROTOCOL.test(err.message ?? "") || err.code === "ERR_SSL_UNSUPPORTED_PROTOCOL") {
      let spoken = "no version verify knows";
      try {
        const old = await handshake(address, port, servername, exp.trust.pems, true, attempt);
        r.tlsVersion = old.getProtocol();
        spoken = r.tlsVersion ?? spoken;
        old.destroy();
      } catch {
        // the version stays unnamed
      }
      findings.push(
        verifyFinding(
          "TLS_VERSION",
          `${r.address} offers neither TLS 1.2 nor TLS 1.3 (it speaks ${spoken}); clients need TLS 1.2 or 1.3, and verify checks nothing over an older protocol`,
        ),
      );
    } else {
      findings.push(
        verifyFinding(
          "UNREACHABLE",
          `nothing answers TLS at ${r.address} (${err.code ?? err.message}); check the front end's IP, port and load balancer`,
        ),
      );
    }
    return;
  }
  try {
    r.tlsVersion = socket.getProtocol();
    if (!judgeCertificate(socket, t, exp, r)) return;
    attempt.stage = "http";
    r.httpStatus = await httpStatus(socket, t);
    if (r.httpStatus >= 500) {
      findings.push(
        verifyFinding(
          "HTTP_ERROR",
          `${t.uri} answered HTTP ${r.httpStatus}; the scoring service behind the front end is failing`,
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
  } finally {
    socket.destroy();
  }
}

function timedOut(t: Target, r: UriResult, stage: Attempt["stage"], seconds: string): VerifyFinding {
  switch (stage) {
    case "dns":
      return verifyFinding("UNREACHABLE", `${t.host}: no DNS answer within this attempt's ${seconds} s`);
    case "tls":
      return verifyFinding(
        "UNREACHABLE",
        `no TLS handshake with ${r.address} within this attempt's ${seconds} s; check the front end's IP, port and load balancer`,
      );
    case "http":
      return verifyFinding(
        "HTTP_ERROR",
        `${t.uri} gave no complete HTTP answer within this attempt's ${seconds} s (a server this slow fails its callers too)`,
      );
  }
}

/** One attempt at one URI, over by `deadline` (epoch ms) whatever the server does; never throws. */
export async function probe(t: Target, exp: Expectations, deadline: number): Promise<UriResult> {
  const started = Date.now();
  const r: UriResult = {
    uri: t.uri,
    address: null,
    tlsVersion: null,
    fingerprintSha256: null,
    daysLeft: null,
    httpStatus: null,
    dns: "",
    findings: [],
  };
  const attempt = new Attempt(deadline);
  try {
    const done = check(t, exp, r, attempt).then(
      () => "done" as const,
      (e: Error) => {
        r.findings.push(verifyFinding("UNREACHABLE", `${t.uri}: ${e.message}`));
        return "done" as const;
      },
    );
    if ((await Promise.race([done, attempt.expired])) === "done") return r;
    // What the attempt had found so far, and where it stopped; the steps still under way end
    // once their sockets are closed, and write only into `r`, not into this copy.
    const seconds = ((deadline - started) / 1000).toFixed(1);
    return { ...r, findings: [...r.findings, timedOut(t, r, attempt.stage, seconds)] };
  } finally {
    attempt.close();
  }
}
