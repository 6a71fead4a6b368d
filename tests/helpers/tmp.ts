import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Temporary folders for one suite: call inside `describe`; every folder made is removed by the
 * suite's `after` hook, so a test run leaves the temporary directory as it found it.
 */
export function tempDirs(): (prefix: string) => string {
  const made: string[] = [];
  after(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return (prefix: string) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(d);
    return d;
  };
}

/**
 * The environment for an `npm` child process whose cache and logs go to `dir` (a temporary folder),
 * so a test never writes to the user's ~/.npm.
 */
export function npmEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_cache: dir, npm_config_update_notifier: "false" };
}

/**
 * The user's npm cache. CI runs the tests with a temporary HOME and names the cache in
 * SSL_ML_CLUSTER_TEST_NPM_CACHE; otherwise npm says where it is, its debug log sent to `logs` (a
 * temporary folder) rather than to the cache's own `_logs` in HOME.
 */
export function userNpmCache(logs: string): string {
  const named = process.env.SSL_ML_CLUSTER_TEST_NPM_CACHE;
  if (named) return named;
  return execFileSync("npm", ["config", "get", "cache"], {
    encoding: "utf8",
    env: { ...process.env, npm_config_logs_dir: logs, npm_config_update_notifier: "false" },
  }).trim();
}

/**
 * Makes `target` an npm cache holding what the user's cache holds, for an npm that must work offline
 * (or download little) and write only to a temporary folder.
 */
export function seedNpmCache(target: string): void {
  const own = path.join(userNpmCache(path.join(target, "_logs")), "_cacache");
  const dest = path.join(target, "_cacache");
  fs.mkdirSync(dest, { recursive: true });
  if (!fs.existsSync(own)) return;
  // Content files are named by their hash and never rewritten: links are safe and cost no space.
  // Index buckets are appended to: those are copied.
  if (fs.existsSync(path.join(own, "content-v2"))) {
    const linked = spawnSync("cp", ["-al", path.join(own, "content-v2"), dest]);
    if (linked.status !== 0)
      fs.cpSync(path.join(own, "content-v2"), path.join(dest, "content-v2"), { recursive: true });
  }
  if (fs.existsSync(path.join(own, "index-v5")))
    fs.cpSync(path.join(own, "index-v5"), path.join(dest, "index-v5"), { recursive: true });
}
