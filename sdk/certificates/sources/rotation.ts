import { ArgumentError } from "../../errors";

const DAY = 86_400_000;

/**
 * The rotation clock: `SSL_ML_CLUSTER_NOW` (ISO 8601) when set, so a user can preview a future
 * rotation; otherwise the real time.
 */
export function rotationClock(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SSL_ML_CLUSTER_NOW;
  if (raw === undefined || raw === "") return new Date();
  // Date.parse accepts many non-ISO forms; require an ISO 8601 date (time and zone optional).
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
  const t = Date.parse(raw);
  if (!iso.test(raw.trim()) || Number.isNaN(t)) {
    throw new ArgumentError(
      "SSL_ML_CLUSTER_NOW",
      `${JSON.stringify(raw)} is not an ISO 8601 date such as 2027-01-31T00:00:00Z; fix or unset it`,
    );
  }
  return new Date(t);
}

/** One rotation window: every run inside it keeps the same certificate. */
export interface RotationWindow {
  /** Start of the window (ISO 8601): the stable trigger of the current certificate. */
  start: string;
  /** When the next window starts, i.e. when the next `pulumi up` makes a new certificate. */
  rotatesAfter: string;
}

/**
 * Windows of (validityDays - renewBeforeDays) days, aligned to the Unix epoch so every machine and
 * every run agrees. A certificate made anywhere inside a window is replaced when the window turns,
 * which is at least `renewBeforeDays` before it expires.
 */
export function rotationWindow(now: Date, validityDays: number, renewBeforeDays: number): RotationWindow {
  const period = (validityDays - renewBeforeDays) * DAY;
  const start = Math.floor(now.getTime() / period) * period;
  return { start: new Date(start).toISOString(), rotatesAfter: new Date(start + period).toISOString() };
}
