// Checks the properties of a Pulumi YAML resource against a Pulumi package schema (schema.json):
// required properties present, no unknown ones, enum values from the enum, scalar types as declared.
// An interpolation (`${...}`) is a value the schema cannot judge: only its presence counts.
// Schema shape: https://www.pulumi.com/docs/iac/extending-pulumi/schema/

export interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
}
interface SchemaType {
  type: string;
  properties?: Record<string, SchemaProperty>;
  required?: string[];
  enum?: { value: unknown }[];
}
export interface PackageSchema {
  resources: Record<string, { inputProperties: Record<string, SchemaProperty>; requiredInputs?: string[] }>;
  types: Record<string, SchemaType>;
}

const interpolated = (v: unknown) => typeof v === "string" && /\$\{[^}]+\}/.test(v);

function checkObject(
  schema: PackageSchema,
  where: string,
  value: unknown,
  properties: Record<string, SchemaProperty>,
  required: string[],
  problems: string[],
): void {
  if (interpolated(value)) return;
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    problems.push(`${where}: an object is expected`);
    return;
  }
  const v = value as Record<string, unknown>;
  for (const r of required)
    if (v[r] === undefined) problems.push(`${where}${where ? "." : ""}${r}: required`);
  for (const [k, x] of Object.entries(v)) {
    const at = `${where}${where ? "." : ""}${k}`;
    if (!Object.hasOwn(properties, k)) problems.push(`${at}: no such property`);
    else checkValue(schema, at, x, properties[k], problems);
  }
}

function checkValue(
  schema: PackageSchema,
  where: string,
  value: unknown,
  p: SchemaProperty,
  problems: string[],
): void {
  if (interpolated(value)) return;
  if (p.$ref) {
    const t = schema.types[p.$ref.replace(/^#\/types\//, "")];
    if (!t) {
      problems.push(`${where}: the schema has no type ${p.$ref}`);
      return;
    }
    if (t.enum) {
      if (!t.enum.some((e) => e.value === value))
        problems.push(
          `${where}: ${JSON.stringify(value)} is not one of ${t.enum.map((e) => JSON.stringify(e.value)).join(", ")}`,
        );
      return;
    }
    checkObject(schema, where, value, t.properties ?? {}, t.required ?? [], problems);
    return;
  }
  switch (p.type) {
    case "array":
      if (!Array.isArray(value)) problems.push(`${where}: a list is expected`);
      else value.forEach((x, i) => checkValue(schema, `${where}[${i}]`, x, p.items!, problems));
      return;
    case "object":
      if (!value || typeof value !== "object" || Array.isArray(value))
        problems.push(`${where}: an object is expected`);
      else if (p.additionalProperties)
        for (const [k, x] of Object.entries(value))
          checkValue(schema, `${where}.${k}`, x, p.additionalProperties, problems);
      return;
    case "integer":
      if (!Number.isInteger(value))
        problems.push(`${where}: an integer is expected, got ${JSON.stringify(value)}`);
      return;
    case "number":
    case "string":
    case "boolean":
      if (typeof value !== p.type)
        problems.push(`${where}: a ${p.type} is expected, got ${JSON.stringify(value)}`);
      return;
    default:
      problems.push(`${where}: the schema gives no type`);
  }
}

/** The problems of one resource's properties, each naming the property path; [] when it fits. */
export function checkResourceProperties(schema: PackageSchema, token: string, properties: unknown): string[] {
  const resource = schema.resources[token];
  if (!resource) return [`${token}: no such resource in the schema`];
  const problems: string[] = [];
  checkObject(
    schema,
    "",
    properties ?? {},
    resource.inputProperties,
    resource.requiredInputs ?? [],
    problems,
  );
  return problems;
}
