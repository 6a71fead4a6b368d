// Bad input that reaches the component itself: files, environment, values that are Outputs.
// (Argument rules: validation.test.ts; certificates: inspect.test.ts; CLI flags: cli.test.ts, plan.test.ts.)
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { freshRuntime } from "./mocks";
import { SslMlCluster } from "../sdk/component";
import { build, quickstartArgs } from "./helpers/component";
import { fixtures } from "./helpers/openssl-certs";
import { tempDirs } from "./helpers/tmp";
import type { SslMlClusterArgs } from "../sdk/types";

function refusedBeforeRegistering(args: SslMlClusterArgs, name: string, message: RegExp) {
  const rec = freshRuntime();
  assert.throws(
    () => new SslMlCluster("ml", args),
    (e: Error) => {
      assert.equal(e.name, name);
      assert.match(e.message, message);
      return true;
    },
  );
  assert.equal(rec.registrations.length, 0, "nothing was registered");
}

describe("bad input reaching the component", () => {
  const f = fixtures();
  const tmp = tempDirs();
  let dir: string;
  before(() => (dir = tmp("bad-")));
  // Root reads a mode-000 file, so as root the unreadable input is a path under a file (ENOTDIR);
  // the real EACCES as root is in cli.test.ts (a child process without the capabilities that bypass file modes).
  const asRoot = process.getuid?.() === 0;

  const fileCases: [string, () => SslMlClusterArgs, string, RegExp][] = [
    [
      "missing certFile",
      () =>
        quickstartArgs({
          certificate: { imported: { certFile: path.join(dir, "nope.pem"), keyFile: f.file("leaf.key") } },
        }),
      "ArgumentError",
      /certificate\.imported\.certFile: file .*nope\.pem does not exist/,
    ],
    [
      "certFile is a directory",
      () => quickstartArgs({ certificate: { imported: { certFile: dir, keyFile: f.file("leaf.key") } } }),
      "ArgumentError",
      /is a directory/,
    ],
    [
      "empty certFile",
      () =>
        quickstartArgs({
          certificate: { imported: { certFile: f.file("empty.pem"), keyFile: f.file("leaf.key") } },
        }),
      "CertificateError",
      /PEM_INVALID: certificate\.imported\.certFile .* is empty/,
    ],
    [
      "huge certFile",
      () => {
        const big = path.join(dir, "huge.pem");
        fs.writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 0x41));
        return quickstartArgs({ certificate: { imported: { certFile: big, keyFile: f.file("leaf.key") } } });
      },
      "ArgumentError",
      /at most 1 MiB/,
    ],
    [
      "unreadable keyFile",
      () => {
        const p = path.join(dir, "locked.key");
        fs.writeFileSync(p, f.read("leaf.key"));
        fs.chmodSync(p, 0o000);
        const target = asRoot ? path.join(p, "not-a-dir") : p;
        return quickstartArgs({
          certificate: { imported: { certFile: f.file("fullchain.pem"), keyFile: target } },
        });
      },
      "ArgumentError",
      asRoot
        ? /certificate\.imported\.keyFile: cannot read \S*\/locked\.key\/not-a-dir \(ENOTDIR\)/
        : /certificate\.imported\.keyFile: cannot read \S*\/locked\.key \(EACCES\)/,
    ],
    [
      "missing pfxFile",
      () =>
        quickstartArgs({ certificate: { imported: { pfxFile: path.join(dir, "x.pfx"), password: "p" } } }),
      "ArgumentError",
      /pfxFile: file .* does not exist/,
    ],
    [
      "wrong PFX password",
      () => quickstartArgs({ certificate: { imported: { pfxFile: f.file("leaf.pfx"), password: "wrong" } } }),
      "CertificateError",
      /PFX_PASSWORD: the certificate\.imported\.password given does not open/,
    ],
    [
      "garbage certPem",
      () => quickstartArgs({ certificate: { imported: { certPem: "hello", keyPem: f.read("leaf.key") } } }),
      "CertificateError",
      /PEM_INVALID/,
    ],
    [
      "cert for another hostname",
      () =>
        quickstartArgs({
          hostname: "api.example.org",
          certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.key") } },
        }),
      "CertificateError",
      /HOSTNAME_MISMATCH: certificate\.imported\.certPem covers ml\.example\.com, www\.example\.com, not api\.example\.org/,
    ],
    [
      "expired imported cert",
      () =>
        quickstartArgs({
          certificate: {
            imported: { certPem: f.read("expired-fullchain.pem"), keyPem: f.read("dates.key") },
          },
        }),
      "CertificateError",
      /EXPIRED/,
    ],
    [
      "encrypted key without password",
      () =>
        quickstartArgs({
          certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.enc.key") } },
        }),
      "CertificateError",
      /KEY_ENCRYPTED: .*give its passphrase as certificate\.imported\.password/,
    ],
    [
      "no key at all",
      () => quickstartArgs({ certificate: { imported: { certPem: f.read("fullchain.pem") } } }),
      "CertificateError",
      /PEM_INVALID: no private key found/,
    ],
  ];
  for (const [title, args, name, message] of fileCases) {
    it(`refuses ${title} before registering anything`, () => refusedBeforeRegistering(args(), name, message));
  }

  it("refuses SSL_ML_CLUSTER_NOW that is not a date, before registering", () => {
    process.env.SSL_ML_CLUSTER_NOW = "31/12/2027";
    try {
      refusedBeforeRegistering(
        quickstartArgs(),
        "ArgumentError",
        /SSL_ML_CLUSTER_NOW: "31\/12\/2027" is not an ISO 8601 date/,
      );
    } finally {
      delete process.env.SSL_ML_CLUSTER_NOW;
    }
  });

  it("checks Output values in the pipeline: hostname, frontEndIp", async () => {
    await assert.rejects(
      build(quickstartArgs({ hostname: pulumi.output("not a host") })),
      /hostname: "not a host" contains " "/,
    );
    await assert.rejects(
      build(quickstartArgs({ frontEndIp: pulumi.output("999.1.1.1") })),
      /frontEndIp: "999\.1\.1\.1" is not an IPv4 or IPv6 address/,
    );
  });

  it("fails the program (as pulumi preview would) for an Output existingClusterId that is not an AKS ID", async () => {
    // Registrations whose inputs fail surface as unhandled rejections: the runtime's way to fail the program.
    const saved = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    // The runtime also logs the failed invokes with console.error (its log without an engine):
    // expected here, so kept out of the test output.
    const consoleError = console.error;
    const logged: string[] = [];
    console.error = (...a: unknown[]) => void logged.push(a.map(String).join(" "));
    try {
      const failure = new Promise<string>((resolve) =>
        process.on("unhandledRejection", (e) => resolve(String((e as Error)?.message ?? e))),
      );
      void build(quickstartArgs({ cluster: { existingClusterId: pulumi.output("/subscriptions/x") } })).catch(
        () => undefined,
      );
      const message = await Promise.race([
        failure,
        new Promise<string>((r) => setTimeout(() => r("no failure within 10 s"), 10_000)),
      ]);
      assert.match(message, /cluster\.existingClusterId: "\/subscriptions\/x" is not an AKS resource ID/);
      await new Promise((r) => setTimeout(r, 100)); // let the runtime's log lines of this program land
    } finally {
      console.error = consoleError;
      process.removeAllListeners("unhandledRejection");
      for (const l of saved) process.on("unhandledRejection", l);
    }
  });
});
