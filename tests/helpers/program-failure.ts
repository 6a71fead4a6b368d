import { build } from "./component";
import type { OfflineRuntimeOptions } from "../../sdk/offline/runtime";
import type { SslMlClusterArgs } from "../../sdk/types";

/**
 * Runs the component and returns the first unhandled rejection: how an input that fails in the
 * pipeline ends a program (Pulumi's runner reports it and exits).
 */
export async function programFailure<A = SslMlClusterArgs>(
  args: A,
  options: OfflineRuntimeOptions = {},
  run: (args: A, options: OfflineRuntimeOptions) => Promise<unknown> = build as never,
): Promise<unknown> {
  const saved = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  // The runtime also logs the failed inputs with console.error (its log without an engine):
  // expected here, so kept out of the test output.
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    const failure = new Promise<unknown>((resolve) => process.on("unhandledRejection", (e) => resolve(e)));
    void run(args, options).catch(() => undefined);
    return await Promise.race([
      failure,
      new Promise((r) => setTimeout(() => r(new Error("no failure within 20 s")), 20_000)),
    ]);
  } finally {
    await new Promise((r) => setTimeout(r, 100)); // let this program's log lines land while silenced
    console.error = consoleError;
    process.removeAllListeners("unhandledRejection");
    for (const l of saved) process.on("unhandledRejection", l);
  }
}
