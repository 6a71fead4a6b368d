import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = fs.constants;

/**
 * Creates a new file with `mode`, refusing any existing path, a dangling symlink included: with
 * O_CREAT | O_EXCL the kernel never follows a link at the last component (open(2)), and
 * O_NOFOLLOW says so twice. The mode is set at creation, never by a later chmod, so a key is not
 * readable by others even for a moment. Throws the system error (EEXIST when the path exists).
 */
export function writeNewFile(file: string, data: string | Buffer, mode: number): void {
  const fd = fs.openSync(file, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, mode);
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces `file` (or creates it): writes a new temporary file in the same folder with `mode`, then
 * rename(2)s it over the target. rename replaces a symlink itself, never what it points to, and the
 * target never holds a half-written file or an old, wider mode.
 */
export function replaceFile(file: string, data: string | Buffer, mode: number): void {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${crypto.randomBytes(6).toString("hex")}.tmp`,
  );
  writeNewFile(tmp, data, mode);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** True when something (a file, a folder, a symlink even dangling) is at `file`. */
export function pathTaken(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
