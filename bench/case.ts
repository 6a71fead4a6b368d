// One benchmark case in its own process: `case.ts component|hand N` prints one JSON line.
// Both sides run inside a root Stack resource, as `pulumi up` runs every program.
import * as pulumi from "@pulumi/pulumi";

// The component as users get it: the compiled package (bin/, from `npm run build`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require("../bin/sdk/offline/runtime") as typeof import("../sdk/offline/runtime");
const { setupOfflineRuntime, resolveOutput } = sdk;

async function main() {
  const [mode, nArg] = process.argv.slice(2);
  const n = Number(nArg);
  const { recorder } = setupOfflineRuntime({ project: "bench", stack: "bench" });
  process.env.SSL_ML_CLUSTER_NOW = "2027-01-10T00:00:00Z";
  // Imports happen before the clock starts: this measures registration, not module loading.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SslMlCluster } = require("../bin/sdk/component") as typeof import("../sdk/component");
  const { handWritten } = await import("./hand-written");
  const services = Array.from({ length: n }, (_, i) => ({
    name: `svc-${String(i).padStart(4, "0")}`,
    model: "azureml:m:1",
    environment: "azureml:env:1",
  }));
  const t0 = process.hrtime.bigint();
  const program = async (): Promise<Record<string, unknown>> => {
    if (mode === "component") {
      const c = new SslMlCluster("ml", {
        hostname: "ml.example.com",
        resourceGroupName: "rg-ml",
        workspaceName: "ws-ml",
        location: "westeurope",
        certificate: { selfSigned: {} },
        dns: { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef" } },
        services,
      });
      return {
        scoringUris: c.scoringUris,
        frontEndIp: c.frontEndIp,
        computeId: c.computeId,
        certificate: c.certificate,
      };
    }
    return handWritten(n);
  };
  const outputs = await (
    pulumi.runtime as unknown as {
      runInPulumiStack(f: () => Promise<unknown>): Promise<Record<string, unknown>>;
    }
  ).runInPulumiStack(program);
  await Promise.all(Object.values(outputs ?? {}).map((o) => resolveOutput(o as never)));
  await recorder.settled();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ mode, n, wallMs, peakRssMb, resources: recorder.registrations.length }) + "\n",
  );
  process.exit(0);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
