import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

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

/** Reads the key, creating it (mode 0600, never through a symlink) the first time. */
export function loadSnapshotKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const file = snapshotKeyFile(env);
  if (!fs.existsSync(file)) createKeyFile(file);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8").trim();
  } catch (e) {
    throw new SnapshotKeyError(
      `cannot read the snapshot key ${file} (${(e as NodeJS.ErrnoException).code}); set ${SNAPSHOT_KEY_ENV} to another file`,
    );
  }
  if (!KEY_TEXT.test(text))
    throw new SnapshotKeyError(
      `the snapshot key ${file} is not 64 hex digits; delete it (a new one is made) or set ${SNAPSHOT_KEY_ENV}`,
    );
  return Buffer.from(text, "hex");
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
