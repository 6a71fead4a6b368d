// The guard that keeps `npm test` out of HOME (tests/helpers/home-guard.ts, a mocha root hook named in
// .mocharc.json): what it reports, on a HOME of this test's own.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { homeChanges, snapshotHome } from "./helpers/home-guard";
import { tempDirs } from "./helpers/tmp";

const ROOT = path.resolve(__dirname, "..");

describe("the HOME guard of the test run", () => {
  const tmp = tempDirs();

  /** A HOME as a developer's looks: shell history, ~/.config, npm's cache and one old log. */
  function home(): string {
    const h = tmp("ssl-ml-home-");
    fs.writeFileSync(path.join(h, ".bash_history"), "ls\n");
    fs.mkdirSync(path.join(h, ".config", "ssl-ml-cluster"), { recursive: true });
    fs.writeFileSync(path.join(h, ".config", "ssl-ml-cluster", "snapshot.key"), "00\n");
    fs.mkdirSync(path.join(h, ".npm", "_logs"), { recursive: true });
    fs.writeFileSync(path.join(h, ".npm", "_logs", "old-debug-0.log"), "12 verbose cwd /srv\n");
    return h;
  }
  const later = (file: string) => fs.utimesSync(file, new Date(), new Date(Date.now() + 60_000));

  it("is a root hook of every run (.mocharc.json requires it)", () => {
    const rc = JSON.parse(fs.readFileSync(path.join(ROOT, ".mocharc.json"), "utf8")) as { require: string[] };
    assert.ok(rc.require.includes("./tests/helpers/home-guard.ts"), JSON.stringify(rc.require));
  });

  it("nothing changed: nothing reported (a shell rewriting its history is not the tests)", () => {
    const h = home();
    const before = snapshotHome(h);
    later(path.join(h, ".bash_history"));
    assert.deepEqual(homeChanges(h, before, snapshotHome(h), [ROOT]), []);
  });

  it("a snapshot key made in ~/.config/ssl-ml-cluster is reported", () => {
    const h = tmp("ssl-ml-home-");
    const before = snapshotHome(h);
    fs.mkdirSync(path.join(h, ".config", "ssl-ml-cluster"), { recursive: true });
    fs.writeFileSync(path.join(h, ".config", "ssl-ml-cluster", "snapshot.key"), "00\n");
    assert.deepEqual(homeChanges(h, before, snapshotHome(h), [ROOT]), [
      path.join(h, ".config"),
      path.join(h, ".config", "ssl-ml-cluster"),
    ]);
  });

  it("an existing snapshot key rewritten or removed is reported", () => {
    const h = home();
    const key = path.join(h, ".config", "ssl-ml-cluster", "snapshot.key");
    const before = snapshotHome(h);
    later(key);
    assert.deepEqual(homeChanges(h, before, snapshotHome(h), [ROOT]), [key]);
    fs.rmSync(key);
    assert.deepEqual(homeChanges(h, before, snapshotHome(h), [ROOT]), [key]);
  });

  it("a new npm debug log of a command run in the checkout or a temporary folder is reported, others are not", () => {
    const h = home();
    const logs = path.join(h, ".npm", "_logs");
    const before = snapshotHome(h);
    fs.writeFileSync(path.join(logs, "a-debug-0.log"), `11 verbose cwd ${ROOT}\n`);
    fs.writeFileSync(path.join(logs, "b-debug-0.log"), "11 verbose cwd /home/someone/elsewhere\n");
    fs.writeFileSync(path.join(logs, "c-debug-0.log"), `11 verbose cwd ${path.join(ROOT, "examples")}\n`);
    assert.deepEqual(homeChanges(h, before, snapshotHome(h), [ROOT]), [
      path.join(logs, "a-debug-0.log"),
      path.join(logs, "c-debug-0.log"),
    ]);
  });

  it("a new entry at HOME's top level is reported", () => {
    const h = home();
    const before = snapshotHome(h);
    fs.writeFileSync(path.join(h, ".rnd"), "x");
    assert.deepEqual(homeChanges(h, before, snapshotHome(h), [ROOT]), [path.join(h, ".rnd")]);
  });
});
