// Whether the hostname's CAA records let Front Door's CA issue its managed certificate. Front Door
// managed certificates are issued by DigiCert (https://learn.microsoft.com/azure/frontdoor/domain,
// "Azure Front Door-managed TLS certificates"); a CAA record that names only other CAs makes the
// issuance fail after the domain is approved. The rules are RFC 8659's
// (https://www.rfc-editor.org/rfc/rfc8659): the first non-empty CAA RRset found climbing from the
// name to its parents decides (section 3); `issue` (or `issuewild` for a wildcard name) lists the
// CAs allowed (section 4); an unknown tag with the critical flag forbids every CA. Pure: the DNS
// answers are passed in (checkCaa takes a resolver).

/**
 * The issuer-domain-names DigiCert accepts as its own in a CAA `issue` record
 * (https://docs.digicert.com/en/certcentral/manage-certificates/dns-caa-resource-record-check.html).
 */
export const FRONT_DOOR_CAA_ISSUERS = [
  "digicert.com",
  "www.digicert.com",
  "digicert.ne.jp",
  "cybertrust.ne.jp",
  "geotrust.com",
  "rapidssl.com",
  "thawte.com",
  "symantec.com",
];

/**
 * One CAA record as `node:dns` `resolveCaa` returns it: the flags byte and one `tag: value` (an
 * unknown tag is an own property named after it, so every property but `critical` is read).
 */
export interface CaaRecordLike {
  critical: number;
  issue?: string;
  issuewild?: string;
  iodef?: string;
  contactemail?: string;
  contactphone?: string;
}

/** The CAA answer of one name (empty when the name has no CAA record). */
export interface CaaLookup {
  name: string;
  records: CaaRecordLike[];
}

export interface CaaVerdict {
  allowed: boolean;
  /** The name whose CAA RRset decided (none: no CAA record anywhere up the tree). */
  at?: string;
  reason: string;
}

const KNOWN_TAGS = ["issue", "issuewild", "iodef", "contactemail", "contactphone"];

/** The names RFC 8659 section 3 climbs: the hostname, then each parent up to the TLD (the root excluded). */
export function caaNames(hostname: string): string[] {
  const labels = hostname.toLowerCase().replace(/\.$/, "").replace(/^\*\./, "").split(".");
  return labels.map((_l, i) => labels.slice(i).join("."));
}

/** The issuer-domain-name of an `issue` value (`"digicert.com; cansignhttpexchanges=yes"` → `digicert.com`); empty for `;`. */
export function caaIssuer(value: string): string {
  return value.split(";")[0].trim().toLowerCase();
}

/**
 * Whether any of `issuers` may issue for `hostname`, given the CAA answers of the names
 * {@link caaNames} lists (in that order; a missing name counts as no record).
 */
export function caaVerdict(
  hostname: string,
  lookups: CaaLookup[],
  issuers: string[] = FRONT_DOOR_CAA_ISSUERS,
): CaaVerdict {
  const relevant = caaNames(hostname)
    .map((name) => lookups.find((l) => l.name.toLowerCase() === name))
    .find((l): l is CaaLookup => l !== undefined && l.records.length > 0);
  if (!relevant)
    return { allowed: true, reason: `no CAA record on ${hostname} or its parents: every CA may issue` };
  const at = relevant.name.toLowerCase();
  const tags = relevant.records.flatMap((r) =>
    Object.entries(r)
      .filter(([k, v]) => k !== "critical" && typeof v === "string")
      .map(([tag, value]) => ({
        tag: tag.toLowerCase(),
        value: String(value),
        critical: (r.critical & 128) !== 0,
      })),
  );
  const unknownCritical = tags.find((t) => t.critical && !KNOWN_TAGS.includes(t.tag));
  if (unknownCritical)
    return {
      allowed: false,
      at,
      reason: `the CAA record on ${at} has the critical tag ${unknownCritical.tag}, which no CA may ignore: no CA may issue`,
    };
  const wildcard = hostname.startsWith("*.");
  const wild = tags.filter((t) => t.tag === "issuewild");
  const rules = wildcard && wild.length > 0 ? wild : tags.filter((t) => t.tag === "issue");
  if (rules.length === 0)
    return { allowed: true, at, reason: `the CAA records on ${at} restrict no issuer (no issue tag)` };
  const named = rules.map((t) => caaIssuer(t.value)).filter((d) => d !== "");
  const match = named.find((d) => issuers.includes(d));
  if (match) return { allowed: true, at, reason: `the CAA records on ${at} allow ${match}` };
  return {
    allowed: false,
    at,
    reason:
      named.length === 0
        ? `the CAA records on ${at} allow no CA at all (${rules[0].tag} ";")`
        : `the CAA records on ${at} allow only ${[...new Set(named)].join(", ")}, not DigiCert, which issues Front Door's managed certificate`,
  };
}

/** A CAA lookup: `node:dns/promises` `resolveCaa`, or a stand-in in tests. */
export type CaaResolver = (name: string) => Promise<CaaRecordLike[]>;

/** DNS errors that mean "no CAA record here" (the climb goes on). */
const NO_RECORD = ["ENODATA", "ENOTFOUND"];

/**
 * Climbs the tree with `resolve` and judges it. A DNS failure other than "no record" throws: RFC
 * 8659 section 3 lets a CA refuse to issue then, so the answer is unknown.
 */
export async function checkCaa(
  hostname: string,
  resolve: CaaResolver,
  issuers: string[] = FRONT_DOOR_CAA_ISSUERS,
): Promise<CaaVerdict> {
  const lookups: CaaLookup[] = [];
  for (const name of caaNames(hostname)) {
    let records: CaaRecordLike[];
    try {
      records = await resolve(name);
    } catch (e) {
      if (NO_RECORD.includes(String((e as { code?: string }).code))) records = [];
      else throw e;
    }
    lookups.push({ name, records });
    if (records.length > 0) break;
  }
  return caaVerdict(hostname, lookups, issuers);
}
