/**
 * ARM evaluates every string of a template that starts with `[` and ends with `]` as an expression,
 * property names included, and reads `[[…]` as the literal `[…]`
 * (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#escape-characters;
 * Azure.Deployments' ExpressionParser.IsLanguageExpression: first char `[`, last char `]`). A string
 * that starts with `[` but does not end with `]` is already a literal and must stay as it is.
 */
export function armLiteral(s: string): string {
  return s.startsWith("[") && s.endsWith("]") ? `[${s}` : s;
}

/**
 * A copy of a JSON value in which every string and every property name is an ARM literal, so that
 * what a user wrote (a tag such as `[subscription().subscriptionId]`) reaches Azure as written.
 */
export function armLiterals<T>(value: T): T {
  if (typeof value === "string") return armLiteral(value) as T;
  if (Array.isArray(value)) return value.map((v) => armLiterals(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [armLiteral(k), armLiterals(v)]),
    ) as T;
  }
  return value;
}
