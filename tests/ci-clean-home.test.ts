// .ci/test-with-clean-home, the test step of .ci/run: `npm test` with a HOME of its own that must stay
// as it was (CONTRIBUTING.md). Run here on a stand-in project whose `npm test` writes or does not.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDirs } from "./helpers/tmp";

const SCRIPT = path.resolve(__dirname, "../.ci/test-with-clean-home");

describe(".ci/test-with-clean-home", function () {
  this.timeout(120_000);
  const tmp = tempDirs();

  /** A project whose `npm test` prints mocha's summary after running `effect` (shell). */
  function run(effect: string) {
    const dir = tmp("ssl-ml-ci-");
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({
        name: "stand-in",
        private: true,
        scripts: { test: `${effect} && echo '  3 passing'`, noop: "true" },
      }),
    );
    const log = path.join(dir, "test.log");
    // Only what CI's shell has: no npm_config_* of an npm that started these tests.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const r = spawnSync(SCRIPT, [log], {
      cwd: dir,
      encoding: "utf8",
      timeout: 100_000,
      env: {
        ...env,
        SSL_ML_CLUSTER_TEST_NPM_CACHE: tmp("ssl-ml-ci-cache-"),
        npm_config_userconfig: path.join(dir, "npmrc"),
      },
    });
    return { status: r.status, out: r.stdout, log: fs.readFileSync(log, "utf8") };
  }

  it("tests that write nothing into HOME: npm test's status, and its log", () => {
    const r = run("true");
    assert.equal(r.status, 0, r.out);
    assert.match(r.log, /^ {2}3 passing$/m);
    assert.doesNotMatch(r.log, /wrote into HOME/);
  });

  it("a file left in HOME fails the step, named", () => {
    const r = run(
      'mkdir -p "$HOME/.config/ssl-ml-cluster" && touch "$HOME/.config/ssl-ml-cluster/snapshot.key"',
    );
    assert.equal(r.status, 1);
    assert.match(r.log, /^npm test wrote into HOME \(.+\):$/m);
    assert.match(r.log, /^\.\/\.config\/ssl-ml-cluster\/snapshot\.key$/m);
  });

  it("an npm debug log of a command the tests ran fails it; npm test's own log does not", () => {
    const r = run("npm run noop");
    assert.equal(r.status, 1);
    assert.match(r.log, /^\.\/\.npm\/_logs\/.+-debug-0\.log$/m);
    assert.equal((r.log.match(/^\.\/\.npm\/_logs\//gm) ?? []).length, 1, r.log);
  });

  it("a failing npm test keeps its status", () => {
    const r = run("false");
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.log, /wrote into HOME/);
  });
});
