import * as pulumi from "@pulumi/pulumi";
import type { PackageSchema, SchemaProperty, SchemaType } from "./resolve-inputs";

/**
 * The component's inputs that hold a private key, a password or an API token, as paths through its
 * arguments (`[]` steps into a list's items). The one place that says which inputs are secret:
 * `npm run schema` marks each `secret: true` in schema.json (@pulumi/pulumi's component analyzer
 * has no marker for it: it writes type, plain, optional and description only), and `construct`
 * makes each a secret whatever the caller sent.
 *
 * `certPem` is here too: it may hold the private key after the certificates (a "bundle" file, as
 * `cat fullchain.pem privkey.pem` makes). The certificates themselves stay public: the component
 * takes them out of the secret and unsecrets them, so the `certificate` output is not secret.
 * `chainPem` holds certificates only, and is not here.
 */
export const SECRET_INPUTS: readonly string[] = [
  "certificate.imported.certPem",
  "certificate.imported.keyPem",
  "certificate.imported.pfxBase64",
  "certificate.imported.password",
  "dns.cloudflare.apiToken",
  "certificate.acme.challenge.cloudflare.apiToken",
];

/** The same for SslMlManagedEndpoints: its only secret input is the Cloudflare token. */
export const MANAGED_SECRET_INPUTS: readonly string[] = ["dns.cloudflare.apiToken"];

const REF = "#/types/";

function referenced(schema: PackageSchema, prop: SchemaProperty): SchemaType | undefined {
  return prop.$ref?.startsWith(REF) ? schema.types[prop.$ref.slice(REF.length)] : undefined;
}

/** Steps of a path: `services[].x` → services, [], x. */
function steps(path: string): string[] {
  return path.split(".").flatMap((s) => (s.endsWith("[]") ? [s.slice(0, -2), "[]"] : [s]));
}

/**
 * schema.json with `secret: true` on every property `paths` names (a copy; `schema` is not changed).
 * Throws when a path does not lead to a property, or leads to a `plain` one (a plain value cannot be
 * an Output, so it cannot be a secret): a renamed field fails `npm run schema` instead of going
 * unmarked.
 */
export function markSecretInputs<S extends PackageSchema>(
  schema: S,
  token: string,
  paths: readonly string[] = SECRET_INPUTS,
): S {
  const copy = JSON.parse(JSON.stringify(schema)) as S;
  const resource = copy.resources[token];
  if (!resource) throw new Error(`schema.json has no resource ${token}`);
  for (const path of paths) {
    const [first, ...rest] = steps(path);
    let owner: Record<string, SchemaProperty> = resource.inputProperties;
    let key = first;
    for (const step of rest) {
      const prop = owner[key];
      if (!prop) break;
      if (step === "[]") {
        if (!prop.items) throw new Error(`secret input ${path}: ${key} is not a list`);
        owner = prop as unknown as Record<string, SchemaProperty>;
        key = "items";
        continue;
      }
      const type = referenced(copy, prop);
      if (!type?.properties) throw new Error(`secret input ${path}: ${key} is not an object type`);
      owner = type.properties;
      key = step;
    }
    const prop = owner[key];
    if (!prop) throw new Error(`secret input ${path}: schema.json has no such property`);
    if (prop.plain) throw new Error(`secret input ${path}: a plain property cannot be secret`);
    prop.secret = true;
  }
  return copy;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !pulumi.Output.isInstance(v);
}

/** Whether a value of this property may hold a secret input somewhere inside. */
function holdsSecret(schema: PackageSchema, prop: SchemaProperty, seen = new Set<string>()): boolean {
  if (prop.secret) return true;
  const inner = prop.items ?? prop.additionalProperties;
  if (inner) return holdsSecret(schema, inner, seen);
  if (!prop.$ref || seen.has(prop.$ref)) return false;
  seen.add(prop.$ref);
  const props = referenced(schema, prop)?.properties ?? {};
  return Object.values(props).some((p) => holdsSecret(schema, p, seen));
}

function secretValue(schema: PackageSchema, value: unknown, prop: SchemaProperty): unknown {
  if (value === undefined || value === null) return value;
  // A secret property, or an Output (not known here) that may hold one: the whole value is secret.
  if (prop.secret || (pulumi.Output.isInstance(value) && holdsSecret(schema, prop)))
    return pulumi.secret(value);
  const type = referenced(schema, prop);
  if (type?.properties && isObject(value)) {
    const props = type.properties;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, props[k] ? secretValue(schema, v, props[k]) : v]),
    );
  }
  if (prop.items && Array.isArray(value)) {
    const items = prop.items;
    return value.map((v) => secretValue(schema, v, items));
  }
  if (prop.additionalProperties && isObject(value)) {
    const values = prop.additionalProperties;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretValue(schema, v, values)]));
  }
  return value;
}

/**
 * The component's arguments with every input the schema marks `secret` made a secret Output (a
 * copy; `args` is not changed). Other languages' SDKs mark such inputs when their code generator
 * honours `secret` on the property; this makes them secret in the component either way, so nothing
 * it registers or returns can carry them in plain text.
 */
export function withSecretInputs(
  schema: PackageSchema,
  token: string,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const resource = schema.resources[token];
  if (!resource) throw new Error(`schema.json has no resource ${token}`);
  return Object.fromEntries(
    Object.entries(args).map(([k, v]) => {
      const prop = resource.inputProperties[k];
      return [k, prop ? secretValue(schema, v, prop) : v];
    }),
  );
}
