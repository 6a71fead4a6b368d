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
