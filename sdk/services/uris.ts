/**
 * The scoring URI of a real-time service behind the TLS front end:
 * `kubernetes` online endpoints are at `/api/v1/endpoint/<name>/score`,
 * legacy `aks` web services at `/api/v1/service/<name>/score`.
 */
export function scoringUri(
  hostname: string,
  kind: string,
  serviceName: string,
  scheme: "https" | "http" = "https",
): string {
  const host = hostname.trim().toLowerCase().replace(/\.$/, "");
  const segment = kind === "aks" ? "service" : "endpoint";
  return `${scheme}://${host}/api/v1/${segment}/${encodeURIComponent(serviceName)}/score`;
}
