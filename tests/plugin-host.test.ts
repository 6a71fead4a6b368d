// The package run the way the Pulumi engine runs a source-based nodejs plugin: the language host
// starts `node @pulumi/pulumi/cmd/run-plugin <plugin dir> <engine address>` with the program's
// directory as the working directory. This package's provider must be the one answering (it serves
// schema.json byte for byte; the stock ComponentProvider would answer compact JSON).
import * as assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { runByPluginHost } from "../sdk/provider/plugin-entry";

const ROOT = path.resolve(__dirname, "..");

interface SchemaClient extends grpc.Client {
  getSchema(req: unknown, cb: (err: grpc.ServiceError | null, resp?: { getSchema(): string }) => void): void;
}
// The engine's gRPC stubs for the provider protocol, as @pulumi/pulumi ships them.
/* eslint-disable @typescript-eslint/no-require-imports */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as {
  ResourceProviderClient: new (address: string, creds: grpc.ChannelCredentials) => SchemaClient;
};
const provproto = require("@pulumi/pulumi/proto/provider_pb") as {
  GetSchemaRequest: new () => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

describe("run as a Pulumi plugin (run-plugin)", () => {
  let child: ChildProcess | undefined;
  let programDir: string;
  before(() => {
    programDir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-program-"));
    if (!fs.existsSync(path.join(ROOT, "bin/sdk/provider/plugin-entry.js"))) {
      // npm's cache and debug log in the test's folder, not in ~/.npm.
      const env = {
        ...process.env,
        npm_config_cache: path.join(programDir, ".npm"),
        npm_config_update_notifier: "false",
      };
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", env });
    }
  });
  after(() => {
    if (child && child.exitCode === null) child.kill();
    fs.rmSync(programDir, { recursive: true, force: true });
  });

  it("recognises run-plugin as the main module, and nothing else", () => {
    assert.equal(runByPluginHost("/x/node_modules/@pulumi/pulumi/cmd/run-plugin/index.js"), true);
    assert.equal(runByPluginHost("/x/node_modules/@pulumi/pulumi/cmd/run/index.js"), false);
    assert.equal(runByPluginHost("/x/node_modules/mocha/bin/mocha.js"), false);
    assert.equal(runByPluginHost(undefined), false);
  });

  it("serves this package's provider: one server, schema.json byte for byte", async () => {
    const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [ROOT] });
    const proc = spawn(process.execPath, [runPlugin, ROOT, "127.0.0.1:1"], {
      cwd: programDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let stdout = "";
    let stderr = "";
    proc.stderr!.on("data", (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on("data", (d) => {
        stdout += d;
        const m = stdout.match(/^(\d+)\n/);
        if (m) resolve(m[1]);
      });
      proc.on("exit", (code) => reject(new Error(`run-plugin exited with ${code}: ${stderr}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const schema = await new Promise<string>((resolve, reject) =>
        client.getSchema(new provproto.GetSchemaRequest(), (err, resp) =>
          err ? reject(err) : resolve(resp!.getSchema()),
        ),
      );
      assert.equal(schema, fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
    } finally {
      client.close();
    }
    assert.equal(stdout.trim(), port, "exactly one server announced its port");
    assert.equal(stderr, "");
  });
});
