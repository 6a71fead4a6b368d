// npm run live-check: deploys examples/quickstart to a real subscription with the Automation API
// (a throwaway stack in a local file backend), checks every scoring URI over TLS against the
// stack's own certificate, rotates to an ECDSA key and checks again, then destroys. Prints each
// step's time. Without a Pulumi CLI, Azure credentials, a Cloudflare token or the target names,
// it says in one line what is missing and exits 0. Not part of `npm test`.
//
// Settles what no mock can (README, "Limits"):
//   [L1] step "up (RSA)": the extension accepts scoringFe.sslCert / sslKey through ARM
//   [L2] step "verify (RSA)": azureml-fe serves the certificate we sent, for the hostname
//   [L3] step "up (ECDSA)" + "verify (ECDSA)": a changed certificate is applied in place, and
//        the front end loads an ECDSA key
// Not automated yet (README, "Limits"): the legacy AKS compute (systemServices, an in-place
// sslConfiguration change, where Azure puts the Microsoft-managed name).
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";

const env = process.env;

/** What is missing to run against Azure, or [] when everything is there. */
export function missingPrerequisites(e: NodeJS.ProcessEnv = env, hasPulumi = pulumiCliPresent()): string[] {
  const missing: string[] = [];
  if (!hasPulumi) missing.push("a Pulumi CLI on PATH (pulumi version failed)");
  const sp = e.ARM_CLIENT_ID && (e.ARM_CLIENT_SECRET || e.ARM_USE_OIDC || e.ARM_USE_MSI) && e.ARM_TENANT_ID;
  if (!e.ARM_SUBSCRIPTION_ID) missing.push("ARM_SUBSCRIPTION_ID");
  if (!sp && !e.LIVE_USE_AZ_CLI)
    missing.push(
      "Azure credentials (ARM_CLIENT_ID + ARM_CLIENT_SECRET + ARM_TENANT_ID, or LIVE_USE_AZ_CLI=1 after az login)",
    );
  if (!e.CLOUDFLARE_API_TOKEN) missing.push("CLOUDFLARE_API_TOKEN");
  for (const k of ["LIVE_RESOURCE_GROUP", "LIVE_WORKSPACE", "LIVE_HOSTNAME", "LIVE_CLOUDFLARE_ZONE_ID"])
    if (!e[k]) missing.push(k);
  return missing;
}

function pulumiCliPresent(): boolean {
  try {
    execFileSync("pulumi", ["version"], { stdio: "ignore", timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    const r = await fn();
    console.log(`live-check: ${step}: ok in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return r;
  } catch (e) {
    console.log(
      `live-check: ${step}: FAILED after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${(e as Error).message}`,
    );
    throw e;
  }
}

/** One TLS handshake to the front end for the hostname; resolves with the served leaf's SHA-256 fingerprint. */
function servedFingerprint(address: string, hostname: string, ca: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      {
        host: address,
        port: 443,
        servername: hostname,
        ca,
        rejectUnauthorized: ca !== undefined,
        minVersion: "TLSv1.2",
      },
      () => {
        const cert = socket.getPeerCertificate();
        socket.end();
        const err = tls.checkServerIdentity(hostname, cert);
        if (err) reject(err);
        else resolve(cert.fingerprint256);
      },
    );
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no TLS answer from ${address}:443 in 15 s`)));
    socket.on("error", reject);
  });
}

async function waitForCertificate(
  outputs: Record<string, { value: unknown }>,
  deadlineMs: number,
): Promise<void> {
  const hostname = String(outputs.hostname.value);
  const address = String(outputs.frontEndIp.value);
  const cert = outputs.certificate.value as { fingerprintSha256: string };
  let last: unknown;
  while (Date.now() < deadlineMs) {
    try {
      // The quickstart's certificate is self-signed: trust is the fingerprint the stack reports.
      const fp = await servedFingerprint(address, hostname, undefined);
      if (fp === cert.fingerprintSha256) return;
      last = new Error(`served ${fp}, the stack says ${cert.fingerprintSha256}`);
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 15_000));
  }
  throw new Error(`the front end did not serve the stack's certificate in time: ${(last as Error)?.message}`);
}

async function main(): Promise<number> {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    console.log(`live-check: skipped: missing ${missing.join(", ")}`);
    return 0;
  }
  // Loaded only when the check really runs.
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
  const backend = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-live-"));
  const stackName = `live-${crypto.randomBytes(3).toString("hex")}`;
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir: path.join(__dirname, "..", "examples", "quickstart") },
    {
      envVars: {
        PULUMI_BACKEND_URL: `file://${backend}`,
        PULUMI_CONFIG_PASSPHRASE: crypto.randomBytes(16).toString("hex"),
      },
    },
  );
  const set = (k: string, v: string) => stack.setConfig(k, { value: v });
  await set("azure-native:subscriptionId", env.ARM_SUBSCRIPTION_ID!);
  await set("resourceGroupName", env.LIVE_RESOURCE_GROUP!);
  await set("workspaceName", env.LIVE_WORKSPACE!);
  await set("hostname", env.LIVE_HOSTNAME!);
  await set("cloudflareZoneId", env.LIVE_CLOUDFLARE_ZONE_ID!);
  if (env.LIVE_LOCATION) await set("location", env.LIVE_LOCATION);
  let status = 0;
  try {
    for (const algorithm of ["RSA", "ECDSA"]) {
      await set("certificateAlgorithm", algorithm);
      const up = await timed(`up (${algorithm})`, () => stack.up({ onOutput: () => undefined }));
      await timed(`verify (${algorithm})`, () => waitForCertificate(up.outputs, Date.now() + 15 * 60_000));
    }
  } catch {
    status = 1;
  } finally {
    await timed("destroy", () => stack.destroy({ onOutput: () => undefined })).catch(() => (status = 1));
    await stack.workspace.removeStack(stackName).catch(() => undefined);
    fs.rmSync(backend, { recursive: true, force: true });
  }
  return status;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`live-check: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
