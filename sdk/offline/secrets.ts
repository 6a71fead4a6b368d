/** Pulumi's wire signature for a secret value: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isWireSecret(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** The value with every secret wrapper removed (what a provider sees). */
export function unwrapSecrets(v: unknown): unknown {
  if (isWireSecret(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, unwrapSecrets(x)]),
    );
  }
  return v;
}

export const MASK = "[secret]";

/** The value with every secret replaced by "[secret]" (what may be printed or saved). */
export function maskSecrets(v: unknown): unknown {
  if (isWireSecret(v)) return MASK;
  if (Array.isArray(v)) return v.map(maskSecrets);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, maskSecrets(x)]),
    );
  }
  return v;
}

export function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === "object" && !Buffer.isBuffer(v)) {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortDeep(o[k])]),
    );
  }
  return v;
}
