// One preflight check's answer, and what the SDKs throw, read into a line.
import type { TokenCredential } from "@azure/identity";
import type { Agent } from "node:https";

export type CheckStatus = "PASS" | "FAIL" | "SKIP";

export interface Check {
  /** Stable identifier, e.g. `provider:Microsoft.ContainerService`. */
  id: string;
  status: CheckStatus;
  message: string;
  /** What to do about a FAIL (or why a SKIP): a command where one exists. */
  fix?: string;
}

/** The options of Azure's SDK clients that preflight passes on. */
export interface PreflightClientOptions {
  agent?: Agent;
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

export interface AzureCheckOptions {
  credential: TokenCredential;
  /** How the credential was chosen, for messages (azureCredential().description). */
  signIn?: string;
  /** Azure Resource Manager. Default: https://management.azure.com (tests: a loopback stand-in). */
  endpoint?: string;
  /** Passed to every SDK client (tests: an `agent` trusting the stand-in, small retry delays). */
  clientOptions?: PreflightClientOptions;
}

export const pass = (id: string, message: string): Check => ({ id, status: "PASS", message });
export const fail = (id: string, message: string, fix: string): Check => ({
  id,
  status: "FAIL",
  message,
  fix,
});
export const skip = (id: string, message: string, fix?: string): Check => ({
  id,
  status: "SKIP",
  message,
  fix,
});

/** What @azure/core-rest-pipeline's RestError and @azure/identity's errors carry. */
export interface SdkError {
  name?: string;
  message?: string;
  statusCode?: number;
  code?: string;
}

export function sdkError(e: unknown): SdkError & { line: string } {
  const err = (e ?? {}) as SdkError;
  const first = String(err.message ?? e).split(/\r?\n/)[0];
  return { ...err, name: err.name, statusCode: err.statusCode, code: err.code, line: first };
}

const SIGN_IN_ERRORS = [
  "CredentialUnavailableError",
  "AggregateAuthenticationError",
  "AuthenticationError",
  "AzureCredentialError",
];

/** The credential could not get a token, or ARM refused the token (401). */
export function isSignInError(e: unknown): boolean {
  const err = sdkError(e);
  return SIGN_IN_ERRORS.includes(err.name ?? "") || err.statusCode === 401;
}

/** The line for an error that is not specific to a check: sign-in, 403, or what the SDK said. */
export function describeError(e: unknown, what: string): string {
  const err = sdkError(e);
  if (err.statusCode === 401) return `${what}: 401 Unauthorized (the token was refused: ${err.line})`;
  if (SIGN_IN_ERRORS.includes(err.name ?? "")) return `${what}: cannot sign in (${err.line})`;
  if (err.statusCode === 403)
    return `${what}: 403 Forbidden (${err.code ?? "AuthorizationFailed"}: ${err.line})`;
  return `${what}: ${err.statusCode ? `${err.statusCode} ` : ""}${err.code ? `${err.code}: ` : ""}${err.line}`;
}

export const SIGN_IN_FIX =
  "sign in as azure-native does: az login, or export ARM_CLIENT_ID, ARM_TENANT_ID and ARM_CLIENT_SECRET (or ARM_USE_OIDC / ARM_USE_MSI); see docs/preflight.md#credentials";

/** The parts of an ARM ID under a resource group: `listForResource`'s arguments. */
export interface ArmIdParts {
  subscriptionId: string;
  resourceGroup: string;
  /** Present when the ID names a resource, not the resource group itself. */
  provider?: string;
  parentPath: string;
  type: string;
  name: string;
}

export function parseArmId(id: string): ArmIdParts | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)(?:\/providers\/([^/]+)\/(.+))?$/i.exec(id);
  if (!m) return undefined;
  const base = { subscriptionId: m[1], resourceGroup: m[2] };
  if (!m[3]) return { ...base, parentPath: "", type: "", name: "" };
  const segs = m[4].split("/");
  if (segs.length < 2 || segs.length % 2 !== 0) return undefined;
  const name = segs[segs.length - 1];
  const type = segs[segs.length - 2];
  return { ...base, provider: m[3], parentPath: segs.slice(0, -2).join("/"), type, name };
}
