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
