// The per-machine snapshot key is read only from a regular file of the user's own with mode 0600,
// never through a symlink, and never from a FIFO or a device (which would hang `plan`). Whoever
// reads the key can confirm a guessed secret against a snapshot's markers.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { keyFileProblem, loadSnapshotKey, SNAPSHOT_KEY_ENV } from "../sdk/offline/snapshot-key";
import { boundedCli } from "./helpers/bounded-child";
import { tempDirs } from "./helpers/tmp";

const ENV = SNAPSHOT_KEY_ENV;

describe("the snapshot key file: what is read", () => {
  const tmp = tempDirs();
  /** A good key file (mode 0600, 64 hex digits), and its bytes. */
  function keyFile(mode = 0o600): { file: string; key: Buffer } {
    const key = crypto.randomBytes(32);
    const file = path.join(tmp("key-"), "snapshot.key");
    fs.writeFileSync(file, key.toString("hex") + "\n", { mode });
    fs.chmodSync(file, mode); // whatever the umask
    return { file, key };
  }
  const load = (file: string) => () => loadSnapshotKey({ [ENV]: file });

  it("a 0600 file of the user's own is read (0400 too)", () => {
    const a = keyFile();
    assert.deepEqual(loadSnapshotKey({ [ENV]: a.file }), a.key);
    const b = keyFile(0o400);
    assert.deepEqual(loadSnapshotKey({ [ENV]: b.file }), b.key);
  });

  for (const mode of [0o644, 0o640, 0o604, 0o660]) {
    const m = mode.toString(8).padStart(4, "0");
    it(`a key others can read or change (mode ${m}) is refused, with chmod 600 as the fix`, () => {
      const { file } = keyFile(mode);
      assert.throws(load(file), {
        name: "SnapshotKeyError",
        message: `the snapshot key ${file} has mode ${m}: others can read or change it; run chmod 600 ${file} (and delete it to make a new key if others may have read it)`,
      });
    });
  }

  it("a symlink is refused, even to a good key; a dangling one is not written through", () => {
    const { file } = keyFile();
    const link = path.join(tmp("link-"), "snapshot.key");
    fs.symlinkSync(file, link);
    const message = `the snapshot key ${link} is a symlink, and a key is never read through one; put the key file itself there (chmod 600 ${link}) or set ${ENV} to the key file's own path`;
    assert.throws(load(link), { name: "SnapshotKeyError", message });
    const dangling = path.join(tmp("dangling-"), "snapshot.key");
    const where = path.join(tmp("target-"), "planted.key");
    fs.symlinkSync(where, dangling);
    assert.throws(load(dangling), {
      name: "SnapshotKeyError",
      message: message.split(link).join(dangling),
    });
    assert.equal(fs.existsSync(where), false, "no key was made through the link");
  });

  it("a folder is not a key file", () => {
    const dir = tmp("dir-");
    assert.throws(load(dir), {
      name: "SnapshotKeyError",
      message: `the snapshot key ${dir} is not a regular file (a FIFO, a device or a folder); remove it (a new key is made) or set ${ENV} to a key file`,
    });
  });

  it("a key file of another user is refused (run as root here: chown to nobody)", function () {
    const uid = process.getuid!();
    const stat = (owner: number) => ({ mode: 0o100600, uid: owner, isFile: () => true });
    assert.equal(keyFileProblem("/k", stat(uid), uid), undefined);
    const expected = `the snapshot key /k belongs to uid 65534, not to you (uid ${uid}), so it may have been planted; remove it (a new key is made) or set ${ENV} to a key file of your own`;
    assert.equal(keyFileProblem("/k", stat(65534), uid), expected);
    const open = { mode: 0o100644, uid, isFile: () => true };
    assert.equal(keyFileProblem("/k", open, undefined), undefined, "Windows: no owner or mode bits");
    if (uid !== 0) return; // only root can give a file away; the pure check above ran either way
    const { file } = keyFile();
    fs.chownSync(file, 65534, 65534);
    assert.throws(load(file), { name: "SnapshotKeyError", message: expected.split("/k").join(file) });
  });

  it("a file of more than 1 KiB is not a key (read no further)", () => {
    const { file } = keyFile();
    fs.writeFileSync(file, "a".repeat(64) + "\n" + " ".repeat(4096));
    assert.throws(load(file), {
      name: "SnapshotKeyError",
      message: `the snapshot key ${file} is not 64 hex digits; delete it (a new one is made) or set ${ENV}`,
    });
  });
});

describe("the snapshot key file: plan does not hang on a FIFO or a device", () => {
  const tmp = tempDirs();
  // In a process of its own, killed after 30 s: a blocking open or an endless read would stop this
  // one for good (a synchronous read cannot be timed out), so the deadline is the child's.
  for (const [what, make] of [
    [
      "a FIFO",
      (dir: string) => {
        const fifo = path.join(dir, "snapshot.key");
        execFileSync("mkfifo", ["-m", "600", fifo]);
        return fifo;
      },
    ],
    ["/dev/zero", () => "/dev/zero"],
  ] as const) {
    it(`${what} as the key: plan --snapshot exits 2 naming it, instead of hanging`, () => {
      const dir = tmp("fifo-");
      const key = make(dir);
      const r = boundedCli(["plan", "examples/quickstart", "--snapshot", path.join(dir, "s.json")], {
        [ENV]: key,
      });
      assert.equal(r.signal, null, `killed (${r.signal}): the read blocked or did not end`);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(
        r.stderr,
        `ssl-ml-cluster: the snapshot key ${key} is not a regular file (a FIFO, a device or a folder); remove it (a new key is made) or set ${ENV} to a key file\n`,
      );
      assert.equal(fs.existsSync(path.join(dir, "s.json")), false, "no snapshot written");
    });
  }
});
