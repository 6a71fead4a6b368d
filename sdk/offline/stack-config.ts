// The plain values of a stack's configuration file (Pulumi.<stack>.yaml beside Pulumi.yaml), so
// `plan` and `preflight` see what `pulumi config set` wrote. Secure values are encrypted with the
// stack's secrets provider, which only the Pulumi CLI can open: they are listed, never read.
// File format: https://www.pulumi.com/docs/iac/concepts/projects/stack-settings-file/
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { UsageError } from "../errors";

export interface StackFileConfig {
  /** The file read, or undefined when the stack has none. */
  file?: string;
  /** Full keys (`project:key`, `namespace:key`) to the string the runtime would see. */
  values: Record<string, string>;
  /** Full keys of the secure values left out (give them with --config). */
  secure: string[];
}

const isSecure = (v: unknown) =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;

/**
 * Reads `Pulumi.<stack>.yaml` from the project folder. A key without a namespace takes the
 * project's name, as Pulumi does; a number or boolean becomes its text, an object or a list its
 * JSON (what the Node.js runtime hands `Config.requireObject`).
 */
export function readStackConfig(projectDir: string, project: string, stack: string): StackFileConfig {
  const file = ["yaml", "yml"]
    .map((e) => path.join(projectDir, `Pulumi.${stack}.${e}`))
    .find((f) => fs.existsSync(f));
  if (!file) return { values: {}, secure: [] };
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(
      `${path.basename(file)} is not YAML (${(e as Error).message.split("\n")[0]}); fix it or pass --stack of another stack`,
    );
  }
  const config = (doc as { config?: unknown } | null)?.config;
  const out: StackFileConfig = { file, values: {}, secure: [] };
  if (config === undefined || config === null) return out;
  if (typeof config !== "object" || Array.isArray(config))
    throw new UsageError(`${path.basename(file)}: "config" is not a map of keys to values`);
  for (const [k, v] of Object.entries(config as Record<string, unknown>)) {
    const key = k.includes(":") ? k : `${project}:${k}`;
    if (isSecure(v)) out.secure.push(key);
    else if (v === null || v === undefined) continue;
    else out.values[key] = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  return out;
}

/** The line that says what was read (stderr): the file, how many values, which secrets were not. */
export function stackConfigNote(c: StackFileConfig, given: Record<string, string>): string | undefined {
  if (!c.file) return undefined;
  const short = (k: string) => k.slice(k.indexOf(":") + 1);
  const missing = c.secure.filter((k) => !(k in given) && !(short(k) in given));
  const n = Object.keys(c.values).length;
  return (
    `read ${n} value${n === 1 ? "" : "s"} of ${path.basename(c.file)}` +
    (missing.length
      ? `; ${missing.length} secret value${missing.length === 1 ? "" : "s"} not read (${missing.join(", ")}): give ${missing.length === 1 ? "it" : "them"} with --config if the program needs ${missing.length === 1 ? "it" : "them"}`
      : "")
  );
}
