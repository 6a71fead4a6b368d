import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readBounded, READ_FLAGS } from "../certificates/formats/files";

/**
 * The key of the change markers that a plan snapshot holds for its secrets. A marker is an HMAC of
 * the secret under this key, and the key never goes into the snapshot: whoever holds only the
 * snapshot cannot test a guessed password against it. The key is 32 random bytes kept per machine
 * (mode 0600) in the user's config folder, or in the file named by SSL_ML_CLUSTER_SNAPSHOT_KEY_FILE
 * (a pipeline that snapshots on one machine and compares on another shares that file).
 */
export const SNAPSHOT_KEY_ENV = "SSL_ML_CLUSTER_SNAPSHOT_KEY_FILE";

export function snapshotKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[SNAPSHOT_KEY_ENV];
  if (override) return path.resolve(override);
  const configHome = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(configHome, "ssl-ml-cluster", "snapshot.key");
}

/** Why the key could not be used; the CLI turns it into a usage error (exit 2). */
export class SnapshotKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotKeyError";
  }
}

const KEY_TEXT = /^[0-9a-f]{64}$/;
/** A key file is 65 bytes; anything much larger is not one, and is not read further. */
const MAX_KEY_BYTES = 1024;

/**
 * What is wrong with an opened key file for the user `uid`, or undefined. Pure. The key lets
 * whoever holds it test a guessed secret against a snapshot's markers, so it must be a regular file
 * of the user's own that nobody else can read or change (mode 0600, no group or other bits). With
 * `uid` undefined (Windows: no POSIX owner or mode bits) only the regular file is checked.
 */
export function keyFileProblem(
  file: string,
  stat: Pick<fs.Stats, "mode" | "uid" | "isFile">,
  uid: number | undefined,
): string | undefined {
  if (!stat.isFile())
    return `the snapshot key ${file} is not a regular file (a FIFO, a device or a folder); remove it (a new key is made) or set ${SNAPSHOT_KEY_ENV} to a key file`;
  if (uid === undefined) return undefined;
  if (stat.uid !== uid)
    return `the snapshot key ${file} belongs to uid ${stat.uid}, not to you (uid ${uid}), so it may have been planted; remove it (a new key is made) or set ${SNAPSHOT_KEY_ENV} to a key file of your own`;
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0)
    return `the snapshot key ${file} has mode ${mode.toString(8).padStart(4, "0")}: others can read or change it; run chmod 600 ${file} (and delete it to make a new key if others may have read it)`;
  return undefined;
}

/**
 * Reads the key, creating it (mode 0600, never through a symlink) the first time. The file is
 * opened once, without following a symlink and without blocking (fs READ_FLAGS: a FIFO or a device
 * does not hang the run), and checked on that descriptor: a regular file of the user's own, mode
 * 0600. A symlink is refused outright, even to a good key: the key is read from where it is.
 */
export function loadSnapshotKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const file = snapshotKeyFile(env);
  let fd = openKey(file);
  if (fd === undefined) {
    createKeyFile(file);
    fd = openKey(file);
    if (fd === undefined)
      throw new SnapshotKeyError(
        `the snapshot key ${file} disappeared as it was made; run the command again`,
      );
  }
  const uid = process.getuid?.();
  let stat: fs.Stats;
  let bytes: Buffer;
  try {
    stat = fs.fstatSync(fd);
    // Nothing but a regular file is read: a FIFO or a device could block or never end.
    if (!stat.isFile()) throw new SnapshotKeyError(keyFileProblem(file, stat, uid)!);
    const read = readBounded(fd, MAX_KEY_BYTES);
    bytes = read.truncated ? Buffer.alloc(0) : read.bytes;
  } catch (e) {
    if (e instanceof SnapshotKeyError) throw e;
    throw cannotRead(file, e);
  } finally {
    fs.closeSync(fd);
  }
  const text = bytes.toString("utf8").trim();
  // A file that is no key at all says so first: deleting it makes a new key, 0600 and the user's.
  if (!KEY_TEXT.test(text))
    throw new SnapshotKeyError(
      `the snapshot key ${file} is not 64 hex digits; delete it (a new one is made) or set ${SNAPSHOT_KEY_ENV}`,
    );
  const problem = keyFileProblem(file, stat, uid);
  if (problem) throw new SnapshotKeyError(problem);
  return Buffer.from(text, "hex");
}

function cannotRead(file: string, e: unknown): SnapshotKeyError {
  return new SnapshotKeyError(
    `cannot read the snapshot key ${file} (${(e as NodeJS.ErrnoException).code}); set ${SNAPSHOT_KEY_ENV} to another file`,
  );
}

/** The key file's descriptor, or undefined when there is no such file yet. */
function openKey(file: string): number | undefined {
  try {
    return fs.openSync(file, READ_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP")
      throw new SnapshotKeyError(
        `the snapshot key ${file} is a symlink, and a key is never read through one; put the key file itself there (chmod 600 ${file}) or set ${SNAPSHOT_KEY_ENV} to the key file's own path`,
      );
    // ENXIO: a socket.
    if (code === "ENXIO")
      throw new SnapshotKeyError(
        `the snapshot key ${file} is not a regular file (a socket); remove it (a new key is made) or set ${SNAPSHOT_KEY_ENV} to a key file`,
      );
    throw cannotRead(file, e);
  }
}

function createKeyFile(file: string): void {
  const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = fs.constants;
  const tmp = `${file}.${crypto.randomBytes(6).toString("hex")}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fd = fs.openSync(tmp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600);
    try {
      fs.writeFileSync(fd, crypto.randomBytes(32).toString("hex") + "\n");
    } finally {
      fs.closeSync(fd);
    }
    // link(2) fails if the name exists: two runs starting together keep one key, never half a file.
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST")
      throw new SnapshotKeyError(
        `cannot create the snapshot key ${file} (${(e as NodeJS.ErrnoException).code}); set ${SNAPSHOT_KEY_ENV} to a writable path`,
      );
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** A short public name of the key: tells whether two snapshots' markers can be compared. */
export function snapshotKeyId(key: Buffer): string {
  return crypto.createHmac("sha256", key).update("ssl-ml-cluster snapshot key id").digest("hex").slice(0, 16);
}
