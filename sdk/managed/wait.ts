// Waiting for Front Door to approve the custom domain (it reads the `_dnsauth` TXT record on its
// own schedule), bounded, with progress. Pure except for what is passed in.
import { ArgumentError } from "../errors";

/** Front Door's domainValidationState values that never turn into `Approved` by waiting (Microsoft.Cdn spec, DomainValidationState). */
const FAILED = ["Rejected", "TimedOut", "InternalError"];

export interface ApprovalClock {
  /** Reads the domain's `domainValidationState` now. */
  read(): Promise<string | undefined>;
  /** Milliseconds since some origin. */
  now(): number;
  sleep(ms: number): Promise<void>;
  log(message: string): void;
  /** How long to wait in all. */
  deadlineMs: number;
  /** Between reads. */
  intervalMs: number;
}

/**
 * Resolves once the domain is `Approved`; throws on a state that will not change by waiting, or at
 * the deadline, saying what to check. Logs the state whenever it changes, and every minute.
 */
export async function waitForApproval(hostname: string, c: ApprovalClock): Promise<void> {
  const start = c.now();
  let last: string | undefined;
  let lastLog = start;
  for (;;) {
    const state = (await c.read()) ?? "Unknown";
    if (state === "Approved") {
      c.log(`Front Door approved ${hostname} after ${Math.round((c.now() - start) / 1000)} s`);
      return;
    }
    if (FAILED.includes(state))
      throw new ArgumentError(
        "hostname",
        `Front Door's validation of ${hostname} ended in ${state}: check that the TXT record _dnsauth.${hostname} holds the token in the dnsRecords output and that no CAA record forbids Front Door's CA; then run pulumi up again (a new token is issued on the domain's replacement)`,
      );
    const waited = c.now() - start;
    if (waited >= c.deadlineMs)
      throw new ArgumentError(
        "frontDoor.validationTimeoutMinutes",
        `Front Door has not approved ${hostname} after ${Math.round(waited / 60000)} min (state ${state}); check that _dnsauth.${hostname} resolves publicly to the token in the dnsRecords output (dig TXT _dnsauth.${hostname}), then run pulumi up again, or raise the timeout`,
      );
    if (state !== last || c.now() - lastLog >= 60000) {
      c.log(
        `waiting for Front Door to approve ${hostname}: ${state} (${Math.round(waited / 1000)} s of ${Math.round(c.deadlineMs / 1000)} s)`,
      );
      last = state;
      lastLog = c.now();
    }
    await c.sleep(Math.min(c.intervalMs, Math.max(0, c.deadlineMs - waited)));
  }
}
