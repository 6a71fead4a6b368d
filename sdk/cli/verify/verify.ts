// `ssl-ml-cluster verify`: the step a deploy pipeline runs after `pulumi up` (README, "After
// `pulumi up`: verify"). Usage is checked here, each URI by verify-probe, trust by verify-trust.
import { parsePem } from "../../certificates/formats/pem";
import { UsageError } from "../../errors";
import { cliFile } from "../check-cert";
import { parseConnectTo, parseMinDays, parseResolve, positiveSeconds, target } from "./verify-args";
import { readOutputs, StackFacts } from "./verify-outputs";
import { Expectations, normalizeFingerprint, probe, Target, UriResult } from "./verify-probe";
import { hasError, verifyJson, verifyText } from "./verify-report";
import { trustAnchors } from "./verify-trust";
import { EXIT_RENEW, renewLine, verifyExitCode } from "./verify-exit";

export { parseConnectTo, parseResolve } from "./verify-args";
export { stackFacts } from "./verify-outputs";
export type { StackFacts } from "./verify-outputs";
export { verifyJson, verifyText } from "./verify-report";

export interface VerifyOptions {
  outputs?: string;
  uri?: string[];
  resolve?: string[];
  connectTo?: string[];
  ca?: string;
  caOnly?: boolean;
  anyHost?: boolean;
  expectFingerprint?: string;
  minDays?: string;
  timeout?: string;
  json?: boolean;
}

function caFile(file: string): { file: string; pems: string[] } {
  const { blocks } = parsePem(cliFile("--ca", file));
  const pems = blocks.filter((b) => b.label === "CERTIFICATE").map((b) => b.pem);
  if (pems.length === 0) throw new UsageError(`--ca ${file} holds no PEM certificate (BEGIN CERTIFICATE)`);
  return { file, pems };
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
    facts = await readOutputs(o.outputs);
    const source = `--outputs ${o.outputs}`;
    uris.push(...facts.uris.map((uri) => ({ uri, source })));
  }
  for (const uri of o.uri ?? []) uris.push({ uri, source: "--uri" });
  if (uris.length === 0)
    throw new UsageError("give --outputs FILE (pulumi stack output --json, or - for stdin) or --uri URI");
  const minDays = parseMinDays(o.minDays);
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
    .map(({ uri, source }) => {
      const t = target(uri, resolves, connects, source);
      // The stack's outputs (and their pinned certificate) speak for the stack's hostname only.
      if (facts?.hostname && !o.anyHost && t.host !== facts.hostname)
        throw new UsageError(
          `${source}: ${uri} is not on the stack's hostname ${facts.hostname} (the hostname output); give --any-host to check it anyway`,
        );
      return t;
    });
  if (o.caOnly && o.ca === undefined)
    throw new UsageError("--ca-only trusts only the roots of --ca FILE: give --ca FILE as well");
  const trust = trustAnchors({
    ca: o.ca === undefined ? undefined : caFile(o.ca),
    caOnly: o.caOnly,
    // A self-signed stack is trusted by its own certificate, and by nothing else; --ca overrides.
    pinned: facts?.selfSigned ? facts.leafPem : undefined,
  });
  return {
    targets,
    expect: {
      frontEndIp: facts?.frontEndIp,
      cnameTarget: facts?.cnameTarget,
      fingerprint,
      fingerprintSource,
      minDays,
      trust,
    },
    timeoutMs,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The longest one attempt may take, so that a slow first answer leaves time to try again. */
const ATTEMPT_MAX_MS = 10_000;

function errorCodes(results: UriResult[], failing: number[]): string {
  const codes = failing.flatMap((i) =>
    results[i].findings.filter((f) => f.severity === "error").map((f) => f.code),
  );
  return [...new Set(codes)].join(", ");
}

/**
 * Checks every URI; a URI with an error is checked again with backoff (1 s, 2 s, 4 s, … at most 15 s)
 * since DNS and the front end take a while after `pulumi up`. The run ends by `timeoutMs` whatever
 * the servers do: each attempt ends by the earlier of its own 10 s and the run's deadline. After each
 * attempt one line goes to `progress`.
 */
export async function verifyAll(
  targets: Target[],
  expect: Expectations,
  timeoutMs: number,
  progress?: (line: string) => void,
): Promise<UriResult[]> {
  const deadline = Date.now() + timeoutMs;
  const attemptDeadline = () => Math.min(Date.now() + ATTEMPT_MAX_MS, deadline);
  const results = await Promise.all(targets.map((t) => probe(t, expect, attemptDeadline())));
  let delay = 1000;
  for (let attempt = 1; ; attempt++) {
    const failing = results.map((r, i) => (hasError(r) ? i : -1)).filter((i) => i >= 0);
    const left = deadline - Date.now();
    const again = failing.length > 0 && left > delay;
    const head = `verify: attempt ${attempt}:`;
    progress?.(
      failing.length === 0
        ? `${head} ${targets.length} of ${targets.length} URI(s) verified\n`
        : `${head} ${failing.length} of ${targets.length} URI(s) not ready (${errorCodes(results, failing)}); ${
            again
              ? `attempt ${attempt + 1} in ${delay / 1000} s, ${Math.ceil(left / 1000)} s left`
              : `no time left for attempt ${attempt + 1} within --timeout`
          }\n`,
    );
    if (!again) break;
    await sleep(delay);
    delay = Math.min(delay * 2, 15_000);
    const retried = await Promise.all(failing.map((i) => probe(targets[i], expect, attemptDeadline())));
    failing.forEach((i, k) => (results[i] = retried[k]));
  }
  return results;
}

/**
 * Runs verify; returns the exit code (0 verified, 1 an error finding, 3 only too few days left,
 * with the RENEW line on `progress`). Bad usage throws UsageError.
 */
export async function runVerify(
  o: VerifyOptions,
  write: (s: string) => void,
  // A line per attempt on stderr, on a terminal or not: a pipeline's log shows the progress.
  progress: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const { targets, expect, timeoutMs } = await verifyPlan(o);
  const results = await verifyAll(targets, expect, timeoutMs, progress);
  const trust = expect.trust.description;
  write(o.json ? JSON.stringify(verifyJson(results, trust), null, 2) + "\n" : verifyText(results, trust));
  const code = verifyExitCode(results);
  if (code === EXIT_RENEW) progress(renewLine(results, expect.minDays));
  return code;
}
