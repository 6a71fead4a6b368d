// The Pulumi engine's two gRPC services a provider talks to during `construct`, served from the test
// process: the resource monitor (registrations and invokes, answered by the offline runtime's mock
// monitor, so the offline model answers and the recorder records) and the engine (log lines).
// The provider protocol itself is @pulumi/pulumi's own stubs (`proto/*_grpc_pb`), as the engine uses.
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { setupOfflineRuntime } from "../../sdk/offline/runtime";
import type { Recorder } from "../mocks";

/* eslint-disable @typescript-eslint/no-require-imports */
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb") as {
  ResourceMonitorService: grpc.ServiceDefinition;
};
const resproto = require("@pulumi/pulumi/proto/resource_pb") as {
  SupportsFeatureResponse: new () => { setHassupport(v: boolean): void };
};
const enginerpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineService: grpc.ServiceDefinition };
const engineproto = require("@pulumi/pulumi/proto/engine_pb") as {
  GetRootResourceResponse: new () => { setUrn(u: string): void };
  SetRootResourceResponse: new () => unknown;
};
// The Empty message class the stubs check responses against: the one @pulumi/pulumi resolves.
const emptyproto = require(
  require.resolve("google-protobuf/google/protobuf/empty_pb", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))],
  }),
) as { Empty: new () => unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

type Callback = (err: Error | null, resp?: unknown) => void;
type Handler = (req: unknown, cb: Callback) => void;

export interface EngineStub {
  /** `127.0.0.1:<port>`: the monitor and the engine share one server. */
  address: string;
  recorder: Recorder;
  /** Log lines the provider sent to the engine (`severity: message`). */
  logs: string[];
  close(): Promise<void>;
}

/**
 * Starts the stub. It installs the offline runtime in this process (its mock monitor answers the
 * provider's calls), so build anything to compare with before calling it.
 */
export async function startEngineStub(): Promise<EngineStub> {
  const { recorder } = setupOfflineRuntime();
  const monitor = (pulumi.runtime as unknown as { getMonitor(): Record<string, Handler> }).getMonitor();
  const logs: string[] = [];
  const unary =
    (h: Handler): grpc.handleUnaryCall<unknown, unknown> =>
    (call, cb) =>
      h(call.request, (err, resp) => (err ? cb(err as grpc.ServiceError) : cb(null, resp)));
  const server = new grpc.Server();
  server.addService(resrpc.ResourceMonitorService, {
    supportsFeature: unary((req, cb) =>
      monitor.supportsFeature(req, (err, r) => {
        const resp = new resproto.SupportsFeatureResponse();
        resp.setHassupport(!!(r as { getHassupport(): boolean } | undefined)?.getHassupport());
        cb(err, resp);
      }),
    ),
    invoke: unary((req, cb) => monitor.invoke(req, cb)),
    readResource: unary((req, cb) => monitor.readResource(req, cb)),
    registerResource: unary((req, cb) => monitor.registerResource(req, cb)),
    registerResourceOutputs: unary((req, cb) =>
      monitor.registerResourceOutputs(req, (err) => cb(err, new emptyproto.Empty())),
    ),
    registerPackage: unary((req, cb) => monitor.registerPackage(req, cb)),
  });
  server.addService(enginerpc.EngineService, {
    log: unary((req, cb) => {
      const r = req as { getSeverity(): number; getMessage(): string };
      logs.push(`${r.getSeverity()}: ${r.getMessage()}`);
      cb(null, new emptyproto.Empty());
    }),
    getRootResource: unary((_req, cb) => {
      const resp = new engineproto.GetRootResourceResponse();
      resp.setUrn("");
      cb(null, resp);
    }),
    setRootResource: unary((_req, cb) => cb(null, new engineproto.SetRootResourceResponse())),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    recorder,
    logs,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
