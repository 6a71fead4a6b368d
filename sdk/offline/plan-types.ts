// What an offline plan is, shared by plan.ts (which makes one) and snapshot.ts / diff.ts (which read one).

export const PLAN_KIND = "ssl-ml-cluster offline plan";
export const PLAN_VERSION = 2;

/** One resource of an offline plan; inputs are masked, secrets only as keyed change markers. */
export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  parent: string;
  op: "register" | "read";
  id?: string;
  inputs: unknown;
  /**
   * Dotted path of each secret input to its HMAC-SHA-256 under a key kept outside the plan (see
   * snapshot-key.ts): tells "changed" without the value, and cannot be checked against a guess.
   */
  secretDigests: Record<string, string>;
  replacementTrigger?: unknown;
  replaceOnChanges: string[];
  deleteBeforeReplace: boolean;
}

/** An offline plan (what `plan --snapshot` saves). */
export interface Plan {
  kind: typeof PLAN_KIND;
  version: typeof PLAN_VERSION;
  project: string;
  stack: string;
  programDir: string;
  clock: string;
  /** Names the key of `secretDigests` (not the key itself): markers compare only under one key. */
  secretKeyId: string;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
  warnings: string[];
  /** Public certificates made by the offline tls model, reused by a later plan of the same window. */
  offlineCertificates: Record<string, string>;
}
