// Shared checks of plain argument values, used by every part's rules. Pure: no Pulumi, no I/O.
import { ArgumentError } from "../errors";

/** Refuses a block that is not an object, or a field it does not know (suggesting a near spelling). */
export function checkKeys(path: string, value: unknown, known: readonly string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ArgumentError(
      path,
      `must be an object, got ${Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
      throw new ArgumentError(
        `${path}.${key}`,
        near
          ? `unknown field; did you mean "${near}"?`
          : `unknown field; known fields are ${known.join(", ")}`,
      );
    }
  }
}

/** True for a plain string (an Output or a promise is checked later, once known). */
export function isPlainString(v: unknown): v is string {
  return typeof v === "string";
}

/** A whole number from `min` to `max`, or `def` when not given. */
export function intIn(path: string, v: unknown, min: number, max: number, def: number): number {
  if (v === undefined) return def;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new ArgumentError(path, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}
