import { canonicalHostname } from "../../common/hostname";

/**
 * RFC 6125 §6.4: does the presented DNS name `pattern` (a SAN dNSName) cover `hostname`?
 * Case-insensitive, a trailing dot tolerated, one wildcard that must be the whole left-most
 * label, matching exactly one label, and never directly under a top-level domain.
 */
export function dnsNameMatches(pattern: string, hostname: string): boolean {
  const p = canonicalHostname(pattern);
  const h = canonicalHostname(hostname);
  if (p.length === 0 || h.length === 0) return false;
  if (!p.includes("*")) return p === h;
  const pLabels = p.split(".");
  const hLabels = h.split(".");
  if (pLabels[0] !== "*") return false; // partial ("f*.example.com") or non-left-most wildcards are refused
  if (pLabels.slice(1).some((l) => l.includes("*"))) return false;
  if (pLabels.length < 3) return false; // "*.com": a wildcard over a whole TLD
  if (pLabels.length !== hLabels.length) return false;
  if (hLabels[0].length === 0) return false;
  return pLabels.slice(1).join(".") === hLabels.slice(1).join(".");
}

/** Whether any of the SAN dNSNames covers the hostname (the CN alone never counts). */
export function hostnameCovered(dnsNames: readonly string[], hostname: string): boolean {
  return dnsNames.some((n) => dnsNameMatches(n, hostname));
}
