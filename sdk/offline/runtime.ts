import * as pulumi from "@pulumi/pulumi";
import { OfflineModel, OfflineModelOptions } from "./models/azure-model";
import { KeyVaultSecretRequest, setKeyVaultReader } from "../certificates/sources/keyvault-reader";
import { standInKeyVault } from "./models/keyvault-model";
import { setFrontEndServiceReader } from "../cluster/kube-service-reader";
import { setWaitClock, virtualClock } from "../common/wait";
import { standInServiceReader } from "./models/kubernetes-model";

import { Recorder } from "./recorder";

export { Recorder };
export type { Invocation, Registration } from "./recorder";

type Req = {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom?(): boolean;
  getObject?(): { toJavaScript(): Record<string, unknown> };
  getProperties?(): { toJavaScript(): Record<string, unknown> };
  getDependenciesList?(): string[];
  getProvider(): string;
  getDeletebeforereplace?(): boolean;
  getReplaceonchangesList?(): string[];
  getAdditionalsecretoutputsList?(): string[];
  getIgnorechangesList?(): string[];
  getDeletedwith?(): string;
  getReplacementTrigger?(): { toJavaScript(): unknown } | undefined;
  getImportid?(): string;
  getId?(): string;
};
type Resp = {
  getUrn(): string;
  getObject?(): { toJavaScript(): Record<string, unknown> };
  getProperties?(): { toJavaScript(): Record<string, unknown> };
};
type Callback = (err: Error | null, resp?: Resp) => void;
interface MonitorLike {
  registerResource(req: Req, cb: Callback): void;
  readResource(req: Req, cb: Callback): void;
  invoke(
    req: { getTok(): string; getProvider(): string; getArgs(): { toJavaScript(): Record<string, unknown> } },
    cb: (err: Error | null, resp?: unknown) => void,
  ): void;
}

export interface OfflineRuntime {
  recorder: Recorder;
  model: OfflineModel;
}

export interface OfflineRuntimeOptions extends OfflineModelOptions {
  project?: string;
  stack?: string;
  /** Run as `pulumi preview` (unknowns stay unknown). Default: false. */
  preview?: boolean;
  /** Also print `pulumi.log.warn` messages. Default: false (they are recorded). */
  echoWarnings?: boolean;
  /**
   * A `Config.require*` call without a value records its key and returns a placeholder (`""`, 0,
   * false, {}; secret for the `requireSecret*` calls) instead of throwing, so one run names every
   * missing value. The caller must then fail the run. Default: false (Pulumi's behaviour).
   */
  collectMissingConfig?: boolean;
  /**
   * The PFX or PEM file the stand-in Key Vault answers with (`--config ssl-ml-cluster:keyVaultFile`).
   * Default: a development certificate for the hostname (see keyvault-model.ts).
   */
  keyVaultFile?: string;
  /** Told of every Key Vault read of the run (`preflight` checks those secrets for real). */
  onKeyVaultRead?: (request: KeyVaultSecretRequest) => void;
}

let current: { recorder: Recorder; echo: boolean; collectMissingConfig: boolean } | undefined;
let logPatched = false;
let configPatched = false;

/** What each `Config.require*` method returns in place of a missing value while keys are collected. */
const PLACEHOLDERS: Record<string, unknown> = {
  require: "",
  requireSecret: "",
  requireNumber: 0,
  requireSecretNumber: 0,
  requireBoolean: false,
  requireSecretBoolean: false,
  requireObject: {},
  requireSecretObject: {},
};

/**
 * Pulumi's `Config.require*` throws `ConfigMissingError` (with `.key`) at the first missing value
 * (`@pulumi/pulumi/config.js`); wrapped here so the offline runtime can answer every call of a run.
 */
function patchConfig(): void {
  if (configPatched) return;
  configPatched = true;
  const proto = pulumi.Config.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const [method, placeholder] of Object.entries(PLACEHOLDERS)) {
    const original = proto[method];
    proto[method] = function (this: pulumi.Config, ...args: unknown[]) {
      try {
        return original.apply(this, args);
      } catch (e) {
        const key = (e as { key?: unknown }).key;
        const missing =
          e instanceof Error &&
          e.message.startsWith("Missing required configuration variable") &&
          typeof key === "string";
        if (!missing || !current?.collectMissingConfig) throw e;
        if (!current.recorder.missingConfig.includes(key)) current.recorder.missingConfig.push(key);
        return method.startsWith("requireSecret") ? pulumi.secret(placeholder) : placeholder;
      }
    };
  }
}

/** Without an engine, `pulumi.log.warn` only prints: record it instead, so tests and `plan` can show it. */
function patchLog(): void {
  if (logPatched) return;
  logPatched = true;
  const log = pulumi.log as unknown as { warn: (msg: string, resource?: pulumi.Resource) => Promise<void> };
  const original = log.warn.bind(pulumi.log);
  log.warn = (msg: string, resource?: pulumi.Resource) => {
    if (!current) return original(msg, resource);
    current.recorder.warnings.push(msg);
    if (current.echo) process.stderr.write(`warning: ${msg}\n`);
    return Promise.resolve();
  };
  const info = pulumi.log as unknown as { info: (msg: string, resource?: pulumi.Resource) => Promise<void> };
  const originalInfo = info.info.bind(pulumi.log);
  info.info = (msg: string, resource?: pulumi.Resource) => {
    if (!current) return originalInfo(msg, resource);
    current.recorder.infos.push(msg);
    return Promise.resolve();
  };
}

/**
 * Installs Pulumi's mock runtime with the offline model, and records every registration with the
 * options the engine would see (parent, deleteBeforeReplace, replacement trigger, secrets).
 * Call it before the program (or the component) is loaded; call it again for a fresh run.
 */
export function setupOfflineRuntime(options: OfflineRuntimeOptions = {}): OfflineRuntime {
  const recorder = new Recorder();
  patchLog();
  patchConfig();
  current = {
    recorder,
    echo: options.echoWarnings ?? false,
    collectMissingConfig: options.collectMissingConfig ?? false,
  };
  const model = new OfflineModel({ ...options, triggerOf: (t, n) => recorder.triggerOf(t, n) });
  // certificate.keyVault reads from a stand-in vault: no Azure account, no credential.
  const standIn = standInKeyVault({ file: options.keyVaultFile });
  const told = options.onKeyVaultRead;
  setKeyVaultReader(told ? (r) => (told(r), standIn(r)) : standIn);
  // The up's later reads of azureml-fe come from the model too, and its waits run in virtual time
  // (a 15-minute wait takes no real time; the progress lines still say how long it would be).
  setFrontEndServiceReader(standInServiceReader(model));
  setWaitClock(virtualClock());
  pulumi.runtime.setMocks(
    model,
    options.project ?? "ssl-ml-cluster",
    options.stack ?? "dev",
    options.preview ?? false,
  );
  const monitor = (pulumi.runtime as unknown as { getMonitor(): MonitorLike }).getMonitor();
  const register = monitor.registerResource.bind(monitor);
  const read = monitor.readResource.bind(monitor);
  const invoke = monitor.invoke.bind(monitor);
  const wrap =
    (op: "register" | "read", impl: (req: Req, cb: Callback) => void) => (req: Req, cb: Callback) => {
      const trigger = req.getReplacementTrigger?.()?.toJavaScript();
      if (trigger !== undefined && trigger !== null)
        recorder.setTrigger(req.getType(), req.getName(), trigger);
      recorder.track(
        new Promise<void>((resolve) => {
          impl(req, (err, resp) => {
            if (!err && resp) {
              const inputs = (op === "register" ? req.getObject!() : req.getProperties!()).toJavaScript();
              const outputs = (op === "register" ? resp.getObject!() : resp.getProperties!()).toJavaScript();
              recorder.registrations.push({
                urn: resp.getUrn(),
                type: req.getType(),
                name: req.getName(),
                parent: req.getParent(),
                custom: op === "read" ? true : !!req.getCustom?.(),
                op,
                id: op === "read" ? req.getId?.() : undefined,
                inputs,
                outputs,
                dependencies: req.getDependenciesList?.() ?? [],
                provider: req.getProvider(),
                deleteBeforeReplace: !!req.getDeletebeforereplace?.(),
                replaceOnChanges: req.getReplaceonchangesList?.() ?? [],
                additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
                ignoreChanges: req.getIgnorechangesList?.() ?? [],
                deletedWith: req.getDeletedwith?.() ?? "",
                replacementTrigger: trigger ?? undefined,
                importId: req.getImportid?.() ?? "",
              });
            }
            cb(err, resp);
            resolve();
          });
        }),
      );
    };
  monitor.registerResource = wrap("register", register);
  monitor.readResource = wrap("read", read);
  monitor.invoke = (req, cb) => {
    recorder.invocations.push({
      token: req.getTok(),
      inputs: req.getArgs().toJavaScript(),
      provider: req.getProvider(),
    });
    invoke(req, cb);
  };
  return { recorder, model };
}

/** The value of an Output (or plain value), nested Outputs resolved; undefined when unknown (preview). */
export function resolveOutput<T>(o: pulumi.Input<T>): Promise<T> {
  return (pulumi.output(o) as unknown as { promise(withUnknowns?: boolean): Promise<T> }).promise(false);
}

/** Whether an Output is secret. */
export function outputIsSecret(o: pulumi.Input<unknown>): Promise<boolean> {
  return pulumi.isSecret(pulumi.output(o));
}

/**
 * Resolves once every resource registration, read and invoke of the run has finished, outputs
 * resolved: Pulumi's own RPC queue (`waitForRPCs`, what `runtime.disconnect()` awaits in Pulumi's
 * Node.js host), then the recorder. A caller that exits right after `runPlan` leaves no promise
 * of the runtime pending (Pulumi reports those at exit as "promises were still active").
 */
export async function settleRuntime(recorder: Recorder): Promise<void> {
  const rt = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  if (rt.waitForRPCs) await rt.waitForRPCs();
  await recorder.settled();
}

/**
 * Runs `f` with stack traces off (`Error.stackTraceLimit = 0`), unless `keep`. Pulumi's runtime
 * captures and formats a stack for each promise it makes (`debuggablePromise`, four per output
 * property of every resource; `runtime/debuggable.ts`), read only when `PULUMI_DEBUG_PROMISE_LEAKS`
 * is set, so they stay on then. Error messages are kept; the limit comes back when `f` settles.
 */
export async function withStackTraces<T>(keep: boolean, f: () => Promise<T>): Promise<T> {
  if (keep || process.env.PULUMI_DEBUG_PROMISE_LEAKS) return f();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
