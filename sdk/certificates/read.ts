import { createPrivateKey, KeyObject, X509Certificate } from "node:crypto";
import type * as Forge from "node-forge";
import * as asn1js from "asn1js";
import { looksLikePem, parsePem, PemBlock, toPem } from "./pem";
import type { Finding } from "./findings";
import { finding } from "./findings";

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
   * PEM / PKCS#12 file goes instead (`--cert`, `--pfx`), `keyHint` where a missing key goes.
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

const KEY_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];
const CERT_LABELS = ["CERTIFICATE", "X509 CERTIFICATE"];

export type InputName = "cert" | "key" | "chain" | "pfx" | "password" | "asCert" | "asPfx" | "keyHint";

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
    asCert: n.asCert ?? (component ? `${COMPONENT}certFile (or certPem)` : "cert"),
    asPfx: n.asPfx ?? (component ? `${COMPONENT}pfxFile (or pfxBase64)` : "pfx"),
    keyHint:
      n.keyHint ??
      (component ? `${COMPONENT}keyFile (a path) or ${COMPONENT}keyPem (the PEM text)` : (n.key ?? "key")),
  };
}

const PKCS7_DATA = "1.2.840.113549.1.7.1";

/** PKCS#12's outer shape (RFC 7292): SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data, … }, … }. */
export function looksLikePkcs12(der: Buffer): boolean {
  try {
    const { result, offset } = asn1js.fromBER(new Uint8Array(der));
    if (offset === -1 || !(result instanceof asn1js.Sequence)) return false;
    const [version, authSafe] = result.valueBlock.value;
    if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 3) return false;
    const oid = authSafe instanceof asn1js.Sequence ? authSafe.valueBlock.value[0] : undefined;
    return oid instanceof asn1js.ObjectIdentifier && oid.valueBlock.toString() === PKCS7_DATA;
  } catch {
    return false;
  }
}

function isEmpty(v: string | Buffer | undefined): boolean {
  return v === undefined || (typeof v === "string" ? v.trim().length === 0 : v.length === 0);
}

/** Reads every certificate and key from the input, converting formats in process. Never throws. */
export function readMaterial(input: CertificateInput): ReadMaterial {
  const names = inputNames(input);
  const out: ReadMaterial = { certs: [], keys: [], findings: [], fromPfx: false };
  const addCert = (der: Buffer, source: string) => {
    try {
      out.certs.push({ cert: new X509Certificate(der), der, source });
    } catch {
      out.findings.push(
        finding(
          "PEM_INVALID",
          `${source} holds a CERTIFICATE block that is not a valid X.509 certificate; export the certificate again`,
        ),
      );
    }
  };

  if (input.pfx !== undefined) {
    readPfx(input, names, out);
  }
  if (input.cert !== undefined) {
    if (isEmpty(input.cert)) {
      out.findings.push(finding("PEM_INVALID", `${names.cert} is empty; give a PEM or DER certificate`));
    } else if (looksLikePem(input.cert)) {
      readPemInto(input.cert, names.cert, input, out, addCert, true);
    } else {
      const der = typeof input.cert === "string" ? Buffer.from(input.cert, "latin1") : input.cert;
      if (looksLikePkcs12(der))
        out.findings.push(
          finding(
            "PEM_INVALID",
            `${names.cert} is a PKCS#12 (.pfx / .p12) file, not a certificate: give it as ${names.asPfx}`,
          ),
        );
      else if (der[0] === 0x30) addCert(der, names.cert);
      else
        out.findings.push(
          finding(
            "PEM_INVALID",
            `${names.cert} is neither PEM (no BEGIN CERTIFICATE line) nor DER; give the certificate file`,
          ),
        );
    }
  }
  if (input.chain !== undefined && !isEmpty(input.chain)) {
    readPemInto(input.chain, names.chain, input, out, addCert, false);
  }
  if (input.key !== undefined) {
    if (isEmpty(input.key)) {
      out.findings.push(finding("PEM_INVALID", `${names.key} is empty; give the private key PEM`));
    } else if (looksLikePem(input.key)) {
      const before = out.keys.length;
      const findingsBefore = out.findings.length;
      readPemInto(input.key, names.key, input, out, addCert, false);
      if (out.keys.length === before && out.findings.length === findingsBefore) {
        out.findings.push(
          finding("PEM_INVALID", `${names.key} holds no PRIVATE KEY block; give the private key PEM`),
        );
      }
    } else {
      const der = typeof input.key === "string" ? Buffer.from(input.key, "latin1") : input.key;
      const key = tryDerKey(der);
      if (key) out.keys.push({ key, source: names.key });
      else out.findings.push(finding("PEM_INVALID", `${names.key} is not a PEM or DER private key`));
    }
  }
  if (out.certs.length === 0 && !out.findings.some((f) => f.code === "PFX_PASSWORD")) {
    if (!out.findings.some((f) => f.code === "PEM_INVALID")) {
      const where = input.pfx !== undefined ? names.pfx : names.cert;
      out.findings.push(
        finding(
          "PEM_INVALID",
          `no certificate found in ${where}; give a PEM (BEGIN CERTIFICATE), DER or PKCS#12 certificate`,
        ),
      );
    }
  }
  if (
    input.requireKey &&
    out.keys.length === 0 &&
    !out.findings.some((f) => ["KEY_ENCRYPTED", "PFX_PASSWORD"].includes(f.code))
  ) {
    out.findings.push(
      finding("PEM_INVALID", `no private key found; give ${names.keyHint} (the certificate's private key)`),
    );
  }
  return out;
}

/** The first DER element of `der` (asn1js finds where it ends). */
function firstDerElement(der: Buffer): Buffer {
  const { offset } = asn1js.fromBER(new Uint8Array(der));
  return offset > 0 ? der.subarray(0, offset) : der;
}

function isX509Der(der: Buffer): boolean {
  try {
    new X509Certificate(der);
    return true;
  } catch {
    return false;
  }
}

function tryDerKey(der: Buffer): KeyObject | undefined {
  for (const type of ["pkcs8", "pkcs1", "sec1"] as const) {
    try {
      return createPrivateKey({ key: der, format: "der", type });
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

function readPemInto(
  text: string | Buffer,
  source: string,
  input: CertificateInput,
  out: ReadMaterial,
  addCert: (der: Buffer, source: string) => void,
  certExpected: boolean,
): void {
  const { blocks, problems } = parsePem(text);
  for (const p of problems)
    out.findings.push(finding("PEM_INVALID", `${source}: ${p}; export the file again`));
  let certs = 0;
  for (const b of blocks) {
    if (CERT_LABELS.includes(b.label)) {
      certs++;
      addCert(b.der, source);
    } else if (b.label === "TRUSTED CERTIFICATE") {
      // OpenSSL's trusted form: the certificate followed by trust settings; keep the certificate.
      certs++;
      addCert(firstDerElement(b.der), source);
    } else if (KEY_LABELS.includes(b.label)) {
      readKeyBlock(b, source, input, out);
    } else if (b.label === "PUBLIC KEY" || b.label === "RSA PUBLIC KEY") {
      out.findings.push(finding("PEM_INVALID", `${source} holds a PUBLIC KEY; give the private key`));
    }
    // Other labels (EC PARAMETERS, CERTIFICATE REQUEST, …) carry nothing Azure needs.
  }
  if (
    certExpected &&
    certs === 0 &&
    problems.length === 0 &&
    blocks.length > 0 &&
    !blocks.some((b) => KEY_LABELS.includes(b.label))
  ) {
    out.findings.push(
      finding(
        "PEM_INVALID",
        `${source} holds no CERTIFICATE block (found ${blocks.map((b) => b.label).join(", ")})`,
      ),
    );
  }
}

function readKeyBlock(b: PemBlock, source: string, input: CertificateInput, out: ReadMaterial): void {
  const names = inputNames(input);
  const encrypted = b.label === "ENCRYPTED PRIVATE KEY" || /ENCRYPTED/i.test(b.headers["Proc-Type"] ?? "");
  if (encrypted && (input.password === undefined || input.password === "")) {
    out.findings.push(
      finding(
        "KEY_ENCRYPTED",
        `${source}: the private key is encrypted; give its passphrase as ${names.password}, or export the key without one`,
      ),
    );
    return;
  }
  // Legacy encrypted PEM needs its Proc-Type / DEK-Info headers back.
  const headerText = Object.entries(b.headers)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join("");
  const pem = headerText
    ? `-----BEGIN ${b.label}-----\n${headerText}\n${b.pem.split("\n").slice(1, -2).join("\n")}\n-----END ${b.label}-----\n`
    : b.pem;
  try {
    const key = createPrivateKey({
      key: pem,
      format: "pem",
      passphrase: encrypted ? input.password : undefined,
    });
    out.keys.push({ key, source });
  } catch {
    if (encrypted) {
      out.findings.push(
        finding(
          "KEY_ENCRYPTED",
          `${source}: the passphrase given as ${names.password} does not decrypt the private key; check it`,
        ),
      );
    } else {
      out.findings.push(
        finding(
          "PEM_INVALID",
          `${source}: the ${b.label} block is not a readable private key; export the key again`,
        ),
      );
    }
  }
}

function readPfx(input: CertificateInput, names: ReturnType<typeof inputNames>, out: ReadMaterial): void {
  // Loaded on first use: node-forge costs ~100 ms at start-up and only PKCS#12 needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const forge = require("node-forge") as typeof Forge;
  out.fromPfx = true;
  let bytes: Buffer;
  if (looksLikePem(input.pfx!)) {
    out.findings.push(
      finding(
        "PEM_INVALID",
        `${names.pfx} is PEM text (a BEGIN line), not PKCS#12: give the certificate as ${names.asCert}`,
      ),
    );
    return;
  }
  if (typeof input.pfx === "string") {
    const b64 = input.pfx.replace(/\s+/g, "");
    if (b64.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
      out.findings.push(
        finding(
          "PEM_INVALID",
          `${names.pfx} is not base64 PKCS#12 data; give the .pfx file's bytes in base64`,
        ),
      );
      return;
    }
    bytes = Buffer.from(b64, "base64");
  } else {
    bytes = input.pfx!;
  }
  if (bytes.length === 0) {
    out.findings.push(finding("PEM_INVALID", `${names.pfx} is empty; give a .pfx / .p12 file`));
    return;
  }
  if (!looksLikePkcs12(bytes) && isX509Der(bytes)) {
    out.findings.push(
      finding(
        "PEM_INVALID",
        `${names.pfx} is an X.509 certificate (DER), not PKCS#12: give it as ${names.asCert}`,
      ),
    );
    return;
  }
  let p12: Forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString("binary")));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn, false, input.password ?? "");
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/MAC could not be verified|password|decrypt/i.test(msg)) {
      out.findings.push(
        finding(
          "PFX_PASSWORD",
          input.password === undefined || input.password === ""
            ? `${names.pfx} is protected by a password; give it as ${names.password}`
            : `the ${names.password} given does not open ${names.pfx}; check it`,
        ),
      );
    } else {
      // The parser's own words ("Too few bytes to read ASN.1 value") would not help the reader.
      out.findings.push(
        finding(
          "PEM_INVALID",
          `${names.pfx} is not a readable PKCS#12 file (damaged, cut off, or another format); export it again as .pfx / .p12`,
        ),
      );
    }
    return;
  }
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? [];
  for (const bag of certBags) {
    // forge cannot model ECDSA certificates; it keeps their ASN.1, which is all we need.
    const asn = bag.cert
      ? forge.pki.certificateToAsn1(bag.cert)
      : (bag as unknown as { asn1: Forge.asn1.Asn1 }).asn1;
    const der = Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary");
    try {
      out.certs.push({ cert: new X509Certificate(der), der, source: names.pfx });
    } catch {
      out.findings.push(finding("PEM_INVALID", `${names.pfx} holds a certificate that cannot be read`));
    }
  }
  for (const type of [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!]) {
    const bags = p12.getBags({ bagType: type })[type] ?? [];
    for (const bag of bags) {
      const asn = bag.key
        ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as Forge.pki.rsa.PrivateKey))
        : (bag as unknown as { asn1: Forge.asn1.Asn1 }).asn1;
      const der = Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary");
      try {
        out.keys.push({
          key: createPrivateKey({ key: der, format: "der", type: "pkcs8" }),
          source: names.pfx,
        });
      } catch {
        out.findings.push(finding("PEM_INVALID", `${names.pfx} holds a private key that cannot be read`));
      }
    }
  }
  // A PKCS#12 file lists its certificates in no set order: put the leaf (the key's) first, then its issuers.
  out.certs = orderPfxCerts(
    out.certs,
    out.keys.map((k) => k.key),
  );
}

function orderPfxCerts(certs: ReadCert[], keys: KeyObject[]): ReadCert[] {
  if (certs.length < 2 || certs.length > 20) return certs; // a bundle is refused later, unordered
  const leafIndex = certs.findIndex((c) => keys.some((k) => safeCheck(c.cert, k)));
  const rest = [...certs];
  const ordered: ReadCert[] = [];
  let current = rest.splice(leafIndex >= 0 ? leafIndex : 0, 1)[0];
  ordered.push(current);
  while (rest.length > 0) {
    const i = rest.findIndex(
      (c) => current.cert.issuer !== current.cert.subject && current.cert.checkIssued(c.cert),
    );
    if (i < 0) break;
    current = rest.splice(i, 1)[0];
    ordered.push(current);
  }
  return [...ordered, ...rest];
}

function safeCheck(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}

export { toPem };
