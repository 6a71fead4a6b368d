// The vocabulary of `ssl-ml-cluster verify`: its finding codes (docs/cli.md, "After
// `pulumi up`: verify"), what it checks and what it reports per URI.
import type { TrustAnchors } from "./verify-trust";

/** The stable codes of `ssl-ml-cluster verify` (docs/cli.md, "After `pulumi up`: verify"). */
export type VerifyCode =
  | "DNS_MISMATCH"
  | "UNREACHABLE"
  | "TLS_VERSION"
  | "TLS_UNTRUSTED"
  | "HOSTNAME_MISMATCH"
  | "LEAF_IS_CA"
  | "FINGERPRINT_MISMATCH"
  | "EXPIRED"
  | "EXPIRES_SOON"
  | "HTTP_ERROR";

export interface VerifyFinding {
  code: VerifyCode;
  severity: "error" | "warning";
  message: string;
}

const WARNINGS: VerifyCode[] = ["EXPIRES_SOON"];

export function verifyFinding(code: VerifyCode, message: string): VerifyFinding {
  return { code, severity: WARNINGS.includes(code) ? "warning" : "error", message };
}

/** Where to connect instead of asking DNS (curl's --resolve / --connect-to). */
export interface Pin {
  /** The address or host name to connect to. */
  host: string;
  port: number;
  /** How the pin was given, for messages: `--resolve ml.example.com:443:127.0.0.1`. */
  flag: string;
}

export interface Target {
  uri: string;
  url: URL;
  /** The URI's host name (brackets of an IPv6 literal removed). */
  host: string;
  port: number;
  pin?: Pin;
}

export interface Expectations {
  /** The stack's `frontEndIp` output (an address, or a host name on some clusters). */
  frontEndIp?: string;
  /** SslMlManagedEndpoints' `frontDoorEndpoint` output: the hostname's CNAME chain must reach it (verify-cname.ts). */
  cnameTarget?: string;
  /** Stand-ins for tests: the CNAME and address lookups of the managed DNS check (default: node:dns). */
  resolveCname?: (name: string) => Promise<string[]>;
  /** Upper-case hex, no colons. */
  fingerprint?: string;
  /** Where the fingerprint came from, for messages. */
  fingerprintSource?: string;
  minDays: number;
  /** What the served chain must lead to. */
  trust: TrustAnchors;
}

export interface UriResult {
  uri: string;
  address: string | null;
  tlsVersion: string | null;
  fingerprintSha256: string | null;
  daysLeft: number | null;
  httpStatus: number | null;
  /** What the DNS check did: the answers, or why it was skipped. */
  dns: string;
  findings: VerifyFinding[];
}

/** Upper-case hex without separators: how two fingerprints are compared. */
export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-fA-F]/g, "").toUpperCase();
}
