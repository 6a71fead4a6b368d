/**
 * An argument of the component or the CLI is wrong. `argument` names it; the message says how to fix it.
 * Thrown before any resource is registered.
 */
export class ArgumentError extends Error {
  constructor(
    public readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
    this.name = "ArgumentError";
  }
}

/**
 * Bad usage of the command line or of `plan` (exit 2): a wrong flag, a missing file, a program that
 * cannot be loaded. Here rather than under `cli/` so the offline engine can throw it too.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
