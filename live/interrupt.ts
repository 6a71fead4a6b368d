// Ctrl-C of the live check. `pulumi` runs in a process group of its own (live/pulumi.ts), so a
// terminal's Ctrl-C reaches the driver alone, and the driver sends the running command exactly one
// SIGINT: Pulumi then cancels gracefully (it finishes the operations in flight and saves its
// state). A second SIGINT makes Pulumi terminate at once, warning that resources may be orphaned,
// so the driver sends one only when asked twice within FORCE_WINDOW_MS.

/** How soon a second Ctrl-C must follow the previous one to force pulumi to stop. */
export const FORCE_WINDOW_MS = 5_000;

/** The running pulumi command, as the handler sees it. */
export interface Interruptible {
  /** Sends one SIGINT to the running command's process group; false when none is running. */
  interrupt(): boolean;
}

export interface InterruptOptions {
  abort: AbortController;
  /** The CLI runner once there is one (the run creates it after its prerequisites). */
  pulumi: () => Interruptible | undefined;
  out: (line: string) => void;
  now?: () => number;
  windowMs?: number;
}

/**
 * The driver's handler for SIGINT (and SIGTERM, SIGHUP): the first stops the run where it is
 * (nothing is destroyed) and asks pulumi to cancel; a second one within the window forces pulumi
 * to stop; one after the window only says how to force.
 */
export function interruptHandler(o: InterruptOptions): () => void {
  const now = o.now ?? Date.now;
  const window = o.windowMs ?? FORCE_WINDOW_MS;
  const seconds = Math.round(window / 1000);
  let last: number | undefined;
  let forced = false;
  return () => {
    const t = now();
    const pulumi = o.pulumi();
    if (last === undefined) {
      last = t;
      o.abort.abort();
      o.out("live-check: interrupted; stopping without destroying (the stack stays resumable)");
      if (pulumi?.interrupt())
        o.out(
          `live-check: pulumi is cancelling the running command gracefully (it saves its state); waiting for it to exit. Ctrl-C again within ${seconds} s forces it to stop at once (Pulumi warns that resources may then be orphaned)`,
        );
      return;
    }
    const within = t - last <= window;
    last = t;
    if (forced) return;
    if (within && pulumi?.interrupt()) {
      forced = true;
      o.out(
        "live-check: second Ctrl-C: pulumi was told to stop at once; operations in flight may be left pending (the next `pulumi up` names them; `pulumi refresh` reconciles them)",
      );
    } else if (pulumi)
      o.out(`live-check: still waiting for pulumi to cancel; Ctrl-C again within ${seconds} s forces it`);
  };
}
