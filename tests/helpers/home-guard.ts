// A mocha root hook plugin (named in .mocharc.json): tests write only inside temporary folders
// (CONTRIBUTING.md), so the run fails when HOME changed under it. It looks where this package's code
// and its tools write by default: HOME's top level and ~/.config (new entries), the snapshot key's
// folder and the live check's state (any change), npm's debug logs (new logs of a command run in this
// checkout or in a temporary folder; npm commands run elsewhere at the same time are someone else's).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** name → mtime (ms) of each entry of one folder; undefined when the folder does not exist. */
export type Listing = Map<string, number> | undefined;
export type HomeSnapshot = Record<string, Listing>;

/** What is watched, relative to HOME, and how strictly. */
const WATCHED: { dir: string; mtimes: boolean }[] = [
  { dir: ".", mtimes: false }, // shells and editors rewrite their own files here: only new entries
  { dir: ".config", mtimes: false },
  { dir: ".config/ssl-ml-cluster", mtimes: true }, // snapshot.key (sdk/offline/snapshot-key.ts)
  { dir: ".ssl-ml-cluster", mtimes: true }, // the live check's state (live/state.ts)
  { dir: ".ssl-ml-cluster/live", mtimes: true },
  { dir: ".npm", mtimes: false },
  { dir: ".npm/_logs", mtimes: false },
];

function list(dir: string): Listing {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  const out = new Map<string, number>();
  for (const n of names) {
    try {
      out.set(n, fs.lstatSync(path.join(dir, n)).mtimeMs);
    } catch {
      // removed between readdir and lstat: not there
    }
  }
  return out;
}

export function snapshotHome(home: string): HomeSnapshot {
  const snap: HomeSnapshot = {};
  for (const w of WATCHED) snap[w.dir] = list(path.join(home, w.dir));
  return snap;
}

/** The `verbose cwd` of an npm debug log, or undefined. */
function npmLogCwd(file: string): string | undefined {
  try {
    return /^\d+ verbose cwd (.*)$/m.exec(fs.readFileSync(file, "utf8").slice(0, 64 * 1024))?.[1];
  } catch {
    return undefined;
  }
}

const inside = (dir: string, parent: string) => {
  const rel = path.relative(parent, dir);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/**
 * The paths (under `home`) that changed between two snapshots. `ours` are the folders whose npm
 * logs count (this checkout, the temporary folder).
 */
export function homeChanges(
  home: string,
  before: HomeSnapshot,
  after: HomeSnapshot,
  ours: string[],
): string[] {
  const changed: string[] = [];
  for (const w of WATCHED) {
    const a = before[w.dir];
    const b = after[w.dir];
    const at = (n: string) => path.join(home, w.dir, n);
    if (!a && !b) continue;
    if (!a || !b) {
      changed.push(path.join(home, w.dir)); // made or removed
      continue;
    }
    for (const [n, m] of b) {
      if (!a.has(n)) {
        if (w.dir === ".npm/_logs") {
          const cwd = npmLogCwd(at(n));
          if (cwd !== undefined && !ours.some((d) => inside(cwd, d))) continue;
        }
        changed.push(at(n));
      } else if (w.mtimes && a.get(n) !== m) changed.push(at(n));
    }
    if (w.mtimes) for (const n of a.keys()) if (!b.has(n)) changed.push(at(n));
  }
  return [...new Set(changed)].sort();
}

const home = os.homedir();
let before: HomeSnapshot;

export const mochaHooks = {
  beforeAll(): void {
    before = snapshotHome(home);
  },
  afterAll(): void {
    const ours = [path.resolve(__dirname, "../.."), fs.realpathSync(os.tmpdir()), os.tmpdir()];
    const changed = homeChanges(home, before, snapshotHome(home), ours);
    if (changed.length)
      throw new Error(
        `the tests wrote into HOME (${home}): ${changed.join(", ")}. Tests write only inside temporary folders ` +
          "(CONTRIBUTING.md): give the test its own snapshot key (SSL_ML_CLUSTER_SNAPSHOT_KEY_FILE), npm cache and " +
          "logs (npmEnv in tests/helpers/tmp.ts) or HOME in a temporary folder",
      );
  },
};
