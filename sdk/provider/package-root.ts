import * as fs from "node:fs";
import * as path from "node:path";

/** The directory of this package's package.json, from the sources (sdk/) or the build (bin/sdk/). */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const name = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name;
      if (name === "ssl-ml-cluster") return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no ssl-ml-cluster package.json above ${from}`);
  }
}
