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
