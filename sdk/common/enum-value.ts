import { ArgumentError } from "../errors";

/**
 * Checks a value of a closed set (sdk/enums.ts). Spellings are exact and case-sensitive in every
 * language; a value that differs only in case gets a "did you mean" hint instead of being accepted.
 * `expected` is the human wording of the allowed values used in the message.
 */
export function checkEnumValue(
  argument: string,
  value: unknown,
  allowed: readonly string[],
  expected: string,
): void {
  if (value === undefined || (typeof value === "string" && allowed.includes(value))) return;
  const near =
    typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  throw new ArgumentError(
    argument,
    `must be ${expected}, got ${JSON.stringify(value)}` +
      (near ? `; did you mean "${near}"? Values are case-sensitive` : ""),
  );
}
