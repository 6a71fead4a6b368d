// README "Use it": an example copied out of its clone fails at `npm install` with the fix, instead of
// installing "successfully" with node_modules/ssl-ml-cluster linked to a folder that holds no package
// (`tsc` and `plan` then fail with npm 404s). The check is each example's `preinstall` script. npm 11
// runs a project's own `preinstall` after it has placed the dependencies (the dangling link is made
// first, checked by hand), and exits with the script's status: the install still fails, with the
// message. In the clone, and once the dependency is a README route, the script passes.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { npmEnv, tempDirs } from "./helpers/tmp";

const ROOT = path.resolve(__dirname, "..");
const EXAMPLES = path.join(ROOT, "examples");
const withPackage = fs
  .readdirSync(EXAMPLES)
  .filter((d) => fs.existsSync(path.join(EXAMPLES, d, "package.json")))
  .sort();
const ROUTE = "https://github.com/ssl-ml-cluster/ssl-ml-cluster#install";

interface ExamplePackage {
  scripts?: { preinstall?: string };
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const pkgOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as ExamplePackage;

/** Runs an example's preinstall script as npm does (sh -c, in the package's folder). */
function preinstall(dir: string) {
  const script = pkgOf(dir).scripts?.preinstall;
  assert.ok(script, `${dir}: no preinstall script`);
  return spawnSync("sh", ["-c", script], { cwd: dir, encoding: "utf8", timeout: 30_000 });
}

/** A copy of examples/<x> where a user copies it: a folder whose ../.. holds no ssl-ml-cluster. */
function copyOut(tmp: (p: string) => string, x: string): string {
  const dir = path.join(tmp("ssl-ml-copied-"), "projects", "work", x);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(EXAMPLES, x)))
    fs.copyFileSync(path.join(EXAMPLES, x, f), path.join(dir, f));
  return dir;
}

describe("an example copied out of the clone (README: Use it)", function () {
  this.timeout(300_000);
  const tmp = tempDirs();

  it("every TypeScript example has the install check and pins TypeScript ~5.9 (Pulumi cannot run on 7)", () => {
    assert.ok(withPackage.length >= 7, withPackage.join(", "));
    for (const x of withPackage) {
      const pkg = pkgOf(path.join(EXAMPLES, x));
      assert.ok(pkg.scripts?.preinstall?.includes(ROUTE), `examples/${x}: preinstall names the README route`);
      assert.deepEqual(pkg.devDependencies, { typescript: "~5.9.3" }, `examples/${x}`);
    }
  });

  for (const x of withPackage) {
    it(`examples/${x}: the check passes in the clone, and fails copied out, naming the README route`, () => {
      const inClone = preinstall(path.join(EXAMPLES, x));
      assert.equal(inClone.status, 0, inClone.stderr);
      assert.equal(inClone.stderr, "");
      const copied = preinstall(copyOut(tmp, x));
      assert.equal(copied.status, 1);
      assert.match(
        copied.stderr,
        /this example is outside its clone, so its dependency file:\.\.\/\.\. finds no/,
      );
      assert.ok(copied.stderr.includes(ROUTE), copied.stderr);
      assert.ok(
        copied.stderr.includes(
          "npm install @pulumi/pulumi@^3.248 git+https://github.com/ssl-ml-cluster/ssl-ml-cluster.git#v0.1.0",
        ),
        copied.stderr,
      );
    });
  }

  it("copied out, with the dependency replaced by a README route, the check passes", () => {
    const dir = copyOut(tmp, "quickstart");
    const pkg = pkgOf(dir);
    pkg.dependencies["ssl-ml-cluster"] = "git+https://github.com/ssl-ml-cluster/ssl-ml-cluster.git#v0.1.0";
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    const r = preinstall(dir);
    assert.equal(r.status, 0, r.stderr);
  });

  it("copied out, `npm install --offline` exits non-zero with the message", () => {
    const dir = copyOut(tmp, "quickstart");
    // Offline, npm cannot resolve the typescript devDependency (`npm ci` caches tarballs, not the
    // registry's version lists): the copy leaves it out; what is tested is when npm runs the check.
    const pkg = pkgOf(dir);
    delete pkg.devDependencies;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    const cache = tmp("ssl-ml-npm-cache-");
    const r = spawnSync("npm", ["install", "--offline", "--no-audit", "--no-fund"], {
      cwd: dir,
      encoding: "utf8",
      env: npmEnv(cache),
      timeout: 240_000,
    });
    assert.notEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /this example is outside its clone, so its dependency file:\.\.\/\.\. finds no/);
    assert.ok(r.stderr.includes(ROUTE), r.stderr);
  });
});
