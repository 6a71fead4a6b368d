// Rules of `frontEndWaitMinutes`: how long the up waits for the front end's address (await-front-end.ts).
// Pure: no Pulumi, no I/O.
import { ArgumentError } from "../errors";

/** The default wait for the front end's address, in minutes. */
export const DEFAULT_FRONT_END_WAIT_MINUTES = 15;
/** The longest wait accepted, in minutes: past two hours a load balancer is not coming. */
export const MAX_FRONT_END_WAIT_MINUTES = 120;

/**
 * `frontEndWaitMinutes` checked: a number of minutes greater than 0 and at most 120 (fractions
 * allowed), default 15.
 */
export function checkedFrontEndWaitMinutes(value: unknown): number {
  if (value === undefined) return DEFAULT_FRONT_END_WAIT_MINUTES;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value <= 0 ||
    value > MAX_FRONT_END_WAIT_MINUTES
  ) {
    throw new ArgumentError(
      "frontEndWaitMinutes",
      `must be a number of minutes greater than 0 and at most ${MAX_FRONT_END_WAIT_MINUTES} (default ${DEFAULT_FRONT_END_WAIT_MINUTES}), got ${typeof value === "number" ? String(value) : (JSON.stringify(value) ?? typeof value)}; or pass frontEndIp to skip the wait`,
    );
  }
  return value;
}
