import { comparePlans } from "../offline/diff";
import { locateProgram, MissingConfigError, runPlan, Plan } from "../offline/plan";
import { readStackConfig, stackConfigNote } from "../offline/stack-config";
import { parseSnapshot, SnapshotFormatError } from "../offline/snapshot";
import { loadSnapshotKey, snapshotKeyId, SnapshotKeyError, SNAPSHOT_KEY_ENV } from "../offline/snapshot-key";
import { formatComparison, formatPlan } from "./plan-format";
import { UsageError } from "../errors";
import { readInputFile } from "../certificates/formats/files";
import { replaceFile } from "../common/private-file";

const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export interface PlanCommandOptions {
  snapshot?: string;
  compare?: string;
  stack?: string;
  config?: string[];
  json?: boolean;
  /** `--verbose`: map the program's stack traces to its TypeScript lines. */
  verbose?: boolean;
  /** `--typecheck`: type-check the program before running it, as Pulumi's host does. Default: false. */
  typecheck?: boolean;
}

function readSnapshot(file: string): Plan {
  let text: string;
  try {
    // Bounded like every input file: a snapshot of 500 services is a few MiB.
    text = readInputFile("--compare", file, MAX_SNAPSHOT_BYTES, "a plan snapshot").toString("utf8");
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  try {
    return parseSnapshot(text);
  } catch (e) {
    if (!(e instanceof SnapshotFormatError)) throw e;
    throw new UsageError(
      `--compare ${file} is not a plan saved by 'ssl-ml-cluster plan --snapshot' (${e.message})`,
    );
  }
}

function machineKey(): Buffer {
  try {
    return loadSnapshotKey();
  } catch (e) {
    if (e instanceof SnapshotKeyError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * The program's configuration: the plain values of its stack file (Pulumi.<stack>.yaml, what
 * `pulumi config set` wrote), then `--config` over them. Says on stderr what the file gave.
 */
export function programConfig(
  dir: string,
  stack: string | undefined,
  pairs: string[] | undefined,
  command: string,
): Record<string, string> {
  const given = parseConfig(pairs);
  if (stack === undefined) return given;
  const program = locateProgram(dir);
  const file = readStackConfig(program.dir, program.project, stack);
  const note = stackConfigNote(file, given);
  if (note) process.stderr.write(`${command}: ${note}\n`);
  return { ...file.values, ...given };
}

export function parseConfig(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf("=");
    if (i <= 0) throw new UsageError(`--config takes key=value, got ${JSON.stringify(p)}`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

/**
 * Pulumi's "Missing required configuration variable" advises `pulumi config set`, which does not
 * reach an offline plan (there may be no Pulumi CLI at all): say how to give each value here.
 */
export function missingConfig(e: unknown): UsageError | undefined {
  let keys: string[];
  if (e instanceof MissingConfigError) keys = e.keys;
  else {
    const m = /Missing required configuration variable '([^']+)'/.exec((e as Error)?.message ?? "");
    if (!m) return undefined;
    keys = [m[1]];
  }
  const short = (key: string) => (key.includes(":") ? key.slice(key.indexOf(":") + 1) : key);
  const flags = keys.map((k) => `--config ${short(k)}=VALUE`).join(" ");
  return new UsageError(
    keys.length === 1
      ? `the program needs the configuration value ${keys[0]}: give it with ${flags} (or pulumi config set it; plan reads the plain values of Pulumi.<stack>.yaml, never its secrets)`
      : `the program needs ${keys.length} configuration values, ${keys.join(", ")}: give them with ${flags} (or pulumi config set them; plan reads the plain values of Pulumi.<stack>.yaml, never its secrets)`,
  );
}

export async function runPlanCommand(
  dir: string,
  o: PlanCommandOptions,
  write: (s: string) => void,
): Promise<number> {
  const before = o.compare !== undefined ? readSnapshot(o.compare) : undefined;
  // Secrets are compared by keyed markers; the key stays on this machine, out of the snapshot.
  const secretKey = o.compare !== undefined || o.snapshot !== undefined ? machineKey() : undefined;
  if (before && secretKey && before.secretKeyId !== snapshotKeyId(secretKey)) {
    throw new UsageError(
      `--compare ${o.compare} was saved with another snapshot key (another machine or another ${SNAPSHOT_KEY_ENV}), so secret changes cannot be told; compare where it was saved, or share its key file through ${SNAPSHOT_KEY_ENV}`,
    );
  }
  const { plan } = await runPlan(dir, {
    stack: o.stack,
    config: programConfig(dir, o.stack, o.config, "plan"),
    secretKey,
    priorCertificates: before?.offlineCertificates,
    sourceMaps: o.verbose,
    stackTraces: o.verbose,
    typeCheck: o.typecheck === true,
  }).catch((e: unknown) => {
    throw missingConfig(e) ?? e;
  });
  if (o.snapshot !== undefined) {
    try {
      // A new 0600 file renamed over the target: an existing file's wider mode (or a symlink) is not kept.
      replaceFile(o.snapshot, JSON.stringify(plan, null, 2) + "\n", 0o600);
    } catch (e) {
      throw new UsageError(
        `--snapshot ${o.snapshot}: cannot write it (${(e as NodeJS.ErrnoException).code})`,
      );
    }
  }
  if (before) {
    const cmp = comparePlans(before, plan);
    write(o.json ? JSON.stringify(cmp, null, 2) + "\n" : formatComparison(cmp, before, plan));
  } else {
    const { secretKeyId: _keyId, offlineCertificates: _certs, ...shown } = plan;
    write(o.json ? JSON.stringify(shown, null, 2) + "\n" : formatPlan(plan));
  }
  if (o.snapshot !== undefined) write(`snapshot saved to ${o.snapshot}\n`);
  return 0;
}
