// The package run the way the Pulumi engine runs a source-based nodejs plugin: the language host
// starts `node @pulumi/pulumi/cmd/run-plugin <plugin dir> <engine address>` with the program's
// directory as the working directory. This package's provider must be the one answering (it serves
// schema.json byte for byte; the stock ComponentProvider would answer compact JSON), and `construct`
// must resolve Output-wrapped inputs before it builds the component. This is the guard of the hook
// docs/plugin-hook.md describes: it fails, naming the cause, when @pulumi/pulumi stops honouring it.
import * as assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { runByPluginHost } from "../sdk/provider/plugin-entry";
import { at } from "./mocks";
import { quickstartArgs, T } from "./helpers/component";
import { children, direct, SECRET, SIG } from "./helpers/construct";
import { startEngineStub } from "./helpers/engine-stub";
import { fixtures } from "./helpers/openssl-certs";
import type { SslMlClusterArgs } from "../sdk/types";

const ROOT = path.resolve(__dirname, "..");

interface SchemaClient extends grpc.Client {
  getSchema(req: unknown, cb: (err: grpc.ServiceError | null, resp?: { getSchema(): string }) => void): void;
  construct(req: unknown, cb: (err: grpc.ServiceError | null, resp?: { getUrn(): string }) => void): void;
}
/** The protobuf classes of a ConstructRequest (setters only: what the engine fills in). */
type Message = Record<string, (...a: unknown[]) => unknown>;
// The engine's gRPC stubs for the provider protocol, as @pulumi/pulumi ships them.
/* eslint-disable @typescript-eslint/no-require-imports */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as {
  ResourceProviderClient: new (address: string, creds: grpc.ChannelCredentials) => SchemaClient;
};
const provproto = require("@pulumi/pulumi/proto/provider_pb") as {
  GetSchemaRequest: new () => unknown;
  ConstructRequest: (new () => Message) & { PropertyDependencies: new () => Message };
};
const structproto = require("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(v: unknown): unknown };
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

  /**
   * `node @pulumi/pulumi/cmd/run-plugin <package dir> <engine address>` in the program's directory,
   * as the nodejs language host starts a source-based plugin; resolves with the port it announces.
   */
  async function runPlugin(engine: string) {
    if (child && child.exitCode === null) child.kill();
    const entry = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [ROOT] });
    const proc = spawn(process.execPath, [entry, ROOT, engine], {
      cwd: programDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    const out = { stdout: "", stderr: "" };
    proc.stderr!.on("data", (d) => (out.stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on("data", (d) => {
        out.stdout += d;
        const m = out.stdout.match(/^(\d+)\n/);
        if (m) resolve(m[1]);
      });
      proc.on("exit", (code) => reject(new Error(`run-plugin exited with ${code}: ${out.stderr}`)));
    });
    return { port, out };
  }

  it("serves this package's provider: one server, schema.json byte for byte", async () => {
    const { port, out } = await runPlugin("127.0.0.1:1");
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const schema = await new Promise<string>((resolve, reject) =>
        client.getSchema(new provproto.GetSchemaRequest(), (err, resp) =>
          err ? reject(err) : resolve(resp!.getSchema()),
        ),
      );
      assert.equal(
        schema,
        fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"),
        "not this package's provider (compact JSON is the stock ComponentProvider's): " +
          "@pulumi/pulumi no longer honours the pre-started provider hook: see docs/plugin-hook.md",
      );
    } finally {
      client.close();
    }
    assert.equal(out.stdout.trim(), port, "exactly one server announced its port");
    assert.equal(out.stderr, "");
  });

  describe("construct through gRPC with Output-wrapped inputs (the hook's guard)", function () {
    this.timeout(120_000);
    const f = fixtures();
    const MODEL_URN = "urn:pulumi:dev::ssl-ml-cluster::test:index:Model::model-source";
    // An imported key makes all of `certificate` secret on the wire; a model from another resource
    // makes `services` depend on it: the host hands both to `construct` as Outputs.
    const args = (): SslMlClusterArgs =>
      quickstartArgs({
        certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.key") } },
      });

    it("registers the same resources as the TypeScript program, the key secret, the model a dependency", async () => {
      const expected = children((await direct(args())).rec);
      const engine = await startEngineStub();
      const client = { current: undefined as SchemaClient | undefined };
      try {
        const { port, out } = await runPlugin(engine.address);
        client.current = new provrpc.ResourceProviderClient(
          `127.0.0.1:${port}`,
          grpc.credentials.createInsecure(),
        );
        const req = new provproto.ConstructRequest();
        req.setProject("ssl-ml-cluster");
        req.setStack("dev");
        req.setDryrun(false);
        req.setParallel(4);
        req.setMonitorendpoint(engine.address);
        req.setType(T.component);
        req.setName("ml");
        req.setAcceptsOutputValues(false);
        const wire: Record<string, unknown> = { ...args() };
        wire.certificate = { [SIG]: SECRET, value: args().certificate };
        req.setInputs(structproto.Struct.fromJavaScript(wire));
        const deps = new provproto.ConstructRequest.PropertyDependencies();
        deps.setUrnsList([MODEL_URN]);
        (req.getInputdependenciesMap() as Map<string, unknown>).set("services", deps);
        try {
          const urn = await new Promise<string>((resolve, reject) =>
            client.current!.construct(req, (err, resp) => (err ? reject(err) : resolve(resp!.getUrn()))),
          );
          await engine.recorder.settled();
          assert.equal(urn, "urn:pulumi:dev::ssl-ml-cluster::ssl-ml-cluster:index:SslMlCluster::ml");
          assert.deepEqual(children(engine.recorder), expected);
          const ext = engine.recorder.one(T.ext);
          const ps = at(ext.inputs, "configurationProtectedSettings");
          assert.equal(ps.secret, true, "the front end's key is a secret on the wire");
          const key = Buffer.from(
            (ps.value as Record<string, string>)["scoringFe.sslKey"],
            "base64",
          ).toString();
          assert.equal(key, f.read("leaf.key"));
          assert.ok(
            engine.recorder.byName("ml-iris-default")!.dependencies.includes(MODEL_URN),
            "the deployment waits for the model's resource",
          );
          assert.equal(out.stdout.trim(), port, "exactly one server announced its port");
        } catch (e) {
          throw new Error(
            "@pulumi/pulumi no longer honours the pre-started provider hook: see docs/plugin-hook.md\n" +
              `${(e as Error).message}\nrun-plugin's stderr: ${out.stderr}`,
          );
        }
      } finally {
        client.current?.close();
        await engine.close();
      }
    });
  });
});
