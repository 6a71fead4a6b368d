/** Bad usage of the CLI (exit 2): a wrong flag, a missing file, a program that cannot be loaded. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
