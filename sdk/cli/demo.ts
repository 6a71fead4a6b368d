import * as fs from "node:fs";
import * as path from "node:path";
import { runPlan } from "../offline/plan";
import { unwrapSecrets } from "../offline/secrets";
import { callScoringUri, startScoringFrontEnd } from "../offline/scoring-server";
import { formatPlan } from "./plan-format";
import { UsageError } from "../errors";

/** examples/<name> of this package, from sdk/cli (ts-node) or bin/sdk/cli (compiled). */
export function exampleDir(name: string): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "examples", name);
    if (fs.existsSync(path.join(candidate, "Pulumi.yaml"))) return candidate;
    dir = path.dirname(dir);
  }
  throw new UsageError(`examples/${name} was not found beside the package`);
}

/** examples/quickstart of this package. */
export function quickstartDir(): string {
  return exampleDir("quickstart");
}

/** `--port`: a port number, 0 (any free port) when not given. */
export function demoPort(given: string | undefined): number {
  if (given === undefined) return 0;
  if (!/^\d+$/.test(given) || Number(given) > 65535)
    throw new UsageError(`--port takes a port number (0–65535), got ${JSON.stringify(given)}`);
  return Number(given);
}

/** A listen error, said as bad usage when the port is taken. */
export function portInUse(e: unknown, port: number): unknown {
  if ((e as NodeJS.ErrnoException).code === "EADDRINUSE")
    return new UsageError(
      `port ${port} on 127.0.0.1 is already in use; pick another with --port, or omit it`,
    );
  return e;
}

export interface DemoOptions {
  port?: string;
  quiet?: boolean;
}

/**
 * Plans the quickstart offline, serves its certificate from a real HTTPS scoring front end on
 * 127.0.0.1, and calls every scoring URI with a TLS client that trusts only that certificate and
 * verifies the chain and the hostname. Returns the exit code.
 */
export async function runDemo(o: DemoOptions, write: (s: string) => void): Promise<number> {
  const port = demoPort(o.port);
  const t0 = Date.now();
  const dir = quickstartDir();
  write(`[1/4] planning ${path.relative(process.cwd(), dir) || dir} offline\n`);
  const { plan, recorder, rawOutputs } = await runPlan(dir);
  if (!o.quiet) write(formatPlan(plan, { inputs: false }).replace(/^/gm, "      ") + "\n");

  // What the front end really receives: the extension's protected settings, decoded.
  const ext = recorder.registrations.find((r) => r.type === "azure-native:kubernetesconfiguration:Extension");
  const ps = unwrapSecrets(ext?.inputs.configurationProtectedSettings) as Record<string, string> | undefined;
  if (!ps?.["scoringFe.sslCert"] || !ps["scoringFe.sslKey"])
    throw new Error("the plan has no certificate in the extension's protected settings");
  const certPem = Buffer.from(ps["scoringFe.sslCert"], "base64").toString("utf8");
  const keyPem = Buffer.from(ps["scoringFe.sslKey"], "base64").toString("utf8");
  const uris = (rawOutputs.scoringUris ?? {}) as Record<string, string>;
  const hostname = String(rawOutputs.hostname);

  write(`[2/4] starting the HTTPS scoring front end for ${hostname} on 127.0.0.1\n`);
  let fe: Awaited<ReturnType<typeof startScoringFrontEnd>>;
  try {
    fe = await startScoringFrontEnd({ certPem, keyPem, services: Object.keys(uris), port });
  } catch (e) {
    throw portInUse(e, port);
  }
  write(`      listening on https://127.0.0.1:${fe.port} (${hostname} resolves here for this demo only)\n`);
  let failures = 0;
  try {
    write(
      `[3/4] calling ${Object.keys(uris).length} scoring URI(s), trusting only the planned certificate\n`,
    );
    for (const [name, uri] of Object.entries(uris)) {
      try {
        const r = await callScoringUri(uri, fe.port, certPem, {
          data: [
            [5.1, 3.5, 1.4, 0.2],
            [6.7, 3.0, 5.2, 2.3],
          ],
        });
        const ok = r.status === 200;
        if (!ok) failures++;
        write(
          `      ${ok ? "ok  " : "FAIL"} ${name}: POST ${uri} -> ${r.status} ${r.body}  [${r.tlsVersion}, sha256 ${r.fingerprint256}]\n`,
        );
      } catch (e) {
        failures++;
        write(`      FAIL ${name}: POST ${uri} -> ${(e as Error).message}\n`);
      }
    }
    write("[4/4] negative check: the same certificate presented for another hostname must be refused\n");
    const other = Object.values(uris)[0]?.replace(hostname, "not-" + hostname);
    if (other) {
      try {
        await callScoringUri(other, fe.port, certPem, { data: [[1]] });
        failures++;
        write(`      FAIL ${other} was accepted: hostname verification is not working\n`);
      } catch (e) {
        write(
          `      ok   refused: ${(e as NodeJS.ErrnoException).code ?? ""} ${(e as Error).message.split("\n")[0]}\n`,
        );
      }
    }
  } finally {
    await fe.close();
  }
  write(
    failures === 0
      ? `demo passed in ${Date.now() - t0} ms: every scoring URI answered over verified TLS\n`
      : `demo FAILED: ${failures} check(s) failed\n`,
  );
  return failures === 0 ? 0 : 1;
}
