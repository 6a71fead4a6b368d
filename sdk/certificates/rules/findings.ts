/** The stable finding codes shared by `inspectCertificate()` and `ssl-ml-cluster check-cert`. */
export type FindingCode =
  | "PEM_INVALID"
  | "KEY_ENCRYPTED"
  | "KEY_MISMATCH"
  | "HOSTNAME_MISMATCH"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "EXPIRES_SOON"
  | "WEAK_KEY"
  | "WEAK_SIGNATURE"
  | "LEAF_IS_CA"
  | "CHAIN_ORDER"
  | "CHAIN_INCOMPLETE"
  | "PFX_PASSWORD"
  | "SELF_SIGNED";

export type Severity = "error" | "warning";

/** One finding: `error` stops a deployment, `warning` is printed. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
}

export const SEVERITY: Record<FindingCode, Severity> = {
  PEM_INVALID: "error",
  KEY_ENCRYPTED: "error",
  KEY_MISMATCH: "error",
  HOSTNAME_MISMATCH: "error",
  EXPIRED: "error",
  NOT_YET_VALID: "error",
  EXPIRES_SOON: "warning",
  WEAK_KEY: "error",
  WEAK_SIGNATURE: "error",
  LEAF_IS_CA: "error",
  CHAIN_ORDER: "error",
  CHAIN_INCOMPLETE: "warning",
  PFX_PASSWORD: "error",
  SELF_SIGNED: "warning",
};

export function finding(code: FindingCode, message: string): Finding {
  return { code, severity: SEVERITY[code], message };
}
