// verify's exit code and its expiry alarm (docs/cli.md, "Expiry alarm"): "too few days left" and
// nothing else gets an exit code of its own and one line a monitor can match, so a scheduled job
// can tell "renew now" from "broken".
import type { UriResult } from "./verify-findings";

/** Verified. */
export const EXIT_OK = 0;
/** An error finding: the front end is broken or not the stack's. */
export const EXIT_ERROR = 1;
/** Bad usage (commander and UsageError). */
export const EXIT_USAGE = 2;
/** Only `EXPIRES_SOON`: everything works, and the certificate has fewer than `--min-days` days left. */
export const EXIT_RENEW = 3;

const isError = (r: UriResult) => r.findings.some((f) => f.severity === "error");
const expiresSoon = (r: UriResult) => r.findings.some((f) => f.code === "EXPIRES_SOON");

export function verifyExitCode(results: UriResult[]): number {
  if (results.some(isError)) return EXIT_ERROR;
  if (results.some(expiresSoon)) return EXIT_RENEW;
  return EXIT_OK;
}

/**
 * The alarm line for EXIT_RENEW, key=value after a fixed prefix, the soonest URI first:
 * `ssl-ml-cluster verify: RENEW days_left=12 min_days=30 uri=https://ml.example.com/…`.
 */
export function renewLine(results: UriResult[], minDays: number): string {
  const soon = results
    .filter(expiresSoon)
    .sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.uri.localeCompare(b.uri));
  const first = soon[0];
  return `ssl-ml-cluster verify: RENEW days_left=${first.daysLeft} min_days=${minDays} uri=${first.uri} uris=${soon.length}\n`;
}
