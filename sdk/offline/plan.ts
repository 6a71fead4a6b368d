import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import Module from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { UsageError } from "../errors";
import { OfflineModelOptions } from "./azure-model";
import { outputIsSecret, resolveOutput, setupOfflineRuntime, Registration, Recorder } from "./runtime";
import { isWireSecret, MASK, maskSecrets, sortDeep, unwrapSecrets } from "./secrets";

/** One resource of an offline plan; inputs are masked, secrets only as salted digests. */
export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  parent: string;
  op: "register" | "read";
  id?: string;
  inputs: unknown;
  /** Dotted path of each secret input to its salted SHA-256: tells "changed" without the value. */
  secretDigests: Record<string, string>;
  replacementTrigger?: unknown;
  replaceOnChanges: string[];
  deleteBeforeReplace: boolean;
}

/** An offline plan (what `plan --snapshot` saves). */
export interface Plan {
  kind: "ssl-ml-cluster offline plan";
  version: 1;
  project: string;
  stack: string;
  programDir: string;
  clock: string;
  salt: string;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
  warnings: string[];
  /** Public certificates made by the offline tls model, reused by a later plan of the same window. */
  offlineCertificates: Record<string, string>;
}

export interface PlanOptions extends OfflineModelOptions {
  stack?: string;
  config?: Record<string, string>;
  /** Salt of an earlier snapshot, so digests compare. */
  salt?: string;
  preview?: boolean;
}

/** What only the in-process caller (tests, demo) gets: never saved or printed. */
export interface PlanRun {
  plan: Plan;
  recorder: Recorder;
  /** Stack outputs with secrets in the clear (in memory only). */
  rawOutputs: Record<string, unknown>;
}

interface ProgramInfo {
  dir: string;
  project: string;
  entry: string;
}

/** Finds `Pulumi.yaml` and the entry point of a program directory. */
export function locateProgram(dirArg: string): ProgramInfo {
  const dir = path.resolve(dirArg);
  if (!fs.existsSync(dir)) throw new UsageError(`${dirArg}: no such directory`);
  if (!fs.statSync(dir).isDirectory())
    throw new UsageError(`${dirArg} is not a directory; give the folder that holds Pulumi.yaml`);
  const yamlPath = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((p) => fs.existsSync(p));
  if (!yamlPath) throw new UsageError(`${dirArg} has no Pulumi.yaml; give the folder of a Pulumi program`);
  const yaml = fs.readFileSync(yamlPath, "utf8");
  const name = /^name:\s*["']?([^"'\n#]+?)["']?\s*$/m.exec(yaml)?.[1];
  if (!name) throw new UsageError(`${path.relative(process.cwd(), yamlPath) || yamlPath} has no "name:"`);
  const runtime = /^runtime:\s*(?:\n\s+name:\s*)?["']?([a-z]+)/m.exec(yaml)?.[1];
  if (runtime && runtime !== "nodejs")
    throw new UsageError(`${dirArg} is a ${runtime} program; plan runs nodejs (TypeScript) programs`);
  const main = /^main:\s*["']?([^"'\n#]+?)["']?\s*$/m.exec(yaml)?.[1];
  const base = main ? path.resolve(dir, main) : dir;
  const candidates = fs.existsSync(base) && fs.statSync(base).isFile() ? [base] : [];
  if (candidates.length === 0) {
    const pkg = path.join(base, "package.json");
    if (fs.existsSync(pkg)) {
      const m = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { main?: string }).main;
      if (m) candidates.push(path.resolve(base, m));
    }
    candidates.push(path.join(base, "index.ts"), path.join(base, "index.js"));
  }
  const entry = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!entry)
    throw new UsageError(`${dirArg} has no entry point (index.ts, index.js, or package.json "main")`);
  const projectDir = main ? path.dirname(yamlPath) : dir;
  return { dir: projectDir, project: name.trim(), entry };
}

let hooked = false;
/**
 * Programs import "ssl-ml-cluster" and "@pulumi/*": both must be this process's copies, or the
 * program would register against a runtime that has no mocks installed.
 */
function hookResolution(): void {
  if (hooked) return;
  hooked = true;
  const sdkIndex = path.resolve(__dirname, "..", "index");
  const ownRoot = path.resolve(__dirname, "..", "..");
  const M = Module as unknown as {
    _resolveFilename: (req: string, parent: unknown, ...rest: unknown[]) => string;
  };
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]) {
    if (request === "ssl-ml-cluster") return original.call(this, sdkIndex, parent, ...rest);
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

function registerTypeScript(): void {
  const key = Symbol.for("ts-node.register.instance");
  if ((process as unknown as Record<symbol, unknown>)[key]) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("ts-node").register({
    transpileOnly: true,
    compilerOptions: { module: "commonjs", esModuleInterop: true },
  });
}

function digest(salt: string, value: unknown): string {
  return crypto
    .createHmac("sha256", salt)
    .update(JSON.stringify(sortDeep(unwrapSecrets(value))))
    .digest("hex");
}

/** Dotted paths of every secret in wire-form inputs, with their digests. */
function secretDigests(
  salt: string,
  v: unknown,
  prefix = "",
  out: Record<string, string> = {},
): Record<string, string> {
  if (isWireSecret(v)) {
    out[prefix || "(root)"] = digest(salt, v.value);
    return out;
  }
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      secretDigests(salt, x, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

function plannedResource(r: Registration, salt: string): PlannedResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent,
    op: r.op,
    id: r.id,
    inputs: sortDeep(maskSecrets(r.inputs)),
    secretDigests: secretDigests(salt, r.inputs),
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
export async function runPlan(programDir: string, options: PlanOptions = {}): Promise<PlanRun> {
  const program = locateProgram(programDir);
  const stack = options.stack ?? "dev";
  const { recorder, model } = setupOfflineRuntime({
    ...options,
    project: program.project,
    stack,
    echoWarnings: false,
  });
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.config ?? {}))
    config[k.includes(":") ? k : `${program.project}:${k}`] = v;
  pulumi.runtime.setAllConfig(config, []);
  hookResolution();
  if (program.entry.endsWith(".ts")) registerTypeScript();

  const failures: unknown[] = [];
  const onRejection = (e: unknown) => failures.push(e);
  process.on("unhandledRejection", onRejection);
  const cwd = process.cwd();
  try {
    process.chdir(program.dir); // programs read files relative to their own folder, as under `pulumi up`
    delete require.cache[require.resolve(program.entry)];
    let exports: Record<string, unknown>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exports = require(program.entry) as Record<string, unknown>;
    } catch (e) {
      throw new ProgramError(e);
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
        throw new ProgramError(e);
      }
      rawOutputs[key] = resolved;
      outputs[key] = (await outputIsSecret(value as pulumi.Input<unknown>)) ? MASK : sortDeep(resolved);
    }
    await recorder.settled();
    await new Promise((r) => setTimeout(r, 20));
    if (failures.length > 0) throw new ProgramError(failures[0]);
    const salt = options.salt ?? crypto.randomBytes(16).toString("hex");
    const plan: Plan = {
      kind: "ssl-ml-cluster offline plan",
      version: 1,
      project: program.project,
      stack,
      programDir: path.relative(cwd, program.dir) || ".",
      clock: process.env.SSL_ML_CLUSTER_NOW || new Date().toISOString(),
      salt,
      resources: recorder.registrations
        .map((r) => plannedResource(r, salt))
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
