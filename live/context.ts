// What every step of the live check works with: the state folder, the Pulumi CLI, the probes (real
// network in live runs, stand-ins in tests), the stack's outputs and the time bounds.
import type { Resolve } from "./checks/dns";
import { publicResolver, systemResolver } from "./checks/dns";
import { handshake, type Served } from "./checks/tls";
import { callOnce, type CallResult, type CallTarget } from "./checks/score";
import { runVerify } from "./checks/verify";
import { runPreflight } from "./checks/preflight";
import type { PulumiCli } from "./pulumi";
import type { StateDir } from "./state";

export interface Probes {
  resolve: Resolve;
  handshake(address: string, port: number, hostname: string): Promise<Served>;
  call(t: CallTarget): Promise<CallResult>;
  verify(outputsFile: string, caFile: string | undefined, timeoutSeconds: number): Promise<string>;
  /** `ssl-ml-cluster preflight` of the program: a summary, or rejects with every FAIL and its fix. */
  preflight(programDir: string, stack: string, config: Record<string, string>): Promise<string>;
}

/**
 * The network as it is: a public DNS resolver (this machine's for the private variant, which must
 * run inside the linked VNet), real TLS and HTTPS, the package's own verify.
 */
export function liveProbes(privateNetwork = false, env: NodeJS.ProcessEnv = process.env): Probes {
  const resolve = privateNetwork ? systemResolver() : publicResolver();
  return {
    resolve,
    handshake,
    call: (t) => callOnce(t),
    verify: runVerify,
    // LIVE_SKIP_PREFLIGHT=1 runs without it (docs/live-check.md): the first failure is then Azure's.
    preflight: env.LIVE_SKIP_PREFLIGHT
      ? async () => "skipped: LIVE_SKIP_PREFLIGHT is set"
      : (dir, stack, config) => runPreflight(dir, stack, config, env),
  };
}

export interface Timing {
  /** How long a step waits for Azure to converge (DNS propagation, the front end loading a certificate, a deployment becoming ready). */
  waitMs: number;
  /** Between two tries while waiting. */
  pollMs: number;
  /** How long the scoring loop keeps running after a change's `pulumi up` (and its certificate) are done. */
  holdMs: number;
  /** The scoring loop's interval (≤ 250 ms). */
  loopIntervalMs: number;
  /** The scoring loop's bound in time, per change. */
  loopMaxMs: number;
}

export const LIVE_TIMING: Timing = {
  waitMs: 20 * 60_000,
  pollMs: 15_000,
  holdMs: 60_000,
  loopIntervalMs: 250,
  loopMaxMs: 45 * 60_000,
};

/** The outputs of live/program the steps read. */
export interface StackOutputs {
  hostname: string;
  frontEndIp: string;
  scoringUris: Record<string, string>;
  certificate?: { fingerprintSha256: string; rotatesAfter?: string; selfSigned?: boolean };
  endpointKeys?: Record<string, string>;
  /** Everything, as `pulumi stack output --json --show-secrets` printed it. */
  raw: Record<string, unknown>;
}

export function parseOutputs(raw: Record<string, unknown>): StackOutputs {
  const str = (k: string) => {
    if (typeof raw[k] !== "string" || raw[k] === "") throw new Error(`the stack has no ${k} output`);
    return raw[k] as string;
  };
  const uris = raw.scoringUris;
  if (typeof uris !== "object" || uris === null || Object.keys(uris).length === 0)
    throw new Error("the stack has no scoringUris output");
  return {
    hostname: str("hostname"),
    frontEndIp: str("frontEndIp"),
    scoringUris: uris as Record<string, string>,
    certificate: raw.certificate as StackOutputs["certificate"],
    endpointKeys: raw.endpointKeys as Record<string, string> | undefined,
    raw,
  };
}

export class Context {
  private cached?: StackOutputs;

  constructor(
    readonly state: StateDir,
    readonly pulumi: PulumiCli,
    readonly probes: Probes,
    readonly timing: Timing,
    readonly signal: AbortSignal,
    readonly log: (line: string) => void,
  ) {}

  /** The stack's outputs (read once, then after each `up`). */
  async outputs(): Promise<StackOutputs> {
    if (!this.cached) this.cached = parseOutputs(await this.pulumi.outputs());
    return this.cached;
  }

  async refreshOutputs(): Promise<StackOutputs> {
    this.cached = undefined;
    return this.outputs();
  }

  /** Waits `ms`, or less when the run is interrupted. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.signal.aborted) return resolve();
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.signal.addEventListener("abort", done, { once: true });
    });
  }

  checkInterrupted(): void {
    if (this.signal.aborted) throw new Interrupted();
  }

  /** Tries `fn` until it passes or `timing.waitMs` is spent; the last error says why it did not. */
  async until<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.timing.waitMs;
    for (;;) {
      this.checkInterrupted();
      try {
        return await fn();
      } catch (e) {
        if (Date.now() + this.timing.pollMs > deadline)
          throw new Error(
            `${what}: not within ${Math.round(this.timing.waitMs / 1000)} s: ${(e as Error).message}`,
          );
      }
      await this.sleep(this.timing.pollMs);
    }
  }
}

/** The run was interrupted (SIGINT): the stack is left as it is, resumable. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted");
  }
}
