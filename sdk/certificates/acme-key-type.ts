/**
 * Key of an ACME certificate: `RSA2048` (the default: what every Azure ML TLS example uses),
 * `RSA4096`, or ECDSA `P256` / `P384`.
 */
export const AcmeKeyType = {
  RSA2048: "RSA2048",
  RSA4096: "RSA4096",
  P256: "P256",
  P384: "P384",
} as const;
export type AcmeKeyType = (typeof AcmeKeyType)[keyof typeof AcmeKeyType];
