import * as pulumi from "@pulumi/pulumi";
import { ArgumentError } from "../errors";

/**
 * Turns the inputs the provider host hands to `construct` into the arguments the TypeScript API
 * takes, guided by the package schema (schema.json).
 *
 * The host (`@pulumi/pulumi/provider/server.js`, `deserializeInputs`) passes a top-level input as a
 * plain value only when it is neither secret nor dependent on another resource; otherwise the whole
 * top-level value arrives as one `Output` (a secret imported key makes all of `certificate` an
 * Output, a model ID from another resource makes all of `services` one). Fields the schema marks
 * `plain` decide which resources exist (kinds, names, counts, file paths), so their values are read
 * here, before the component is built. Every other field (`pulumi.Input` in the TypeScript API) is
 * handed on as an Output that keeps the enclosing Output's secretness and resources, so secrets stay
 * secret and dependencies stay dependencies.
 */

/** A property in schema.json (the subset the analyzer emits). */
export interface SchemaProperty {
  type?: string;
  $ref?: string;
  plain?: boolean;
  /** Holds a key, a password or a token (set by `npm run schema`: secret-inputs.ts). */
  secret?: boolean;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
}

/** A type in schema.json. */
export interface SchemaType {
  type: string;
  properties?: Record<string, SchemaProperty>;
  enum?: { value: string | number }[];
}

/** The parts of schema.json read here. */
export interface PackageSchema {
  name: string;
  resources: Record<
    string,
    { inputProperties: Record<string, SchemaProperty>; properties: Record<string, unknown> }
  >;
  types: Record<string, SchemaType>;
}

/** What the inputs turned into. */
export interface ResolvedInputs {
  /** The arguments, in the TypeScript API's shape. */
  args: Record<string, unknown>;
  /** Resources the Output-wrapped plain inputs depended on (the component depends on them too). */
  dependencies: pulumi.Resource[];
  /** Top-level inputs left out because a value that decides resources is not known yet (preview). */
  unknown: string[];
}

/** SDK internals every Output has at runtime (the provider server itself reads them). */
interface OutputInternals {
  promise(withUnknowns?: boolean): Promise<unknown>;
  isKnown: Promise<boolean>;
  isSecret: Promise<boolean>;
  allResources?: () => Promise<Set<pulumi.Resource>>;
  resources(): Set<pulumi.Resource>;
}

interface Context {
  secret: boolean;
  dependencies: pulumi.Resource[];
}

const NONE: Context = { secret: false, dependencies: [] };

/** Marks a plain value that is not known yet. */
class UnknownPlain {
  constructor(readonly path: string) {}
}

async function peek(
  o: pulumi.Output<unknown>,
): Promise<{ value: unknown; secret: boolean; resources: pulumi.Resource[] }> {
  const internals = o as unknown as OutputInternals;
  const [value, secret, resources] = await Promise.all([
    internals.promise(true),
    internals.isSecret,
    internals.allResources ? internals.allResources() : Promise.resolve(internals.resources()),
  ]);
  return { value, secret, resources: [...resources] };
}

/** An Input-typed value, carrying the secretness and resources of the Output it came in. */
function carry(value: unknown, ctx: Context): unknown {
  if (!ctx.secret && ctx.dependencies.length === 0) {
    return pulumi.Output.isInstance(value) || !pulumi.containsUnknowns(value) ? value : pulumi.output(value);
  }
  const withDeps =
    ctx.dependencies.length > 0
      ? pulumi.all(ctx.dependencies.map((r) => r.urn)).apply(() => value)
      : pulumi.output(value);
  return ctx.secret ? pulumi.secret(withDeps) : withDeps;
}

function typeOf(schema: PackageSchema, prop: SchemaProperty): SchemaType | undefined {
  const prefix = "#/types/";
  return prop.$ref?.startsWith(prefix) ? schema.types[prop.$ref.slice(prefix.length)] : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

async function resolveValue(
  schema: PackageSchema,
  value: unknown,
  prop: SchemaProperty,
  path: string,
  ctx: Context,
  sink: pulumi.Resource[],
): Promise<unknown> {
  if (!prop.plain) return carry(value, ctx);
  if (pulumi.Output.isInstance(value)) {
    const p = await peek(value);
    sink.push(...p.resources);
    const inner: Context = {
      secret: ctx.secret || p.secret,
      dependencies: [...ctx.dependencies, ...p.resources],
    };
    return resolveValue(schema, p.value, prop, path, inner, sink);
  }
  if (pulumi.isUnknown(value)) return new UnknownPlain(path);
  const type = typeOf(schema, prop);
  if (type?.properties && isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = type.properties[k];
      // A field the schema does not know is handed on unchanged: validateArgs names it.
      out[k] = p ? await resolveValue(schema, v, p, `${path}.${k}`, ctx, sink) : v;
      if (out[k] === undefined) delete out[k];
    }
    return out;
  }
  if (prop.type === "array" && prop.items && Array.isArray(value)) {
    const items = prop.items;
    return Promise.all(value.map((v, i) => resolveValue(schema, v, items, `${path}[${i}]`, ctx, sink)));
  }
  if (prop.type === "object" && prop.additionalProperties && isObject(value)) {
    const values = prop.additionalProperties;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = await resolveValue(schema, v, values, `${path}.${k}`, ctx, sink);
    return out;
  }
  return value;
}

function findUnknown(v: unknown): UnknownPlain | undefined {
  if (v instanceof UnknownPlain) return v;
  if (Array.isArray(v)) {
    for (const e of v) {
      const u = findUnknown(e);
      if (u) return u;
    }
  } else if (isObject(v) && !pulumi.Output.isInstance(v)) {
    for (const e of Object.values(v)) {
      const u = findUnknown(e);
      if (u) return u;
    }
  }
  return undefined;
}

/**
 * Resolves the construct inputs of `token`. A plain value that is still unknown (a preview where
 * it comes from a resource not created yet) cannot decide anything: an unknown service list is
 * left out (the preview registers no endpoints; the caller marks the URIs unknown), any other one
 * is an ArgumentError that says so.
 */
export async function resolveInputs(
  schema: PackageSchema,
  token: string,
  inputs: Record<string, unknown>,
): Promise<ResolvedInputs> {
  const resource = schema.resources[token];
  if (!resource) throw new Error(`schema.json has no resource ${token}`);
  const args: Record<string, unknown> = {};
  const dependencies: pulumi.Resource[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    const prop = resource.inputProperties[key];
    if (!prop) {
      args[key] = value;
      continue;
    }
    const resolved = await resolveValue(schema, value, prop, key, NONE, dependencies);
    const u = findUnknown(resolved);
    if (u && key === "services") {
      unknown.push(key);
      continue;
    }
    if (u) {
      throw new ArgumentError(
        u.path,
        "is not known yet in this preview, and it decides which resources the component creates; " +
          "give it as a literal or a config value, or run `pulumi up` (values are known by then)",
      );
    }
    if (resolved !== undefined) args[key] = resolved;
  }
  return { args, dependencies, unknown };
}
