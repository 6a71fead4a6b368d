// The flags of `verify` that need more than commander: curl's --resolve / --connect-to, the URI
// targets they pin, --timeout and --min-days. Bad values are usage errors (exit 2) naming the flag.
import { isIP } from "node:net";
import { UsageError } from "../../errors";
import type { Pin, Target } from "./verify-probe";

function parsePort(s: string, flag: string, spec: string): number {
  if (!/^\d{1,5}$/.test(s) || Number(s) < 1 || Number(s) > 65535)
    throw new UsageError(`${flag} ${spec}: ${JSON.stringify(s)} is not a port (1-65535)`);
  return Number(s);
}

/** Splits `a:b:[::1]:d` on colons outside brackets. */
function splitSpec(spec: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let depth = 0;
  for (const ch of spec) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === ":" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

export const unbracket = (s: string) => (s.startsWith("[") && s.endsWith("]") ? s.slice(1, -1) : s);

/** curl's `--resolve HOST:PORT:ADDRESS[,ADDRESS...]`: connect there, ask no DNS. */
export function parseResolve(spec: string): { host: string; port: number; address: string } {
  const parts = splitSpec(spec);
  const usage = `--resolve takes HOST:PORT:ADDRESS (as curl does), got ${JSON.stringify(spec)}`;
  if (parts.length !== 3 || !parts[0] || !parts[2]) throw new UsageError(usage);
  const address = unbracket(parts[2].split(",")[0]);
  if (!isIP(address)) throw new UsageError(`${usage}: ${JSON.stringify(address)} is not an IP address`);
  return { host: parts[0].toLowerCase(), port: parsePort(parts[1], "--resolve", spec), address };
}

/** curl's `--connect-to HOST1:PORT1:HOST2:PORT2`: empty HOST1/PORT1 match any, empty HOST2/PORT2 keep. */
export function parseConnectTo(spec: string): {
  host?: string;
  port?: number;
  toHost?: string;
  toPort?: number;
} {
  const parts = splitSpec(spec);
  if (parts.length !== 4)
    throw new UsageError(
      `--connect-to takes HOST1:PORT1:HOST2:PORT2 (as curl does), got ${JSON.stringify(spec)}`,
    );
  const toHost = unbracket(parts[2]);
  if (toHost && !isIP(toHost) && !/^[A-Za-z0-9.-]+$/.test(toHost))
    throw new UsageError(`--connect-to ${spec}: ${JSON.stringify(parts[2])} is not an address or host name`);
  return {
    host: parts[0] ? parts[0].toLowerCase() : undefined,
    port: parts[1] ? parsePort(parts[1], "--connect-to", spec) : undefined,
    toHost: toHost || undefined,
    toPort: parts[3] ? parsePort(parts[3], "--connect-to", spec) : undefined,
  };
}

/** A URI to check, with where to connect when --resolve or --connect-to names its host and port. */
export function target(uri: string, resolves: string[], connects: string[], source: string): Target {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new UsageError(`${source}: ${JSON.stringify(uri)} is not a URI`);
  }
  if (url.protocol !== "https:")
    throw new UsageError(`${source}: ${uri} is not an https URI; verify checks TLS endpoints`);
  const host = unbracket(url.hostname).toLowerCase();
  const port = url.port ? Number(url.port) : 443;
  let pin: Pin | undefined;
  // As in curl, --resolve wins over DNS and --connect-to over both.
  for (const spec of resolves) {
    const r = parseResolve(spec);
    if (r.host === host && r.port === port) pin = { host: r.address, port, flag: `--resolve ${spec}` };
  }
  for (const spec of connects) {
    const c = parseConnectTo(spec);
    if ((c.host === undefined || c.host === host) && (c.port === undefined || c.port === port)) {
      pin = { host: c.toHost ?? pin?.host ?? host, port: c.toPort ?? port, flag: `--connect-to ${spec}` };
      break;
    }
  }
  return { uri, url, host, port, pin };
}

/** `--timeout`: a positive number of seconds. */
export function positiveSeconds(s: string | undefined, fallback: number): number {
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!/^\s*\d*\.?\d+\s*$/.test(s) || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`--timeout takes a positive number of seconds, got ${JSON.stringify(s)}`);
  return n;
}

/** `--min-days`: a whole number of days (default 30); `5x` or `1.5` is bad usage, never NaN. */
export function parseMinDays(s: string | undefined): number {
  if (s === undefined) return 30;
  if (!/^\d+$/.test(s))
    throw new UsageError(`--min-days takes a whole number of days, got ${JSON.stringify(s)}`);
  return Number(s);
}
