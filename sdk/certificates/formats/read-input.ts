// The reader's input and output shapes, and how messages name each input.
import type { X509Certificate, KeyObject } from "node:crypto";
import type { Finding } from "../rules/findings";

/** Raw certificate material, in any of the accepted formats. */
export interface CertificateInput {
  /** Certificate: PEM text (may also hold the chain and the key) or DER bytes. */
  cert?: string | Buffer;
  /** Private key: PEM (PKCS#1, PKCS#8, SEC1; encrypted with `password`) or DER (PKCS#8). */
  key?: string | Buffer;
  /** Intermediate certificates, PEM. */
  chain?: string | Buffer;
  /** PKCS#12 bytes, or their base64 text. */
  pfx?: string | Buffer;
  /** PKCS#12 password or key passphrase. */
  password?: string;
  /** Hostname the certificate must cover. */
  hostname?: string;
  /** Warn when fewer days than this are left. Default: 30. */
  minDaysRemaining?: number;
  /** The clock. Default: now. */
  now?: Date;
  /**
   * Seconds a `notBefore` may lie ahead of the clock before NOT_YET_VALID is reported: clock skew
   * between the issuer and this machine, for a certificate issued moments ago. Default: 0.
   */
  clockSkewSeconds?: number;
  /** Report PEM_INVALID when no private key is found. Default: false. */
  requireKey?: boolean;
  /**
   * How messages name each input, e.g. `{ cert: "--cert site.pem" }`; `asCert` / `asPfx` name where a
   * PEM / PKCS#12 file goes instead (`--cert`, `--pfx`), `keyHint` where a missing key goes,
   * `passwordHint` where a missing password goes.
   */
  names?: Partial<Record<InputName, string>>;
}

export interface ReadCert {
  cert: X509Certificate;
  der: Buffer;
  source: string;
}

export interface ReadMaterial {
  certs: ReadCert[];
  keys: { key: KeyObject; source: string }[];
  findings: Finding[];
  fromPfx: boolean;
}

export type InputName =
  "cert" | "key" | "chain" | "pfx" | "password" | "passwordHint" | "asCert" | "asPfx" | "keyHint";

const COMPONENT = "certificate.imported.";

export function inputNames(input: CertificateInput): Record<InputName, string> {
  const n = input.names ?? {};
  // The component names its inputs certificate.imported.*: a hint there names the component's fields.
  const component = [n.cert, n.key, n.pfx].some((x) => x?.startsWith(COMPONENT));
  return {
    cert: n.cert ?? "certificate",
    key: n.key ?? "key",
    chain: n.chain ?? "chain",
    pfx: n.pfx ?? "PKCS#12 file",
    password: n.password ?? "password",
    passwordHint: n.passwordHint ?? n.password ?? "password",
    asCert: n.asCert ?? (component ? `${COMPONENT}certFile (or certPem)` : "cert"),
    asPfx: n.asPfx ?? (component ? `${COMPONENT}pfxFile (or pfxBase64)` : "pfx"),
    keyHint:
      n.keyHint ??
      (component ? `${COMPONENT}keyFile (a path) or ${COMPONENT}keyPem (the PEM text)` : (n.key ?? "key")),
  };
}
