// A bounded wait for a value Azure publishes late (docs/limits.md, "Waits, not races"): read, and
// until the value is there, sleep and read again, the interval growing to a cap, until a deadline.
// Pure of Pulumi: the caller logs the progress and makes the error. The clock is a seam, so the
// offline runtime and the tests run a 15-minute wait in virtual time (no real sleep).

/** Time as the wait sees it. */
export interface WaitClock {
  /** Milliseconds since some fixed point. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The machine's clock. */
export const realClock: WaitClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

let clock: WaitClock = realClock;

/**
 * Replaces the clock of every wait (the offline runtime's virtual clock, a test's); `undefined`
 * restores the machine's. Returns the clock it replaced.
 */
export function setWaitClock(next: WaitClock | undefined): WaitClock {
  const prev = clock;
  clock = next ?? realClock;
  return prev;
}

/**
 * A clock whose time moves only by sleeps, at once: a wait of any length takes no real time. Each
 * sleep wakes on a later turn of the event loop, the earliest wake time first, and time moves to
 * it; so waits that sleep side by side overlap, as they would in real time.
 */
export function virtualClock(start = 0): WaitClock {
  let t = start;
  const sleepers: { wake: number; resolve: () => void }[] = [];
  const wakeEarliest = () => {
    sleepers.sort((a, b) => a.wake - b.wake);
    const next = sleepers.shift();
    if (!next) return;
    t = Math.max(t, next.wake);
    next.resolve();
  };
  return {
    now: () => t,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        sleepers.push({ wake: t + Math.max(0, ms), resolve });
        setImmediate(wakeEarliest);
      }),
  };
}

/** One read: the value once it is there; `note` says what the read saw otherwise (no secrets). */
export interface WaitRead<T> {
  value?: T;
  note?: string;
}

export interface WaitOptions<T> {
  /** Reads once. Resolves with the value, or without it (keep waiting); a throw ends the wait. */
  read: () => Promise<WaitRead<T>>;
  /** How long to wait at most, from the first read. */
  deadlineMs: number;
  /** Sleep after the first empty read. Default 5 s. */
  intervalMs?: number;
  /** Each next sleep is 1.5 times the last, up to this. Default 30 s. */
  maxIntervalMs?: number;
  /** Called after each empty read, before sleeping: time waited so far, the deadline, the read's note. */
  onWaiting?: (elapsedMs: number, deadlineMs: number, note: string | undefined) => void;
}

/** The wait ran out: how long it waited, how many reads, what the last read saw. */
export class WaitExpired extends Error {
  constructor(
    readonly elapsedMs: number,
    readonly reads: number,
    readonly lastNote: string | undefined,
  ) {
    super(`no value after ${formatDuration(elapsedMs)} (${reads} reads)`);
    this.name = "WaitExpired";
  }
}

/**
 * Reads until a value comes, sleeping between reads; the last read is at the deadline. Throws
 * {@link WaitExpired} when the deadline passes with no value.
 */
export async function waitFor<T>(o: WaitOptions<T>): Promise<T> {
  const c = clock;
  const start = c.now();
  const cap = o.maxIntervalMs ?? 30_000;
  let interval = Math.min(o.intervalMs ?? 5_000, cap);
  let reads = 0;
  for (;;) {
    const r = await o.read();
    reads += 1;
    if (r.value !== undefined) return r.value;
    const elapsed = c.now() - start;
    if (elapsed >= o.deadlineMs) throw new WaitExpired(elapsed, reads, r.note);
    o.onWaiting?.(elapsed, o.deadlineMs, r.note);
    await c.sleep(Math.min(interval, o.deadlineMs - elapsed));
    interval = Math.min(interval * 1.5, cap);
  }
}

/** `2m10s`, `15m`, `45s`, `1h5m`: whole seconds, zero parts left out. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h ? `${h}h` : "", m ? `${m}m` : "", s ? `${s}s` : ""].join("");
  return parts || "0s";
}
