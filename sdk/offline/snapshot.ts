import { PLAN_KIND, PLAN_VERSION, type Plan, type PlannedResource } from "./plan-types";

export { PLAN_KIND, PLAN_VERSION };

/**
 * A `--compare` file is user input: every field the comparison reads is checked here, so a file
 * with a wrong type, a null or a missing field is refused with the field named, never a crash later.
 */
export function parseSnapshot(text: string): Plan {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new SnapshotFormatError("it is not JSON");
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new SnapshotFormatError("it is not a JSON object");
  const p = v as Record<string, unknown>;
  if (p.kind !== PLAN_KIND) throw new SnapshotFormatError(`"kind" is not ${JSON.stringify(PLAN_KIND)}`);
  if (p.version !== PLAN_VERSION)
    throw new SnapshotFormatError(
      `"version" is ${JSON.stringify(p.version)}, this version reads ${PLAN_VERSION}: make a new snapshot`,
    );
  const resources = array(p.resources, "resources").map((r, i) => resource(r, `resources[${i}]`));
  return {
    kind: PLAN_KIND,
    version: PLAN_VERSION,
    project: string(p.project, "project"),
    stack: string(p.stack, "stack"),
    programDir: string(p.programDir, "programDir"),
    clock: string(p.clock, "clock"),
    secretKeyId: string(p.secretKeyId, "secretKeyId"),
    resources,
    outputs: object(p.outputs, "outputs"),
    warnings: array(p.warnings, "warnings").map((w, i) => string(w, `warnings[${i}]`)),
    offlineCertificates: stringMap(p.offlineCertificates, "offlineCertificates"),
  };
}

export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotFormatError";
  }
}

function resource(v: unknown, where: string): PlannedResource {
  const r = object(v, where);
  if (r.op !== "register" && r.op !== "read")
    throw new SnapshotFormatError(`"${where}.op" is not "register" or "read"`);
  if (!("inputs" in r)) throw new SnapshotFormatError(`"${where}.inputs" is missing`);
  if (r.id !== undefined) string(r.id, `${where}.id`);
  if (typeof r.deleteBeforeReplace !== "boolean")
    throw new SnapshotFormatError(`"${where}.deleteBeforeReplace" is not true or false`);
  return {
    urn: string(r.urn, `${where}.urn`),
    type: string(r.type, `${where}.type`),
    name: string(r.name, `${where}.name`),
    parent: string(r.parent, `${where}.parent`),
    op: r.op,
    ...(r.id !== undefined ? { id: r.id as string } : {}),
    inputs: r.inputs,
    secretDigests: stringMap(r.secretDigests, `${where}.secretDigests`),
    ...("replacementTrigger" in r ? { replacementTrigger: r.replacementTrigger } : {}),
    replaceOnChanges: array(r.replaceOnChanges, `${where}.replaceOnChanges`).map((x, i) =>
      string(x, `${where}.replaceOnChanges[${i}]`),
    ),
    deleteBeforeReplace: r.deleteBeforeReplace,
  };
}

function object(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new SnapshotFormatError(`"${where}" is not an object`);
  return v as Record<string, unknown>;
}

function array(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new SnapshotFormatError(`"${where}" is not a list`);
  return v;
}

function string(v: unknown, where: string): string {
  if (typeof v !== "string") throw new SnapshotFormatError(`"${where}" is not a string`);
  return v;
}

function stringMap(v: unknown, where: string): Record<string, string> {
  const o = object(v, where);
  for (const [k, x] of Object.entries(o)) string(x, `${where}.${k}`);
  return o as Record<string, string>;
}
