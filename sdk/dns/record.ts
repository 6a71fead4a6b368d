import { isIP } from "node:net";
import { hostnameProblem } from "../validation/hostname";
import { ArgumentError } from "../errors";

/** The DNS record that points a hostname at the front end. */
export interface PlannedRecord {
  type: "A" | "AAAA" | "CNAME";
  name: string;
  content: string;
}

/**
 * A for IPv4, AAAA for IPv6, CNAME for a host name; a CNAME never holds an IP (Cloudflare
 * error 9007) and never sits at a zone apex.
 */
export function plannedRecord(hostname: string, target: string, zoneName?: string): PlannedRecord {
  const t = target.trim();
  const family = isIP(t);
  if (family === 4) return { type: "A", name: hostname, content: t };
  if (family === 6) return { type: "AAAA", name: hostname, content: t.toLowerCase() };
  if (hostnameProblem(t) !== undefined) {
    throw new ArgumentError(
      "frontEndIp",
      `the front end's address ${JSON.stringify(target)} is neither an IP address nor a host name; pass frontEndIp`,
    );
  }
  if (zoneName !== undefined && hostname === zoneName) {
    throw new ArgumentError(
      "hostname",
      `${hostname} is the apex of zone ${zoneName} and the front end is a host name (${t}): a CNAME cannot sit at a zone apex; use a subdomain such as ml.${zoneName}, or pass frontEndIp`,
    );
  }
  return { type: "CNAME", name: hostname, content: t.replace(/\.$/, "") };
}

/** Cloudflare comments hold 100 characters on every plan. */
export function ownershipComment(project: string, stack: string, name: string): string {
  return `managed by ssl-ml-cluster ${project}/${stack}/${name}`.slice(0, 100);
}
