#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { UsageError } from "../errors";
import { addVerifyCommand } from "./verify/verify-command";

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

/** Expected errors print one line; a stack only with --verbose. Usage problems exit 2. */
function fail(e: unknown, verbose: boolean): number {
  const expected =
    e instanceof UsageError ||
    e instanceof CommanderError ||
    ["ArgumentError", "CertificateError", "ProgramError", "ProgramTypeError"].includes((e as Error)?.name);
  const message = e instanceof Error ? e.message : String(e);
  err(`ssl-ml-cluster: ${message}\n`);
  if (verbose || !expected) {
    const cause = (e as { cause?: unknown }).cause;
    err(`${(cause instanceof Error ? cause : e instanceof Error ? e : new Error(message)).stack}\n`);
  } else if ((e as Error)?.name === "ProgramError") {
    err("(run with --verbose for the stack trace)\n");
  }
  return 2;
}

function packageVersion(): string {
  // sdk/cli (ts-node) and bin/sdk/cli (compiled) both sit two or three levels under package.json.
  for (const rel of ["../../package.json", "../../../package.json"]) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = require(rel) as { name?: string; version?: string };
      if (pkg.name === "ssl-ml-cluster" && pkg.version) return pkg.version;
    } catch {
      // try the next level
    }
  }
  return "unknown";
}

export function buildCli(setExit: (code: number) => void): Command {
  const program = new Command("ssl-ml-cluster")
    .description(
      "TLS for Azure ML real-time scoring: check certificates, convert them, plan offline, preflight, and demo",
    )
    .version(packageVersion(), "-V, --version", "print the version")
    .option("--verbose", "print stack traces of errors")
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err })
    .showHelpAfterError("(add --help for usage)");

  program
    .command("check-cert")
    .description(
      "check a certificate (PEM, DER or PKCS#12) against every rule; exit 0 clean, 1 error found, 2 bad usage",
    )
    .option("--cert <file>", "certificate, PEM or DER (may also hold the chain and the key)")
    .option("--pfx <file>", "PKCS#12 file (.pfx / .p12)")
    .option("--key <file>", "private key, PEM")
    .option("--chain <file>", "intermediate certificates, PEM")
    .option("--password <password>", "PKCS#12 password or key passphrase")
    .option("--password-file <file>", "read the password from a file (keeps it out of the process list)")
    .option("--hostname <host>", "hostname the certificate must cover")
    .option("--min-days <n>", "warn when fewer days are left (default 30)")
    .option("--json", "print the report as JSON")
    .action(async (o) => {
      // Each command loads its own modules only when it runs: `--version` and `check-cert` stay light.
      const { runCheckCert } = await import("./check-cert");
      setExit(runCheckCert(o, out));
    });

  program
    .command("convert")
    .description(
      "convert PKCS#12 or DER to cert.pem, chain.pem and key.pem (mode 0600); exit 1 on an error finding (the files are still written) or unreadable input (nothing written)",
    )
    .option("--pfx <file>", "PKCS#12 file")
    .option("--der <file>", "DER certificate")
    .option("--key <file>", "with --der: the private key (PEM or DER)")
    .option("--password <password>", "PKCS#12 password or key passphrase")
    .option("--password-file <file>", "read the password from a file")
    .requiredOption("--out-dir <dir>", "where to write cert.pem, chain.pem, key.pem")
    .option("--force", "overwrite existing files")
    .action(async (o) => {
      const { runConvert } = await import("./convert");
      setExit(runConvert(o, out, err));
    });

  const collect = (v: string, prev: string[] = []) => [...prev, v];
  addVerifyCommand(program, out, setExit);

  program
    .command("plan")
    .description("run a Pulumi program offline under the SDK's mock runtime and print what it would register")
    .argument("[program-dir]", "folder with Pulumi.yaml", ".")
    .option(
      "--snapshot <file>",
      "save the plan (secrets only as change markers keyed by this machine's snapshot key)",
    )
    .option(
      "--compare <file>",
      "print what changed since a saved plan: create / update / replace / delete per resource",
    )
    .option("--stack <name>", "stack name", "dev")
    // Repeatable, one pair each, so `--config k=v` may come before the program folder.
    .option(
      "--config <key=value>",
      "program configuration (repeat for more values); ssl-ml-cluster:keyVaultFile=F is the PFX or PEM the stand-in Key Vault answers certificate.keyVault with (default: a development certificate for the hostname)",
      collect,
    )
    .option("--json", "print the plan (or the comparison) as JSON")
    .option(
      "--typecheck",
      "type-check the program first, as Pulumi's Node.js host does (off by default: it triples plan's time)",
    )
    .addHelpText(
      "after",
      "\nEnvironment:\n  SSL_ML_CLUSTER_NOW  the clock (ISO 8601, e.g. 2027-03-10T00:00:00Z): preview a certificate rotation\n                      before its day; with --compare, shows what that day's pulumi up would change\n",
    )
    .action(async (dir: string, o) => {
      // plan runs the Pulumi SDK, which the light commands never load.
      const { runPlanCommand } = await import("./plan-command");
      setExit(await runPlanCommand(dir, { ...o, verbose: program.opts().verbose === true }, out));
    });

  program
    .command("preflight")
    .description(
      "before pulumi up: plan the program offline, then ask Azure and Cloudflare (read-only) whether these credentials can deploy it; exit 0 no FAIL, 1 a FAIL, 2 bad usage",
    )
    .argument("[program-dir]", "folder with Pulumi.yaml, or a plan JSON printed by plan --json", ".")
    .option("--stack <name>", "stack name", "dev")
    .option("--config <key=value>", "program configuration, as for plan (repeat for more values)", collect)
    .option("--subscription <id>", "subscription ID (default: ARM_SUBSCRIPTION_ID, else az account show)")
    .option("--json", "print { ok, checks: [{ id, status, message, fix }] }")
    .action(async (dir: string, o) => {
      // Loads the offline engine and Azure's SDKs only when it runs.
      const { runPreflightCommand } = await import("./preflight");
      setExit(await runPreflightCommand(dir, { ...o, verbose: program.opts().verbose === true }, out));
    });

  program
    .command("demo")
    .description(
      "plan examples/quickstart, then serve its certificate on 127.0.0.1 and call every scoring URI over verified TLS",
    )
    .option("--port <port>", "port of the loopback front end (default: any free port)")
    .option("--quiet", "do not print the plan")
    .option(
      "--managed",
      "plan examples/managed-frontdoor instead, and prove the path through a loopback front door to a stand-in managed endpoint",
    )
    .action(async (o) => {
      if (o.managed) {
        const { runManagedDemo } = await import("./demo-managed");
        setExit(await runManagedDemo(o, out));
        return;
      }
      const { runDemo } = await import("./demo");
      setExit(await runDemo(o, out));
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const verbose = argv.includes("--verbose");
  const program = buildCli((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0)
        return 0;
      return 2; // commander already printed the message
    }
    return fail(e, verbose);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Pulumi's runtime keeps handles open; the CLI is done once its output is flushed.
      process.stdout.write("", () => process.exit(code));
    },
    (e) => {
      fail(e, true);
      process.exit(2);
    },
  );
}
