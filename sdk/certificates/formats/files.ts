// The file reader of the certificate toolkit. It loads no @pulumi package, so `check-cert`,
// `convert`, `verify` and `ssl-ml-cluster/certificates` stay light.
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError } from "../../errors";

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
 * Flags of every open of a file we read: O_NOFOLLOW refuses a symlink at the last component
 * (open(2): ELOOP) and O_NONBLOCK keeps a FIFO with no writer (or a device) from blocking the open
 * itself; a regular file ignores O_NONBLOCK. Both are 0 where the platform has no such flag.
 */
export const READ_FLAGS =
  fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads an input file with an error that names the argument; used before anything is registered.
 * `kind` names what the file should be, for the size error.
 *
 * Symlinks are followed, once: certbot's /etc/letsencrypt/live/<name>/fullchain.pem, which users
 * are told to give, is a symlink into ../../archive/. The path is resolved with realpath, and the
 * resolved path is opened with READ_FLAGS, so a symlink swapped in after the resolution is refused
 * rather than followed, and a FIFO swapped in does not block. Every check after that (a folder, a
 * FIFO or device, the size) is made on the open descriptor's fstat: what is checked is what is
 * read, with no window between a stat and an open.
 */
export function readInputFile(
  argument: string,
  file: string,
  limit = MAX_FILE_BYTES,
  kind = "a certificate file",
): Buffer {
  const cannotRead = (code: string | undefined, fix: string) =>
    new ArgumentError(argument, `cannot read ${where(file)} (${code}); ${fix}`);
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new ArgumentError(argument, `file ${where(file)} does not exist; check the path`);
    throw cannotRead(code, "check the path and its permissions");
  }
  let fd: number;
  try {
    fd = fs.openSync(real, READ_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENXIO: a socket (open(2)). ELOOP: a symlink appeared where realpath found a file.
    if (code === "ENXIO") throw notRegular(argument, file, kind);
    if (code === "ELOOP")
      throw new ArgumentError(
        argument,
        `${file} changed while it was opened (a symlink appeared); try again`,
      );
    if (code === "ENOENT")
      throw new ArgumentError(argument, `file ${where(file)} does not exist; check the path`);
    throw cannotRead(code, "check its permissions");
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory())
      throw new ArgumentError(argument, `${file} is a directory; give the path of the file itself`);
    // A device or FIFO (/dev/zero, a pipe) could block or never end: only regular files are read.
    if (!stat.isFile()) throw notRegular(argument, file, kind);
    const tooBig = (size: string) =>
      new ArgumentError(
        argument,
        `${file} is ${size}; ${kind} is at most ${limit % MIB === 0 ? `${limit / MIB} MiB` : `${limit} bytes`}, so this is not one`,
      );
    if (stat.size > limit) throw tooBig(`${stat.size} bytes`);
    const { bytes, truncated } = readBounded(fd, limit);
    if (truncated) throw tooBig(`larger than its size on disk says (over ${limit} bytes)`);
    return bytes;
  } catch (e) {
    if (e instanceof ArgumentError) throw e;
    throw cannotRead((e as NodeJS.ErrnoException).code, "check its permissions");
  } finally {
    fs.closeSync(fd);
  }
}

function notRegular(argument: string, file: string, kind: string): ArgumentError {
  return new ArgumentError(argument, `${file} is not a regular file; give the path of ${kind}`);
}
