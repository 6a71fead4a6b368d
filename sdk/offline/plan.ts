import * as crypto from "node:crypto";
import * as path from "node:path";
import Module from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { useProgramTypeScript } from "./program-typescript";
import { ProgramTypeError, typeCheckProgram } from "./program-typecheck";
import { OfflineModelOptions } from "./models/azure-model";
import {
  outputIsSecret,
  resolveOutput,
  settleRuntime,
  setupOfflineRuntime,
  withStackTraces,
  Registration,
  Recorder,
  OfflineRuntimeOptions,
} from "./runtime";
import { isWireSecret, MASK, maskSecrets, sortDeep, unwrapSecrets } from "./secrets";
import { snapshotKeyId } from "./snapshot-key";
import { PLAN_KIND, PLAN_VERSION, Plan, PlannedResource } from "./plan-types";
import { KEY_VAULT_FILE_CONFIG } from "./models/keyvault-model";
import { locateProgram } from "./plan-program";

export { locateProgram };

export type { Plan, PlannedResource } from "./plan-types";

export interface PlanOptions extends OfflineModelOptions {
  stack?: string;
  config?: Record<string, string>;
  /**
   * Key of the secret change markers (`plan --snapshot/--compare` pass the machine's key). Default:
   * a random key of this process, so markers compare between plans of one process only.
   */
  secretKey?: Buffer;
  preview?: boolean;
  /**
   * Map the program's stack traces to its TypeScript lines (`plan --verbose`). Default: false, so
   * the stacks Pulumi's runtime captures for every promise stay cheap.
   */
  sourceMaps?: boolean;
  /**
   * Capture stack traces while the program runs. Default: true. `plan` without `--verbose` turns
   * them off: Pulumi's runtime formats a stack for every promise it makes, and the program's errors
   * are shown without a stack anyway (see withStackTraces).
   */
  stackTraces?: boolean;
  /** Told of every Key Vault read of the run (see OfflineRuntimeOptions). */
  onKeyVaultRead?: OfflineRuntimeOptions["onKeyVaultRead"];
  /**
   * Type-check the program first, as Pulumi's Node.js host does (`plan --typecheck`). Default:
   * false: it triples the time of a plan (docs/cli.md), and `tsc` or `pulumi up` check types.
   */
  typeCheck?: boolean;
}

/** What only the in-process caller (tests, demo) gets: never saved or printed. */
export interface PlanRun {
  plan: Plan;
  recorder: Recorder;
  /** Stack outputs with secrets in the clear (in memory only). */
  rawOutputs: Record<string, unknown>;
}

let hooked = false;

/**
 * Programs import "ssl-ml-cluster" and "@pulumi/*": both must be this process's copies, or the
 * program would register against a runtime that has no mocks installed. (A program that ran its
 * own `npm install` resolves "ssl-ml-cluster" to this package too; one that did not still plans.)
 */
function hookResolution(): void {
  if (hooked) return;
  hooked = true;
  const own: Record<string, string> = {
    "ssl-ml-cluster": path.resolve(__dirname, "..", "index"),
    "ssl-ml-cluster/certificates": path.resolve(__dirname, "..", "certificates", "index"),
  };
  const ownRoot = path.resolve(__dirname, "..", "..");
  const M = Module as unknown as {
    _resolveFilename: (req: string, parent: unknown, ...rest: unknown[]) => string;
  };
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]) {
    if (Object.hasOwn(own, request)) return original.call(this, own[request], parent, ...rest);
    if (request.startsWith("@pulumi/")) {
      try {
        return require.resolve(request, { paths: [ownRoot, __dirname] });
      } catch {
        // fall through to the program's own resolution
      }
    }
    return original.call(this, request, parent, ...rest);
  };
}

/** The default marker key: random per process, never stored. */
const PROCESS_KEY = crypto.randomBytes(32);

function digest(key: Buffer, value: unknown): string {
  return crypto
    .createHmac("sha256", key)
    .update(JSON.stringify(sortDeep(unwrapSecrets(value))))
    .digest("hex");
}

/** Dotted paths of every secret in wire-form inputs, with their digests. */
function secretDigests(
  key: Buffer,
  v: unknown,
  prefix = "",
  out: Record<string, string> = {},
): Record<string, string> {
  if (isWireSecret(v)) {
    out[prefix || "(root)"] = digest(key, v.value);
    return out;
  }
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      secretDigests(key, x, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

function plannedResource(r: Registration, key: Buffer): PlannedResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent,
    op: r.op,
    id: r.id,
    inputs: sortDeep(maskSecrets(r.inputs)),
    secretDigests: secretDigests(key, r.inputs),
    replacementTrigger: r.replacementTrigger,
    replaceOnChanges: r.replaceOnChanges,
    deleteBeforeReplace: r.deleteBeforeReplace,
  };
}

/**
 * Runs a Pulumi program offline: the SDK's mock runtime with the offline provider model. No cloud,
 * no credentials, no Pulumi CLI. Returns the plan (safe to print and save) and, in memory only, the
 * raw outputs.
 */
export function runPlan(programDir: string, options: PlanOptions = {}): Promise<PlanRun> {
  return withStackTraces(options.stackTraces ?? true, () => run(programDir, options));
}

async function run(programDir: string, options: PlanOptions): Promise<PlanRun> {
  const program = locateProgram(programDir);
  const stack = options.stack ?? "dev";
  // Resolved against the folder plan was started in, before it moves into the program's folder.
  const keyVaultFile = options.config?.[KEY_VAULT_FILE_CONFIG];
  const { recorder, model } = setupOfflineRuntime({
    keyVaultFile: keyVaultFile ? path.resolve(keyVaultFile) : undefined,
    ...options,
    project: program.project,
    stack,
    echoWarnings: false,
    collectMissingConfig: true,
  });
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.config ?? {}))
    config[k.includes(":") ? k : `${program.project}:${k}`] = v;
  pulumi.runtime.setAllConfig(config, []);
  hookResolution();

  // A missing configuration value is the first thing to fix: what failed after it may have failed
  // only for want of it (the placeholder the runtime answered in its place).
  const failure = (e: unknown) =>
    e instanceof ProgramTypeError
      ? e
      : recorder.missingConfig.length > 0
        ? new MissingConfigError([...recorder.missingConfig])
        : new ProgramError(e);
  const failures: unknown[] = [];
  const onRejection = (e: unknown) => failures.push(e);
  process.on("unhandledRejection", onRejection);
  const cwd = process.cwd();
  try {
    process.chdir(program.dir); // programs read files relative to their own folder, as under `pulumi up`
    delete require.cache[require.resolve(program.entry)];
    let exports: Record<string, unknown>;
    try {
      if (program.entry.endsWith(".ts")) {
        if (options.typeCheck) typeCheckProgram(program.dir, program.entry);
        useProgramTypeScript(program.dir, { sourceMaps: options.sourceMaps });
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exports = require(program.entry) as Record<string, unknown>;
    } catch (e) {
      throw failure(e);
    }
    const rawOutputs: Record<string, unknown> = {};
    const outputs: Record<string, unknown> = {};
    for (const key of Object.keys(exports ?? {}).sort()) {
      const value = exports[key];
      if (typeof value === "function") continue;
      let resolved: unknown;
      try {
        resolved = await resolveOutput(value as pulumi.Input<unknown>);
      } catch (e) {
        throw failure(e);
      }
      rawOutputs[key] = resolved;
      outputs[key] = (await outputIsSecret(value as pulumi.Input<unknown>)) ? MASK : sortDeep(resolved);
    }
    // Every registration's RPC, outputs included, as Pulumi's host waits before it disconnects.
    await settleRuntime(recorder);
    await new Promise((r) => setTimeout(r, 20));
    if (recorder.missingConfig.length > 0 || failures.length > 0) throw failure(failures[0]);
    const key = options.secretKey ?? PROCESS_KEY;
    const plan: Plan = {
      kind: PLAN_KIND,
      version: PLAN_VERSION,
      project: program.project,
      stack,
      programDir: path.relative(cwd, program.dir) || ".",
      clock: process.env.SSL_ML_CLUSTER_NOW || new Date().toISOString(),
      secretKeyId: snapshotKeyId(key),
      resources: recorder.registrations
        .map((r) => plannedResource(r, key))
        .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)),
      outputs,
      warnings: [...recorder.warnings],
      offlineCertificates: sortDeep(model.certificates) as Record<string, string>,
    };
    return { plan, recorder, rawOutputs };
  } finally {
    process.chdir(cwd);
    process.off("unhandledRejection", onRejection);
  }
}

/** The program (or the component inside it) failed: an expected error, shown without a stack. */
export class ProgramError extends Error {
  constructor(readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ProgramError";
  }
}

/** The program asked for configuration values that were not given (every one of the run). */
export class MissingConfigError extends Error {
  constructor(readonly keys: string[]) {
    super(`Missing required configuration variables ${keys.map((k) => `'${k}'`).join(", ")}`);
    this.name = "MissingConfigError";
  }
}
