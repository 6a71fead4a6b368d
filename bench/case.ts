// One benchmark case in its own process: `case.ts component|hand|hand-lean N` prints one JSON line.
// `hand-lean` is the hand-written program with the component's one trick, azure-native's
// API-version aliases dropped (sdk/common/versioned-aliases.ts): the component against it is the
// component's own overhead.
// Both sides run inside a root Stack resource, as `pulumi up` runs every program.
import * as pulumi from "@pulumi/pulumi";

// The component as users get it: the compiled package (bin/, from `npm run build`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require("../bin/sdk/offline/runtime") as typeof import("../sdk/offline/runtime");
type Rotation = typeof import("../sdk/certificates/sources/rotation");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rotation = require("../bin/sdk/certificates/sources/rotation") as Rotation;
const { setupOfflineRuntime, resolveOutput, settleRuntime, withStackTraces } = sdk;
type VersionedAliases = typeof import("../sdk/common/versioned-aliases");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aliases = require("../bin/sdk/common/versioned-aliases") as VersionedAliases;

/** What one case prints: registration time (wall and CPU), peak memory, and the key it made. */
export interface CaseResult {
  mode: string;
  n: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  resources: number;
  /** SHA-256 fingerprint of the certificate key's public key: the same on both sides. */
  keyFingerprint: string;
}

const NOW = "2027-01-10T00:00:00Z";
const VALIDITY_DAYS = 90;
const RENEW_BEFORE_DAYS = 30;

export async function main(args = process.argv.slice(2)) {
  const [mode, nArg] = args;
  const n = Number(nArg);
  const { recorder } = setupOfflineRuntime({ project: "bench", stack: "bench" });
  process.env.SSL_ML_CLUSTER_NOW = NOW;
  // Imports happen before the clock starts: this measures registration, not module loading.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SslMlCluster } = require("../bin/sdk/component") as typeof import("../sdk/component");
  const { handWritten } = await import("./hand-written");
  // The component's rotation window, given to the hand-written key and certificate as their
  // trigger: both sides then derive the same key from the same seed.
  const window = rotation.rotationWindow(new Date(NOW), VALIDITY_DAYS, RENEW_BEFORE_DAYS).start;
  const services = Array.from({ length: n }, (_, i) => ({
    name: `svc-${String(i).padStart(4, "0")}`,
    model: "azureml:m:1",
    environment: "azureml:env:1",
  }));
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const program = async (): Promise<Record<string, unknown>> => {
    if (mode === "component") {
      const c = new SslMlCluster("ml", {
        hostname: "ml.example.com",
        resourceGroupName: "rg-ml",
        workspaceName: "ws-ml",
        location: "westeurope",
        certificate: {
          selfSigned: { algorithm: "RSA", validityDays: VALIDITY_DAYS, renewBeforeDays: RENEW_BEFORE_DAYS },
        },
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
    if (mode === "hand-lean") pulumi.runtime.registerStackTransformation(aliases.dropVersionedTypeAliases);
    return handWritten(n, window);
  };
  // As plan runs a program without --verbose: no stack traces, every RPC awaited.
  await withStackTraces(false, async () => {
    const outputs = await (
      pulumi.runtime as unknown as {
        runInPulumiStack(f: () => Promise<unknown>): Promise<Record<string, unknown>>;
      }
    ).runInPulumiStack(program);
    await Promise.all(Object.values(outputs ?? {}).map((o) => resolveOutput(o as never)));
    await settleRuntime(recorder);
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const keys = recorder.registrations.filter((r) => r.type === "tls:index/privateKey:PrivateKey");
  const result: CaseResult = {
    mode,
    n,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    resources: recorder.registrations.length,
    keyFingerprint: keys.map((k) => String(k.outputs.publicKeyFingerprintSha256)).join(","),
  };
  process.stdout.write(JSON.stringify(result) + "\n");
  process.exit(0);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
