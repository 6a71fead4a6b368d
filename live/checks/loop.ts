// The zero-downtime loop: while a change is applied, a call to the stack's own scoring URI starts
// every `intervalMs` (at most 250 ms), whatever the previous call is doing, bounded in calls, time
// and calls in flight. The figures come from the calls' results.
import type { CallResult } from "./score";

export interface LoopOptions {
  call: () => Promise<CallResult>;
  /** ms between call starts (≤ 250). */
  intervalMs: number;
  /** At most this many calls... */
  maxCalls: number;
  /** ...and for at most this long (ms), even if never stopped. */
  maxMs: number;
  /** Calls started while this many are still unanswered wait for the next tick. Default 16. */
  maxInFlight?: number;
}

export interface Loop {
  /** Stops starting calls, waits for those in flight, and returns every result in start order. */
  stop(): Promise<CallResult[]>;
}

export const MAX_INTERVAL_MS = 250;

export function startLoop(o: LoopOptions): Loop {
  if (!(o.intervalMs > 0 && o.intervalMs <= MAX_INTERVAL_MS))
    throw new Error(`the loop calls at least every ${MAX_INTERVAL_MS} ms; got ${o.intervalMs}`);
  if (!(o.maxCalls > 0) || !(o.maxMs > 0)) throw new Error("the loop needs a bound on calls and on time");
  const results: CallResult[] = [];
  const inFlight = new Set<Promise<void>>();
  const t0 = Date.now();
  let started = 0;
  const tick = () => {
    if (started >= o.maxCalls || Date.now() - t0 >= o.maxMs) return clearInterval(timer);
    if (inFlight.size >= (o.maxInFlight ?? 16)) return;
    started++;
    const p: Promise<void> = o.call().then(
      (r) => void results.push(r),
      (e: unknown) => void results.push({ ok: false, start: Date.now(), end: Date.now(), error: String(e) }),
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const timer = setInterval(tick, o.intervalMs);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return results.sort((a, b) => a.start - b.start);
    },
  };
}

/** The zero-downtime figures of one change. */
export interface LoopFigures {
  calls: number;
  failed: number;
  /** The longest time without a successful answer (ms): between two, or from the loop's start or to its end. */
  longestGapMs: number;
  /** The certificate of the first and of the last successful call. */
  fingerprintBefore?: string;
  fingerprintAfter?: string;
  /** The first few distinct failure reasons, with how often each occurred. */
  failures: { error: string; count: number }[];
}

/**
 * Figures of a loop that ran from `from` to `to` (ms). A call counts as successful only if it
 * passed and (when `trusted` is given) the certificate it saw is one of the stack's.
 */
export function summarize(results: CallResult[], from: number, to: number, trusted?: string[]): LoopFigures {
  const norm = (fp: string) => fp.replace(/[^0-9a-fA-F]/g, "").toUpperCase();
  const trust = trusted?.map(norm);
  const judged = results.map((r) =>
    r.ok && trust && !(r.fingerprint && trust.includes(norm(r.fingerprint)))
      ? { ...r, ok: false, error: `served certificate ${r.fingerprint ?? "(none)"} is not the stack's` }
      : r,
  );
  const good = judged.filter((r) => r.ok).sort((a, b) => a.end - b.end);
  let longest = 0;
  let last = from;
  for (const r of good) {
    longest = Math.max(longest, r.end - last);
    last = Math.max(last, r.end);
  }
  longest = Math.max(longest, to - last);
  const reasons = new Map<string, number>();
  for (const r of judged)
    if (!r.ok) reasons.set(r.error ?? "failed", (reasons.get(r.error ?? "failed") ?? 0) + 1);
  return {
    calls: judged.length,
    failed: judged.length - good.length,
    longestGapMs: longest,
    fingerprintBefore: good.length
      ? good.reduce((a, b) => (b.start < a.start ? b : a)).fingerprint
      : undefined,
    fingerprintAfter: good.length
      ? good.reduce((a, b) => (b.start > a.start ? b : a)).fingerprint
      : undefined,
    failures: [...reasons.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([error, count]) => ({ error, count })),
  };
}
