// Certificate files are opened once and checked on the open descriptor: a FIFO or a device never
// blocks, and a path that changes between a check and the open cannot slip one in. Symlinks to
// regular files (certbot's live/ folder) keep working. convert makes its output folder 0700.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readInputFile } from "../sdk/certificates/formats/files";
import { boundedNode } from "./helpers/bounded-child";
import { cli } from "./helpers/cli";
import { fixtures } from "./helpers/openssl-certs";
import { tempDirs } from "./helpers/tmp";

const ARG = "certificate.imported.certFile";

/**
 * Runs in a child: wraps every fs call that inspects a path (stat, lstat, realpath, exists) so
 * that right after the first one on `cert.pem`, the file changes under the reader, the way an
 * attacker racing the check would: RACE=link points the symlink at a FIFO, RACE=target turns the
 * file the symlink points to into a FIFO. Then reads `cert.pem` and prints what came back.
 */
const RACER = `
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const dir = process.env.RACE_DIR;
const link = path.join(dir, "cert.pem");
const target = path.join(dir, "real.pem");
let armed = true;
function change() {
  if (process.env.RACE === "link") {
    fs.unlinkSync(link);
    fs.symlinkSync(path.join(dir, "fifo"), link);
  } else {
    fs.unlinkSync(target);
    execFileSync("mkfifo", [target]);
  }
}
for (const name of ["statSync", "lstatSync", "realpathSync", "existsSync"]) {
  const original = fs[name];
  fs[name] = function (p, ...rest) {
    const r = original.call(this, p, ...rest);
    if (armed && String(p) === link) {
      armed = false;
      change();
    }
    return r;
  };
}
const { readInputFile } = require(process.env.RACE_MODULE);
try {
  console.log(JSON.stringify({ read: readInputFile("${ARG}", link).toString("utf8") }));
} catch (e) {
  console.log(JSON.stringify({ error: e.message }));
}
`;

/** Runs in a child: reads each of READ_PATHS and prints what came back. */
const READER = `
const { readInputFile } = require(process.env.READ_MODULE);
const out = JSON.parse(process.env.READ_PATHS).map((p) => {
  try {
    return { read: readInputFile("${ARG}", p).toString("utf8") };
  } catch (e) {
    return { error: e.message };
  }
});
console.log(JSON.stringify(out));
`;

describe("certificate files: one open, checked on the descriptor", () => {
  const f = fixtures();
  const tmp = tempDirs();

  it("certbot's live/ symlinks into archive/ are read (a symlink to a regular file is fine)", () => {
    const root = tmp("letsencrypt-");
    fs.mkdirSync(path.join(root, "archive", "ml.example.com"), { recursive: true });
    fs.mkdirSync(path.join(root, "live", "ml.example.com"), { recursive: true });
    fs.copyFileSync(f.file("fullchain.pem"), path.join(root, "archive", "ml.example.com", "fullchain1.pem"));
    const live = path.join(root, "live", "ml.example.com", "fullchain.pem");
    fs.symlinkSync("../../archive/ml.example.com/fullchain1.pem", live);
    assert.equal(readInputFile(ARG, live).toString("utf8"), f.read("fullchain.pem"));
  });

  it("a FIFO, or a symlink to one, is refused without blocking", () => {
    const dir = tmp("fifo-");
    const fifo = path.join(dir, "cert.pem");
    execFileSync("mkfifo", [fifo]);
    const link = path.join(dir, "link.pem");
    fs.symlinkSync(fifo, link);
    // In a child: a blocking open here would stop the whole test run for good.
    const r = boundedNode(["-e", READER], {
      READ_PATHS: JSON.stringify([fifo, link]),
      READ_MODULE: path.resolve(__dirname, "../sdk/certificates/formats/files.ts"),
    });
    assert.equal(r.signal, null, `killed (${r.signal}): the open blocked on the FIFO`);
    assert.deepEqual(
      JSON.parse(r.stdout),
      [fifo, link].map((p) => ({
        error: `${ARG}: ${p} is not a regular file; give the path of a certificate file`,
      })),
    );
  });

  it("a symlink that changes into a FIFO between a check and the open: never blocks", () => {
    const results: Record<string, { read?: string; error?: string }> = {};
    const dirs: Record<string, string> = {};
    for (const race of ["link", "target"]) {
      const dir = (dirs[race] = tmp("race-"));
      fs.copyFileSync(f.file("fullchain.pem"), path.join(dir, "real.pem"));
      fs.symlinkSync(path.join(dir, "real.pem"), path.join(dir, "cert.pem"));
      execFileSync("mkfifo", [path.join(dir, "fifo")]);
      const r = boundedNode(["-e", RACER], {
        RACE: race,
        RACE_DIR: dir,
        RACE_MODULE: path.resolve(__dirname, "../sdk/certificates/formats/files.ts"),
      });
      assert.equal(r.signal, null, `killed (${r.signal}): the open blocked on the FIFO (${race})`);
      assert.equal(r.status, 0, r.stderr);
      results[race] = JSON.parse(r.stdout) as { read?: string; error?: string };
    }
    // The symlink moved to the FIFO after it was resolved: the file it pointed to is what is read.
    assert.equal(fs.readlinkSync(path.join(dirs.link, "cert.pem")), path.join(dirs.link, "fifo"), "it moved");
    assert.deepEqual(results.link, { read: f.read("fullchain.pem") });
    // The file itself became a FIFO: it is opened without blocking and refused on its fstat.
    assert.ok(fs.statSync(path.join(dirs.target, "real.pem")).isFIFO(), "it changed");
    assert.deepEqual(results.target, {
      error: `${ARG}: ${path.join(dirs.target, "cert.pem")} is not a regular file; give the path of a certificate file`,
    });
  });

  it("/dev/zero and a folder are refused", () => {
    assert.throws(() => readInputFile(ARG, "/dev/zero"), {
      message: `${ARG}: /dev/zero is not a regular file; give the path of a certificate file`,
    });
    const dir = tmp("dir-");
    assert.throws(() => readInputFile(ARG, dir), {
      message: `${ARG}: ${dir} is a directory; give the path of the file itself`,
    });
  });
});

describe("convert --out-dir", () => {
  const f = fixtures();
  const tmp = tempDirs();

  it("makes the folder 0700 (it holds key.pem); an existing folder keeps its mode", async () => {
    const out = path.join(tmp("convert-"), "tls");
    const r = await cli("convert", "--pfx", f.file("leaf.pfx"), "--password", "pfxpass", "--out-dir", out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.statSync(out).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(out, "key.pem")).mode & 0o777, 0o600);
    const shared = tmp("convert-");
    fs.chmodSync(shared, 0o755);
    const r2 = await cli(
      "convert",
      "--pfx",
      f.file("leaf.pfx"),
      "--password",
      "pfxpass",
      "--out-dir",
      shared,
    );
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(fs.statSync(shared).mode & 0o777, 0o755);
  });
});
