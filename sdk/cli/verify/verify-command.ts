// The `verify` command's flags and help. Loads nothing but commander's types: the command's own
// modules are imported when it runs, so `--version` and the other commands stay light.
import type { Command } from "commander";

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addVerifyCommand(
  program: Command,
  out: (s: string) => void,
  setExit: (code: number) => void,
): void {
  program
    .command("verify")
    .description(
      "after pulumi up: check each live scoring URI against the stack outputs (DNS, TLS, certificate, HTTP); exit 0 verified, 1 an error found, 2 bad usage, 3 only fewer than --min-days days left (renew)",
    )
    .option("--outputs <file>", "pulumi stack output --json saved to a file, or - to read it from stdin")
    .option("--uri <uri>", "a scoring URI to check (repeatable; with or without --outputs)", collect)
    .option(
      "--resolve <host:port:addr>",
      "as in curl: connect to addr for host:port, no DNS lookup (repeatable)",
      collect,
    )
    .option(
      "--connect-to <host:port:addr:port2>",
      "as in curl: connect to addr:port2 for host:port, no DNS lookup (repeatable)",
      collect,
    )
    .option("--ca <file>", "also trust these CA certificates (PEM), e.g. for a self-signed or private CA")
    .option("--ca-only", "with --ca: trust only those certificates, not Node's bundled roots")
    .option("--any-host", "check URIs whose host is not the stack's hostname output")
    .option(
      "--expect-fingerprint <sha256>",
      "the SHA-256 fingerprint the served certificate must have (default: the stack's)",
    )
    .option("--min-days <n>", "warn when fewer days are left (default 30)")
    .option(
      "--timeout <seconds>",
      "keep retrying failing URIs this long, for DNS propagation; the whole run ends by then (default 60)",
    )
    .option("--json", "print the results as JSON")
    .addHelpText(
      "after",
      [
        "",
        "Trust: Node's bundled roots plus --ca (only --ca with --ca-only). When the outputs' certificate is",
        "self-signed (certificate.selfSigned, with certificate.pem), exactly that certificate is trusted",
        "unless --ca is given. verify builds and checks the chain itself, and reports an untrusted chain",
        "and each expired certificate (leaf or intermediate).",
        "TLS: verify negotiates TLS 1.2 or 1.3 only. When a server offers neither, a second handshake",
        "at TLS 1.0 / 1.1 only names the version for TLS_VERSION; nothing is checked or sent over it.",
        "Progress: one line per attempt on stderr.",
        "",
      ].join("\n"),
    )
    .action(async (o) => {
      const { runVerify } = await import("./verify");
      setExit(await runVerify(o, out));
    });
}
