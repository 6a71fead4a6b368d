// The TLS step: one handshake to the address DNS gave, for the hostname (SNI), and the served leaf
// compared with the stack's certificate.
import { X509Certificate } from "node:crypto";
import * as tls from "node:tls";

export interface Served {
  /** SHA-256 fingerprint, colon-separated upper-case hex (as the `certificate` output writes it). */
  fingerprint: string;
  pem: string;
  tlsVersion: string;
  /** Whether the chain leads to Node's bundled roots (a publicly trusted certificate). */
  publiclyTrusted: boolean;
}

/** Upper-case hex without separators: how fingerprints are compared. */
export const normalizeFingerprint = (fp: string) => fp.replace(/[^0-9a-fA-F]/g, "").toUpperCase();

/** One handshake; the certificate is read, not trusted (the caller decides against what). */
export function handshake(
  address: string,
  port: number,
  hostname: string,
  timeoutMs = 15_000,
): Promise<Served> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: address,
      port,
      servername: hostname,
      rejectUnauthorized: false,
      minVersion: "TLSv1.2",
    });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`no TLS answer from ${address}:${port} in ${timeoutMs} ms`)),
    );
    socket.once("error", reject);
    socket.once("secureConnect", () => {
      const raw = socket.getPeerCertificate(false)?.raw;
      const version = socket.getProtocol() ?? "unknown";
      const publiclyTrusted = socket.authorized;
      socket.end();
      if (!raw) return reject(new Error(`${address}:${port} sent no certificate`));
      const x = new X509Certificate(raw);
      resolve({ fingerprint: x.fingerprint256, pem: x.toString(), tlsVersion: version, publiclyTrusted });
    });
  });
}

/**
 * The served certificate is the stack's: the same fingerprint, covering the hostname, valid now
 * (and publicly trusted when `publicCa`, e.g. a Microsoft-managed certificate). Throws the first
 * difference.
 */
export function checkServed(
  served: Served,
  hostname: string,
  fingerprint: string,
  publicCa: boolean,
  now = new Date(),
): void {
  const x = new X509Certificate(served.pem);
  if (normalizeFingerprint(served.fingerprint) !== normalizeFingerprint(fingerprint))
    throw new Error(`the front end serves ${served.fingerprint}; the stack's certificate is ${fingerprint}`);
  const err =
    x.checkHost(hostname) === undefined ? `the served certificate does not cover ${hostname}` : undefined;
  if (err) throw new Error(err);
  if (now < new Date(x.validFrom) || now > new Date(x.validTo))
    throw new Error(`the served certificate is not valid now (${x.validFrom} to ${x.validTo})`);
  if (publicCa && !served.publiclyTrusted)
    throw new Error("the served chain does not lead to a publicly trusted root");
}
