// The file reader of the certificate toolkit. It loads no @pulumi package, so `check-cert`,
// `convert`, `verify` and `ssl-ml-cluster/certificates` stay light.
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError } from "../errors";

/** The largest certificate / key / PKCS#12 file read (a real one is a few KiB). */
export const MAX_FILE_BYTES = 1024 * 1024;
const MIB = 1024 * 1024;

function where(file: string): string {
  return path.isAbsolute(file) ? file : `${file} (resolved against ${process.cwd()})`;
}

/**
 * Reads at most `limit` + 8 bytes from an open file (the first byte past the limit, in a read of 8). `stat.size` is not trusted: procfs and sysfs
 * files report 0 and can be far larger (`/proc/self/pagemap` is gigabytes).
 */
export function readBounded(fd: number, limit: number): { bytes: Buffer; truncated: boolean } {
  // Reads in multiples of 8 bytes: procfs's pagemap refuses any other length (EINVAL).
  const chunk = Buffer.alloc(64 * 1024);
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const want = Math.min(chunk.length, Math.ceil((limit + 1 - total) / 8) * 8);
    const n = fs.readSync(fd, chunk, 0, want, null);
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
  }
  const bytes = Buffer.concat(chunks, total);
  return total > limit ? { bytes: bytes.subarray(0, limit), truncated: true } : { bytes, truncated: false };
}

/**
 * Reads an input file with an error that names the argument; used before anything is registered.
 * `kind` names what the file should be, for the size error.
 */
export function readInputFile(
  argument: string,
  file: string,
  limit = MAX_FILE_BYTES,
  kind = "a certificate file",
): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ArgumentError(
      argument,
      code === "ENOENT"
        ? `file ${where(file)} does not exist; check the path`
        : `cannot read ${where(file)} (${code}); check the path and its permissions`,
    );
  }
  if (stat.isDirectory())
    throw new ArgumentError(argument, `${file} is a directory; give the path of the file itself`);
  // A device or FIFO (/dev/zero, a pipe) could block or never end: only regular files are read.
  if (!stat.isFile())
    throw new ArgumentError(argument, `${file} is not a regular file; give the path of ${kind}`);
  const tooBig = (size: string) =>
    new ArgumentError(
      argument,
      `${file} is ${size}; ${kind} is at most ${limit % MIB === 0 ? `${limit / MIB} MiB` : `${limit} bytes`}, so this is not one`,
    );
  if (stat.size > limit) throw tooBig(`${stat.size} bytes`);
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (e) {
    throw new ArgumentError(
      argument,
      `cannot read ${where(file)} (${(e as NodeJS.ErrnoException).code}); check its permissions`,
    );
  }
  try {
    const { bytes, truncated } = readBounded(fd, limit);
    if (truncated) throw tooBig(`larger than its size on disk says (over ${limit} bytes)`);
    return bytes;
  } catch (e) {
    if (e instanceof ArgumentError) throw e;
    throw new ArgumentError(
      argument,
      `cannot read ${where(file)} (${(e as NodeJS.ErrnoException).code}); check its permissions`,
    );
  } finally {
    fs.closeSync(fd);
  }
}
