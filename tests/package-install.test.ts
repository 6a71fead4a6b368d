// README "Install", the git route: `npm install git+…#v0.1.0` into a scratch project. npm clones the
// tag, installs the package's dependencies there, runs `prepare` (the build), packs the result and
// installs that; the project then requires both entries. The repository is this working tree's
// files (tracked and new, not ignored) committed to a temporary git repository and tagged v0.1.0, so
// the test sees uncommitted work as a clone of it would.
//
// npm runs with a cache of its own in the temporary folder, seeded from the user's npm cache
// (content files hard-linked, the index copied), and --prefer-offline: it downloads only what that
// cache lacks (nothing, after `npm ci` on this machine), and never writes to the user's cache.
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { seedNpmCache, tempDirs } from "./helpers/tmp";

const ROOT = path.resolve(__dirname, "..");

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 900_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n${r.stdout}\n${r.stderr}`.slice(-8000));
  return r.stdout + r.stderr;
}

describe("install from a git tag (README: Install)", function () {
  this.timeout(1_200_000);
  const tmp = tempDirs();
  let project: string;
  let repo: string;
  let commit: string;

  before(() => {
    const base = tmp("ssl-ml-git-install-");
    repo = path.join(base, "ssl-ml-cluster");
    fs.mkdirSync(repo);
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .split("\0")
      .filter((f) => f && fs.existsSync(path.join(ROOT, f)) && fs.lstatSync(path.join(ROOT, f)).isFile());
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(repo, f));
    }
    const git = (...args: string[]) =>
      run(
        "git",
        ["-c", "user.name=test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false", ...args],
        repo,
      );
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "release");
    git("tag", "v0.1.0");
    commit = git("rev-parse", "HEAD").trim();

    const cache = path.join(base, "npm-cache");
    seedNpmCache(cache);
    project = path.join(base, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true }, null, 2),
    );
    run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", `git+file://${repo}#v0.1.0`],
      project,
      { npm_config_cache: cache, npm_config_update_notifier: "false" },
    );
  });

  it("installs the tagged commit, built by its prepare script, with only the packed files", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(project, "package-lock.json"), "utf8")) as {
      packages: Record<string, { resolved?: string; version?: string }>;
    };
    assert.equal(lock.packages["node_modules/ssl-ml-cluster"].resolved, `git+file://${repo}#${commit}`);
    assert.equal(lock.packages["node_modules/ssl-ml-cluster"].version, "0.1.0");
    const own = path.join(project, "node_modules", "ssl-ml-cluster");
    assert.ok(fs.lstatSync(own).isDirectory(), "a copy, not a link");
    assert.deepEqual(fs.readdirSync(own).sort(), [
      "LICENSE",
      "PulumiPlugin.yaml",
      "README.md",
      "bin",
      "examples",
      "package.json",
      "policy",
      "schema.json",
    ]);
    // bin/ is not in git: only the clone's prepare script (npm run build) can have made it.
    assert.ok(fs.existsSync(path.join(own, "bin/sdk/index.d.ts")), "prepare built the declarations");
  });

  it("requires both entries, and the ssl-ml-cluster command runs", () => {
    const out = run(
      process.execPath,
      [
        "-e",
        [
          'const m = require("ssl-ml-cluster");',
          'const c = require("ssl-ml-cluster/certificates");',
          'console.log(require.resolve("ssl-ml-cluster"));',
          'console.log(require.resolve("ssl-ml-cluster/certificates"));',
          "console.log(typeof m.SslMlCluster, m.ClusterKind.Kubernetes, typeof c.inspectCertificate);",
        ].join("\n"),
      ],
      project,
    ).split("\n");
    const own = path.join(project, "node_modules", "ssl-ml-cluster");
    assert.equal(out[0], path.join(own, "bin/sdk/index.js"));
    assert.equal(out[1], path.join(own, "bin/sdk/certificates/index.js"));
    assert.equal(out[2], "function kubernetes function");
    assert.equal(
      run(path.join(project, "node_modules/.bin/ssl-ml-cluster"), ["--version"], project),
      "0.1.0\n",
    );
  });
});
