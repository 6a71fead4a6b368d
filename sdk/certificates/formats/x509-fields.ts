// Validity dates and the extensions a chain is judged by (basicConstraints, keyUsage,
// extendedKeyUsage), read from the certificate's DER with asn1js. Node's `validTo` is a string
// with a two-digit-looking year ("Jan  1 00:00:00 30 GMT" for the year 0030) that Date.parse
// reads as 2030; and @peculiar/asn1-schema's Time maps a GeneralizedTime of 0030 to 1930 (Date.UTC).
// So the time strings are read here as RFC 5280 §4.1.2.5 defines them.
import { X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

export interface Constraints {
  /** basicConstraints pathLenConstraint, when present. */
  pathLen?: number;
  /** keyUsage bit names (RFC 5280 §4.2.1.3) when the extension is present. */
  keyUsage?: string[];
  /** extendedKeyUsage OIDs when the extension is present. */
  extKeyUsage?: string[];
}

export const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const BASIC_CONSTRAINTS = "2.5.29.19";
const KEY_USAGE = "2.5.29.15";
const EXT_KEY_USAGE = "2.5.29.37";
const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

type Asn = asn1js.AsnType;
const children = (n: Asn | undefined): Asn[] => {
  const v = (n as asn1js.Constructed | undefined)?.valueBlock?.value;
  return Array.isArray(v) ? (v as Asn[]) : [];
};
const isContext = (n: Asn, tag: number) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === tag;
const bytes = (n: Asn) => Buffer.from((n as asn1js.Primitive).valueBlock.valueHexView);

function parse(der: Uint8Array): Asn {
  const r = asn1js.fromBER(der);
  if (r.offset === -1) throw new Error(`not DER: ${r.result.error}`);
  return r.result;
}

function tbsOf(cert: X509Certificate): Asn[] {
  return children(children(parse(cert.raw))[0]);
}

/** UTCTime `YYMMDDHHMMSSZ` (YY < 50 is 20YY, else 19YY) or GeneralizedTime `YYYYMMDDHHMMSSZ`. */
export function asn1Time(text: string, generalized: boolean): Date {
  const m = (
    generalized ? /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/ : /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/
  ).exec(text);
  if (!m) throw new Error(`not an RFC 5280 time: ${text}`);
  let year = Number(m[1]);
  if (!generalized) year += year < 50 ? 2000 : 1900;
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps the years 0-99 to 1900-1999.
  d.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), 0);
  return d;
}

const validityCache = new WeakMap<X509Certificate, Validity>();

/**
 * notBefore and notAfter as the certificate's DER holds them; one reader for check-cert, convert
 * and verify. Falls back to Node's strings for a time form RFC 5280 does not allow.
 */
export function certValidity(cert: X509Certificate): Validity {
  let v = validityCache.get(cert);
  if (v) return v;
  try {
    const tbs = tbsOf(cert);
    // version [0] is optional; then serialNumber, signature, issuer, validity.
    const validity = tbs[isContext(tbs[0], 0) ? 4 : 3];
    const [from, to] = children(validity).map((t) =>
      asn1Time(bytes(t).toString("latin1"), t.idBlock.tagNumber === 24),
    );
    v = { notBefore: from, notAfter: to };
  } catch {
    v = { notBefore: new Date(Date.parse(cert.validFrom)), notAfter: new Date(Date.parse(cert.validTo)) };
  }
  validityCache.set(cert, v);
  return v;
}

const constraintsCache = new WeakMap<X509Certificate, Constraints>();

/** basicConstraints pathLen, keyUsage and extendedKeyUsage; an unreadable extension counts as absent. */
export function certConstraints(cert: X509Certificate): Constraints {
  let c = constraintsCache.get(cert);
  if (c) return c;
  c = {};
  try {
    const exts = children(children(tbsOf(cert).find((n) => isContext(n, 3)))[0]);
    for (const ext of exts) {
      const parts = children(ext);
      const oid = (parts[0] as asn1js.ObjectIdentifier).valueBlock.toString();
      const value = parse(bytes(parts[parts.length - 1]));
      if (oid === BASIC_CONSTRAINTS) {
        const len = children(value).find((n) => n instanceof asn1js.Integer) as asn1js.Integer | undefined;
        if (len) c.pathLen = len.valueBlock.valueDec;
      } else if (oid === KEY_USAGE) {
        const bits = value as asn1js.BitString;
        const view = bits.valueBlock.valueHexView;
        c.keyUsage = KEY_USAGE_BITS.filter((_, i) => ((view[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
      } else if (oid === EXT_KEY_USAGE) {
        c.extKeyUsage = children(value).map((n) => (n as asn1js.ObjectIdentifier).valueBlock.toString());
      }
    }
  } catch {
    // a certificate Node reads but asn1js does not: no constraints known beyond Node's `ca`
  }
  constraintsCache.set(cert, c);
  return c;
}
