// What `verify` reads from `pulumi stack output --json` (a file, or stdin with `--outputs -`).
import { X509Certificate } from "node:crypto";
import { parsePem } from "../../certificates/formats/pem";
import { UsageError } from "../../errors";
import { cliFile } from "../check-cert";

/** What `verify` takes from the stack outputs. */
export interface StackFacts {
  uris: string[];
  /** The `hostname` output: every URI checked must be on it (unless `--any-host`). */
  hostname?: string;
  frontEndIp?: string;
  /** SslMlManagedEndpoints' `frontDoorEndpoint`: the hostname's CNAME chain must reach it. */
  cnameTarget?: string;
  fingerprint?: string;
  /** `certificate.selfSigned`. */
  selfSigned: boolean;
  /** The leaf of `certificate.pem` (the chain as served, leaf first), as PEM. */
  leafPem?: string;
}

/** The most `--outputs -` reads: a stack's outputs are a few KiB. */
export const MAX_STDIN = 1024 * 1024;

/** Reads `stream` (standard input) whole, refusing more than MAX_STDIN bytes. */
export function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_STDIN) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(new UsageError("--outputs -: standard input is over 1 MiB; give pulumi stack output --json"));
      } else chunks.push(c);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", (e: Error) =>
      reject(new UsageError(`--outputs -: cannot read standard input (${e.message})`)),
    );
  });
}

function isCertificate(pem: string): boolean {
  try {
    return !!new X509Certificate(pem);
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The scoring URIs, hostname, front-end IP and certificate of a stack's outputs. The component's
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
  const cert = isRecord(holder.certificate) ? holder.certificate : {};
  let leafPem: string | undefined;
  if (typeof cert.pem === "string") {
    leafPem = parsePem(cert.pem).blocks.find((b) => b.label === "CERTIFICATE")?.pem;
    if (!leafPem || !isCertificate(leafPem))
      throw new UsageError(`${source}: certificate.pem holds no PEM certificate (BEGIN CERTIFICATE)`);
  }
  const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  return {
    uris,
    hostname: text(holder.hostname)?.toLowerCase(),
    frontEndIp: text(holder.frontEndIp),
    // SslMlManagedEndpoints: the hostname is a CNAME to the Front Door endpoint (verify-cname.ts).
    cnameTarget: text(holder.frontEndIp) ? undefined : text(holder.frontDoorEndpoint)?.toLowerCase(),
    fingerprint: text(cert.fingerprintSha256),
    selfSigned: cert.selfSigned === true,
    leafPem,
  };
}

/** Reads and parses `--outputs FILE` (or `-`). */
export async function readOutputs(file: string): Promise<StackFacts> {
  const text = file === "-" ? await readStdin() : cliFile("--outputs", file).toString("utf8");
  const source = `--outputs ${file}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not JSON; give the output of pulumi stack output --json`);
  }
  return stackFacts(json, source);
}
