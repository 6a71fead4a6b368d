// `ssl-ml-cluster verify`: the step a deploy pipeline runs after `pulumi up` (README, "verify").
import { isIP } from "node:net";
import * as tls from "node:tls";
import { parsePem } from "../certificates/pem";
import { UsageError } from "../errors";
import { cliFile } from "./check-cert";
import {
  Expectations,
  normalizeFingerprint,
  Pin,
  probe,
  Target,
  UriResult,
  VerifyFinding,
} from "./verify-probe";

export interface VerifyOptions {
  outputs?: string;
  uri?: string[];
  resolve?: string[];
  connectTo?: string[];
  ca?: string;
  expectFingerprint?: string;
  minDays?: string;
  timeout?: string;
  json?: boolean;
}

/** What `verify` reads from `pulumi stack output --json`. */
export interface StackFacts {
  uris: string[];
  frontEndIp?: string;
  fingerprint?: string;
}

const MAX_STDIN = 1024 * 1024;

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_STDIN) {
        process.stdin.destroy();
        reject(new UsageError("--outputs -: standard input is over 1 MiB; give pulumi stack output --json"));
      } else chunks.push(c);
    });
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", (e) =>
      reject(new UsageError(`--outputs -: cannot read standard input (${e.message})`)),
    );
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The scoring URIs, front-end IP and certificate fingerprint of a stack's outputs. The component's
 * outputs may be exported one by one (`export const scoringUris = cluster.scoringUris`) or as one
 * object (`export const cluster = { ... }`): both are read.
 */
export function stackFacts(outputs: unknown, source: string): StackFacts {
  if (!isRecord(outputs))
    throw new UsageError(`${source} is not the JSON object that pulumi stack output --json prints`);
  const candidates = [outputs, ...Object.values(outputs).filter(isRecord)];
  const holder = candidates.find((c) => isRecord(c.scoringUris) || typeof c.scoringUri === "string");
  if (!holder)
    throw new UsageError(
      `${source} has no scoringUris or scoringUri output; export the component's outputs from the program, or give --uri`,
    );
  const uris = isRecord(holder.scoringUris)
    ? Object.values(holder.scoringUris).filter((u): u is string => typeof u === "string")
    : [holder.scoringUri as string];
  if (uris.length === 0) throw new UsageError(`${source}: scoringUris holds no URI`);
  const cert = holder.certificate;
  const fp =
    isRecord(cert) && typeof cert.fingerprintSha256 === "string" ? cert.fingerprintSha256 : undefined;
  return {
    uris,
    frontEndIp: typeof holder.frontEndIp === "string" && holder.frontEndIp ? holder.frontEndIp : undefined,
    fingerprint: fp,
  };
}

function parsePort(s: string, flag: string, spec: string): number {
  if (!/^\d{1,5}$/.test(s) || Number(s) < 1 || Number(s) > 65535)
    throw new UsageError(`${flag} ${spec}: ${JSON.stringify(s)} is not a port (1-65535)`);
  return Number(s);
}

/** Splits `a:b:[::1]:d` on colons outside brackets. */
function splitSpec(spec: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let depth = 0;
  for (const ch of spec) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === ":" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

const unbracket = (s: string) => (s.startsWith("[") && s.endsWith("]") ? s.slice(1, -1) : s);

/** curl's `--resolve HOST:PORT:ADDRESS[,ADDRESS...]`: connect there, ask no DNS. */
export function parseResolve(spec: string): { host: string; port: number; address: string } {
  const parts = splitSpec(spec);
  const usage = `--resolve takes HOST:PORT:ADDRESS (as curl does), got ${JSON.stringify(spec)}`;
  if (parts.length !== 3 || !parts[0] || !parts[2]) throw new UsageError(usage);
  const address = unbracket(parts[2].split(",")[0]);
  if (!isIP(address)) throw new UsageError(`${usage}: ${JSON.stringify(address)} is not an IP address`);
  return { host: parts[0].toLowerCase(), port: parsePort(parts[1], "--resolve", spec), address };
}

/** curl's `--connect-to HOST1:PORT1:HOST2:PORT2`: empty HOST1/PORT1 match any, empty HOST2/PORT2 keep. */
export function parseConnectTo(spec: string): {
  host?: string;
  port?: number;
  toHost?: string;
  toPort?: number;
} {
  const parts = splitSpec(spec);
  if (parts.length !== 4)
    throw new UsageError(
      `--connect-to takes HOST1:PORT1:HOST2:PORT2 (as curl does), got ${JSON.stringify(spec)}`,
    );
  const toHost = unbracket(parts[2]);
  if (toHost && !isIP(toHost) && !/^[A-Za-z0-9.-]+$/.test(toHost))
    throw new UsageError(`--connect-to ${spec}: ${JSON.stringify(parts[2])} is not an address or host name`);
  return {
    host: parts[0] ? parts[0].toLowerCase() : undefined,
    port: parts[1] ? parsePort(parts[1], "--connect-to", spec) : undefined,
    toHost: toHost || undefined,
    toPort: parts[3] ? parsePort(parts[3], "--connect-to", spec) : undefined,
  };
}

function target(uri: string, resolves: string[], connects: string[], source: string): Target {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new UsageError(`${source}: ${JSON.stringify(uri)} is not a URI`);
  }
  if (url.protocol !== "https:")
    throw new UsageError(`${source}: ${uri} is not an https URI; verify checks TLS endpoints`);
  const host = unbracket(url.hostname).toLowerCase();
  const port = url.port ? Number(url.port) : 443;
  let pin: Pin | undefined;
  // As in curl, --resolve wins over DNS and --connect-to over both.
  for (const spec of resolves) {
    const r = parseResolve(spec);
    if (r.host === host && r.port === port) pin = { host: r.address, port, flag: `--resolve ${spec}` };
  }
  for (const spec of connects) {
    const c = parseConnectTo(spec);
    if ((c.host === undefined || c.host === host) && (c.port === undefined || c.port === port)) {
      pin = { host: c.toHost ?? pin?.host ?? host, port: c.toPort ?? port, flag: `--connect-to ${spec}` };
      break;
    }
  }
  return { uri, url, host, port, pin };
}

function positiveSeconds(s: string | undefined, fallback: number): number {
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!/^\s*\d*\.?\d+\s*$/.test(s) || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`--timeout takes a positive number of seconds, got ${JSON.stringify(s)}`);
  return n;
}

function caBundle(file: string | undefined): string[] {
  if (file === undefined) return [...tls.rootCertificates];
  const { blocks } = parsePem(cliFile("--ca", file));
  const certs = blocks.filter((b) => b.label === "CERTIFICATE").map((b) => b.pem);
  if (certs.length === 0) throw new UsageError(`--ca ${file} holds no PEM certificate (BEGIN CERTIFICATE)`);
  return [...tls.rootCertificates, ...certs];
}

/** Everything checked before the first connection: bad usage exits 2 here. */
export async function verifyPlan(o: VerifyOptions): Promise<{
  targets: Target[];
  expect: Expectations;
  timeoutMs: number;
}> {
  const uris: { uri: string; source: string }[] = [];
  let facts: StackFacts | undefined;
  if (o.outputs !== undefined) {
    const text = o.outputs === "-" ? await readStdin() : cliFile("--outputs", o.outputs).toString("utf8");
    const source = `--outputs ${o.outputs}`;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UsageError(`${source} is not JSON; give the output of pulumi stack output --json`);
    }
    facts = stackFacts(json, source);
    uris.push(...facts.uris.map((uri) => ({ uri, source })));
  }
  for (const uri of o.uri ?? []) uris.push({ uri, source: "--uri" });
  if (uris.length === 0)
    throw new UsageError("give --outputs FILE (pulumi stack output --json, or - for stdin) or --uri URI");
  let minDays = 30;
  if (o.minDays !== undefined) {
    if (!/^\d+$/.test(o.minDays))
      throw new UsageError(`--min-days takes a whole number of days, got ${JSON.stringify(o.minDays)}`);
    minDays = Number(o.minDays);
  }
  let fingerprint: string | undefined;
  let fingerprintSource: string | undefined;
  if (o.expectFingerprint !== undefined) {
    fingerprint = normalizeFingerprint(o.expectFingerprint);
    if (!/^[0-9A-F]{64}$/.test(fingerprint) || /[^0-9a-fA-F:\s]/.test(o.expectFingerprint))
      throw new UsageError(
        `--expect-fingerprint takes a SHA-256 fingerprint (64 hex digits, colons allowed), got ${JSON.stringify(o.expectFingerprint)}`,
      );
    fingerprintSource = `--expect-fingerprint`;
  } else if (facts?.fingerprint) {
    fingerprint = normalizeFingerprint(facts.fingerprint);
    fingerprintSource = `the stack's certificate.fingerprintSha256 (${facts.fingerprint})`;
  }
  const timeoutMs = positiveSeconds(o.timeout, 60) * 1000;
  const resolves = o.resolve ?? [];
  const connects = o.connectTo ?? [];
  // Malformed pins are bad usage even when they match no URI.
  resolves.forEach(parseResolve);
  connects.forEach(parseConnectTo);
  const seen = new Set<string>();
  const targets = uris
    .filter(({ uri }) => !seen.has(uri) && !!seen.add(uri))
    .map(({ uri, source }) => target(uri, resolves, connects, source));
  const ca = caBundle(o.ca);
  return {
    targets,
    expect: {
      frontEndIp: facts?.frontEndIp,
      fingerprint,
      fingerprintSource,
      minDays,
      ca,
      extraCa: o.ca !== undefined,
    },
    timeoutMs,
  };
}

const hasError = (r: UriResult) => r.findings.some((f) => f.severity === "error");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Checks every URI; a URI with an error is checked again with backoff (1 s, 2 s, 4 s, … at most 15 s)
 * until it passes or the timeout is spent, since DNS and the front end take a while after `pulumi up`.
 */
export async function verifyAll(
  targets: Target[],
  expect: Expectations,
  timeoutMs: number,
  progress?: (line: string) => void,
): Promise<UriResult[]> {
  const deadline = Date.now() + timeoutMs;
  const attemptMs = () => Math.max(1000, Math.min(10_000, deadline - Date.now()));
  const results = await Promise.all(targets.map((t) => probe(t, expect, attemptMs())));
  let delay = 1000;
  for (let attempt = 2; ; attempt++) {
    const failing = results.map((r, i) => (hasError(r) ? i : -1)).filter((i) => i >= 0);
    const left = deadline - Date.now();
    if (failing.length === 0 || left < delay) break;
    if (progress) {
      const codes = [
        ...new Set(
          failing.flatMap((i) =>
            results[i].findings.filter((f) => f.severity === "error").map((f) => f.code),
          ),
        ),
      ];
      progress(
        `verify: ${failing.length} of ${targets.length} URI(s) not ready (${codes.join(", ")}); attempt ${attempt} in ${delay / 1000} s, ${Math.ceil(left / 1000)} s left\n`,
      );
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 15_000);
    const again = await Promise.all(failing.map((i) => probe(targets[i], expect, attemptMs())));
    failing.forEach((i, k) => (results[i] = again[k]));
  }
  return results;
}

export function verifyJson(results: UriResult[]): object {
  return {
    ok: !results.some(hasError),
    results: results.map((r) => ({
      uri: r.uri,
      address: r.address,
      tlsVersion: r.tlsVersion,
      fingerprintSha256: r.fingerprintSha256,
      daysLeft: r.daysLeft,
      httpStatus: r.httpStatus,
      dns: r.dns,
      findings: r.findings.map((f: VerifyFinding) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
      })),
    })),
  };
}

export function verifyText(results: UriResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(r.uri);
    lines.push(`  dns      ${r.dns}`);
    lines.push(`  address  ${r.address ?? "-"}`);
    if (r.tlsVersion) {
      lines.push(`  tls      ${r.tlsVersion}`);
      lines.push(`  sha256   ${r.fingerprintSha256}`);
      lines.push(`  expires  in ${r.daysLeft} day(s)`);
    }
    if (r.httpStatus !== null) lines.push(`  http     ${r.httpStatus}`);
    for (const f of r.findings) lines.push(`  ${f.severity.padEnd(7)} ${f.code.padEnd(20)} ${f.message}`);
  }
  const errors = results.filter(hasError).length;
  lines.push(
    errors === 0 ? `OK: ${results.length} URI(s) verified` : `FAILED: ${errors} of ${results.length} URI(s)`,
  );
  return lines.join("\n") + "\n";
}

/** Runs verify; returns the exit code (0 verified, 1 an error finding). Bad usage throws UsageError. */
export async function runVerify(
  o: VerifyOptions,
  write: (s: string) => void,
  progress: ((s: string) => void) | undefined = process.stderr.isTTY
    ? (s) => process.stderr.write(s)
    : undefined,
): Promise<number> {
  const { targets, expect, timeoutMs } = await verifyPlan(o);
  const results = await verifyAll(targets, expect, timeoutMs, progress);
  write(o.json ? JSON.stringify(verifyJson(results), null, 2) + "\n" : verifyText(results));
  return results.some(hasError) ? 1 : 0;
}
