// The leaf rule `check-cert` (LEAF_IS_CA) and `verify` share: a server certificate is not a CA.
import { X509Certificate } from "node:crypto";
import { isSelfSigned } from "../formats/x509-facts";

/**
 * Whether the first certificate of a chain is refused as a CA certificate (basicConstraints
 * CA:TRUE), as urllib3 (VERIFY_X509_STRICT) refuses it. A lone self-signed certificate is a
 * development certificate, whatever its basicConstraints say (OpenSSL 3's `req -x509` marks it
 * CA:TRUE), and is judged as such (SELF_SIGNED, or the pin of `verify`), not here.
 */
export function caLeafRefused(chain: readonly X509Certificate[]): boolean {
  const leaf = chain[0];
  return !!leaf && leaf.ca && !(chain.length === 1 && isSelfSigned(leaf));
}
