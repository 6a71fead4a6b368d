// The shared mocks module: every suite uses the SDK's offline runtime (realistic Azure answers)
// and its recorder of registrations. Call `freshRuntime()` before each construction.
import { setupOfflineRuntime, OfflineRuntimeOptions, Recorder, resolveOutput } from "../sdk/offline/runtime";
import { isWireSecret, unwrapSecrets } from "../sdk/offline/secrets";

export { resolveOutput, isWireSecret, unwrapSecrets };
export type { Recorder };

export function freshRuntime(options: OfflineRuntimeOptions = {}): Recorder {
  return setupOfflineRuntime(options).recorder;
}

/** Waits for every output of a component (or any object of Outputs) and then for every registration. */
export async function settle<T extends object>(
  recorder: Recorder,
  outputs: T,
): Promise<{ [K in keyof T]: unknown }> {
  const entries = await Promise.all(
    Object.entries(outputs).map(async ([k, v]) => [k, await resolveOutput(v)] as const),
  );
  await recorder.settled();
  return Object.fromEntries(entries) as { [K in keyof T]: unknown };
}

/** The value at a dotted path of wire-form inputs, and whether any level on the way is a secret. */
export function at(inputs: Record<string, unknown>, path: string): { value: unknown; secret: boolean } {
  let cur: unknown = inputs;
  let secret = false;
  for (const part of path.split(".")) {
    if (isWireSecret(cur)) {
      secret = true;
      cur = cur.value;
    }
    cur = (cur as Record<string, unknown> | undefined)?.[part];
  }
  if (isWireSecret(cur)) {
    secret = true;
    cur = cur.value;
  }
  return { value: unwrapSecrets(cur), secret };
}
