import { isIP } from "node:net";
import { ArgumentError } from "../errors";

/** Why a hostname is not a valid FQDN, or undefined when it is one (RFC 1123; 253 characters, 63 per label). */
export function hostnameProblem(hostname: string): string | undefined {
  if (typeof hostname !== "string" || hostname.length === 0) return "is empty";
  const h = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  if (h.length > 253) return `is ${h.length} characters long; the limit is 253`;
  if (isIP(h)) return "is an IP address; a certificate hostname must be a DNS name";
  if (/[^A-Za-z0-9.-]/.test(h)) {
    const bad = h.match(/[^A-Za-z0-9.-]/)![0];
    return `contains ${JSON.stringify(bad)}; only letters, digits, '-' and '.' are allowed (use punycode for IDNs)`;
  }
  const labels = h.split(".");
  if (labels.length < 2) return "is a single label; give a fully qualified name such as ml.example.com";
  for (const label of labels) {
    if (label.length === 0) return "has an empty label (two dots in a row, or a leading dot)";
    if (label.length > 63)
      return `has a label of ${label.length} characters (${label.slice(0, 12)}…); the limit is 63`;
    if (label.startsWith("-") || label.endsWith("-"))
      return `has a label that starts or ends with '-' (${label})`;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]))
    return "ends in an all-numeric label; a top-level domain is never numeric";
  return undefined;
}

/**
 * The `hostname` argument checked and in canonical form: one rule for a plain value (checked
 * before anything is registered) and for an Output (checked when known).
 */
export function checkedHostname(value: unknown): string {
  if (typeof value !== "string") throw new ArgumentError("hostname", "must be a string, e.g. ml.example.com");
  const problem = hostnameProblem(value.trim());
  if (problem) throw new ArgumentError("hostname", `${JSON.stringify(value)} ${problem}`);
  const h = canonicalHostname(value);
  if (h.includes("*")) {
    throw new ArgumentError(
      "hostname",
      "must be a concrete name, not a wildcard (a wildcard certificate can still cover it)",
    );
  }
  return h;
}

/** The `frontEndIp` argument checked: an IPv4 or IPv6 address (plain, or an Output when known). */
export function checkedFrontEndIp(value: unknown): string {
  if (typeof value !== "string" || isIP(value.trim()) === 0) {
    throw new ArgumentError("frontEndIp", `${JSON.stringify(value)} is not an IPv4 or IPv6 address`);
  }
  return value.trim();
}

/** Lower-cases and drops one trailing dot: the form used on the certificate, in DNS and in URIs. */
export function canonicalHostname(hostname: string): string {
  const h = hostname.trim().toLowerCase();
  return h.endsWith(".") ? h.slice(0, -1) : h;
}
