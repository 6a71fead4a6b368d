import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { hostnameProblem } from "../common/hostname";
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

/** The hostname, refused when a zone is known and the hostname lies outside it. */
export function checkedInZone(hostname: string, zoneName: string | undefined): string {
  if (zoneName && hostname !== zoneName && !hostname.endsWith(`.${zoneName}`)) {
    throw new ArgumentError(
      "hostname",
      `${hostname} is outside the DNS zone ${zoneName}; use a name under ${zoneName}, or the zone that holds the hostname`,
    );
  }
  return hostname;
}

/** Cloudflare comments hold 100 characters on every plan (https://developers.cloudflare.com/dns/manage-dns-records/reference/record-attributes/). */
/**
 * The record as an Azure record set (public or private zone) holds it: exactly one of aRecords /
 * aaaaRecords / cnameRecord, the others undefined.
 */
export function azureRecordSetData(record: PlannedRecord) {
  return {
    aRecords: record.type === "A" ? [{ ipv4Address: record.content }] : undefined,
    aaaaRecords: record.type === "AAAA" ? [{ ipv6Address: record.content }] : undefined,
    cnameRecord: record.type === "CNAME" ? { cname: record.content } : undefined,
  };
}

export const MAX_COMMENT = 100;
const PREFIX = "managed by ssl-ml-cluster ";

/**
 * The ownership marker, compared whole. `project/stack/name` when it fits in a Cloudflare comment;
 * otherwise the SHA-256 of it (97 characters), so two long names never share a marker the way two
 * cut-off prefixes would.
 */
export function ownershipComment(project: string, stack: string, name: string): string {
  const id = `${project}/${stack}/${name}`;
  const plain = PREFIX + id;
  return plain.length <= MAX_COMMENT
    ? plain
    : `${PREFIX}sha256:${createHash("sha256").update(id).digest("hex")}`;
}
